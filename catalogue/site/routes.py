"""The route table: every file of the published site, as (URL, kind, key, language).

It is made once from the page graph and read by both consumers: the build writes exactly
these files, and ``serve`` answers exactly these URLs, so the preview is the site. What each
file holds is made by ``render.maker`` from its route's kind and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ..core.problems import CatalogueError, Problem
from .assemble import Site
from .sitemap import sitemap_names
from .urls import LANGUAGE_FILES, PageId, output_file


class Route(NamedTuple):  # a tuple: the table makes one per file, 130,000 at 10,000 products
    url: str  # the path a browser asks for: "/en/products/vai-thieu/"
    file: str  # where the build writes it, under the output folder: "en/products/vai-thieu/index.html"
    kind: str  # a page kind ("product"), a language file ("feed"), or a shared file's kind ("qr", "sitemap", "image"…)
    key: str = ""  # which one: the page's key, a product's slug, an asset's or an image's name
    language: str = ""  # the language code; "" for files that belong to no language
    number: int = 1  # which page of a list cut into pages

    @property
    def is_page(self) -> bool:
        """An HTML page of a language (not its feed or exports, not a shared file)."""
        return bool(self.language) and self.kind not in LANGUAGE_FILES

    @property
    def page(self) -> PageId:
        return PageId(self.kind, self.key, self.number)


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


def route_table(site: Site) -> RouteTable:
    """Every output file of the site; two routes writing one file are an error, never an overwrite."""
    urls, config = site.urls, site.config
    routes: list[tuple] = []  # url, kind, key, language[, page number]
    for code, language in config.languages.items():
        routes += [(urls.page(page, language), page.kind, page.key, code, page.number) for page in site.graph.pages]
        routes += [(urls.page(PageId(kind), language), kind, "", code) for kind in LANGUAGE_FILES]
    routes += [(urls.root(), "chooser", "", ""), (urls.shared("404.html"), "root-notfound", "", "")]
    routes.append((urls.translations(), "translations", "", ""))
    for product in site.catalogue.products:
        routes += [(urls.short(product.slug), "short", product.slug, ""), (urls.qr(product.slug), "qr", product.slug, "")]
    routes += [(urls.sitemap(name), "sitemap", name, "") for name in sitemap_names(site.graph)]
    routes += [(urls.shared("robots.txt"), "robots", "", ""), (urls.shared("_redirects"), "redirects", "", "")]
    routes.append((urls.shared("_headers"), "headers", "", ""))
    routes += [(urls.asset(name), "asset", name, "") for name in site.assets]
    routes += [(urls.image(name), "image", name, "") for name in site.images.files()]  # renditions made by prepare()
    table = RouteTable(tuple(Route(url, output_file(url, urls.base_path), *rest) for url, *rest in routes))
    _refuse_collisions(table)
    return table


def _refuse_collisions(table: RouteTable) -> None:
    seen: dict[str, Route] = {}
    problems = []
    for route in table.routes:
        other = seen.setdefault(route.file, route)
        if other is not route:
            message = f"two files of the site would be written at {route.file}: {_what(other)} and {_what(route)}; rename one"
            problems.append(Problem("content/site.yaml", None, None, "", message))
    if problems:
        raise CatalogueError(problems)


def _what(route: Route) -> str:
    number = f"page {route.number}" if route.number > 1 else ""
    return " ".join(part for part in (route.language, route.kind, route.key, number) if part)
