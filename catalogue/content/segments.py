"""Cut a Markdown body into translatable units, from markdown-it's tokens.

A translator (and a machine engine) sees plain inline text, one unit at a time: a paragraph,
a heading, a list item (nested lists keep their nesting), each paragraph of a blockquote or a
footnote, a table cell, an image's alt text. Everything else (lists and their numbering,
quotes, tables and their alignment, code, rules, raw HTML, images' addresses, footnote
anchors) is fixed markup rendered once from the source's tokens, so a translation changes
words, never the structure around them. Each unit keeps the line it was written on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from markdown_it.token import Token

from ..core.problems import Location
from .markup import PARSER, render_alt
from .model import LANG_SLOT, Block, BlockKind, InlineContext, Text

SLOT_VALUE = LANG_SLOT[len(' lang="') : -1]
ALT_SLOT = "\x01"  # where an image's alt text goes, while its markup is rendered
BESIDE_IMAGES = {"softbreak", "hardbreak"}  # what may stand between images in an images-only unit
CONTAINERS: dict[str, BlockKind] = {"list_item_open": "item", "blockquote_open": "quote", "footnote_open": "footnote"}
NOTES = {"item": "list item", "footnote": "footnote", "heading": "heading", "cell": "table cell"}  # what translators are told


def segment(body: str, path: str, first_line: int, note: str = "body", doc: str = "") -> tuple[Block, ...]:
    """The blocks of a Markdown body; ``first_line`` is the body's line in its file, ``doc``
    names the body in its footnotes' anchors (its entry's slug)."""
    env: dict[str, Any] = {"docId": doc} if doc else {}
    tokens = PARSER.parse(body, env)
    return _Cutter(tokens, env, path, first_line, note).blocks()


class _Cutter:
    """One walk over a body's tokens, gathering markup until each unit."""

    def __init__(self, tokens: list[Token], env: dict[str, Any], path: str, first_line: int, note: str) -> None:
        self.tokens, self.env, self.path, self.first_line, self.note = tokens, env, path, first_line, note
        references = env.get("references", {})
        self.references = tuple(sorted((label, ref["href"], ref.get("title") or "") for label, ref in references.items()))
        self.footnotes = tuple(sorted((label[1:], n) for label, n in env.get("footnotes", {}).get("refs", {}).items() if n >= 0))
        self.doc = env.get("docId", "") if self.footnotes else ""
        self.markup: list[str] = []
        self.found: list[Block] = []

    def blocks(self) -> tuple[Block, ...]:
        containers: list[BlockKind] = []
        number = 0  # top-level blocks so far, for translators' notes ("body ¶3")
        line = self.first_line
        _mark_lang_slots(self.tokens)
        for index, token in enumerate(self.tokens):
            if token.level == 0 and token.nesting >= 0 and not token.type.startswith("footnote"):
                number += 1
            if token.map:
                line = self.first_line + token.map[0]
            if token.type in CONTAINERS:
                containers.append(CONTAINERS[token.type])
            elif token.type.replace("_close", "_open") in CONTAINERS:
                containers.pop()
            if token.type != "inline":
                self.markup.append(_render_token(self.tokens, index, self.env))
                continue
            opener = self.tokens[index - 1].type
            kind: BlockKind = "heading" if opener == "heading_open" else "cell" if opener in ("th_open", "td_open") else "paragraph"
            if kind == "paragraph" and containers:
                kind = containers[-1]
            what = f"{self.note} {NOTES[kind]}" if kind in NOTES else f"{self.note} " + ("quote " if kind == "quote" else "") + f"¶{number}"
            self.unit(token, kind, Location(self.path, line), what)
        self.flush(Block("markup", None))
        return tuple(self.found)

    def flush(self, block: Block) -> None:
        """Add ``block`` with the markup gathered before it (a markup-only block only when there is some)."""
        markup = "".join(self.markup) + block.markup
        self.markup = []
        if block.text is not None or markup.strip():
            self.found.append(replace(block, markup=markup))

    def unit(self, inline: Token, kind: BlockKind, where: Location, what: str) -> None:
        children = inline.children or []
        context = InlineContext(self.references, self.footnotes, tuple(sorted(_first_references(children).items())), self.doc)
        if not _only_images(children):
            if inline.content.strip():
                self.flush(Block(kind, Text(inline.content, where, what), links=_links(children), context=context))
            return
        for child in children:
            if child.type != "image":
                self.markup.append(PARSER.renderer.renderInline([child], PARSER.options, self.env))
                continue
            before, after = _image_markup(child, self.env)
            if child.content.strip():
                alt = Text(child.content, where, f"{self.note} image alt")
                self.flush(Block("alt", alt, before, _links([child]), context))
                self.markup.append(after)
            else:
                self.markup.append(before.replace(LANG_SLOT, "") + render_alt(child.content) + after)


def _mark_lang_slots(tokens: list[Token]) -> None:
    """Give each unit's own element a lang slot (see ``Block``); the page's <h1> is its title's."""
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        if token.type != "inline" or not token.content.strip() or _only_images(token.children or []):
            continue
        opener = tokens[index - 1]
        if not opener.hidden:
            opener.attrSet("lang", SLOT_VALUE)
        elif tokens[index - 2].type == "list_item_open" and tokens[index + 2].type == "list_item_close":
            tokens[index - 2].attrSet("lang", SLOT_VALUE)  # a tight list's item holding only this text


def _render_token(tokens: list[Token], index: int, env: dict[str, Any]) -> str:
    rule = PARSER.renderer.rules.get(tokens[index].type)
    return rule(tokens, index, PARSER.options, env) if rule else PARSER.renderer.renderToken(tokens, index, PARSER.options, env)


def _only_images(children: list[Token]) -> bool:
    """An inline made of images alone (a picture in its own paragraph, a row of them)."""
    kinds = {child.type for child in children if not (child.type == "text" and not child.content.strip())}
    return "image" in kinds and kinds <= {"image"} | BESIDE_IMAGES


def _image_markup(image: Token, env: dict[str, Any]) -> tuple[str, str]:
    """An image's HTML, cut where its alt text goes; its lang slot comes before the alt."""
    attrs = {"src": image.attrGet("src") or "", "lang": SLOT_VALUE, "alt": ALT_SLOT}
    if image.attrGet("title"):
        attrs["title"] = image.attrGet("title")
    alone = Token("image", "img", 0, attrs=attrs)
    html = PARSER.renderer.renderToken([alone], 0, PARSER.options, env)
    before, _, after = html.partition(ALT_SLOT)
    return before, after


def _first_references(children: list[Token]) -> dict[int, int]:
    """For each footnote this text refers to, how many references to it came before (its first anchor's number)."""
    first: dict[int, int] = {}
    for token in _walk(children):
        if token.type == "footnote_ref":
            first.setdefault(token.meta["id"], token.meta["subId"])
    return first


def _links(children: list[Token]) -> tuple[str, ...]:
    """Link targets and image sources, as written in the source (references resolved)."""
    return tuple(
        str(token.attrGet("href") if token.type == "link_open" else token.attrGet("src"))
        for token in _walk(children)
        if token.type in ("link_open", "image")
    )


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])
