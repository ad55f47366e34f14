"""``extract`` of the site's own text without merging every message again: a catalog that
``extract`` wrote itself (its record says so, ``records``) is updated by merging only the
messages the changes reach, and splicing their text among the others' unchanged lines.

Why that gives the bytes a whole merge gives: merging a catalog that a merge with the same
template produced changes none of its messages (``extract`` run twice writes nothing), and a
message's text in the file depends on that message alone. What a merge does across messages
is taken along: a message whose template message changed, a new one (it may come back from
the obsolete ones), one that vanished (it becomes obsolete, and may lend its translation to
any untranslated message), and every message an obsolete one may offer units to
(``units``). Those, with every obsolete message, go through the very same merge as a small
catalog; the rest keep their lines. A catalog a translator edited since (its bytes no longer
those of the record) is spliced too when only its header and active messages changed in
place: the record's digest of each block finds them (``records.edited_blocks``), and they go
through the merge with the others reached, so a translator's save costs what an editor's
does. Anything unexpected (no record, blocks added, removed or moved, an obsolete message
edited, a msgid changed, messages with contexts or plural forms, a text that does not cut
into one block per message or does not parse) means the whole merge, as before.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig
from ..core.problems import CatalogueError
from .pofiles import CONTENT, catalog_bytes, checked_catalog, read_catalog, write_catalog_text
from .records import (
    BLOCK_DIGEST,
    Facts,
    Record,
    block_count,
    block_digests,
    digest,
    edited_blocks,
    facts_column,
    facts_of,
    load_record,
    save_record,
    settings,
    signature,
    spliceable,
    text_end,
)
from .units import OfferedUnits

Dates = tuple[dt.datetime, dt.datetime]  # a template's creation and revision dates
MakeTemplate = Callable[[Dates | None, list[str] | None], Catalog]  # the .pot, or the part of it with these sources
Merge = Callable[[Catalog | None, Catalog, str, OfferedUnits], Catalog]  # a read catalog merged as extract merges it
Settle = Callable[[Path, Catalog, Path], Catalog]  # a .pot's dates kept when nothing else changes


def blocks_of(data: bytes) -> tuple[list[bytes], bytes]:
    """A catalog's text cut into blocks (the header, then each message), and its ending; as
    bytes, never decoded whole (a newline byte is never part of another UTF-8 character), nor
    copied when it ends with one newline, as the catalogs ``extract`` writes do: cut whole,
    only the last block then holds that newline (its text before it is no newline)."""
    end = text_end(data)
    if end == len(data) - 1:
        blocks = data.split(b"\n\n")
        blocks[-1] = blocks[-1][:-1]
    else:
        blocks = data[:end].split(b"\n\n")
    return blocks, data[end:]


def joined(blocks: list[bytes], ending: bytes) -> bytes:
    return b"\n\n".join(blocks) + ending


def parsed(blocks: list[bytes], locale: str) -> Catalog:
    return checked_catalog(b"\n\n".join(blocks).decode("utf-8") + "\n", locale)


class ContentCatalogs:
    """The .pot of the site's text, then each language's content.po, brought up to date."""

    def __init__(self, config: SiteConfig, sources: list[str], signatures: dict[str, str], version: str, now: dt.datetime):
        self.config, self.sources, self.signatures, self.version, self.now = config, sources, signatures, version, now
        self.keys = tuple(sources)
        self.row = tuple(signatures[source] for source in sources)  # each message's, in order
        self.index = {source: index for index, source in enumerate(sources)}
        self.dates: Dates | None = None  # the .pot's, once settled
        self._whole: Catalog | None = None
        self._changes: tuple | None = None  # the last record's keys and signatures, and what changed since

    @classmethod
    def of(cls, config: SiteConfig, template: dict, version: str, now: dt.datetime) -> ContentCatalogs:
        """``template``: source -> ``extract.TemplateMessage``."""
        return cls(config, list(template), {s: signature(m.locations, m.comments) for s, m in template.items()}, version, now)

    def settings(self, locale: str) -> str:
        return settings(self.version, CONTENT, locale, self.config.translation.fuzzy_matching)

    # --- the .pot --------------------------------------------------------------------------

    def write_template(self, path: Path, make: MakeTemplate, settle: Settle) -> bool:
        root, wanted = self.config.root, self.settings("")
        data = _read(path)
        record = load_record(root, path, wanted, data) if data is not None else None
        text = self._splice_template(data, record, make) if data is not None and record is not None and record.spliceable else None
        if text is None:
            template = settle(path, make(None, None), root)
            self.dates, self._whole = (template.creation_date, template.revision_date), template
            text = catalog_bytes(template)
        written, text = write_catalog_text(path, text, data)
        fits = block_count(text) == 1 + len(self.sources)  # the header, then one block per message
        save_record(root, path, Record(wanted, digest(text), self.keys, self.row, (), (), (), fits, self.dates or ()))
        return written

    def _splice_template(self, data: bytes, record: Record, make: MakeTemplate) -> bytes | None:
        blocks, data_ending = blocks_of(data)
        if len(blocks) != 1 + len(record.keys) or not self.sources:
            return None
        _, new_or_changed, _, had = self._changed(record)  # worked out here once for the catalogs too
        changed = [s for s in self.sources if s in new_or_changed] or self.sources[:1]
        kept = list(map(blocks.__getitem__, had))  # each source's block as the record's text had it
        for dates in (record.dates, (self.now, self.now)):  # the old dates, unless something else changed
            small_blocks, ending = blocks_of(catalog_bytes(make(dates, changed)))
            if len(small_blocks) != 1 + len(changed):
                return None
            middle = list(kept)
            for source, block in zip(changed, small_blocks[1:], strict=True):
                middle[self.index[source]] = block
            self.dates = dates
            if ending == data_ending and [small_blocks[0], *middle] == blocks:  # the same text (the kept blocks are the very objects)
                return data
        return joined([small_blocks[0], *middle], ending)

    # --- each language's catalog -----------------------------------------------------------

    def write_catalog(self, path: Path, locale: str, make: MakeTemplate, merge: Merge) -> bool:
        root, wanted = self.config.root, self.settings(locale)
        data = _read(path)
        record = load_record(root, path, wanted) if data is not None else None
        units = OfferedUnits()
        spliced = None
        if data is not None and record is not None and record.spliceable:
            blocks, _ = blocks_of(data)  # cut once, for the comparison and the splice
            changed = {} if record.digest == digest(data) else edited(record, blocks, locale)
            if changed is not None:
                keys = tuple(record.keys[index] for index in changed)
                spliced = self._splice_catalog(blocks, record, locale, units, make, merge, keys)
        if spliced is None:
            if self._whole is None:
                self._whole = make(self.dates, None)
            catalog = merge(read_catalog(path, root, locale), self._whole, locale, units)
            written, text = write_catalog_text(path, catalog_bytes(catalog), data)
            record = self._record(wanted, catalog, text, units)
        else:
            written, text = write_catalog_text(path, spliced[0], data)
            record = spliced[1]._replace(digest=digest(text))
        save_record(root, path, record)
        return written

    def _record(self, wanted: str, catalog: Catalog, text: bytes, units: OfferedUnits) -> Record:
        active = [message for message in catalog if message.id]
        keys = tuple(message.id for message in active)
        keys = self.keys if keys == self.keys else keys  # the same object: its record shares them (``save_record``)
        fits = spliceable(catalog, text)
        return Record(
            wanted,
            digest(text),
            keys,
            self.row if keys == self.keys else tuple(self.signatures.get(key, "") for key in keys),
            facts_column(active),
            tuple(catalog.obsolete),
            tuple(tuple(units(message)) for message in catalog.obsolete.values()),
            fits,
            (),
            block_digests(blocks_of(text)[0]) if fits else b"",
        )

    def _changed(self, record: Record) -> tuple[dict[str, int], set[str], list[str], list[int]]:
        """Where each message of the record is, the sources whose template message is new or
        changed, the messages that vanished, and the block of the record's text each source
        had (0, the header's, for a new one): worked out once for all the catalogs that were
        merged with the same template."""
        if self._changes is None or self._changes[0] != record.keys or self._changes[1] != record.signatures:
            position = {key: index for index, key in enumerate(record.keys)}
            changed = {s for s in self.sources if s not in position or record.signatures[position[s]] != self.signatures[s]}
            vanished = [key for key in record.keys if key not in self.signatures]
            had = [1 + position[s] if s in position else 0 for s in self.sources]
            self._changes = (record.keys, record.signatures, (position, changed, vanished, had))
        return self._changes[2]

    def _reached(self, blocks: list[bytes], record: Record, locale: str, units: OfferedUnits, edited: tuple[str, ...]) -> set[str]:
        """The messages a merge may change: see the module's docstring."""
        position, changed, vanished, _ = self._changed(record)
        reached = {*changed, *edited}
        offered = {source for pairs in record.offers for source, _ in pairs}
        if vanished:
            reached.update(vanished)
            gone = parsed([blocks[0], *(blocks[1 + position[key]] for key in vanished)], locale)
            offered.update(source for message in gone if message.id for source, _ in units(message))
            if self.config.translation.fuzzy_matching and any(record.facts[position[key]][0] != "missing" for key in vanished):
                reached.update(key for key, facts in zip(record.keys, record.facts, strict=True) if facts[0] == "missing")
        reached.update(source for source in offered if source in position)
        reached.update(self.sources[:1])  # never an empty catalog, whose text ends otherwise
        return reached

    def _splice_catalog(
        self,
        blocks: list[bytes],
        record: Record,
        locale: str,
        units: OfferedUnits,
        make: MakeTemplate,
        merge: Merge,
        edited: tuple[str, ...],
    ) -> tuple[bytes, Record] | None:
        """The merged text and its record, from the catalog's text cut into blocks (``blocks_of``);
        ``edited``: the messages whose text changed since the record (``edited``)."""
        count = len(record.keys)
        if len(blocks) != 1 + count + len(record.obsolete) or len(record.blocks) != BLOCK_DIGEST * len(blocks) or not self.sources:
            return None
        reached = self._reached(blocks, record, locale, units, edited)
        position, changed, _, had = self._changed(record)
        old = [key for key in record.keys if key in reached]  # in the file's order
        small = parsed([blocks[0], *(blocks[1 + position[key]] for key in old), *blocks[1 + count :]], locale)
        if len(small.obsolete) != len(record.obsolete):
            return None
        for message, pairs in zip(small.obsolete.values(), record.offers, strict=True):
            units.known.setdefault((message.id, message.string), list(pairs))
        small = merge(small, make(self.dates, [s for s in self.sources if s in reached]), locale, units)
        small_blocks, ending = blocks_of(catalog_bytes(small))
        active = [message for message in small if message.id]
        if len(small_blocks) != 1 + len(active) + len(small.obsolete):
            return None
        new = {message.id: (block, message) for message, block in zip(active, small_blocks[1:], strict=False)}
        if not changed <= new.keys() <= self.index.keys():
            return None
        # Each source's block, digest and facts as the record has them (C loops: 100,000 of each),
        # then the merged ones in their places.
        middle = list(map(blocks.__getitem__, had))
        digests = array("Q", map(array("Q", record.blocks).__getitem__, had))  # 8-byte digests as integers
        facts = list(map(((), *record.facts).__getitem__, had))
        for source, (block, message) in new.items():
            at = self.index[source]
            middle[at], facts[at] = block, facts_of(message)
            digests[at] = array("Q", block_digests([block]))[0]
        text = joined([small_blocks[0], *middle, *small_blocks[1 + len(active) :]], ending)
        offers = tuple(tuple(units(message)) for message in small.obsolete.values())
        blocks_now = block_digests([small_blocks[0]]) + digests.tobytes() + block_digests(small_blocks[1 + len(active) :])
        return text, Record(record.settings, "", self.keys, self.row, tuple(facts), tuple(small.obsolete), offers, True, (), blocks_now)


def edited(record: Record, blocks: list[bytes], locale: str) -> dict[int, Message] | None:
    """The messages a translator edited in place since the record was made (``edited_blocks``),
    by their place among the active messages, each still one message with its msgid; None when
    the catalog (cut into ``blocks``) must be read whole."""
    found = edited_blocks(record, blocks)
    if found is None:
        return None
    try:
        catalog = parsed([blocks[0], *(blocks[i] for i in found)], locale)
    except CatalogueError:
        return None  # read whole, which reports the problem with its line
    messages = [message for message in catalog if message.id]
    if catalog.obsolete or [m.id for m in messages] != [record.keys[i - 1] for i in found]:
        return None
    if any(m.context or isinstance(m.id, tuple) for m in messages):
        return None
    return {i - 1: message for i, message in zip(found, messages, strict=True)}


def facts_now(record: Record, data: bytes, locale: str) -> list[Facts] | None:
    """Each active message's facts (``status``) for the catalog's text now: the record's, and
    those of the messages a translator edited since read again; None when it must be read whole."""
    if record.digest == digest(data):
        return list(record.facts)
    changed = edited(record, blocks_of(data)[0], locale) if record.spliceable else None
    if changed is None:
        return None
    facts = list(record.facts)
    for index, message in changed.items():
        facts[index] = facts_of(message)
    return facts


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
