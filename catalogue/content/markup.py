"""Markdown to safe HTML: the one parser of the site (markdown-it) and the sanitiser (nh3).

Bodies are CommonMark with GFM tables and footnotes. The segmenter cuts a body's tokens into
fixed markup and translatable units (``segments``); a unit's text, in whatever language, is
parsed here by the *inline* parser only, so a translation can add emphasis and links but never
a block: structure comes from the source's tokens. Every rendered unit is sanitised on its own
with inline tags only, and the assembled body once more with the body's tags: editors' raw HTML
and translators' text can never add scripts or event handlers, or break out of their element.
Rendering a unit depends only on its text and its context, so it is cached by both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from . import emphasis
from .model import InlineContext

# Inline footnotes (^[...]) are off: their text would live inside another unit's text.
PARSER = MarkdownIt("commonmark", {"xhtmlOut": False}).enable("table").use(footnote_plugin, inline=False)
PARSER.inline.ruler.at("emphasis", emphasis.tokenize)  # emphasis beside CJK punctuation works

INLINE_TAGS = {"a", "abbr", "b", "br", "code", "em", "i", "img", "span", "strong", "sub", "sup"}
BODY_TAGS = INLINE_TAGS | {"p", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "hr"}
BODY_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "section"}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "id", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start", "class"},
    "th": {"style"},
    "td": {"style"},
    "code": {"class"},
    "li": {"id", "class"},
    "sup": {"class"},
    "hr": {"class"},
    "section": {"class"},
    "*": {"lang", "dir"},
}
# What those attributes may say: the values markdown-it itself writes (a table column's
# alignment, a code block's language, the footnotes' classes and anchors), nothing else.
VALUES = {
    "style": re.compile(r"text-align:(?:left|center|right)"),
    "class": re.compile(r"language-[^\s\"'<>&]+|footnote-(?:ref|backref|item)|footnotes(?:-sep|-list)?"),
    "id": re.compile(r"fn(?:ref)?(?:-[a-z0-9-]+-)?\d+(?::\d+)?"),
}
URL_SCHEMES = set(nh3.ALLOWED_URL_SCHEMES)  # http(s), mailto, tel, sms, geo, ftp, xmpp...: never javascript: or data:


def _attribute_value(tag: str, name: str, value: str) -> str | None:
    pattern = VALUES.get(name)
    return value if pattern is None or pattern.fullmatch(value) else None


def sanitise(html: str, tags: set[str] = BODY_TAGS) -> str:
    return nh3.clean(
        html, tags=tags, attributes=ATTRIBUTES, attribute_filter=_attribute_value, url_schemes=URL_SCHEMES, link_rel="noopener"
    )


def _env(context: InlineContext) -> dict:
    """A fresh markdown-it environment for a unit (the parser writes footnote counts into it)."""
    env: dict = {"docId": context.doc} if context.doc else {}
    if context.references:
        env["references"] = {label: {"href": href, "title": title} for label, href, title in context.references}
    if context.footnotes:
        seen = dict(context.seen)
        env["footnotes"] = {
            "refs": {":" + label: number for label, number in context.footnotes},
            "list": {number: {"label": label, "count": seen.get(number, 0)} for label, number in context.footnotes},
        }
    return env


NO_CONTEXT = InlineContext()


def parse_inline(text: str, context: InlineContext = NO_CONTEXT) -> list[Token]:
    """The inline tokens of a unit's text: never a block, whatever the text says."""
    found = PARSER.parseInline(text, _env(context))
    return (found[0].children or []) if found else []


# Text that the inline parser and the sanitiser would only escape: no Markdown or HTML syntax
# (backslash, backtick, emphasis, angle brackets, entities), no control characters or no-break
# spaces (which nh3 writes as an entity), no surrounding space. Most units are such plain
# sentences; escaping them directly skips a parse each (a test checks the two paths agree).
PLAIN_TEXT = re.compile(r"\A(?:(?!\s)[^\\`*_<>&\x00-\x1f\x7f-\x9f\xa0\u2028\u2029\ufeff]+(?<!\s))?\Z")


def is_plain(text: str, context: InlineContext = NO_CONTEXT) -> bool:
    """Whether ``text`` renders as itself, escaped. Square brackets ("[1]", "[fr] ...") are
    plain too unless something could make them a link or a footnote: an inline link's "](",
    or the body's link reference and footnote definitions."""
    if not PLAIN_TEXT.match(text):
        return False
    if "[" not in text and "]" not in text:
        return True
    return "](" not in text and not context.references and not context.footnotes


@lru_cache(maxsize=100_000)
def render_inline(text: str, context: InlineContext = NO_CONTEXT) -> str:
    """The HTML inside one unit's element (a paragraph, heading, cell...)."""
    return escape(text, quote=False) if is_plain(text, context) else inline_markdown(text, context)


def inline_markdown(text: str, context: InlineContext = NO_CONTEXT) -> str:
    """``render_inline`` the long way: through the inline parser and the sanitiser."""
    html = PARSER.renderer.renderInline(parse_inline(text, context), PARSER.options, _env(context))
    return sanitise(html, INLINE_TAGS)


@lru_cache(maxsize=100_000)
def render_alt(text: str, context: InlineContext = NO_CONTEXT) -> str:
    """An image's alt text as an attribute value: the plain text of its Markdown."""
    return escape(PARSER.renderer.renderInlineAsText(parse_inline(text, context), PARSER.options, {}), quote=True)


def lang_attribute(lang: str, page_lang: str) -> str:
    """`` lang="x"`` when a piece of text is not in the page's language, else ''."""
    return "" if lang == page_lang else f' lang="{escape(lang)}"'
