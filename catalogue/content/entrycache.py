"""The site's entries as ``extract`` needs them, each file read again only when its bytes change.

Reading and checking an entry (YAML, fields, Markdown cut into units) costs about 2 ms, 25 s
for a national catalogue, and keeping whole entries costs nearly as much to load again. So
what is kept of each file is what ``extract`` uses: its problems, its texts, and the facts the
checks across entries need (``sources.Facts``), under a digest of the engine's version, the
file's place and its bytes (``.cache/extract/entries.pickle``). Everything else is done as
``load_catalogue`` does it, every time: which files there are, links out of ``content/``,
duplicate slugs, references between entries and images, so the answer, problems included,
is the one a run without the cache gives.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import NamedTuple

from ..core.cachedata import DATES, load_data
from ..core.files import cache_write, link_problem, text_of
from ..core.problems import Problem, Problems, relative
from .entries import read_entry
from .model import KINDS, texts
from .sources import CONTENT, Facts, Inside, duplicate_slugs, entry_files, facts_of, image_problems, reference_problems, reported

STORE = ".cache/extract/entries.pickle"
HELD = DATES | {(__name__, "Kept"), ("catalogue.content.sources", "Facts"), ("catalogue.core.problems", "Problem")}


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


def _load(path: Path, version: str) -> dict[str, Kept]:
    try:
        stored_version, kept = load_data(path.read_bytes(), HELD)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}  # no cache yet, or one this engine cannot read: everything is read again
    return kept if stored_version == version else {}


def published_texts(root: Path, version: str) -> list[EntryTexts]:
    """The texts of every published entry (drafts left out), in catalogue order (section, then
    slug); raises CatalogueError with every problem ``load_catalogue`` would raise."""
    store = root / STORE
    old = _load(store, version)
    new: dict[str, Kept] = {}
    problems = Problems()
    found: dict[str, list[Kept]] = {section: [] for section in KINDS}
    unreadable: set[str] = set()
    drafts: dict[tuple[str, str], str] = {}
    inside = Inside(root / CONTENT)
    for section in KINDS:
        for path in entry_files(root, section):
            kept = _kept(root, section, path, inside, old, new)
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
    if new != old:
        cache_write(store, pickle.dumps((version, new), protocol=pickle.HIGHEST_PROTOCOL))
    problems.raise_if_errors()
    return [EntryTexts(kept.facts.section, kept.facts.slug, kept.texts) for entries in found.values() for kept in entries if kept.facts]


def _kept(root: Path, section: str, path: Path, inside: Inside, old: dict[str, Kept], new: dict[str, Kept]) -> Kept:
    """One entry file, from the cache when its bytes were read before (``new`` gets what is kept)."""
    name = relative(path, root)
    if not inside(path):
        wrong = link_problem(path, root / CONTENT, root, f"{CONTENT}/")  # outside, or a loop
        return Kept((wrong,) if wrong else (), None, False, ())
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # listed a moment ago: a link to nowhere
        return Kept((Problem(name, None, None, "", "is a link to a file that does not exist: remove the link"),), None, False, ())
    except OSError as error:
        return Kept((Problem(name, None, None, "", f"cannot be read: {error.strerror}"),), None, False, ())
    key = hashlib.sha256(f"{section}\0{name}\0".encode() + data).hexdigest()
    kept = old.get(key) or _read(section, path, name, data)
    new[key] = kept
    return kept
