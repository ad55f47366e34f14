"""Every catalog of the site, read once per build and checked before anything is published.

What a build would publish must be sound: a catalog whose header is fuzzy (gettext tools
skip it), whose plural forms are not its language's, or whose published translations lost
or invented markup, links or placeholders stops the build with the file and line.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import CONTENT, MESSAGES, Translation, catalog_path, content_table, read_catalog, state_of, ui_translations
from .config import SiteConfig
from .consistency import markup_difference, pairs, plural_problems
from .problems import CatalogueError, Problem, relative

FUZZY_HEADER = "the header is marked fuzzy: gettext tools would skip the whole file; remove the fuzzy mark"


@dataclass(frozen=True)
class SiteCatalogs:
    config: SiteConfig
    catalogs: dict[tuple[str, str], Catalog | None]  # (language code, domain) -> catalog

    def content_tables(self) -> dict[str, dict[str, Translation]]:
        source = self.config.source_language
        return {code: content_table(self.catalogs.get((code, CONTENT))) for code in self.config.languages if code != source}

    def ui_chain(self, code: str) -> gettext.NullTranslations:
        """Theme strings of a language, falling back along its chain, then to the English ids."""
        chain: gettext.NullTranslations | None = None
        for lang in (code, *self.config.languages[code].fallback):
            language = self.config.languages[lang]
            translations = ui_translations(self.catalogs.get((lang, MESSAGES)), with_drafts=language.publish == "drafts")
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


CatalogCache = dict[tuple[Path, str], tuple[tuple[int, int], Catalog | None, list[Problem]]]


def _read_and_verify(config: SiteConfig, code: str, domain: str) -> tuple[Catalog | None, list[Problem]]:
    language = config.languages[code]
    path = catalog_path(config.root, language.catalog_name, domain)
    try:
        catalog = read_catalog(path, config.root, language.catalog_name)
    except CatalogueError as error:
        return None, error.problems
    if catalog is None:
        return None, []
    where = relative(path, config.root)
    problems = [Problem(where, 1, None, "", FUZZY_HEADER)] if catalog.fuzzy else []
    problems += plural_problems(catalog, where, language.locale)
    problems += published_problems(catalog, where, language.publish == "drafts")
    return catalog, problems


def load_site_catalogs(config: SiteConfig, cache: CatalogCache | None = None) -> SiteCatalogs:
    """Read and verify every catalog; with a cache, only those whose file changed."""
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    problems: list[Problem] = []
    for code, language in config.languages.items():
        for domain in (CONTENT, MESSAGES):
            if domain == CONTENT and code == config.source_language:
                continue
            path = catalog_path(config.root, language.catalog_name, domain)
            stat = path.stat() if path.exists() else None
            stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
            key = (path, language.publish)
            if cache is not None and key in cache and cache[key][0] == stamp:
                catalog, found = cache[key][1], cache[key][2]
            else:
                catalog, found = _read_and_verify(config, code, domain)
                if cache is not None:
                    cache[key] = (stamp, catalog, found)
            catalogs[(code, domain)] = catalog
            problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    return SiteCatalogs(config, catalogs)
