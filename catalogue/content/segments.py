"""Cut a Markdown body into blocks, the units translators translate.

A paragraph, a heading and a list item are each one segment, so a translator sees one idea
at a time and an edit to one paragraph leaves the others' translations untouched. Code is
kept verbatim; other blocks (quotes, tables) are translated whole. Joining the blocks back
with blank lines gives the body again.
"""

from __future__ import annotations

import re

from ..core.problems import Location
from .model import Block, Text

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
LIST_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
VERBATIM_START = re.compile(r"^( {4}|\t)")


def raw_blocks(body: str) -> list[tuple[int, list[str]]]:
    """Split on blank lines (keeping fenced code whole): (index of first line, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    fence = ""
    for index, line in enumerate(body.split("\n")):
        if fence:
            current.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        opening = FENCE.match(line)
        if opening and not current:
            fence = opening.group(1)[:3]
        if not line.strip() and not fence:
            if current:
                blocks.append((start, current))
            current = []
            continue
        if not current:
            start = index
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def split_items(lines: list[str]) -> list[tuple[int, str, str]]:
    """A list block's items: (line offset, item text without its marker, the marker)."""
    first = LIST_ITEM.match(lines[0])
    assert first is not None
    indent = len(first.group(1))
    items: list[tuple[int, list[str], str]] = []
    for offset, line in enumerate(lines):
        match = LIST_ITEM.match(line)
        if match and len(match.group(1)) == indent:
            items.append((offset, [match.group(3)], match.group(2)))
        else:
            width = indent + len(items[-1][2]) + 1
            items[-1][1].append(line[width:] if line.startswith(" " * width) else line.strip())
    return [(offset, "\n".join(text).strip(), marker) for offset, text, marker in items]


def segment(body: str, path: str, first_line: int, note: str = "body") -> tuple[Block, ...]:
    """The blocks of a Markdown body; ``first_line`` is the body's line in its file."""
    blocks: list[Block] = []
    list_id = 0
    for number, (start, lines) in enumerate(raw_blocks(body), start=1):
        line = first_line + start
        where = Location(path, line)
        heading = HEADING.match(lines[0])
        if FENCE.match(lines[0]) or VERBATIM_START.match(lines[0]):
            blocks.append(Block("verbatim", None, raw="\n".join(lines)))
        elif heading and len(lines) == 1:
            text = Text(heading.group(2), where, f"{note} heading")
            blocks.append(Block("heading", text, level=len(heading.group(1))))
        elif LIST_ITEM.match(lines[0]):
            for offset, text, marker in split_items(lines):
                ordered = marker[0].isdigit()
                previous = blocks[-1] if blocks else None
                new_list = previous is None or previous.kind != "item" or previous.ordered != ordered
                list_id += new_list  # a new list starts (loose items of one list continue it)
                item = Text(text, Location(path, line + offset), f"{note} list item")
                blocks.append(Block("item", item, ordered=ordered, list_id=list_id, loose=offset == 0 and not new_list, marker=marker))
        elif lines[0].lstrip().startswith((">", "|", "<")):
            blocks.append(Block("block", Text("\n".join(lines), where, f"{note} block ¶{number}")))
        else:
            blocks.append(Block("paragraph", Text("\n".join(lines), where, f"{note} ¶{number}")))
    return tuple(blocks)


def reassemble(blocks: tuple[Block, ...]) -> str:
    """The Markdown body again, from its blocks (source wording): segment's inverse."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        text = block.text.source if block.text else block.raw
        if block.kind == "heading":
            piece = "#" * block.level + " " + text
        elif block.kind == "item":
            marker = (block.marker or ("1." if block.ordered else "-")) + " "
            piece = marker + text.replace("\n", "\n" + " " * len(marker))
        else:
            piece = text
        same_list = previous is not None and previous.kind == "item" and block.kind == "item" and previous.list_id == block.list_id
        parts.append(("\n" if same_list and not block.loose else "\n\n") + piece if parts else piece)
        previous = block
    return "".join(parts)
