"""Every catalog of the site, read once per build and checked before anything is published.

What a build would publish must be sound: a catalog whose header is fuzzy (gettext tools
skip it), whose plural forms are not its language's, or whose published translations lost
or invented markup, links or placeholders stops the build with the file and line.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from ..content.config import SiteConfig
from ..core.memo import IdentityMemo
from ..core.problems import CatalogueError, Problem, relative
from .consistency import markup_difference, pairs, plural_problems
from .lifecycle import state_of
from .pofiles import CONTENT, MESSAGES, Translation, content_table, published_mo, read_catalog, site_catalogs, ui_translations

FUZZY_HEADER = "the header is marked fuzzy: gettext tools would skip the whole file; remove the fuzzy mark"


CatalogFiles = dict[tuple[Path, str], tuple[tuple[int, int], Catalog | None, list[Problem]]]


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


def published_problems(catalog: Catalog, where: str, with_drafts: bool) -> list[Problem]:
    """Published translations whose markup, links or placeholders differ from the source."""
    problems = []
    publishable = ("reviewed", "draft") if with_drafts else ("reviewed",)
    for message in catalog:
        if message.id and state_of(message) in publishable:
            for source, translation in pairs(message):
                if (difference := markup_difference(source, translation)) is not None:
                    problems.append(Problem(where, message.lineno, None, "", difference))
    return problems


def _read_and_verify(config: SiteConfig, code: str, path: Path) -> tuple[Catalog | None, list[Problem]]:
    language = config.languages[code]
    try:
        catalog = read_catalog(path, config.root, language.catalog_name)
    except CatalogueError as error:
        return None, error.problems
    if catalog is None:
        return None, []
    where = relative(path, config.root)
    problems = [Problem(where, 1, None, "", FUZZY_HEADER)] if catalog.fuzzy else []
    problems += plural_problems(catalog, where, language.locale)
    problems += published_problems(catalog, where, language.shows_drafts)
    return catalog, problems


def load_site_catalogs(config: SiteConfig, memory: CatalogMemory | None = None) -> SiteCatalogs:
    """Read and verify every catalog; with a memory, only those whose file changed."""
    memory = memory or CatalogMemory()
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    problems: list[Problem] = []
    for code, domain, path in site_catalogs(config):
        stat = path.stat() if path.exists() else None
        stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
        key = (path, config.languages[code].publish)
        if key in memory.files and memory.files[key][0] == stamp:
            catalog, found = memory.files[key][1], memory.files[key][2]
        else:
            catalog, found = _read_and_verify(config, code, path)
            memory.files[key] = (stamp, catalog, found)
        catalogs[(code, domain)] = catalog
        problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    return SiteCatalogs(config, catalogs, memory)
