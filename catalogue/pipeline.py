"""Build the whole site: read, check, localise, lay out pages, render, write.

Reads like the pipeline it is. Nothing is written until everything has been read and
checked, and the output folder is replaced only when every page rendered.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import gc
import gettext
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import SiteConfig, load_config
from .contexts import page_context
from .exports import export_csv, export_json
from .feeds import atom_feed
from .index import Index, build_index
from .links import link_problems
from .localise import Localiser
from .model import Catalogue, Product
from .output import SiteWriter
from .pagegraph import ENTRY_KINDS, TEMPLATES, PageGraph, build_graph
from .problems import CatalogueError
from .progress import Progress
from .pseudosite import PseudoTranslations, is_pseudo, pseudo_tables, with_pseudo_languages
from .qrcodes import qr_svg
from .raster import ImageLibrary
from .redirects import netlify_redirects
from .render import make_environment, render
from .search_index import index_for_search
from .sitecatalogs import CatalogCache, SiteCatalogs, load_site_catalogs
from .sitemap import robots, sitemap_files
from .sources import IMAGES, EntryCache, entry_images, load_catalogue
from .stamp import BuildStamp
from .status import STATES, catalogs_status
from .themes import Asset, theme_assets, theme_dirs
from .urls import LANGUAGE_FILES, PageId, Urls, output_file
from .views import Views

Say = Callable[[str], None]


def build_date() -> dt.date:
    """Today, or the date fixed by SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class BuildReport:
    pages: int
    languages: int
    files: int
    seconds: float
    up_to_date: bool = False  # nothing changed since the last build: nothing was done


def chooser_context(config: SiteConfig, urls: Urls) -> dict:
    """The root page: every language's home, by its own name, with the title in that language."""
    homes = {code: urls.page(PageId("home"), language) for code, language in config.languages.items()}
    return {
        "lang": config.languages[config.source_language],
        "titles": [(language, config.title_in(code), homes[code]) for code, language in config.languages.items()],
        "canonical": urls.absolute(urls.root()),
        "x_default": urls.absolute(urls.root()),
        "absolute_urls": {code: urls.absolute(path) for code, path in homes.items()},
    }


QR_CACHE = ".cache/qr"
TRANSLATION_STATUS = "_translations/index.html"  # for translators; linked from nowhere


def status_context(site: Site, source_links: bool = False) -> dict:
    """The translators' page: state counts per language and entry (from the catalogs already read)."""
    config, urls = site.config, site.urls
    statuses = [catalogs_status(config, code, site.catalogs.catalogs) for code in config.languages]
    pages = {
        status.code: {
            name: urls.page(PageId(ENTRY_KINDS[name.split("/")[0]], name.split("/")[1]), config.languages[status.code])
            for name in status.entries
        }
        for status in statuses
    }
    return {
        "statuses": statuses,
        "states": STATES,
        "pages": pages,
        "lang": config.languages[config.source_language],
        "source_links": source_links,
    }


@dataclass(frozen=True)
class Site:
    """Everything read and checked, ready to render: nothing here touches the output."""

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
        if is_pseudo(code):
            return PseudoTranslations(rtl=self.config.languages[code].dir == "rtl")
        return self.catalogs.ui_chain(code)

    def environment(self, code: str) -> jinja2.Environment:
        asset_urls = {name: self.urls.asset(name, asset.version) for name, asset in self.assets.items()}
        common = {"assets": asset_urls, "languages": tuple(self.config.languages.values()), "today": self.today}
        return make_environment(self.themes, self.ui(code), common)

    def views(self, code: str, env: jinja2.Environment) -> Views:
        language = self.config.languages[code]
        return Views(self.config, self.index, self.urls, language, self.localisers[code], self.today, self.images, self.ui(code))


