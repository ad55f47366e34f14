"""The page graph: every page in every language, published where its text is translated."""

from __future__ import annotations

import dataclasses

from catalogue.content.config import load_config
from catalogue.content.model import Text
from catalogue.content.sources import load_catalogue
from catalogue.i18n.catalogs import load_site_catalogs
from catalogue.i18n.localise import Localiser
from catalogue.site.lookups import build_index, patched_index
from catalogue.site.pagegraph import build_graph
from catalogue.site.urls import PageId, Urls, output_file


def graph_of(root):
    config = load_config(root)
    index = build_index(load_catalogue(root))
    tables = load_site_catalogs(config).content_tables()
    localisers = {code: Localiser.for_language(config, tables, code) for code in config.languages}
    return config, index, localisers, build_graph(config, index, localisers)


def test_pages_of_the_fixture_site(multilingual):
    _, _, _, graph = graph_of(multilingual)
    kinds = sorted({(page.kind, page.key) for page in graph.pages})
    assert ("product", "my-chu") in kinds and ("region", "luc-ngan") in kinds and ("page", "about-ocop") in kinds
    assert [key for kind, key in kinds if kind == "category"] == ["beverages", "food", "handicrafts", "herbal", "ornamental", "tourism"]
    assert [key for kind, key in kinds if kind == "stars"] == ["3", "4", "5"]
    assert len(graph.pages) == len(set(graph.pages))


def test_published_languages_follow_translations(multilingual):
    config, _, _, graph = graph_of(multilingual)
    assert graph.published[PageId("product", "my-chu")] == ("vi", "en")
    assert graph.published[PageId("product", "vai-thieu")] == ("vi",)
    assert graph.published[PageId("home")] == ("vi", "en", "fr")
    assert graph.canonical_language(PageId("product", "my-chu"), config.chain("fr")) == "en"
    assert graph.canonical_language(PageId("product", "vai-thieu"), config.chain("fr")) == "vi"


def test_localiser_resolution_and_states(multilingual):
    _, index, localisers, _ = graph_of(multilingual)
    product = index.products["my-chu"]
    assert (localisers["fr"](product.name).text, localisers["fr"](product.name).lang) == ("Nouilles de Chũ", "fr")
    summary = localisers["fr"](product.summary)
    assert (summary.text, summary.lang) == ("Sun-dried rice noodles.", "en")  # fuzzy French skipped
    assert localisers["vi"](product.name).lang == "vi"
    assert localisers["en"].is_native(product) and not localisers["fr"].is_native(product)


def test_urls_respect_the_base_path(multilingual):
    config, _, _, _ = graph_of(multilingual)
    urls = Urls.for_site(config)
    fr = config.languages["fr"]
    assert urls.page(PageId("product", "my-chu"), fr) == "/shop/fr/products/my-chu/"
    assert urls.page(PageId("page", "about-ocop"), fr) == "/shop/fr/about-ocop/"
    assert urls.page(PageId("notfound"), fr) == "/shop/fr/404.html"
    assert urls.absolute("/shop/fr/") == "https://test.example.org/shop/fr/"
    assert output_file("/shop/fr/products/my-chu/", "/shop/") == "fr/products/my-chu/index.html"
    assert output_file("/shop/fr/404.html", "/shop/") == "fr/404.html"


def test_an_index_patched_after_an_edit_is_the_index_made_again(multilingual):
    """``serve`` patches the index when edited entries stay in the same lists; an entry listed
    twice (a tag written twice) is replaced in both places."""
    catalogue = load_catalogue(multilingual)
    product = catalogue.products[0]
    tag = Text("Quà biếu", product.source)
    twice = dataclasses.replace(catalogue, products=(dataclasses.replace(product, tags=(tag, tag)), *catalogue.products[1:]))
    index = build_index(twice)
    assert index.by_tag["qua-bieu"] == (twice.products[0], twice.products[0])
    edited = dataclasses.replace(twice.products[0], summary=Text("Tóm tắt mới.", product.source))
    after = dataclasses.replace(twice, products=(edited, *twice.products[1:]))
    patched = patched_index(index, after)
    assert patched is not None and patched == build_index(after)
    assert patched.by_tag["qua-bieu"] == (edited, edited) and edited in patched.in_groups
