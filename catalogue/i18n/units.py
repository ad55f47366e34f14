"""Translations of whole Markdown blocks, split into the units a body is now cut into.

Bodies were once translated a block at a time: a whole table, a whole quote, a list item with
its nested list. Now each cell, each paragraph of a quote, each item is its own message, so
those old messages leave the catalog. Their translations are not lost: when the source and the
translation of such an old message cut into the same units, each unit's translation is offered
to the new message it matches, ``fuzzy`` with the old block as its previous text, for a
translator to confirm. An offer never replaces a translator's own text.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message

from ..content.segments import segment
from .lifecycle import translated

Units = list[tuple[str, str]]  # (source unit, translated unit)


class OfferedUnits:
    """The units each obsolete message offers, worked out once (cutting a text costs a
    Markdown parse): ``extract`` keeps them with its record of the catalog."""

    def __init__(self, known: dict[tuple[str, str], Units] | None = None):
        self.known = known if known is not None else {}

    def __call__(self, old: Message) -> Units:
        if not (isinstance(old.id, str) and isinstance(old.string, str) and old.string):
            return []
        key = (old.id, old.string)
        if key not in self.known:
            self.known[key] = _aligned_units(old.id, old.string)
        return self.known[key]


def split_block_translations(catalog: Catalog, offered: OfferedUnits | None = None) -> None:
    """Offer the units of obsolete block translations to the new unit messages (see above)."""
    offered = offered or OfferedUnits()
    offers: dict[str, tuple[str, Message]] = {}
    for old in catalog.obsolete.values():
        for source, translation in offered(old):
            offers.setdefault(source, (translation, old))
    for message in catalog:
        if not message.id or message.id not in offers:
            continue
        translation, old = offers[message.id]
        near = message.fuzzy and message.previous_id == [old.id] and message.string == old.string  # the whole block, offered as is
        if translated(message) and not near:
            continue
        message.string = translation
        message.flags.add("fuzzy")
        message.previous_id = [old.id]


def _aligned_units(source: str, translation: str) -> list[tuple[str, str]]:
    """(source unit, translated unit) pairs, when both cut into units of the same kinds and the
    source was more than one unit's text; else none."""
    sources = [block for block in segment(source, "", 1) if block.text]
    translations = [block for block in segment(translation, "", 1) if block.text]
    if [b.kind for b in sources] != [b.kind for b in translations] or [b.text.source for b in sources if b.text] == [source]:
        return []
    return [(s.text.source, t.text.source) for s, t in zip(sources, translations, strict=True) if s.text and t.text]