def prepare(
    root: Path,
    today: dt.date,
    pseudo: bool = False,
    include_drafts: bool = False,
    cache: EntryCache | None = None,
    catalog_cache: CatalogCache | None = None,
) -> Site:
    """Read and check the whole site; raises CatalogueError with every problem found."""
    config = load_config(root)
    catalogue = load_catalogue(root, include_drafts, cache)
    index = build_index(catalogue)
    images = {image.src for entry in catalogue.entries() for image in entry_images(entry)}
    broken_links = link_problems(catalogue, config, index, images)
    if broken_links:
        raise CatalogueError(broken_links)
    catalogs = load_site_catalogs(config, catalog_cache)
    tables = catalogs.content_tables()
    if pseudo:
        config = with_pseudo_languages(config)
        tables.update(pseudo_tables(catalogue))
    localisers = {code: Localiser.for_language(config, tables, code) for code in config.languages}
    graph = build_graph(config, index, localisers)
    themes = theme_dirs(config)
    assets, urls, images = theme_assets(themes), Urls.for_site(config), ImageLibrary(root, IMAGES)
    return Site(root, config, catalogue, index, localisers, graph, themes, assets, urls, today, images, catalogs)


def write_language(site: Site, code: str, writer: SiteWriter, tick: Callable[[], None] = lambda: None) -> int:
    """Every page of one language, its feed and its exports; returns the number of pages."""
    env = site.environment(code)
    views = site.views(code, env)
    language, urls = site.config.languages[code], site.urls
    for page in site.graph.pages:
        writer.write(output_file(urls.page(page, language), urls.base_path), render_page(site, env, views, page))
        tick()
    for kind in LANGUAGE_FILES:
        writer.write(output_file(urls.page(PageId(kind), language), urls.base_path), language_file(site, views, kind))
    return len(site.graph.pages)


def render_page(site: Site, env: jinja2.Environment, views: Views, page: PageId) -> bytes:
    return render(env, TEMPLATES[page.kind], page_context(views, site.graph, page), site.root).encode("utf-8")


def language_file(site: Site, views: Views, kind: str) -> bytes:
    """A language's feed or export."""
    if kind == "feed":
        return atom_feed(views, site.config.title_in(views.language.code)[0])
    return export_json(views) if kind == "export-json" else export_csv(views)


def write_shared(site: Site, writer: SiteWriter) -> None:
    """What belongs to no language: chooser, 404, short QR addresses, sitemap, assets, images."""
    config, urls, root = site.config, site.urls, site.root
    env = site.environment(config.source_language)
    chooser = chooser_context(config, urls)
    writer.write(output_file(urls.root(), urls.base_path), render(env, "root.html", chooser, root).encode("utf-8"))
    writer.write("404.html", render(env, "root-404.html", chooser, root).encode("utf-8"))
    writer.write(TRANSLATION_STATUS, render(env, "translations.html", status_context(site), root).encode("utf-8"))
    for product in site.catalogue.products:
        short = urls.short(product.slug)
        writer.write(output_file(short, urls.base_path), short_page(site, env, product))
    for name, data in sitemap_files(config, site.graph, urls).items():
        writer.write(name, data)
    writer.write("robots.txt", robots(urls))
    writer.write("_redirects", netlify_redirects(config, urls))
    for name, asset in site.assets.items():
        writer.copy(asset.path, f"assets/{name}")
    for image in sorted({image.src for entry in site.catalogue.entries() for image in entry_images(entry)}):
        site.images.rendition(image)
    for name, path in site.images.files().items():
        writer.copy(path, f"images/{name}")


def write_qr_codes(site: Site, writer: SiteWriter, products: tuple[Product, ...]) -> None:
    """The QR code of each product's short address (choosing the best mask costs ~3 ms a code)."""
    urls = site.urls
    for product in products:
        address = urls.absolute(urls.short(product.slug))
        writer.write(output_file(urls.qr(product.slug), urls.base_path), qr_svg(address, product.name.source, site.root / QR_CACHE))


