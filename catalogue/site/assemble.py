"""Read and check the whole site into one ``Site``: what every later stage works from.

Nothing here touches the output. A build assembles the site once; ``serve`` assembles it
again after every change, handing over a ``SiteMemory`` so that only what changed is read
and derived again. No state is kept anywhere else: two builds in one process are independent.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass, field
from pathlib import Path

from ..content.config import SiteConfig, load_config
from ..content.images import ImageLibrary
from ..content.model import Catalogue, texts
from ..content.price_units import unit_problems
from ..content.sources import IMAGES, EntryMemory, load_catalogue
from ..content.themes import Asset, theme_assets, theme_dirs
from ..core.memo import IdentityMemo
from ..core.problems import CatalogueError
from ..i18n.catalogs import CatalogMemory, SiteCatalogs, load_site_catalogs
from ..i18n.localise import Localiser
from ..mt.pseudo_languages import PseudoTranslations, is_pseudo, pseudo_tables, with_pseudo_languages
from .links import LinkMemory, link_problems
from .lookups import Index, build_index, patched_index
from .pagegraph import PageGraph, PublishedMemo, build_graph, page_ids
from .urls import PageId, Urls
from .views import Views


@dataclass
class SiteMemory:
    """What a long-lived preview keeps from one reading of the site to the next: entry files and
    catalogs as last read, and what was derived from the objects that did not change."""

    entries: EntryMemory = field(default_factory=EntryMemory)
    catalogs: CatalogMemory = field(default_factory=CatalogMemory)
    entry_texts: IdentityMemo = field(default_factory=lambda: IdentityMemo(lambda entry: tuple(texts(entry))))
    published: PublishedMemo = field(default_factory=PublishedMemo)
    links: LinkMemory = field(default_factory=LinkMemory)
    lookups: tuple[Catalogue, Index, tuple[PageId, ...]] | None = None  # the last catalogue's index and pages


@dataclass(frozen=True)
class Site:
    """Everything read and checked, ready to render."""

    root: Path
    config: SiteConfig
    catalogue: Catalogue
    index: Index
    localisers: dict[str, Localiser]
    graph: PageGraph
    themes: tuple[Path, ...]
    assets: dict[str, Asset]
    urls: Urls
    today: dt.date
    images: ImageLibrary
    catalogs: SiteCatalogs

    def ui(self, code: str) -> gettext.NullTranslations:
        """The theme strings of a language (pseudo-languages make theirs up)."""
        if is_pseudo(code):
            return PseudoTranslations(rtl=self.config.languages[code].dir == "rtl")
        return self.catalogs.ui_chain(code)

    def views(self, code: str) -> Views:
        language = self.config.languages[code]
        return Views(self.config, self.index, self.urls, language, self.localisers[code], self.today, self.images, self.ui(code))


def prepare(
    root: Path,
    today: dt.date,
    pseudo: bool = False,
    include_drafts: bool = False,
    memory: SiteMemory | None = None,
    changed: frozenset[Path] | None = None,
) -> Site:
    """Read and check the whole site; raises CatalogueError with every problem found.
    ``changed``: the files changed since ``memory`` was filled (a watcher's report), if known."""
    memory = memory or SiteMemory()
    config = load_config(root)
    catalogue = load_catalogue(root, include_drafts, memory.entries, changed)
    if memory.lookups is not None and memory.lookups[0] is catalogue:  # only catalogs or settings changed
        index, pages = memory.lookups[1:]
    elif memory.lookups is not None and (patched := patched_index(memory.lookups[1], catalogue, memory.entry_texts)) is not None:
        index, pages = patched, memory.lookups[2]  # entries edited in place: the same pages
        memory.lookups = (catalogue, index, pages)
    else:
        index = build_index(catalogue, memory.entry_texts)
        pages = tuple(page_ids(index))
        memory.lookups = (catalogue, index, pages)
    sources = catalogue.image_sources()
    broken_links = link_problems(catalogue, config, index, pages, memory.links, sources) + unit_problems(catalogue, config)
    if broken_links:
        raise CatalogueError(broken_links)
    catalogs = load_site_catalogs(config, memory.catalogs)
    tables = catalogs.content_tables()
    if pseudo:
        config = with_pseudo_languages(config)
        tables.update(pseudo_tables(catalogue))
    localisers = {code: Localiser.for_language(config, tables, code) for code in config.languages}
    graph = build_graph(config, index, localisers, memory.published, pages, memory.catalogs.changes)
    themes = theme_dirs(config)
    assets, urls, images = theme_assets(themes), Urls.for_site(config), ImageLibrary(root, IMAGES, memory.entries.renditions)
    if unusable := images.problems(sources):  # made (or found in the cache) now, once
        raise CatalogueError(unusable)
    return Site(root, config, catalogue, index, localisers, graph, themes, assets, urls, today, images, catalogs)
