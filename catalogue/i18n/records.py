"""What ``extract`` remembers of each catalog it writes, so that the next run (and ``status``)
need not read it again with Babel: a record per file, valid only for the exact bytes it was
made from (their SHA-256) and for this engine (``core.engine``) and merge settings.

A record lists the file's messages in order, each with the template message it was merged
with (a digest of what the .pot says of it), its state, source words and entries, and the
obsolete messages with the units each offers (``units``), and a digest of each block of text
(the header, each message). A file changed by anyone else (a translator, Poedit, ``msgmerge``)
no longer matches its record: ``extract`` and ``status`` find the blocks that changed
(``edited_blocks``) and read only those again, or read it whole. The keys and signatures, the
same in every catalog merged with one template, are kept once for all of them (``SHARED``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from itertools import compress, count
from pathlib import Path
from typing import NamedTuple

from babel.messages.catalog import Catalog, Message

from ..core.cachedata import DATES, load_data
from ..core.files import cache_write
from .lifecycle import state_of

RECORDS = ".cache/extract/catalogs"
HELD = DATES | {("catalogue.i18n.records", "Record")}  # what a record file may hold (``cachedata``)


Facts = tuple[str, int, tuple[str, ...]]  # what status counts of a message: state, source words, entries ("products/slug")


class Record(NamedTuple):
    settings: str  # the engine's version, the catalog's locale and the merge settings
    digest: str  # SHA-256 of the bytes the record describes
    keys: tuple[str, ...]  # the active messages' msgids, in order
    signatures: tuple[str, ...]  # each active message's template message (``signature``), "" if unknown
    facts: tuple[Facts, ...]  # each active message's
    obsolete: tuple[str, ...]  # the obsolete messages' msgids, in order
    offers: tuple[tuple[str, ...], ...]  # the unit sources each obsolete message offers (``units``)
    spliceable: bool  # one block of text per message, no contexts or plural forms: ``extract`` may splice it
    dates: tuple  # a template's creation and revision dates (kept when nothing else changes)
    blocks: bytes = b""  # BLOCK_DIGEST bytes per block of the text (header, active, obsolete), when spliceable


def settings(version: str, domain: str, locale: str, fuzzy_matching: bool) -> str:
    """What a record must have been made with: the engine, the catalog and the merge settings."""
    return f"{version}\0{domain}\0{locale}\0{fuzzy_matching}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


BLOCK_DIGEST = 8


def block_digests(blocks: Iterable[bytes]) -> bytes:
    """A digest of each block of a catalog's text, end to end (``incremental.blocks_of``)."""
    return b"".join(hashlib.blake2b(block, digest_size=BLOCK_DIGEST).digest() for block in blocks)


def digest_at(digests: bytes, index: int) -> bytes:
    """The digest of block ``index`` among ``block_digests``."""
    return digests[index * BLOCK_DIGEST : (index + 1) * BLOCK_DIGEST]


def edited_blocks(record: Record, blocks: list[bytes]) -> list[int] | None:
    """Where a catalog's text differs from the text its record describes, when only its header
    and active messages changed in place (a translator's translations, flags or comments): the
    indices of those messages' blocks. None when the record cannot tell (no block digests, more
    or fewer blocks, an obsolete message changed)."""
    obsolete_from = 1 + len(record.keys)
    if not record.spliceable or len(record.blocks) != BLOCK_DIGEST * len(blocks):
        return None
    now = block_digests(blocks)
    changed = [i for i in range(1, len(blocks)) if digest_at(now, i) != digest_at(record.blocks, i)]
    return changed if all(i < obsolete_from for i in changed) else None


def signature(locations: Iterable[tuple[str, int]], comments: Iterable[str]) -> str:
    """A template message as the .pot shows it: its files (without lines, once each) and notes."""
    files = sorted({path for path, _ in locations})
    return hashlib.sha256("\0".join([*files, "\x01", *comments]).encode("utf-8")).hexdigest()[:24]


def words(message: Message) -> int:
    text = " ".join(message.id) if isinstance(message.id, tuple) else message.id
    return max(1, len(text.split()))


def entry_names(message: Message) -> tuple[str, ...]:
    """The entries a content message belongs to, from its "products/slug: field" comments."""
    return tuple(sorted({comment.split(":", 1)[0] for comment in message.auto_comments if "/" in comment.split(":", 1)[0]}))


def facts_of(message: Message) -> Facts:
    """Kept as a plain tuple: a record holds one per message, and plain tuples load fastest."""
    return (state_of(message), words(message), entry_names(message))


def facts_column(messages: Iterable[Message]) -> tuple[Facts, ...]:
    """Each message's facts, equal ones as one object. Most repeat (a product's fields share
    their state, their entry and often their length), and pickle writes an object it has seen
    as a reference, which loads as the same object again: a record stays shared through every
    splice after. At 10,000 products a record's facts: 3.1 -> 1.5 MB, dumped 3 and loaded 4
    times faster."""
    seen: dict[Facts, Facts] = {}
    entries: dict[tuple[str, ...], tuple[str, ...]] = {}  # a product's entries, in facts of every length
    column = []
    for state, length, names in map(facts_of, messages):
        facts = (state, length, entries.setdefault(names, names))
        column.append(seen.setdefault(facts, facts))
    return tuple(column)


