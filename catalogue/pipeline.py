"""Build the whole site: read, check, localise, lay out pages, render, write.

Reads like the pipeline it is. Nothing is written until everything has been read and
checked, and the output folder is replaced only when every page rendered.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalogs import MESSAGES, catalog_path, read_catalog, ui_translations
from .config import SiteConfig, load_config
from .contexts import page_context
from .index import build_index
from .localise import Localiser, load_content_tables
from .output import SiteWriter
from .pagegraph import ENTRY_KINDS, TEMPLATES, build_graph
from .pseudosite import PseudoTranslations, is_pseudo, pseudo_tables, with_pseudo_languages
from .render import make_environment, render
from .sources import IMAGES, entry_images, load_catalogue
from .status import STATES, language_status
from .themes import theme_assets, theme_dirs
from .urls import PageId, Urls, output_file
from .views import Views

Progress = Callable[[str], None]


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


def ui_chain(config: SiteConfig, code: str) -> gettext.NullTranslations:
    """The theme strings of a language, falling back along its chain, then to the English ids."""
    if is_pseudo(code):
        return PseudoTranslations(rtl=config.languages[code].dir == "rtl")
    chain: gettext.NullTranslations | None = None
    for lang in (code, *config.languages[code].fallback):
        language = config.languages[lang]
        catalog = read_catalog(catalog_path(config.root, language.catalog_name, MESSAGES), config.root, language.catalog_name)
        translations = ui_translations(catalog, with_drafts=language.publish == "drafts")
        if chain is None:
            chain = translations
        else:
            chain.add_fallback(translations)
    assert chain is not None
    return chain


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


TRANSLATION_STATUS = "_translations/index.html"  # for translators; linked from nowhere


def status_context(config: SiteConfig, urls: Urls) -> dict:
    statuses = [language_status(config, code) for code in config.languages]
    pages = {
        status.code: {
            name: urls.page(PageId(ENTRY_KINDS[name.split("/")[0]], name.split("/")[1]), config.languages[status.code])
            for name in status.entries
        }
        for status in statuses
    }
    return {"statuses": statuses, "states": STATES, "pages": pages, "lang": config.languages[config.source_language]}


def build_site(
    root: Path, out: Path, today: dt.date | None = None, progress: Progress = lambda _: None, pseudo: bool = False
) -> BuildReport:
    """Build the site into ``out``; with ``pseudo``, add the pseudo-languages en-XA and ar-XB."""
    started = time.perf_counter()
    today = today or build_date()
    config = load_config(root)
    catalogue = load_catalogue(root)
    index = build_index(catalogue)
    tables = load_content_tables(config)
    if pseudo:
        config = with_pseudo_languages(config)
        tables.update(pseudo_tables(catalogue))
    localisers = {code: Localiser.for_language(config, tables, code) for code in config.languages}
    graph = build_graph(config, index, localisers)
    themes = theme_dirs(config)
    assets = theme_assets(themes)
    urls = Urls.for_site(config)
    asset_urls = {name: urls.asset(name, asset.version) for name, asset in assets.items()}
    common = {"assets": asset_urls, "languages": tuple(config.languages.values()), "today": today}
    pages = 0
    with SiteWriter(out) as writer:
        for code, language in config.languages.items():
            env = make_environment(themes, ui_chain(config, code), common)
            views = Views(config, index, urls, language, localisers[code], today)
            for page in graph.pages:
                html = render(env, TEMPLATES[page.kind], page_context(views, graph, page), root)
                writer.write(output_file(urls.page(page, language), urls.base_path), html.encode("utf-8"))
                pages += 1
            progress(f"{language.code}: {len(graph.pages)} pages")
        source_env = make_environment(themes, ui_chain(config, config.source_language), common)
        root_context = chooser_context(config, urls)
        writer.write(output_file(urls.root(), urls.base_path), render(source_env, "root.html", root_context, root).encode("utf-8"))
        writer.write("404.html", render(source_env, "root-404.html", root_context, root).encode("utf-8"))
        writer.write(TRANSLATION_STATUS, render(source_env, "translations.html", status_context(config, urls), root).encode("utf-8"))
        for name, asset in assets.items():
            writer.copy(asset.path, f"assets/{name}")
        for image in sorted({image.src for entry in catalogue.entries() for image in entry_images(entry)}):
            writer.copy(root / IMAGES / image, f"images/{image}")
        files = writer.written
    return BuildReport(pages, len(config.languages), files, time.perf_counter() - started)
