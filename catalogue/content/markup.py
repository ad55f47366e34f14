"""Markdown to safe HTML, one block at a time.

Each block is rendered on its own (so a translation replaces exactly one block) and the
result is sanitised with an allow-list: editors' raw HTML and translators' text can add
emphasis and links, never scripts or event handlers. Rendering depends only on the text,
so it is cached by text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "span",
    "abbr",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "*": {"lang", "dir"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "geo"}
SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)

_markdown = markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"], output_format="html")


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener")


@lru_cache(maxsize=100_000)
def render_block(text: str) -> str:
    """A whole Markdown block (quote, table, code) as sanitised HTML."""
    return sanitise(_markdown.reset().convert(text)).strip()


# Text Markdown and the sanitiser would only escape: no Markdown or HTML syntax anywhere
# (brackets only where they cannot make a link: no "](", "][" or "]:"), no block marker at the
# start, no control characters or no-break spaces (which nh3 writes as an entity), no
# surrounding space. Most segments are such plain sentences; escaping them directly skips a
# Markdown conversion each (a test checks the two paths agree).
PLAIN_TEXT = re.compile(r"\A(?!.*\][(\[:])(?:(?![\s0-9+=-])[^\\`*_<>&!#|~\x00-\x1f\x7f-\x9f\xa0\u2028\u2029]+(?<!\s))?\Z")


@lru_cache(maxsize=100_000)
def render_inline(text: str) -> str:
    """The inside of one paragraph, heading or list item (no wrapping <p>)."""
    return escape(text, quote=False) if PLAIN_TEXT.match(text) else inline_markdown(text)


def inline_markdown(text: str) -> str:
    """``render_inline`` the long way: through Markdown and the sanitiser."""
    html = render_block(text)
    single = SINGLE_PARAGRAPH.match(html)
    return single.group(1) if single and "<p>" not in single.group(1) else html


def lang_attribute(lang: str, page_lang: str) -> str:
    """`` lang="x"`` when a piece of text is not in the page's language, else ''."""
    return "" if lang == page_lang else f' lang="{escape(lang)}"'
