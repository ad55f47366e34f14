"""Catalogs as read and checked, kept in ``.cache/catalogs/`` so that a build, ``check`` or the
first reading of ``serve`` parses again only the catalogs whose text changed.

Reading a content catalog (the line checks, Babel's parser, the translation checks, msgfmt)
costs ~0.7 s CPU a language at 1,000 products, ~6 s at 10,000, on one core before any page
is made; loading what an earlier run kept costs a fraction. One file per catalog holds the
digest of everything its reading depends on: its text, the engine's code, the language's
settings and the msgfmt that checked it. Another digest is read again and replaces the file,
so the store never holds more than one file per catalog, and never an answer that a reading
of the file would not give.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog

from ..content.config import SiteConfig
from ..core.cachedata import DATES, load_data
from ..core.engine import engine_version
from ..core.files import cache_read, cache_write
from ..core.problems import CatalogueError, Problem, relative
from .pofiles import catalog_text, parse_catalog, read_catalog_bytes
from .verify import text_problems

STORE = ".cache/catalogs"
HELD = DATES | {  # what a stored catalog may hold (``cachedata``)
    ("babel.messages.catalog", "Catalog"),
    ("babel.messages.catalog", "Message"),
    ("babel.core", "Locale"),
    ("collections", "defaultdict"),
    ("builtins", "list"),
    ("catalogue.core.problems", "Problem"),
}


def read_and_check(config: SiteConfig, code: str, domain: str, path: Path) -> tuple[Catalog | None, bytes | None, list[Problem]]:
    """A catalog, the bytes of its file and every problem of it (errors and gettext's warnings);
    (None, None, problems) when it cannot be read, (None, None, []) when there is no file."""
    name = relative(path, config.root)
    try:
        data = read_catalog_bytes(path, config.root)
        if data is None:
            return None, None, []
        store = config.root / STORE / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.pickle"
        digest = _digest(config, code, domain, name, data)
        if (kept := _kept(store, digest)) is not None:
            return kept[0], data, kept[1]
        text = catalog_text(data, name)
        catalog = parse_catalog(text, name, config.languages[code].catalog_name)
    except CatalogueError as error:
        return None, None, error.problems  # not kept: a catalog that cannot be read is read again
    problems = text_problems(config, code, domain, catalog, text, path)
    try:
        cache_write(store, pickle.dumps((digest, catalog, problems), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a site folder that cannot be written (``check`` of a read-only checkout): nothing kept
    return catalog, data, problems


def _digest(config: SiteConfig, code: str, domain: str, name: str, data: bytes) -> str:
    language = config.languages[code]
    inputs = (_engine(), _msgfmt(), code, domain, language.catalog_name, str(language.locale), name)
    digest = hashlib.sha256("\0".join(inputs).encode())
    digest.update(data)
    return digest.hexdigest()


def _kept(store: Path, digest: str) -> tuple[Catalog, list[Problem]] | None:
    data = cache_read(store)
    if data is None:
        return None
    try:
        kept_digest, catalog, problems = load_data(data, HELD)
    except Exception:  # an older engine's file, a damaged one, or one naming code: read the catalog again
        return None
    return (catalog, problems) if kept_digest == digest else None


@cache
def _engine() -> str:
    return engine_version()  # hashes the engine's files: once a process


@cache
def _msgfmt() -> str:
    """Which msgfmt checks catalogs (its findings are kept with them): its place, size and date."""
    found = shutil.which("msgfmt")
    if found is None:
        return "no msgfmt"
    stat = Path(found).resolve().stat()
    return f"{found} {stat.st_size} {stat.st_mtime_ns}"
