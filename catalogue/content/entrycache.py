"""The site's entries as ``extract`` needs them, each file read again only when its bytes change.

Reading and checking an entry (YAML, fields, Markdown cut into units) costs about 2 ms, 25 s
for a national catalogue, and keeping whole entries costs nearly as much to load again. So
what is kept of each file is what ``extract`` uses: its problems, its texts, and the facts the
checks across entries need (``sources.Facts``), under a digest of the file's place and its
bytes, in plain tuples (named tuples and dataclasses pickle through Python code: twice as slow
each way). The store (``.cache/extract/entries.pickle``, 19 MB at 10,000 products) is written
whole only now and then: the files read since go to a small second file, so an editor's change
writes kilobytes. Both name the engine's version.

A file is not even read when its ``lstat`` (size, times, inode) is the one kept with the digest
of its bytes, as git trusts its index: any write changes the status-change time (``ctime``),
which no tool can set back, so ``cp -p``, ``rsync -a`` or ``touch -r`` are seen too. The stamp
is kept only for a file whose last change is older than ``SETTLED`` when it is read: a change
in the same tick of the clock as that reading would leave the time as it was. Reading and
hashing the 12,501 files of 10,000 products was 0.3 s of the 0.9 s this takes.

Everything else is done as ``load_catalogue`` does it, every time: which files there are,
links out of ``content/``, duplicate slugs, references between entries and images, so the
answer, problems included, is the one a run without the cache gives.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from ..core.cachedata import load_data
from ..core.files import cache_write, link_problem, text_of
from ..core.problems import Problem, Problems, relative
from .entries import read_entry
from .model import KINDS, texts
from .sources import CONTENT, Facts, Inside, duplicate_slugs, entry_files, facts_of, image_problems, reference_problems, reported

STORE = ".cache/extract/entries.pickle"
RECENT = ".cache/extract/entries-recent.pickle"  # what was read since the store was written
RECENT_LIMIT = 256  # files read since (or kept for nothing) past which the store is written whole
SETTLED = 2_000_000_000  # ns: a file changed more recently than this before it is read gets no stamp


class EntryTexts(NamedTuple):
    """One published entry's texts: (source, what it is, file, line) each, in field order."""

    section: str
    slug: str
    texts: tuple[tuple[str, str, str, int], ...]


class Kept(NamedTuple):
    """What is kept of one entry file: its problems, or its facts, texts and draft mark."""

    problems: tuple[Problem, ...]
    facts: Facts | None
    draft: bool
    texts: tuple[tuple[str, str, str, int], ...]


def _read(section: str, path: Path, name: str, data: bytes) -> Kept:
    text, problems = text_of(data, name)
    entry = None
    if text is not None:
        entry, problems = read_entry(section, path.stem, name, text)
    if entry is None:
        return Kept(tuple(problems), None, False, ())
    found = tuple((t.source, t.note, t.location.path, t.location.line or 0) for t in texts(entry))
    return Kept(tuple(problems), facts_of(entry), entry.draft, found)  # warnings only


Stored = tuple  # a Kept in plain tuples, its problems' fields included
_problem_fields = attrgetter(*(field.name for field in fields(Problem)))  # in order: read back by Problem(*fields)


def _stored(kept: Kept) -> Stored:
    problems = tuple(map(_problem_fields, kept.problems))
    return (problems, tuple(kept.facts) if kept.facts else None, kept.draft, kept.texts)


def _kept_of(stored: Stored) -> Kept:
    problems, facts, draft, texts = stored
    return Kept(tuple(Problem(*fields) for fields in problems), Facts._make(facts) if facts else None, draft, texts)


Stamp = tuple[int, int, int, int]  # a file's size, modification and status-change times (ns), inode
Stamps = dict[str, tuple[Stamp, str]]  # a file's name -> its stamp and the key of its bytes then


class Store(NamedTuple):
    """The kept files as read: the store's, and the recent file's, with their stamps. Keys are
    digests of the files' bytes, so what either holds is right whatever the other holds."""

    whole: dict[str, Stored]
    recent: dict[str, Stored]
    whole_stamps: Stamps
    recent_stamps: Stamps

    def get(self, key: str) -> Stored | None:
        return self.recent.get(key) or self.whole.get(key)

    @classmethod
    def read(cls, root: Path, version: str) -> Store:
        (whole, whole_stamps), (recent, recent_stamps) = (_read_store(root / name, version) for name in (STORE, RECENT))
        return cls(whole, recent, whole_stamps, recent_stamps)


def _read_store(path: Path, version: str) -> tuple[dict[str, Stored], Stamps]:
    try:
        stored_version, kept, stamps = load_data(path.read_bytes(), frozenset())  # plain tuples only: no class at all
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}, {}  # no cache yet, or one this engine cannot read: everything is read again
    return (kept, stamps) if stored_version == version else ({}, {})


