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
from ..core.memo import IdentityMemo
from ..core.problems import CatalogueError, Problem
from .pofiles import CONTENT, MESSAGES, Translation, content_table, published_mo, site_catalogs, ui_translations
from .verify import catalog_file_problems

CatalogFiles = dict[Path, tuple[tuple[int, int], Catalog | None, list[Problem]]]


@dataclass
class CatalogMemory:
    """What a long-lived preview keeps between readings of the catalogs: each file as last read
    (by size and time), and what was derived from each catalog object (by identity)."""

    files: CatalogFiles = field(default_factory=dict)
    tables: IdentityMemo = field(default_factory=lambda: IdentityMemo(content_table))
    compiled: IdentityMemo = field(default_factory=lambda: IdentityMemo(published_mo))


@dataclass(frozen=True)
class SiteCatalogs:
    config: SiteConfig
    catalogs: dict[tuple[str, str], Catalog | None]  # (language code, domain) -> catalog
    memory: CatalogMemory = field(default_factory=CatalogMemory, compare=False, repr=False)

    def content_tables(self) -> dict[str, dict[str, Translation]]:
        source = self.config.source_language
        catalogs = {code: self.catalogs.get((code, CONTENT)) for code in self.config.languages if code != source}
        return {code: {} if catalog is None else self.memory.tables(catalog) for code, catalog in catalogs.items()}

    def ui_chain(self, code: str) -> gettext.NullTranslations:
        """Theme strings of a language, falling back along its chain, then to the English ids."""
        chain: gettext.NullTranslations | None = None
        with_drafts = self.config.languages[code].shows_drafts  # the reader's policy, all along the chain
        for lang in (code, *self.config.languages[code].fallback):
            catalog = self.catalogs.get((lang, MESSAGES))
            translations = ui_translations(None if catalog is None else self.memory.compiled(catalog, with_drafts))
            if chain is None:
                chain = translations
            else:
                chain.add_fallback(translations)
        assert chain is not None
        return chain


def load_site_catalogs(config: SiteConfig, memory: CatalogMemory | None = None) -> SiteCatalogs:
    """Read and verify every catalog; with a memory, only those whose file changed."""
    memory = memory or CatalogMemory()
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    problems: list[Problem] = []
    for code, domain, path in site_catalogs(config):
        stat = path.stat() if path.exists() else None
        stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
        if path in memory.files and memory.files[path][0] == stamp:
            _, catalog, found = memory.files[path]
        else:
            catalog, found = catalog_file_problems(config, code, domain, path)
            found = [problem for problem in found if problem.severity == "error"]  # as check calls them
            memory.files[path] = (stamp, catalog, found)
        catalogs[(code, domain)] = catalog
        problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    return SiteCatalogs(config, catalogs, memory)
