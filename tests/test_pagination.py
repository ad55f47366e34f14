"""Lists cut into pages: fixed sizes, rel=prev/next links, stable addresses, in the sitemap and
answered by serve from the same route table."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from catalogue.commands.serve import Preview
from catalogue.publish.pipeline import build_site
from catalogue.site import contexts, pagination

from .conftest import PRODUCT

DAY = dt.date(2026, 6, 15)


def products(count: int, start: int = 0) -> dict[str, str]:
    return {f"content/products/sp-{n:02d}.md": PRODUCT.replace("Mỳ Chũ", f"Sản phẩm {n:02d}") for n in range(start, start + count)}


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    monkeypatch.setattr(pagination, "SHEETS", 2)


def page(root, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "public" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def card_urls(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.select("main li.card > a")]


def test_every_growing_list_is_cut_into_linked_pages(make_site, small_pages):
    root = make_site({"content/products/my-chu.md": None, **products(5)})
    build_site(root, root / "public", today=DAY, search=False)
    first, second, last = page(root, "en/products"), page(root, "en/products/page/2"), page(root, "en/products/page/3")
    assert card_urls(first) == ["/en/products/sp-00/", "/en/products/sp-01/"]
    assert card_urls(second) == ["/en/products/sp-02/", "/en/products/sp-03/"]
    assert card_urls(last) == ["/en/products/sp-04/"]
    assert first.select_one('head link[rel="next"]')["href"] == "/en/products/page/2/"
    assert first.select_one('head link[rel="prev"]') is None
    assert second.select_one('head link[rel="prev"]')["href"] == "/en/products/"
    assert second.select_one('nav.pager a[rel="next"]')["href"] == "/en/products/page/3/"
    assert second.select_one('nav.pager a[aria-current="page"]').get_text() == "2"
    assert last.select_one('head link[rel="next"]') is None
    assert "page 2" in second.title.get_text() and "page" not in first.title.get_text().split("·")[0]
    assert second.select_one('link[rel="canonical"]')["href"] == "https://example.org/en/products/page/2/"
    for path in ("vi/categories/food/page/3", "en/stars/4/page/3", "en/brochure/food/page/3", "vi/products/page/3"):
        assert (root / "public" / path / "index.html").is_file(), path
    assert not (root / "public/en/products/page/4").exists()
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/en/products/page/3/</loc>" in sitemap
    assert 'hreflang="vi" href="https://example.org/vi/categories/food/page/2/"' in sitemap
    assert "brochure" not in sitemap  # printed pages stay out of it, as before


def test_addresses_stay_when_products_are_added(make_site, small_pages):
    root = make_site({"content/products/my-chu.md": None, **products(4)})
    build_site(root, root / "public", today=DAY, search=False)
    before = [card_urls(page(root, p)) for p in ("en/products", "en/products/page/2")]
    (root / "content/products/sp-99.md").write_text(PRODUCT.replace("Mỳ Chũ", "Sản phẩm 99"), encoding="utf-8")
    build_site(root, root / "public", today=DAY, search=False)
    assert [card_urls(page(root, p)) for p in ("en/products", "en/products/page/2")] == before
    assert card_urls(page(root, "en/products/page/3")) == ["/en/products/sp-99/"]


def test_a_list_that_fits_on_one_page_has_no_pager(make_site):
    root = make_site()
    build_site(root, root / "public", today=DAY, search=False)
    first = page(root, "en/products")
    assert first.select("nav.pager") == [] and first.select('head link[rel="next"]') == []
    assert not (root / "public/en/products/page").exists()


def test_serve_answers_the_pages_the_build_writes(make_site, small_pages):
    root = make_site({"content/products/my-chu.md": None, **products(5)})
    build_site(root, root / "public", today=DAY, search=False)
    preview = Preview(root, DAY)
    preview.reload()
    status, _, body = preview.respond("/en/categories/food/page/2/")
    assert status == 200
    assert (
        body.replace(b'<script src="/__livereload.js"></script>', b"")
        == (root / "public/en/categories/food/page/2/index.html").read_bytes()
    )
    assert preview.respond("/en/categories/food/page/9/")[0] == 404


def test_home_lists_are_capped_and_link_to_the_whole_list(make_site, monkeypatch):
    monkeypatch.setattr(contexts, "HOME_CARDS", 2)
    featured = {name: text.replace("category: food", "category: food\nfeatured: true") for name, text in products(3).items()}
    root = make_site(featured)
    build_site(root, root / "public", today=DAY, search=False)
    home = page(root, "en")
    featured_section = home.select_one('section[aria-labelledby="featured"]')
    assert len(featured_section.select("li.card")) == 2
    assert featured_section.select_one("p a")["href"] == "/en/products/"
