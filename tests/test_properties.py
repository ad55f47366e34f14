"""Properties that must hold for any input (hypothesis): bodies survive segmentation,
catalogs survive writing and reading, slugs are stable and safe."""

from __future__ import annotations

import io
import string

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.content.markup import PARSER, inline_markdown, is_plain, render_inline, sanitise
from catalogue.content.model import InlineContext
from catalogue.content.segments import segment
from catalogue.core.slugs import slugify
from catalogue.i18n.incremental import blocks_of
from catalogue.i18n.localise import Localiser
from catalogue.i18n.pofiles import Translation, catalog_bytes, with_previous_ids
from catalogue.i18n.posyntax import po_syntax_problems
from catalogue.i18n.records import block_count
from catalogue.site.body import body_html

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "荔枝北江리치ライチ" + string.ascii_letters
WORD = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=8).filter(lambda w: not w[0].isdigit())
INLINE = st.lists(
    st.one_of(WORD, WORD.map(lambda w: f"**{w}**"), WORD.map(lambda w: f"[{w}](https://example.org/{len(w)})")), min_size=1, max_size=8
).map(" ".join)
LINES = st.lists(INLINE, min_size=1, max_size=3).map("\n".join)
PARAGRAPH = LINES
HEADING = st.tuples(st.integers(1, 6), INLINE).map(lambda t: "#" * t[0] + " " + t[1])
BULLETS = st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join("- " + i for i in items))
NUMBERED = st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1)))
CODE = st.lists(st.one_of(WORD, st.just("")), min_size=1, max_size=4).map(lambda lines: "```\n" + "\n".join(lines) + "\n```")
QUOTE = INLINE.map(lambda text: "> " + text)
NESTED = st.tuples(INLINE, BULLETS).map(lambda t: "- " + t[0] + "\n" + "\n".join("  " + line for line in t[1].split("\n")))
ROW = st.lists(INLINE.map(lambda cell: cell.replace("|", "")), min_size=2, max_size=2).map(" | ".join)
TABLE = st.lists(ROW, min_size=2, max_size=4).map(lambda rows: rows[0] + "\n--- | :---:\n" + "\n".join(rows[1:]))
IMAGE = WORD.map(lambda alt: f"![{alt}](/images/{len(alt)}.jpg)")
BODY = st.lists(st.one_of(PARAGRAPH, HEADING, BULLETS, NUMBERED, CODE, QUOTE, NESTED, TABLE, IMAGE), min_size=1, max_size=8).map(
    "\n\n".join
)


@given(BODY)
@settings(max_examples=300, deadline=None)
def test_a_body_renders_as_markdown_it_says_and_survives_an_identity_translation(body):
    blocks = segment(body, "x.md", 1)
    source = body_html(blocks, Localiser("vi", ("vi",), "vi", {}))
    assert source == sanitise(PARSER.render(body).replace("<h1>", "<h2>").replace("</h1>", "</h2>")).strip()
    table = {block.text.source: Translation(block.text.source, "reviewed") for block in blocks if block.text}
    assert body_html(blocks, Localiser("en", ("en", "vi"), "vi", {"en": table})) == source


# Any text a site may hold: no control characters, lone surrogates or the two non-characters
# XML forbids (``core.controls``), which reading refuses before any catalog is written.
PO_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from("\n\t"),
    min_size=1,
    max_size=80,
)


@given(st.dictionaries(PO_TEXT, PO_TEXT, min_size=1, max_size=10), st.sampled_from(["vi", "zh_Hant", "ko", "fr"]))
@settings(max_examples=200, deadline=None)
def test_catalog_write_then_read_round_trips_any_unicode(messages, locale):
    catalog = Catalog(locale=locale, fuzzy=False)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    data = catalog_bytes(catalog)
    assert po_syntax_problems(data.decode("utf-8"), "x.po") == []
    again = with_previous_ids(read_po(io.BytesIO(data), locale=locale))
    assert {m.id: m.string for m in again if m.id} == messages


@given(st.text(max_size=120))
@settings(max_examples=500, deadline=None)
def test_slug_is_idempotent_and_never_a_path(text):
    slug = slugify(text)
    assert slugify(slug) == slug
    assert "/" not in slug and "\\\\" not in slug and ".." not in slug
    assert slug == "" or (slug[0] != "-" and slug[-1] != "-" and slug.isascii())


# Sentences of letters from the site's scripts, with the punctuation and spaces that come near
# Markdown's syntax; most draws take the shortcut, the rest check that the predicate refuses them.
SENTENCE = st.text(alphabet=st.sampled_from(list("aZđẢ荔枝리치 \u3000\u2028\u0085\u00a0\t\n.,;:'\"()-+=1.)*_`[]<>&#!|~\\/")), max_size=40)


@given(st.one_of(SENTENCE, st.text(max_size=40)))
@settings(max_examples=1500, deadline=None)
def test_plain_text_shortcut_renders_exactly_like_markdown(text):
    if is_plain(text):
        assert render_inline(text) == inline_markdown(text)


LINKING = InlineContext(references=(("a", "https://example.com/", ""),), footnotes=(("1", 0),))


@given(SENTENCE)
@settings(max_examples=500, deadline=None)
def test_brackets_are_plain_only_where_nothing_makes_them_links(text):
    """In a body with link references or footnotes, "[a]" or "[^1]" is a link: never the shortcut."""
    if is_plain(text, LINKING):
        assert render_inline(text, LINKING) == inline_markdown(text, LINKING)


@pytest.mark.parametrize("text", ["\ufeff", "\ufeffVải thiều"])
def test_a_byte_order_mark_renders_as_markdown_renders_it(text):
    """Markdown drops a leading byte order mark (a text pasted from a Windows file starts with one)."""
    assert render_inline(text) == inline_markdown(text)


def test_the_plain_text_shortcut_is_taken_by_plain_text():
    """The property above checks only texts the shortcut takes: it must take the common ones
    (names and summaries), and refuse a sample of inline Markdown, or the property checks nothing."""
    plain = ["Vải thiều Lục Ngạn", "Mỳ Chũ, gạo Bao thai.", "荔枝 리치 (Lục Ngạn)", "Trà xanh; 5 sao", "Đặc sản: vải"]
    plain += ["[fr] Vải thiều", "Theo TCVN [3] và [4]"]
    assert [text for text in plain if not is_plain(text)] == []
    markdown = ["**gạo**", "[a](b)", "a_b_", "`x`", "<b>", "&amp;", "a\\*"]  # inline syntax (units are inline text)
    assert [text for text in markdown if is_plain(text)] == []
    assert [text for text in ("[a]", "xem [^1]") if is_plain(text, LINKING)] == []


CATALOG_BYTES = st.lists(st.sampled_from([b"\n", b"msgid", b" ", "\u1ee5".encode(), b'"']), max_size=30).map(b"".join)


@given(CATALOG_BYTES | CATALOG_BYTES.map(lambda text: text + b"\n" * 80))
@settings(max_examples=500, deadline=None)
def test_a_catalog_is_cut_into_blocks_as_its_text_before_the_closing_newlines_cuts(data):
    """``blocks_of`` cuts without copying when the text ends with one newline, and
    ``block_count`` counts without cutting: both must say what the plain definition says."""
    body = data.rstrip(b"\n")
    assert blocks_of(data) == (body.split(b"\n\n"), data[len(body) :])
    assert block_count(data) == len(body.split(b"\n\n"))