def short_page(site: Site, env: jinja2.Environment, product: Product) -> bytes:
    """/p/<slug>/: the product in every language; a script picks the reader's."""
    config, urls, localisers = site.config, site.urls, site.localisers
    targets = [
        (language, urls.page(PageId("product", product.slug), language), localisers[code](product.name))
        for code, language in config.languages.items()
    ]
    context = {
        "lang": config.languages[config.source_language],
        "targets": targets,
        "title": localisers[config.source_language](product.name),
        "canonical": urls.absolute(urls.short(product.slug)),
    }
    return render(env, "short.html", context, site.root).encode("utf-8")


_FORKED: tuple[Site, SiteWriter] | None = None  # what forked workers inherit from the parent
QR_CHUNK = 200  # QR codes per task: small enough to fill the worker that finishes its languages first
Task = str | slice  # a language's pages, or a slice of the products whose QR codes to write


def run_task(site: Site, writer: SiteWriter, task: Task, tick: Callable[[], None] = lambda: None) -> int:
    """Do one task; returns the number of pages rendered."""
    if isinstance(task, str):
        return write_language(site, task, writer, tick)
    write_qr_codes(site, writer, site.catalogue.products[task])
    return 0


PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a build that was killed: it would wait for work forever."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the operating system leaves orphans to the user
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


def _run_in_worker(task: Task) -> tuple[int, int]:
    assert _FORKED is not None
    site, writer = _FORKED
    written_before = writer.written
    pages = run_task(site, writer, task)
    return pages, writer.written - written_before


def write_in_parallel(site: Site, writer: SiteWriter, say: Say, progress: Progress) -> int:
    """Every language's pages and every QR code, over all cores (forked workers share the read
    site); languages go first, the QR chunks then fill whichever worker is free."""
    global _FORKED
    count = len(site.catalogue.products)
    tasks: list[Task] = [*site.config.languages, *(slice(start, start + QR_CHUNK) for start in range(0, count, QR_CHUNK))]
    workers = min(len(tasks), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return sum(run_task(site, writer, task, progress.advance) for task in tasks)
    _FORKED = (site, writer)
    pages = 0
    try:
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=fork, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            for task, (rendered, files) in zip(tasks, pool.map(_run_in_worker, tasks), strict=True):
                pages += rendered
                writer.written += files
                if isinstance(task, str):
                    progress.advance(rendered)
                    say(f"{task}: {rendered} pages")
    finally:
        _FORKED = None
    return pages


def build_site(
    root: Path,
    out: Path,
    today: dt.date | None = None,
    say: Say = lambda _: None,
    pseudo: bool = False,
    bar: bool = False,
    force: bool = False,
    search: bool = True,
) -> BuildReport:
    """Build the site into ``out``; with ``pseudo``, add the pseudo-languages en-XA and ar-XB.

    ``say`` receives a line per stage (for --verbose); ``bar`` shows a progress bar of pages.
    When no input changed since the last build of ``out`` (and not ``force``), nothing is done.
    """
    started = time.perf_counter()
    today = today or build_date()
    stamp = BuildStamp(root, out, f"{today.isoformat()} pseudo={pseudo} search={search}")
    if not force and stamp.unchanged():
        SiteWriter(out).remove_stale()
        return BuildReport(0, 0, 0, time.perf_counter() - started, up_to_date=True)
    site = prepare(root, today, pseudo)
    # The site read is kept to the end: exempt its millions of objects from the cyclic garbage
    # collector's full passes (which also copied every page of the forked workers' memory).
    gc.freeze()
    progress = Progress(len(site.graph.pages) * len(site.config.languages), "build", enabled=bar)
    with SiteWriter(out) as writer:
        pages = write_in_parallel(site, writer, say, progress)
        write_shared(site, writer)
        if search:
            say(index_for_search(writer.temp, [language.folder for language in site.config.languages.values()]))
        files = writer.written
    stamp.save()
    return BuildReport(pages, len(site.config.languages), files, time.perf_counter() - started)
