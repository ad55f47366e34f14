"""Assemble a localised Markdown body into HTML: the source's markup, each unit's text in
the page's language.

Each unit's text comes from the localiser and is rendered by the inline parser alone, inside
the markup the segmenter made from the source's tokens; a unit that fell back to another
language carries its own ``lang``. The assembled body is sanitised once more as a whole (raw
HTML blocks in the source are only made safe there).
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.markup import lang_attribute, render_alt, render_inline, sanitise
from ..content.model import LANG_SLOT, Block
from ..i18n.localise import Localiser


def body_html(blocks: tuple[Block, ...], localise: Localiser) -> Markup:
    return Markup(sanitise("".join(_piece(block, localise) for block in blocks)).strip())


def _piece(block: Block, localise: Localiser) -> str:
    if block.text is None:
        return block.markup
    text = localise(block.text)
    lang = lang_attribute(text.lang, localise.lang)
    if block.kind == "alt":
        return block.markup.replace(LANG_SLOT, lang, 1) + render_alt(text.text, block.context)
    inner = render_inline(text.text, block.context)
    if LANG_SLOT in block.markup:
        return block.markup.replace(LANG_SLOT, lang, 1) + inner
    return block.markup + (f"<span{lang}>{inner}</span>" if lang else inner)