def msgid_lines(data: bytes) -> list[int]:
    """The line (1-based) of each active message's ``msgid``, the header's first: the bytes cut
    at newlines, never decoded (twice as fast as a regular expression over the text, which
    ``status`` paid for every catalog of a 10,000-product site)."""
    return list(compress(count(1), [line.startswith(b"msgid ") for line in data.split(b"\n")]))


def spliceable(catalog: Catalog, data: bytes) -> bool:
    """Whether the text is one block per message, blocks apart by one blank line."""
    if any(m.context or isinstance(m.id, tuple) for m in (*catalog, *catalog.obsolete.values()) if m.id):
        return False
    return block_count(data) == 1 + len(catalog) + len(catalog.obsolete)  # the header, then each message


def block_count(data: bytes) -> int:
    """How many blocks a catalog's text cuts into at blank lines (``incremental.blocks_of``),
    counted on the bytes: neither decoded, cut nor copied (42 MB at 10,000 products)."""
    return data.count(b"\n\n", 0, text_end(data)) + 1


def text_end(data: bytes) -> int:
    """Where a catalog's text ends, before its closing newlines: found on its last bytes, as
    ``rstrip`` would copy the whole text to say it."""
    tail = data[-64:]
    kept = tail.rstrip(b"\n")
    return len(data) - len(tail) + len(kept) if kept or len(data) <= len(tail) else len(data.rstrip(b"\n"))


def record_path(root: Path, path: Path) -> Path:
    return root / RECORDS / (path.relative_to(root).as_posix().replace("/", "__") + ".pickle")


def load_record(root: Path, path: Path, settings: str, data: bytes | None = None) -> Record | None:
    """The record of ``path``, if one was made with these settings and (given ``data``) from
    exactly those bytes."""
    try:
        stored = load_data(record_path(root, path).read_bytes(), HELD)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], Record)):
        return None
    name, record = stored
    if record.settings != settings or (data is not None and record.digest != digest(data)):
        return None
    messages = _shared(root, name)
    return None if messages is None else record._replace(keys=messages[0], signatures=messages[1])


def save_record(root: Path, path: Path, record: Record) -> None:
    """Not synced to the disk (``cache_write``): a record lost or left empty by a crash reads as
    none, and the catalog is merged whole once. Its keys and signatures, the same for every
    catalog merged with one template (11 MB of the 18 MB of a record at 10,000 products), are
    kept once for all of them (``_share``)."""
    name = _share(root, record.keys, record.signatures)
    stored = (name, record._replace(keys=(), signatures=()))
    cache_write(record_path(root, path), pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))


SHARED = ".cache/extract/messages"  # the keys and signatures records share, a file per digest
KEPT_SHARED = 2  # the newest files kept: the last run's, which records not yet rewritten name, and this run's
_written: dict[tuple[Path, int, int], tuple[tuple, tuple, str]] = {}  # (folder, id of keys, of signatures) -> ..., name
_read: dict[tuple[Path, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}  # (folder, name) -> keys, signatures


def _share(root: Path, keys: tuple[str, ...], signatures: tuple[str, ...]) -> str:
    """The name of the file holding these keys and signatures, written once per process for
    the same objects (forked workers inherit what their parent wrote); older files pruned."""
    folder = root / SHARED
    known = _written.get((folder, id(keys), id(signatures)))
    if known is not None:
        return known[2]
    data = pickle.dumps((keys, signatures), protocol=pickle.HIGHEST_PROTOCOL)
    name = hashlib.sha256(data).hexdigest()[:32]
    cache_write(folder / f"{name}.pickle", data)
    if len(_written) > 8:
        _written.clear()
    _written[folder, id(keys), id(signatures)] = (keys, signatures, name)
    _read[folder, name] = (keys, signatures)
    for old in sorted(folder.glob("*.pickle"), key=lambda file: file.stat().st_mtime_ns)[:-KEPT_SHARED]:
        old.unlink(missing_ok=True)
    return name


def _shared(root: Path, name: object) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The keys and signatures a record names, read once per process."""
    folder = root / SHARED
    if not (isinstance(name, str) and len(name) == 32 and all(c in "0123456789abcdef" for c in name)):
        return None
    if (folder, name) not in _read:
        try:
            data = (folder / f"{name}.pickle").read_bytes()
            messages = load_data(data, frozenset()) if hashlib.sha256(data).hexdigest()[:32] == name else None
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return None
        if not (isinstance(messages, tuple) and len(messages) == 2 and all(isinstance(part, tuple) for part in messages)):
            return None
        if len(_read) > 8:
            _read.clear()
        _read[folder, name] = messages
    return _read[folder, name]