def _save(root: Path, version: str, old: Store, used: dict[str, Stored], stamps: Stamps) -> None:
    """Keep what was used: in the recent file while few files are new to the store and few of
    its own went unused, else in the store, written whole (the recent file then removed). The
    stamps that changed go with the recent file (a hundred bytes each, one per file at most)."""
    recent = {key: stored for key, stored in used.items() if key not in old.whole}
    unused = len(old.whole) - (len(used) - len(recent))
    recent_stamps = {name: known for name, known in stamps.items() if old.whole_stamps.get(name) != known}
    if old.whole and len(recent) + unused <= RECENT_LIMIT:
        if recent != old.recent or recent_stamps != old.recent_stamps:
            cache_write(root / RECENT, pickle.dumps((version, recent, recent_stamps), protocol=pickle.HIGHEST_PROTOCOL))
    elif recent or unused or recent_stamps or not old.whole:
        cache_write(root / STORE, pickle.dumps((version, used, stamps), protocol=pickle.HIGHEST_PROTOCOL))
        (root / RECENT).unlink(missing_ok=True)


def published_texts(root: Path, version: str) -> list[EntryTexts]:
    """The texts of every published entry (drafts left out), in catalogue order (section, then
    slug); raises CatalogueError with every problem ``load_catalogue`` would raise."""
    old = Store.read(root, version)
    stamping = _Stamping(old.whole_stamps | old.recent_stamps, {}, time.time_ns() - SETTLED)
    used: dict[str, Stored] = {}
    problems = Problems()
    found: dict[str, list[Kept]] = {section: [] for section in KINDS}
    unreadable: set[str] = set()
    drafts: dict[tuple[str, str], str] = {}
    inside = Inside(root / CONTENT)
    for section in KINDS:
        for path in entry_files(root, section):
            kept = _kept(root, section, path, inside, old, used, stamping)
            problems.extend(reported(list(kept.problems), unfinished=False))  # as extract's load_catalogue reports them
            if kept.facts is None:
                unreadable.add(path.stem)
            elif kept.draft:
                drafts[section, kept.facts.slug] = kept.facts.path
            else:
                found[section].append(kept)
    for section, entries in found.items():
        problems.extend(duplicate_slugs([(kept.facts.slug, kept.facts.path) for kept in entries if kept.facts]))
        found[section] = sorted(entries, key=lambda kept: (kept.facts.slug, kept.facts.path) if kept.facts else ("", ""))
    facts = [kept.facts for entries in found.values() for kept in entries if kept.facts]
    known = {section: {entry.slug for entry in facts if entry.section == section} for section in KINDS}
    problems.extend(reference_problems(facts, known, unreadable, drafts))
    problems.extend(image_problems(facts, root))
    _save(root, version, old, used, stamping.now)
    problems.raise_if_errors()
    return [EntryTexts(kept.facts.section, kept.facts.slug, kept.texts) for entries in found.values() for kept in entries if kept.facts]


class _Stamping(NamedTuple):
    known: Stamps  # the stamps kept
    now: Stamps  # this run's
    settled: int  # ns: files changed before this get a stamp


def _kept(root: Path, section: str, path: Path, inside: Inside, old: Store, used: dict[str, Stored], stamping: _Stamping) -> Kept:
    """One entry file, from the cache when its stamp or its bytes were seen before (``used`` gets
    what is kept, ``stamping.now`` its stamp)."""
    name = relative(path, root)
    try:
        status = os.lstat(path)
    except OSError:
        status = None  # gone since it was listed: read below, which says so
    link = status is None or stat.S_ISLNK(status.st_mode)
    if not inside(path, link):
        wrong = link_problem(path, root / CONTENT, root, f"{CONTENT}/")  # outside, or a loop
        return Kept((wrong,) if wrong else (), None, False, ())
    stamp = None if status is None or link else (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    known = stamping.known.get(name)
    if known is not None and known[0] == stamp and (stored := old.get(known[1])) is not None:
        used[known[1]], stamping.now[name] = stored, known
        return _kept_of(stored)
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # listed a moment ago: a link to nowhere
        return Kept((Problem(name, None, None, "", "is a link to a file that does not exist: remove the link"),), None, False, ())
    except OSError as error:
        return Kept((Problem(name, None, None, "", f"cannot be read: {error.strerror}"),), None, False, ())
    key = hashlib.sha256(f"{section}\0{name}\0".encode() + data).hexdigest()
    if stamp is not None and stamp[2] < stamping.settled:
        stamping.now[name] = (stamp, key)
    stored = old.get(key)
    if stored is None:
        kept = _read(section, path, name, data)
        used[key] = _stored(kept)
        return kept
    used[key] = stored
    return _kept_of(stored)
