"""Assemble a localised Markdown body into HTML, block by block.

Each block's text comes from the localiser; a block that fell back to another language
carries its own ``lang`` attribute. Consecutive list items are gathered into one list.
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.markup import lang_attribute, render_block, render_inline
from ..content.model import Block
from ..i18n.localise import Localiser


def body_html(blocks: tuple[Block, ...], localise: Localiser) -> Markup:
    parts: list[str] = []
    open_list: tuple[int, str] | None = None  # (list id, closing tag) of the list being written
    for block in blocks:
        list_id = block.list_id if block.kind == "item" else 0
        if open_list and open_list[0] != list_id:
            parts.append(open_list[1])
            open_list = None
        if list_id and open_list is None:
            parts.append("<ol>" if block.ordered else "<ul>")
            open_list = (list_id, "</ol>" if block.ordered else "</ul>")
        parts.append(_block(block, localise))
    if open_list:
        parts.append(open_list[1])
    return Markup("\n".join(parts))


def _block(block: Block, localise: Localiser) -> str:
    if block.text is None:
        return render_block(block.raw)
    text = localise(block.text)
    lang = lang_attribute(text.lang, localise.lang)
    if block.kind == "heading":
        level = min(max(block.level, 2), 6)  # the page title is the only <h1>
        return f"<h{level}{lang}>{render_inline(text.text)}</h{level}>"
    if block.kind == "item":
        return f"<li{lang}>{render_inline(text.text)}</li>"
    if block.kind == "paragraph":
        return f"<p{lang}>{render_inline(text.text)}</p>"
    html = render_block(text.text)
    return f"<div{lang}>{html}</div>" if lang else html
