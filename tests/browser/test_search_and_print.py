"""Search in several languages and print pages, in a real Chromium."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

SEARCHES = [
    ("vi", "vai thieu", "/vi/products/vai-thieu-luc-ngan/"),  # no diacritics finds Vải thiều
    ("vi", "den tre", "/vi/products/den-tre-trang-tri/"),  # đ is folded too: finds Đèn tre
    ("vi", "den danh", "/vi/experiences/den-danh/"),  # and Đền Dành
    ("en", "lychee", "/en/products/vai-thieu-luc-ngan/"),
    ("zh-hans", "荔枝", "/zh-hans/products/vai-thieu-luc-ngan/"),
    ("ko", "리치", "/ko/products/vai-thieu-luc-ngan/"),
    ("ja", "ライチ", "/ja/products/vai-thieu-luc-ngan/"),
]


ALL_RESULTS = """async (query) => {
    const pagefind = await import(document.getElementById("search").dataset.bundle + "pagefind.js");
    await pagefind.options({ranking: {pageLength: 0.2, termFrequency: 0.6, metaWeights: {fold: 5}}});
    const found = await pagefind.search(query.normalize("NFC"));
    return Promise.all(found.results.map(async (result) => (await result.data()).url));
}"""


@pytest.mark.parametrize(("folder", "query", "expected"), SEARCHES)
def test_search_finds_the_right_page(visit, site_url, folder, query, expected):
    """The search page shows results, and the expected page is among them (in that language's index)."""
    visitor = visit()
    page = visitor.page
    page.goto(f"{site_url}/{folder}/search/?q={quote(query)}")
    page.wait_for_selector("#search-results a", timeout=15000)
    urls = page.evaluate(ALL_RESULTS, query)
    assert expected in urls, urls
    assert all(url.startswith(f"/{folder}/") for url in urls)  # one index per language
    assert visitor.outside == [] and visitor.errors == []


def test_search_form_on_every_page_leads_to_results(visit, site_url):
    visitor = visit()
    page = visitor.page
    page.goto(f"{site_url}/en/producers/")
    if page.locator(".menu summary").is_visible():  # a phone: the menu opens from a button
        page.click(".menu summary")
    page.fill("#site-search", "lychee")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#search-results a", timeout=15000)
    links = [a.get_attribute("href") for a in page.query_selector_all("#search-results a")]
    assert page.url.endswith("/en/search/?q=lychee")
    assert links and all(link.startswith("/en/") for link in links)
    assert links[0] == "/en/products/vai-thieu-luc-ngan/"  # the product itself, before tours and festivals
    assert page.locator("input[type=search]").count() == 1  # one search box on the search page
    text = page.locator("#search-results").inner_text()
    assert "fold" not in text.lower() and "Lucngan" not in text  # no metadata in what a visitor reads


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _overflowing(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0)
            .map(e => e.tagName + '.' + e.className)"""
    )


def test_brochure_prints_cover_contents_and_two_products_a_page(visit, site_url, sample_public):
    visitor = visit()
    page = visitor.page
    page.goto(f"{site_url}/en/brochure/food/")
    page.emulate_media(media="print")
    sheets = page.locator("article.sheet").count()
    pdf = page.pdf(format="A4", print_background=True)
    assert sheets >= 10 and _pdf_pages(pdf) == 2 + -(-sheets // 2)  # cover, contents, two products a page
    width = page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert width and _overflowing(page) == []


def test_stamp_sheet_prints_on_a4(visit, site_url):
    visitor = visit()
    page = visitor.page
    page.goto(f"{site_url}/vi/producers/htx-hong-xuan/stamps/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert _pdf_pages(pdf) >= 1
    size = page.evaluate("(() => { const r = document.querySelector('.stamp').getBoundingClientRect(); return [r.width, r.height]; })()")
    assert abs(size[0] - 45 * 96 / 25.4) < 1 and abs(size[1] - 62 * 96 / 25.4) < 1  # 45 x 62 mm
    assert _overflowing(page) == []
