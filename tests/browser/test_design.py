"""The visitor's theme in Chromium: nothing scrolls sideways at 320 px on any kind of page in
any language, a product's buying essentials sit above the fold of a phone, each product is the
first search result for its own name, and screenshots of the photography-ready layout are
saved for a person to look at."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from catalogue.content.sources import load_catalogue

from ..conftest import ROOT
from ..photos import photographed_copy
from .conftest import serve

FOLDERS = ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")
PSEUDO = ("en-xa", "ar-xb")
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"


def page_types() -> list[str]:
    """One page of every kind the site makes, picked from the sample's catalogue."""
    catalogue = load_catalogue(ROOT)
    product = catalogue.products[0]
    producer = product.producer
    return [
        "",
        "products/",
        f"products/{product.slug}/",
        f"categories/{product.category}/",
        f"stars/{product.stars}/",
        "regions/luc-ngan/",
        "producers/",
        f"producers/{producer}/",
        f"producers/{producer}/stamps/",
        "experiences/",
        f"experiences/{catalogue.experiences[0].slug}/",
        f"{catalogue.pages[0].slug}/",
        "calendar/",
        "search/?q=tea",
        "brochure/",
        "404.html",
    ]


def test_no_page_scrolls_sideways_at_320_px(browser, pseudo_url):
    """Every kind of page, in the seven languages and both pseudo-languages (one browser page reused)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    for folder in (*FOLDERS, *PSEUDO):
        for path in page_types():
            page.goto(f"{pseudo_url}/{folder}/{path}", wait_until="domcontentloaded")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append((folder, path, width))
    context.close()
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)  # these redirect with script
    page = context.new_page()
    for path in ("/", "/404.html", f"/p/{load_catalogue(ROOT).products[0].slug}/"):
        page.goto(pseudo_url + path, wait_until="domcontentloaded")
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(("", path, 0))
    context.close()
    assert wide == []


def test_product_essentials_are_above_the_fold_of_a_phone(visit, site_url):
    visitor = visit(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page = visitor.page
    for folder in FOLDERS:
        page.goto(f"{site_url}/{folder}/products/vai-thieu-luc-ngan/")
        bottoms = page.evaluate(
            """() => ["h1", ".buybox .stars", ".buybox .price", ".actions a[href^='tel:']", ".actions a[href*='zalo']", ".actions a[href^='mailto:']"]
                .map(s => [s, document.querySelector(s).getBoundingClientRect().bottom])"""
        )
        assert [s for s, bottom in bottoms if bottom > 800] == [], folder
        facts = page.evaluate("document.querySelector('.facts').getBoundingClientRect().top")
        assert facts > max(bottom for _, bottom in bottoms)  # then the facts
    page.goto(f"{site_url}/en/products/my-chu-truyen-thong/")
    assert page.locator(".buybox .price").inner_text().strip()  # a price, or "price on request"


def _names(public, folder: str) -> list[tuple[str, str]]:
    found = []
    for product in load_catalogue(ROOT).products:
        text = (public / folder / "products" / product.slug / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, flags=re.S).group(1)
        found.append((html.unescape(re.sub(r"<[^>]+>", "", heading)).strip(), f"/{folder}/products/{product.slug}/"))
    return found


def test_each_product_is_the_first_result_for_its_own_name(visit, site_url, sample_public):
    """Every product of the catalogue, in every language, through the search page's own ranking."""
    visitor = visit()
    page = visitor.page
    wrong = []
    for folder in FOLDERS:
        page.goto(f"{site_url}/{folder}/search/")
        page.wait_for_function("window.catalogueSearch !== undefined")
        answers = page.evaluate(
            "async (queries) => { const out = []; for (const [q, want] of queries) out.push([q, want, (await window.catalogueSearch(q))[0]]); return out; }",
            _names(sample_public, folder),
        )
        wrong += [(folder, query, first) for query, want, first in answers if first != want]
    assert wrong == []
    assert visitor.errors == [] and visitor.outside == []


@pytest.mark.parametrize(
    ("folder", "query"), [("en", "lychee"), ("zh-hans", "荔枝"), ("zh-hant", "荔枝"), ("ja", "ライチ"), ("ko", "리치")]
)
def test_the_five_star_lychee_leads_a_search_for_lychee(visit, site_url, folder, query):
    """Products before the tours, festivals and itineraries that mention them; more stars first."""
    page = visit().page
    page.goto(f"{site_url}/{folder}/search/")
    page.wait_for_function("window.catalogueSearch !== undefined")
    found = page.evaluate("q => window.catalogueSearch(q)", query)
    assert found[0] == f"/{folder}/products/vai-thieu-luc-ngan/"
    assert all("/products/" in url for url in found[:5])


@pytest.fixture(scope="session")
def photographed_url(tmp_path_factory):
    """The sample with stand-in photographs (tests/photos.py), built without a search index."""
    from catalogue.publish.pipeline import build_site

    root = photographed_copy(ROOT, tmp_path_factory.mktemp("photographed") / "site")
    build_site(root, root / "public", today=dt.date(2026, 6, 15), search=False)
    with serve(root / "public") as url:
        yield url


def test_screenshots_for_review(browser, photographed_url):
    """Home, a product and the list at 360 and 1280 px in four languages, under
    tests/artifacts/screenshots/ (ignored by git), for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((360, 800), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for folder in ("vi", "en", "ja", "zh-hant"):
            for name, path in (("home", ""), ("product", "products/vai-thieu-luc-ngan/"), ("list", "products/")):
                page.goto(f"{photographed_url}/{folder}/{path}")
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                target = SCREENSHOTS / f"{folder}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
        context.close()
