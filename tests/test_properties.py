"""Properties that must hold for any input (hypothesis): bodies survive segmentation,
catalogs survive writing and reading, slugs are stable and safe."""

from __future__ import annotations

import io
import string

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.content.markup import PLAIN_TEXT, inline_markdown, render_inline
from catalogue.content.segments import reassemble, segment
from catalogue.core.slugs import slugify
from catalogue.i18n.pofiles import catalog_bytes, with_previous_ids
from catalogue.i18n.posyntax import po_syntax_problems

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
BODY = st.lists(st.one_of(PARAGRAPH, HEADING, BULLETS, NUMBERED, CODE, QUOTE), min_size=1, max_size=8).map("\n\n".join)


@given(BODY)
@settings(max_examples=400, deadline=None)
def test_segment_then_reassemble_is_the_identity(body):
    blocks = segment(body, "x.md", 1)
    assert reassemble(blocks) == body


PO_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), min_size=1, max_size=80)


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
    if PLAIN_TEXT.match(text):
        assert render_inline(text) == inline_markdown(text)
