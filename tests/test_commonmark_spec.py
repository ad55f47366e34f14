"""The CommonMark spec's own examples, through the site's real path: an entry's body is cut
into units (``segment``), each unit is localised, and the body is assembled and sanitised
(``body_html``). Every example renders as the spec says, apart from raw HTML, which the
sanitiser limits by design; and every example survives a translation round trip.

The rule that sets examples aside: an example is "raw HTML" when markdown-it finds raw HTML in
it (an ``html_block`` or ``html_inline`` token); the sanitiser keeps only its allow-list of
that, so those examples are compared only for their round trip. Three differences are the
site's on purpose and are normalised before comparing: a body's ``# heading`` is an <h2> (the
page title is the only <h1>), links get ``rel="noopener"``, and URLs whose scheme is not on the
sanitiser's allow-list (``made-up-scheme:``, ``a+b+c:``, ``localhost:``) lose their ``href``: 3 examples.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalogue.content.markup import PARSER, URL_SCHEMES
from catalogue.content.segments import segment
from catalogue.i18n.localise import Localiser
from catalogue.i18n.pofiles import Translation
from catalogue.mt.pseudo import pseudo
from catalogue.site.body import body_html

# The spec writes a tab as "→" in its examples (its own test runner puts the tabs back).
SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "spec-0.31.2.json").read_text(encoding="utf-8").replace("→", "\\t"))
SOURCE = Localiser("vi", ("vi",), "vi", {})
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "pre", "hr", "h2", "h3", "h4", "h5", "h6", "table", "tr", "th", "td", "section"}
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{1,31}):")


def has_raw_html(markdown: str) -> bool:
    tokens = PARSER.parse(markdown, {})
    found = {token.type for token in tokens} | {child.type for token in tokens for child in token.children or []}
    return bool(found & {"html_block", "html_inline"})


RAW_HTML = [example for example in SPEC if has_raw_html(example["markdown"])]
MARKDOWN = [example for example in SPEC if not has_raw_html(example["markdown"])]


class Canonical(HTMLParser):
    """Tags with sorted attributes and the text between them, entities decoded: two HTML
    serialisations of the same tree compare equal (``<br />`` and ``<br>``, ``&quot;`` and ``"``,
    a newline after a block tag or not, as the spec's own normaliser does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        tag = "h2" if tag == "h1" else tag
        attrs = [(name, value or "") for name, value in attrs if (name, value) != ("rel", "noopener")]
        if tag == "a":  # the sanitiser's scheme allow-list, on purpose
            attrs = [(n, v) for n, v in attrs if n != "href" or not _unsafe_scheme(v)]
        self.parts.append(("start", tag, tuple(sorted(attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.parts.append(("end", "h2" if tag == "h1" else tag))

    def handle_data(self, data):
        if not data.strip() and self.parts and self.parts[-1][1] in BLOCK_TAGS | {"blockquote", "thead", "tbody"}:
            return  # a newline between block tags, which renderers place differently
        if self.parts and self.parts[-1][0] == "text":
            self.parts[-1] = ("text", self.parts[-1][1] + data)
        else:
            self.parts.append(("text", data))


def _unsafe_scheme(url: str) -> bool:
    scheme = SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() not in URL_SCHEMES


def canonical(html: str) -> list[tuple]:
    parser = Canonical()
    parser.feed(html.strip())
    parser.close()
    return parser.parts


def render(markdown: str, localiser: Localiser = SOURCE) -> str:
    return str(body_html(segment(markdown, "content/pages/spec.md", 1), localiser))


def translated(markdown: str, translate) -> str:
    blocks = segment(markdown, "content/pages/spec.md", 1)
    table = {block.text.source: Translation(translate(block.text.source), "reviewed") for block in blocks if block.text}
    return str(body_html(blocks, Localiser("en", ("en", "vi"), "vi", {"en": table})))


def test_the_spec_examples_are_all_there():
    assert len(SPEC) == 652
    assert len(RAW_HTML) == 72 and len(MARKDOWN) == 580  # the rule above, counted


def test_every_example_without_raw_html_renders_as_the_spec_says():
    wrong = [example["number"] for example in MARKDOWN if canonical(render(example["markdown"])) != canonical(example["html"])]
    assert wrong == []


def test_only_unsafe_schemes_were_normalised():
    """The scheme rule of the comparison touches these examples only (all links the sanitiser unlinks)."""
    touched = [e["number"] for e in MARKDOWN if any(_unsafe_scheme(v) for v in re.findall(r'href="([^"]*)"', e["html"]))]
    assert touched == [598, 599, 601]  # <a+b+c:d>, <made-up-scheme://foo,bar>, <localhost:5001/foo>


@pytest.mark.parametrize("examples", [MARKDOWN, RAW_HTML], ids=["markdown", "raw-html"])
def test_every_example_survives_an_identity_translation(examples):
    """Every unit's source text put back as its translation gives the very same HTML."""
    wrong = [e["number"] for e in examples if translated(e["markdown"], lambda text: text) != render(e["markdown"])]
    assert wrong == []


def test_a_pseudo_translation_keeps_every_examples_block_structure():
    """The pseudo engine changes every unit's words (through the machine-translation token
    protection); the blocks around them stay exactly the source's."""

    def blocks(html: str) -> list[tuple]:
        return [part[:2] for part in canonical(html) if part[0] != "text" and part[1] in BLOCK_TAGS]

    wrong = [e["number"] for e in SPEC if blocks(translated(e["markdown"], pseudo)) != blocks(render(e["markdown"]))]
    assert wrong == []
