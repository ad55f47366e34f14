"""Every catalog of the site, read once per build and checked before anything is published.

A build refuses every catalog error that ``check`` reports (``verify``), with the same file
and line: what it publishes is sound, and what ``check`` passes, the build builds.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from ..content.config import SiteConfig
from ..content.themes import translation_dirs
from ..core.memo import IdentityMemo
from ..core.problems import CatalogueError, Problem
from .catalogstore import read_and_check
from .pofiles import (
    CONTENT,
    MESSAGES,
    Translation,
    content_table,
    published_mo,
    read_catalog_bytes,
    site_catalogs,
    table_entry,
    theme_catalogs,
    ui_translations,
)
from .rereading import reread

CatalogFiles = dict[Path, tuple[tuple[int, int], bytes | None, Catalog | None, list[Problem]]]  # stamp, bytes, catalog, errors


@dataclass
class CatalogMemory:
    """What a long-lived preview keeps between readings of the catalogs: each file as last read
    (by size and time, with its bytes), and what was derived from each catalog object (by identity)."""

    files: CatalogFiles = field(default_factory=dict)
    tables: IdentityMemo = field(default_factory=lambda: IdentityMemo(content_table))
    compiled: IdentityMemo = field(default_factory=lambda: IdentityMemo(published_mo))
    chains: dict[str, tuple[bool, tuple[Catalog, ...], gettext.NullTranslations]] = field(default_factory=dict)  # code -> its chain
    changes: dict[str, tuple[dict, dict, frozenset[str]]] = field(default_factory=dict)  # code -> (old table, new, msgids changed)


@dataclass(frozen=True)
class SiteCatalogs:
    config: SiteConfig
    catalogs: dict[tuple[str, str], Catalog | None]  # (language code, domain) -> catalog
    themes: dict[str, tuple[Catalog, ...]] = field(default_factory=dict)  # language code -> the themes' own catalogs
    memory: CatalogMemory = field(default_factory=CatalogMemory, compare=False, repr=False)

    def content_tables(self) -> dict[str, dict[str, Translation]]:
        source = self.config.source_language
        catalogs = {code: self.catalogs.get((code, CONTENT)) for code in self.config.languages if code != source}
        return {code: {} if catalog is None else self.memory.tables(catalog) for code, catalog in catalogs.items()}

    def ui_chain(self, code: str) -> gettext.NullTranslations:
        """Theme strings of a language: the site's own catalog first, message by message, then the
        themes' catalogs of that language; then the same along its chain; then the English ids.
        The same object as last time while those catalogs are the same objects."""
        with_drafts = self.config.languages[code].shows_drafts  # the reader's policy, all along the chain
        languages = (code, *self.config.languages[code].fallback)
        catalogs = tuple(
            c for lang in languages for c in (self.catalogs.get((lang, MESSAGES)), *self.themes.get(lang, ())) if c is not None
        )
        kept = self.memory.chains.get(code)
        if (
            kept is not None
            and kept[0] == with_drafts
            and len(kept[1]) == len(catalogs)
            and all(a is b for a, b in zip(kept[1], catalogs, strict=True))
        ):
            return kept[2]
        chain: gettext.NullTranslations | None = None
        for catalog in catalogs:
            translations = ui_translations(self.memory.compiled(catalog, with_drafts))
            if chain is None:
                chain = translations
            else:
                chain.add_fallback(translations)
        chain = chain or gettext.NullTranslations()
        self.memory.chains[code] = (with_drafts, catalogs, chain)
        return chain


def _remembered(config: SiteConfig, code: str, domain: str, path: Path, memory: CatalogMemory) -> tuple[Catalog | None, list[Problem]]:
    """A catalog read and verified (its errors, as check calls them), again only when its file
    changed since ``memory`` saw it, and then only its changed entries when it can be."""
    stat = path.stat() if path.exists() else None
    stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    if path not in memory.files or memory.files[path][0] != stamp:
        memory.files[path] = (stamp, *_read(config, code, domain, path, memory))
    return memory.files[path][2], memory.files[path][3]


def load_site_catalogs(config: SiteConfig, memory: CatalogMemory | None = None) -> SiteCatalogs:
    """Read and verify every catalog, the site's and its themes'; with a memory, only those whose
    file changed, and of those, when it can be, only the entries that changed (``rereading``)."""
    memory = memory or CatalogMemory()
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    themes: dict[str, list[Catalog]] = {}
    problems: list[Problem] = []
    for code, domain, path in site_catalogs(config):
        catalogs[(code, domain)], found = _remembered(config, code, domain, path, memory)
        problems.extend(found)
    for code, path in theme_catalogs(config, translation_dirs(config)):
        catalog, found = _remembered(config, code, MESSAGES, path, memory)
        themes.setdefault(code, []).extend([catalog] if catalog is not None else [])
        problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    return SiteCatalogs(config, catalogs, {code: tuple(found) for code, found in themes.items()}, memory)


def _read(
    config: SiteConfig, code: str, domain: str, path: Path, memory: CatalogMemory
) -> tuple[bytes | None, Catalog | None, list[Problem]]:
    """A catalog's bytes, the catalog and its errors: only the changed entries read and checked when
    the last reading of the file was sound, else the whole file."""
    _, old_data, old, old_found = memory.files.get(path, (None, None, None, []))
    if old is not None and old_data is not None and not old_found:  # last read whole or in part, and sound
        try:
            data = read_catalog_bytes(path, config.root)
        except CatalogueError:
            data = None
        again = None if data is None else reread(config, code, domain, path, old_data, old, data)
        if again is not None:
            catalog, changed = again
            if domain == CONTENT and catalog is not old:
                table = dict(memory.tables(old))
                for message in changed:
                    table.pop(message.id, None)
                    if (translation := table_entry(message)) is not None:
                        table[message.id] = translation
                memory.tables.remember(catalog, table)
                memory.changes[code] = (memory.tables(old), table, frozenset(message.id for message in changed))
            return data, catalog, []
    catalog, data, found = read_and_check(config, code, domain, path)
    return data, catalog, [problem for problem in found if problem.severity == "error"]  # as check calls them
