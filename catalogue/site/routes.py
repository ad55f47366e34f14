"""The route table: every file of the published site, as (URL, kind, key, language).

It is made once from the page graph and read by both consumers: the build writes exactly
these files, and ``serve`` answers exactly these URLs, so the preview is the site. What each
file holds is made by ``render.maker`` from its route's kind and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ..core.problems import CatalogueError, Location, Problem
from .assemble import Site
from .pagegraph import entry_of
from .sitemap import sitemap_names
from .translators import languages_with_entries, page_count
from .urls import LANGUAGE_FILES, SHARED_NAMES, PageId, output_file


class Route(NamedTuple):  # a tuple: the table makes one per file, 130,000 at 10,000 products
    url: str  # the path a browser asks for: "/en/products/vai-thieu/"
    file: str  # where the build writes it, under the output folder: "en/products/vai-thieu/index.html"
    kind: str  # a page kind ("product"), a language file ("feed"), or a shared file's kind ("qr", "sitemap", "image"…)
    key: str = ""  # which one: the page's key, a product's slug, an asset's or an image's name
    language: str = ""  # the language code; "" for files that belong to no language
    number: int = 1  # which page of a list cut into pages
    sort: str = ""  # a list page's order other than the default

    @property
    def is_page(self) -> bool:
        """An HTML page of a language (not its feed or exports, not a shared file)."""
        return bool(self.language) and self.kind not in LANGUAGE_FILES

    @property
    def page(self) -> PageId:
        return PageId(self.kind, self.key, self.number, self.sort)


@dataclass(frozen=True)
class RouteTable:
    routes: tuple[Route, ...]
    by_url: dict[str, Route] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_url", {route.url: route for route in self.routes})

    def find(self, path: str) -> Route | None:
        """The route a request path asks for ("/en/products/x", ".../x/" and ".../x/index.html" alike)."""
        return self.by_url.get(path) or self.by_url.get(path + "/") or self.by_url.get(path.removesuffix("index.html"))

    def of_language(self, code: str) -> tuple[Route, ...]:
        return tuple(route for route in self.routes if route.language == code)

    @cached_property
    def shared(self) -> tuple[Route, ...]:
        return tuple(route for route in self.routes if not route.language)


class RouteMemory:
    """The last table ``serve`` made and what it was made from: an edit that changes no address
    (a text, a price, a translation) gets the same table back without making it again."""

    def __init__(self) -> None:
        self.shape: tuple | None = None
        self.table: RouteTable | None = None


def _shape(site: Site) -> tuple:
    """Everything the table is made from: the site's settings, its pages and the languages that
    publish them (the sitemap's parts), its products, theme files and images."""
    products = tuple(site.index.products)  # the slugs, in the catalogue's order
    return (site.config, site.graph.pages, sitemap_names(site.graph), products, tuple(site.assets), tuple(site.images.files()))


def route_table(site: Site, memory: RouteMemory | None = None) -> RouteTable:
    """Every output file of the site; two routes writing one file are an error, never an overwrite."""
    shape = _shape(site) if memory is not None else None
    if memory is not None and memory.table is not None and shape == memory.shape:
        return memory.table
    table = _made(site)
    if memory is not None:
        memory.shape, memory.table = shape, table
    return table


def _made(site: Site) -> RouteTable:
    urls, config = site.urls, site.config
    _refuse_shared_folders(site)
    routes: list[tuple] = []  # url, kind, key, language[, page number, sort]
    for code, language in config.languages.items():
        routes += [(urls.page(page, language), page.kind, page.key, code, page.number, page.sort) for page in site.graph.pages]
        routes += [(urls.page(PageId(kind), language), kind, "", code) for kind in LANGUAGE_FILES]
    routes += [(urls.root(), "chooser", "", ""), (urls.shared("404.html"), "root-notfound", "", "")]
    routes.append((urls.translations(), "translations", "", ""))
    for code in languages_with_entries(config):  # each language's entries, a page of them at a time
        count = page_count(len(site.catalogue.entries()))
        routes += [(urls.translations(config.languages[code], n), "translations", code, "", n) for n in range(1, count + 1)]
    for product in site.catalogue.products:
        routes += [(urls.short(product.slug), "short", product.slug, ""), (urls.qr(product.slug), "qr", product.slug, "")]
    for code, language in config.languages.items():  # social cards: shared files, one per language
        routes.append((urls.card(language), "card", f"{code}/", ""))
        routes += [(urls.card(language, product.slug), "card", f"{code}/{product.slug}", "") for product in site.catalogue.products]
    routes += [(urls.sitemap(name), "sitemap", name, "") for name in sitemap_names(site.graph)]
    routes += [(urls.shared("robots.txt"), "robots", "", ""), (urls.shared("_redirects"), "redirects", "", "")]
    routes.append((urls.shared("_headers"), "headers", "", ""))
    routes += [(urls.asset(name), "asset", name, "") for name in site.assets]
    routes += [(urls.image(name), "image", name, "") for name in site.images.files()]  # renditions made by prepare()
    table = RouteTable(tuple(Route(url, output_file(url, urls.base_path), *rest) for url, *rest in routes))
    _refuse_collisions(table, site)
    return table


def _refuse_shared_folders(site: Site) -> None:
    """A language's URL folder may not be one the whole site uses (/p/ for short links, /qr/...)."""
    problems = []
    for code, language in site.config.languages.items():
        if language.folder in SHARED_NAMES:
            key = f"languages.{code}.url" if language.url else f"languages.{code}"
            uses = "for short links, QR codes, images, search…"
            message = f"the URL folder {language.folder}/ is one the whole site uses ({uses}); choose another"
            problems.append(site.config.where(key).problem(key, message))
    if problems:
        raise CatalogueError(problems)


def _refuse_collisions(table: RouteTable, site: Site) -> None:
    seen: dict[str, Route] = {}
    problems = []
    for route in table.routes:
        other = seen.setdefault(route.file, route)
        if other is not route:
            place, what = _origin(route, site)
            other_place, other_what = _origin(other, site)
            message = (
                f"{what} would be written at {route.file}, where {other_what} ({other_place.path}:{other_place.line}) is written"
                "; rename one of them"
            )
            problems.append(Problem(place.path, place.line, place.column, "", message))
    if problems:
        raise CatalogueError(problems)


def _origin(route: Route, site: Site) -> tuple[Location, str]:
    """Where a route comes from, for a message: the entry that makes it, or its language's line
    in site.yaml, or site.yaml itself."""
    entry = entry_of(PageId("product", route.key), site.index) if route.kind in ("short", "qr") else None
    entry = entry or (entry_of(route.page, site.index) if route.language else None)
    if entry is not None:
        what = f"the {route.kind} page" if route.kind not in ("short", "qr") else f"the {route.kind} link"
        return entry.source, f"{what} of {entry.source.path}" + (f" in {route.language}" if route.language else "")
    if route.language:
        language = site.config.languages[route.language]
        key = f"languages.{route.language}.url" if language.url else f"languages.{route.language}"
        number = f" (page {route.number})" if route.number > 1 else ""
        return site.config.where(key), f"the {route.language} {route.kind} page{number}"
    return site.config.where(""), f"the site's {route.kind} file"
