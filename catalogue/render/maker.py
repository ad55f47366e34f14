"""The bytes of any route: pages through their language's templates, feeds and exports from
views, QR codes, sitemaps, and the theme's and entries' files as they are published.

One maker serves both consumers of the route table: the build asks it for every route,
``serve`` for the routes a browser requests. Environments and views are made once per
language, on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import jinja2

from ..content.images import RASTER
from ..i18n.status import LanguageStatus, catalogs_status
from ..site.assemble import Site
from ..site.contexts import chooser_context, page_context, short_context
from ..site.exports import export_csv, export_json
from ..site.feeds import atom_feed
from ..site.headers import host_headers
from ..site.pagegraph import TEMPLATES
from ..site.redirects import netlify_redirects
from ..site.routes import Route
from ..site.sitemap import robots, sitemap_files
from ..site.translators import entry_names, status_context
from ..site.views import Views
from .cards import CACHE as CARDS_CACHE
from .cards import GROUP_COLOURS, Card, card_jpeg
from .environment import Environments, render
from .qrcodes import qr_svg

QR_CACHE = ".cache/qr"


class Maker:
    def __init__(self, site: Site, environments: Environments | None = None, preview: bool = False):
        """``environments`` keeps the languages' template environments (``serve`` passes one that
        outlives the site); ``preview`` links the translators' page to the catalogs' lines, which
        only ``serve`` shows."""
        self.site = site
        self.environments = environments or Environments()
        self.preview = preview
        self._languages: dict[str, tuple[jinja2.Environment, Views]] = {}

    def language(self, code: str) -> tuple[jinja2.Environment, Views]:
        """The template environment and the views of one language, made once."""
        if code not in self._languages:
            site = self.site
            asset_urls = {name: site.urls.asset(name, asset.version) for name, asset in site.assets.items()}
            common = {"assets": asset_urls, "languages": tuple(site.config.languages.values()), "today": site.today}
            environment = self.environments.get(code, site.themes, site.ui(code), common)
            self._languages[code] = (environment, site.views(code))
        return self._languages[code]

    def make(self, route: Route) -> bytes:
        if route.language:
            environment, views = self.language(route.language)
            if route.kind == "feed":
                return atom_feed(views, self.site.config.title_in(route.language)[0])
            if route.kind == "export-json":
                return export_json(views)
            if route.kind == "export-csv":
                return export_csv(views)
            context = page_context(views, self.site.graph, route.page)
            return render(environment, TEMPLATES[route.kind], context, self.site.root).encode("utf-8")
        return self.SHARED[route.kind](self, route)

    def _page(self, template: str, context: dict) -> bytes:
        environment, _ = self.language(self.site.config.source_language)
        return render(environment, template, context, self.site.root).encode("utf-8")

    def _chooser(self, route: Route) -> bytes:
        return self._page("root.html", chooser_context(self.site.config, self.site.urls))

    def _root_notfound(self, route: Route) -> bytes:
        return self._page("root-404.html", chooser_context(self.site.config, self.site.urls))

    @cached_property
    def _statuses(self) -> tuple[list[LanguageStatus], list[str]]:
        """Every language's status and the site's entries, once for all the translators' pages."""
        site = self.site
        return catalogs_status(site.config, site.catalogs.catalogs, site.catalogs.themes), entry_names(site.catalogue)

    def _translations(self, route: Route) -> bytes:
        """The translators' summary (no key), or a page of one language's entries."""
        statuses, names = self._statuses
        context = status_context(self.site.config, self.site.urls, statuses, names, route.key, route.number, self.preview)
        return self._page("translations.html", context)

    def _short(self, route: Route) -> bytes:
        site = self.site
        return self._page("short.html", short_context(site.config, site.urls, site.localisers, site.index.products[route.key]))

    def _qr(self, route: Route) -> bytes:
        """The QR code of a product's short address (choosing the best mask costs ~3 ms a code: cached)."""
        urls, product = self.site.urls, self.site.index.products[route.key]
        return qr_svg(urls.absolute(urls.short(product.slug)), product.name.source, self.site.root / QR_CACHE)

    def _card(self, route: Route) -> bytes:
        """A product's social card in a language ("vi/slug"), or the home page's ("vi/")."""
        site = self.site
        code, slug = route.key.split("/", 1)
        language = site.config.languages[code]
        title = site.config.title_in(code)[0]
        if slug:
            product = site.index.products[slug]
            place = " · ".join(part for part in (product.origin.former_district, product.origin.province) if part)
            name = site.localisers[code](product.name).text
            colour = GROUP_COLOURS.get(product.category, GROUP_COLOURS["food"])
            card = Card(name, title, product.stars, place, self._photo(product.images), colour, language.locale)
        else:
            featured = [p for p in site.catalogue.products if p.featured] or list(site.catalogue.products)
            photo = next((found for p in featured if (found := self._photo(p.images))), None)
            card = Card(title, "OCOP", 0, "", photo, GROUP_COLOURS["beverages"], language.locale)
        return card_jpeg(card, site.root / CARDS_CACHE)

    def _photo(self, images) -> Path | None:
        """The first image if it is a photograph (a raster file); illustrations are not used."""
        path = self.site.images.folder / images[0].src if images else None
        return path if path is not None and path.suffix.lower() in RASTER else None

    @cached_property
    def _sitemaps(self) -> dict[str, bytes]:
        return sitemap_files(self.site.config, self.site.graph, self.site.urls)

    def _sitemap(self, route: Route) -> bytes:
        return self._sitemaps[route.key]

    def _robots(self, route: Route) -> bytes:
        return robots(self.site.urls)

    def _redirects(self, route: Route) -> bytes:
        return netlify_redirects(self.site.config, self.site.urls)

    def _headers(self, route: Route) -> bytes:
        return host_headers(self.site.urls)

    def _asset(self, route: Route) -> bytes:
        return self.site.assets[route.key].path.read_bytes()

    @cached_property
    def _image_files(self) -> dict[str, Path]:
        return self.site.images.files()

    def _image(self, route: Route) -> bytes:
        return self._image_files[route.key].read_bytes()

    SHARED: dict[str, Callable[[Maker, Route], bytes]] = {
        "chooser": _chooser,
        "root-notfound": _root_notfound,
        "translations": _translations,
        "short": _short,
        "qr": _qr,
        "card": _card,
        "sitemap": _sitemap,
        "robots": _robots,
        "redirects": _redirects,
        "headers": _headers,
        "asset": _asset,
        "image": _image,
    }  # what makes each kind of file that belongs to no language
