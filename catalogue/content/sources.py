"""Read every entry under ``content/`` and check what no single file can: references
between entries, duplicate slugs, images that exist inside the content folder.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ..core.files import link_problem, read_text
from ..core.problems import Location, Problem, Problems, did_you_mean, relative
from .entries import read_entry
from .images import EXTENSIONS, Rendition
from .model import KINDS, Catalogue, Entry, Experience, Image, Page, Producer, Product
from .specs import UNFINISHED

CONTENT = "content"
IMAGES = "content/images"


def entry_files(root: Path, section: str) -> list[Path]:
    """The entries of a section; hidden files are editors' (Emacs's lock ``.#name.md``, a link
    to nowhere), never entries."""
    folder = root / CONTENT / section
    if not folder.is_dir():
        return []
    # Sorted by their parts, as paths compare (one key each: comparing the paths themselves
    # calls Python code 140,000 times at 10,000 products)
    return sorted((path for path in folder.rglob("*.md") if not path.name.startswith(".")), key=lambda path: path.parts)


EntryCache = dict[Path, tuple[tuple[int, int], Entry | None, list[Problem]]]


@dataclass
class EntryMemory:
    """Entry files as last read, for a long-lived reader (``serve``). When the caller knows
    which files changed (a file watcher's report), only those are looked at: the others are
    neither listed nor stat-ed, and a reported file is read again even when its size and time
    are the same as before. Images are checked, and their renditions made, once per name until
    a file under content/images/ changes."""

    entries: EntryCache = field(default_factory=dict)
    images: dict[str, str] = field(default_factory=dict)  # src -> "" (fine) or what is wrong with it
    renditions: dict[str, Rendition] = field(default_factory=dict)  # src -> its published files, as made
    sections: dict[str, list[Path]] = field(default_factory=dict)  # the entry files of each section, as last read (sorted)
    last: tuple[tuple[bool, bool], Catalogue] | None = None  # the last catalogue read without errors, and how (drafts, unfinished)

    def files(self, root: Path, section: str, changed: frozenset[Path] | None) -> list[Path]:
        """The entry files of a section: listed from the disk, or from the last reading and
        the reported changes (the same list when none was added or deleted)."""
        if changed is None or section not in self.sections or any(_folder_change(root, path) for path in changed):
            return entry_files(root, section)
        folder = root / CONTENT / section
        listed = self.sections[section]
        for path in changed:
            if path.suffix == ".md" and path.is_relative_to(folder) and not path.name.startswith("."):
                at = bisect.bisect_left(listed, path)
                there = at < len(listed) and listed[at] == path
                if path.is_file() and not there:
                    listed = [*listed[:at], path, *listed[at:]]
                elif there and not path.is_file():
                    listed = [*listed[:at], *listed[at + 1 :]]
        return listed

    def forget_images(self, root: Path, changed: frozenset[Path] | None) -> None:
        if changed is None or any(path.is_relative_to(root / IMAGES) for path in changed):
            self.images.clear()
            self.renditions.clear()


class Inside:
    """Whether files stay inside a folder once links are followed. A file that is not itself a
    link is where its folder really is, so each folder is resolved once, not each file."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.folders: dict[str, bool] = {}  # by name: a Path's hash costs more than the lookup

    def __call__(self, path: Path, link: bool | None = None) -> bool:
        """``link``: whether the path is a link, when the caller has ``lstat``-ed it already."""
        if path.is_symlink() if link is None else link:
            try:
                return path.resolve().is_relative_to(self.folder)
            except (RuntimeError, OSError):  # a loop of links
                return False
        parent = os.path.dirname(path)
        inside = self.folders.get(parent)
        if inside is None:
            inside = self.folders[parent] = Path(parent).resolve().is_relative_to(self.folder)
        return inside


def read_entry_file(
    root: Path, section: str, path: Path, cache: EntryCache | None, inside: Inside, changed: frozenset[Path] | None = None
) -> tuple[Entry | None, list[Problem]]:
    """One entry file, parsed once: with a cache, again only when its size or time changed,
    or (``changed`` given) only when it is one of the changed files. ``inside`` checks that
    the file is in content/."""
    if cache is not None and changed is not None and path in cache and path not in changed:
        return cache[path][1], cache[path][2]  # unchanged: not even stat-ed
    if not inside(path):
        wrong = link_problem(path, root / CONTENT, root, f"{CONTENT}/")  # outside, or a loop
        return None, [wrong] if wrong else []
    if not path.exists():
        return None, [Problem(relative(path, root), None, None, "", "is a link to a file that does not exist: remove the link")]
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    if cache is not None and changed is None and path in cache and cache[path][0] == stamp:
        return cache[path][1], cache[path][2]
    text, problems = read_text(path, root)
    entry = None
    if text is not None:
        entry, problems = read_entry(section, path.stem, relative(path, root), text)
    if cache is not None:
        cache[path] = (stamp, entry, problems)
    return entry, problems


def load_catalogue(
    root: Path,
    include_drafts: bool = False,
    memory: EntryMemory | None = None,
    changed: frozenset[Path] | None = None,
    unfinished: bool = False,
) -> Catalogue:
    """Read, type and cross-check every entry; raises CatalogueError with all problems.

    Entries marked ``draft: true`` are left out unless ``include_drafts`` (as ``serve`` does).
    A draft still holding `new`'s markers is an error when drafts are included or
    ``unfinished`` asks for them (``check``); otherwise it is left out like any draft.
    ``memory`` keeps the files as read (``serve``); ``changed``, the files changed since then.
    """
    problems = Problems()
    found: dict[str, list[Entry]] = {section: [] for section in KINDS}
    unreadable: set[str] = set()  # slugs of entries with problems of their own: no follow-up errors
    drafts: dict[tuple[str, str], str] = {}  # (section, slug) of each entry left out as a draft: its file
    inside = Inside(root / CONTENT)
    changed = _as_listed(root, changed)
    if memory is not None:
        last, memory.last = memory.last, None  # kept again once this reading is found sound
        if (
            last is not None
            and last[0] == (include_drafts, unfinished)
            and changed is not None
            and not any(path.is_relative_to(root / CONTENT) for path in changed)
        ):
            memory.last = last
            return last[1]  # no entry, no image changed: the very same catalogue
        how = (include_drafts, unfinished)
        patched = (
            _patched(root, last[1], changed, memory, inside, include_drafts or unfinished) if last is not None and last[0] == how else None
        )
        if patched is not None:
            memory.last = (how, patched)
            return patched
    cache = memory.entries if memory is not None else None
    files = memory.files if memory is not None else (lambda root, section, changed: entry_files(root, section))
    if memory is not None:
        memory.forget_images(root, changed)
    read: dict[str, list[Path]] = {}
    for section in KINDS:
        for path in files(root, section, changed):
            read.setdefault(section, []).append(path)
            entry, wrong = read_entry_file(root, section, path, cache, inside, changed)
            problems.extend(reported(wrong, include_drafts or unfinished))
            if entry is None:
                unreadable.add(path.stem)
            elif include_drafts or not entry.draft:
                found[section].append(entry)
            else:
                drafts[section, entry.slug] = entry.source.path
    for section, entries in found.items():
        problems.extend(duplicate_slugs([(entry.slug, entry.source.path) for entry in entries]))
        found[section] = sorted(entries, key=lambda entry: (entry.slug, entry.source.path))
    catalogue = Catalogue(
        products=tuple(e for e in found["products"] if isinstance(e, Product)),
        producers=tuple(e for e in found["producers"] if isinstance(e, Producer)),
        experiences=tuple(e for e in found["experiences"] if isinstance(e, Experience)),
        pages=tuple(e for e in found["pages"] if isinstance(e, Page)),
    )
    if memory is not None:  # it holds the files of this reading, and only those
        memory.sections = {section: read.get(section, []) for section in KINDS}
        memory.entries = {path: memory.entries[path] for paths in read.values() for path in paths if path in memory.entries}
    problems.extend(check_references(catalogue, unreadable, drafts))
    problems.extend(check_images(catalogue, root, memory.images if memory is not None else None))
    problems.raise_if_errors()
    catalogue = replace(catalogue, warnings=tuple(problems.items))
    if memory is not None:
        memory.last = ((include_drafts, unfinished), catalogue)
    return catalogue


def reported(problems: list[Problem], unfinished: bool) -> list[Problem]:
    """An entry's problems; those of an unfinished draft (`new`'s markers) as errors, or none."""
    return [replace(p, severity="error") if p.severity == UNFINISHED else p for p in problems if unfinished or p.severity != UNFINISHED]


def _patched(
    root: Path, catalogue: Catalogue, changed: frozenset[Path] | None, memory: EntryMemory, inside: Inside, unfinished: bool
) -> Catalogue | None:
    """The last catalogue (sound, and read the same way as this one) with the entries of the
    changed files read again, when only files that were entries of it changed and each is still
    an entry with the same slug and draft mark, without errors, with warnings where it had some
    (they take the old ones' place), naming producers, experiences, products and images that
    exist. Nothing an entry can change then changes another's checks; anything else is None:
    read as a whole, for the whole reading's messages."""
    if not changed:
        return None
    new: dict[int, Entry] = {}  # id of the entry it replaces -> the entry
    warnings: dict[str, list[Problem]] = {}  # an edited entry's file -> its warnings now
    for path in changed:
        kept = memory.entries.get(path)
        section = path.relative_to(root / CONTENT).parts[0] if path.is_relative_to(root / CONTENT) else ""
        if kept is None or kept[1] is None or section not in KINDS or path.suffix != ".md" or not path.is_file():
            return None
        old, was = kept[1], reported(kept[2], unfinished)
        entry, wrong = read_entry_file(root, section, path, memory.entries, inside, changed)
        now = reported(wrong, unfinished)
        if entry is None or type(entry) is not type(old) or entry.key != old.key or entry.draft != old.draft:
            return None
        if any(problem.severity == "error" for problem in now) or bool(now) != bool(was):
            return None
        new[id(old)] = entry
        if now:
            warnings[entry.source.path] = now
    swapped = {name: getattr(catalogue, name) for name in ("products", "producers", "experiences", "pages")}
    for entry in new.values():  # at its place: entries are sorted by slug, then file
        name = entry.section
        at = bisect.bisect_left(swapped[name], (entry.slug, entry.source.path), key=lambda e: (e.slug, e.source.path))
        if at == len(swapped[name]) or id(swapped[name][at]) not in new:
            return None  # an entry that was not in the catalogue (a draft left out)
        swapped[name] = (*swapped[name][:at], entry, *swapped[name][at + 1 :])
    kept_warnings: list[Problem] = []
    for warning in catalogue.warnings:  # a file's warnings are together, in the order files are read
        if warning.path not in warnings:
            kept_warnings.append(warning)
        elif not kept_warnings or kept_warnings[-1].path != warning.path:
            kept_warnings += warnings[warning.path]
    if not {warning.path for warning in kept_warnings}.issuperset(warnings):
        return None
    patched = replace(catalogue, **swapped, warnings=tuple(kept_warnings))
    if check_references(patched, set(), {}, new.values()) or check_images(patched, root, memory.images, new.values()):
        return None
    return patched


def _folder_change(root: Path, path: Path) -> bool:
    """A change the watcher may report for a whole folder (moved, deleted): list again."""
    return path.is_relative_to(root / CONTENT) and not path.is_relative_to(root / IMAGES) and path.suffix not in (".md", ".yaml")


def _as_listed(root: Path, changed: frozenset[Path] | None) -> frozenset[Path] | None:
    """The reported paths written as the listing of ``root`` writes them (``root``-based)."""
    if changed is None:
        return None
    base = root.absolute()
    return frozenset(root / path.absolute().relative_to(base) for path in changed if path.absolute().is_relative_to(base))


def duplicate_slugs(entries: list[tuple[str, str]]) -> list[Problem]:
    """Two files of a section with one slug: (slug, path) of each entry, in reading order."""
    first: dict[str, str] = {}
    problems = []
    for slug, path in entries:
        if slug in first:
            problems.append(Problem(path, None, None, "", f"duplicate slug '{slug}': {first[slug]} has the same file name"))
        else:
            first[slug] = path
    return problems


Where = tuple[str, int | None, int | None]  # path, line, column


class Facts(NamedTuple):
    """What the checks across entries need of one entry: few enough to keep for every entry
    between runs (``extract`` does), where the entry itself would be too costly to keep."""

    section: str
    slug: str
    path: str
    references: tuple[tuple[Where, str, str, str], ...]  # (where, key, slug, section named)
    named_images: tuple[tuple[Where, str, str], ...]  # (where, key, src) in front matter
    shown_images: tuple[tuple[Where, str, str], ...]  # (where, "body", src) shown by the body


def facts_of(entry: Entry) -> Facts:
    named = tuple((_where(entry, f"images[{i}].src"), f"images[{i}].src", image.src) for i, image in enumerate(entry_images(entry)))
    shown = tuple((_place(block.text.location if block.text else entry.source), "body", name) for block, name in entry.body_images)
    references = tuple((_where(entry, key), key, slug, section) for key, slug, section in _named(entry))
    return Facts(entry.section, entry.slug, entry.source.path, references, named, shown)


def _named(entry: Entry) -> list[tuple[str, str, str]]:
    """The other entries an entry names: (key, slug, their section)."""
    if isinstance(entry, Product):
        return [("producer", entry.producer, "producers")] + [
            (f"experiences[{index}]", slug, "experiences") for index, slug in enumerate(entry.experiences)
        ]
    if isinstance(entry, Experience):
        named = [("producer", entry.producer, "producers")]
        for index, stop in enumerate(entry.stops):
            for section in ("products", "producers", "experiences"):
                named.append((f"stops[{index}].{section[:-1]}", getattr(stop, section[:-1]), section))
        return named
    return []


def _where(entry: Entry, key: str) -> Where:
    return _place(entry.places.get(key, entry.source))


def _place(place: Location) -> Where:
    return place.path, place.line, place.column


def check_references(
    catalogue: Catalogue, unreadable: set[str], drafts: dict[tuple[str, str], str], entries: Iterable[Entry] | None = None
) -> list[Problem]:
    """Every producer and experience named by an entry must exist (or have its own problem);
    one that exists but is a draft is said to be one, not missing. ``entries``: only those are
    checked (all by default)."""
    known = {section: {entry.slug for entry in catalogue.entries() if entry.section == section} for section in KINDS}
    checked = catalogue.entries() if entries is None else tuple(entries)
    return reference_problems([facts_of(entry) for entry in checked], known, unreadable, drafts)


def reference_problems(
    facts: list[Facts], known: dict[str, set[str]], unreadable: set[str], drafts: dict[tuple[str, str], str]
) -> list[Problem]:
    """``check_references`` on the entries' facts; ``known``: the slugs of each section."""
    problems = []
    for entry in facts:
        for where, key, slug, section in entry.references:
            if slug and slug not in known[section] and slug not in unreadable:
                if draft := drafts.get((section, slug)):
                    message = f"{section[:-1]} '{slug}' is a draft ({draft} has draft: true), so this entry cannot be published"
                    message += "; publish it, or mark this entry as a draft too"
                else:
                    message = f"no {section[:-1]} '{slug}' in content/{section}/{did_you_mean(slug, known[section])}"
                problems.append(Problem(*where, key, message))
    return problems


def entry_images(entry: Entry) -> tuple[Image, ...]:
    return getattr(entry, "images", ())


def check_images(
    catalogue: Catalogue, root: Path, known: dict[str, str] | None = None, entries: Iterable[Entry] | None = None
) -> list[Problem]:
    """Each image, named in front matter or shown in a body, must be an image file inside
    content/images/ (symlinks may not lead out). ``known`` remembers what was found for each
    name (``serve``); ``entries``: only those are checked (all by default)."""
    checked = catalogue.entries() if entries is None else tuple(entries)
    return image_problems([facts_of(entry) for entry in checked], root, known)


def image_problems(facts: list[Facts], root: Path, known: dict[str, str] | None = None) -> list[Problem]:
    """``check_images`` on the entries' facts."""
    inside = Inside(root / IMAGES)
    known = {} if known is None else known
    problems = []
    named = [image for entry in facts for image in entry.named_images]
    shown = [image for entry in facts for image in entry.shown_images]
    for where, key, src in named + shown:
        if src not in known:
            known[src] = _image_problem(src, inside)
        if known[src]:
            problems.append(Problem(*where, key, known[src]))
    return problems


def _image_problem(src: str, inside: Inside) -> str:
    path = Path(os.path.normpath(inside.folder / src))
    if not path.is_relative_to(inside.folder) or not inside(path):
        return f"'{src}' leads outside {IMAGES}/"
    if path.suffix.lower() not in EXTENSIONS:
        return f"'{src}' is not an image file: use {', '.join(EXTENSIONS)}"
    return "" if path.is_file() else f"image not found: {IMAGES}/{src}"
