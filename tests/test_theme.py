"""The visitor's theme on the built sample: descriptions and sharing tags on every page,
pages kept out of search engines, honest seasons and prices, search markup that shows no
internal text and folds only Latin letters."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from bs4 import BeautifulSoup

from catalogue.core.slugs import fold_latin

FOLDERS = ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(public: Path) -> list[Path]:
    return sorted(p for p in public.rglob("*.html") if not p.is_relative_to(public / "_translations"))


def test_every_page_has_a_description_and_og_description(sample_public):
    missing = []
    for path in pages(sample_public):
        page = soup(path)
        description = page.find("meta", attrs={"name": "description"})
        if description is None or not description["content"].strip():
            missing.append(path.relative_to(sample_public).as_posix())
        elif path.parent.name != "p" and path.parent.parent.name != "p" and path.name != "404.html":
            og = page.find("meta", property="og:description")
            if og is None or not og["content"].strip():
                missing.append(path.relative_to(sample_public).as_posix() + " (og)")
    assert missing == []


def test_utility_pages_are_not_indexed(sample_public):
    for folder in FOLDERS:
        for path in ("404.html", "search/index.html", "brochure/index.html", "producers/htx-hong-xuan/stamps/index.html"):
            page = soup(sample_public / folder / path)
            assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex", (folder, path)
        assert soup(sample_public / folder / "products/index.html").find("meta", attrs={"name": "robots"}) is None
        not_found = soup(sample_public / folder / "404.html")
        assert not_found.find("link", rel="canonical") is None and not_found.find("link", rel="alternate", hreflang=True) is None
    root = soup(sample_public / "404.html")
    assert root.find("link", rel="canonical") is None and root.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_fold_touches_only_latin_letters():
    assert fold_latin("Đồng Vải thiều") == "Dong Vai thieu"
    assert fold_latin("樹上で完熟させたライチで ガ") == "樹上で完熟させたライチで ガ"  # dakuten stay
    assert fold_latin("박장성") == "박장성"


def test_search_metadata_is_folded_latin_only_and_filters_are_pagefind_filters(sample_public):
    vi = soup(sample_public / "vi/products/vai-thieu-luc-ngan/index.html")
    assert vi.main["data-pagefind-meta"].startswith("fold:Vai thieu Luc Ngan")
    filters = [span["data-pagefind-filter"] for span in vi.select("[data-pagefind-filter]")]
    assert filters == ["group:food", "stars:5", "region:luc-ngan", "region:bac-ninh", "month:5", "month:6", "month:7"]
    ja = soup(sample_public / "ja/products/vai-thieu-luc-ngan/index.html")
    assert "樹上で完熟" in ja.main["data-pagefind-meta"]  # dakuten stay: で is not て
    for path in ("ja/products/vai-thieu-luc-ngan/index.html", "en/experiences/le-hoi-vai-thieu-luc-ngan/index.html"):
        page = soup(sample_public / path)
        for dl in page.select("main dl.facts"):  # labels and values apart, so excerpts read "When June"
            for div in dl.find_all("div", recursive=False):
                assert str(div.dt.next_sibling).isspace(), path


def test_search_page_has_one_box_and_its_own_words(sample_public):
    page = soup(sample_public / "zh-hant/search/index.html")
    assert len(page.select("input[type=search]")) == 1
    form = page.select_one("form#search")
    assert "搜尋結果" in form["data-found"] and "pagefind-ui" not in str(page)
    assert [s["name"] for s in form.select("select")] == ["group", "stars", "region", "month"]


def test_prices_say_on_request_and_seasons_say_all_year(sample_public):
    en = soup(sample_public / "en/products/index.html")
    prices = [p.get_text(" ", strip=True) for p in en.select(".card-price")]
    assert prices and all(p for p in prices) and "Price on request" in prices
    zh_hant = soup(sample_public / "zh-hant/products/vai-thieu-luc-ngan/index.html")
    assert "NT$" in zh_hant.select_one(".price-line").text
    entries = [
        *sorted((sample_public / "en/products").glob("*/index.html")),
        *sorted((sample_public / "en/experiences").glob("*/index.html")),
    ]
    seasons = [div.dd.text for p in entries for div in soup(p).select(".facts > div") if div.dt.text in ("Season", "When")]
    assert "All year" in seasons and not any("January" in season or "," in season for season in seasons)


def test_home_in_season_is_honest(make_site):
    from catalogue.publish.pipeline import build_site

    root = make_site({"content/products/vai.md": "---\nname: Vải\nstars: 5\ncategory: food\nproducer: htx-a\nseason: [6, 7]\n---\nVải.\n"})
    build_site(root, root / "public", today=dt.date(2026, 11, 5))
    home = soup(root / "public/en/index.html")
    section = home.select_one("section[aria-labelledby=season]")
    assert "No product of the catalogue has its season in November." in section.text
    assert section.select_one('a[href="/en/calendar/"]') is not None
    build_site(root, root / "public", today=dt.date(2026, 6, 5))
    june = soup(root / "public/en/index.html").select_one("section[aria-labelledby=season]")
    assert [h.text for h in june.select(".card-title")] == ["Vải"]


def test_every_product_shares_a_raster_social_card(sample_public):
    from PIL import Image

    from catalogue.content.sources import load_catalogue

    from .conftest import ROOT

    for folder in FOLDERS:
        for product in load_catalogue(ROOT).products:
            page = soup(sample_public / folder / "products" / product.slug / "index.html")
            url = page.find("meta", property="og:image")["content"]
            assert page.find("meta", attrs={"name": "twitter:image"})["content"] == url
            assert url == f"https://ocop-bacgiang.example.org/cards/{folder}/products/{product.slug}.jpg"
            with Image.open(sample_public / url.split(".org/", 1)[1]) as card:
                assert (card.format, card.size) == ("JPEG", (1200, 630))
        home = soup(sample_public / folder / "index.html").find("meta", property="og:image")["content"]
        assert (sample_public / home.split(".org/", 1)[1]).is_file() and home.endswith("/home.jpg")
    root = soup(sample_public / "index.html").find("meta", property="og:image")["content"]
    assert (sample_public / root.split(".org/", 1)[1]).is_file()


def test_cards_degrade_without_system_fonts(monkeypatch, tmp_path):
    """Without fontconfig the card is still made, with Pillow's own font."""
    from babel import Locale
    from PIL import Image

    from catalogue.render import cards

    monkeypatch.setattr(cards.shutil, "which", lambda name: None)
    cards.font_file.cache_clear()
    try:
        card = cards.Card("ルックガン産ライチ", "OCOP", 5, "Lục Ngạn", None, (200, 200, 200), Locale.parse("ja"))
        data = cards.card_jpeg(card, tmp_path)
    finally:
        cards.font_file.cache_clear()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)


def test_lists_sort_by_links_without_script(sample_public):
    """Featured then stars by default; stars, name and newest on pages of their own, linked
    from every list; the other orders point search engines to the default one."""
    from catalogue.content.sources import load_catalogue
    from catalogue.site.ordering import product_date

    from .conftest import ROOT

    products = {p.slug: p for p in load_catalogue(ROOT).products}

    def slugs(path: str) -> list[str]:
        return [a["href"].split("/")[-2] for a in soup(sample_public / path).select("#product-list .card > a, .cards .card > a")]

    default = slugs("en/products/index.html")
    assert sorted(default) == sorted(products)
    keys = [(not products[s].featured, -products[s].stars) for s in default]
    assert keys == sorted(keys) and default[0] == "vai-thieu-luc-ngan"  # the only 5-star product leads
    stars = [products[s].stars for s in slugs("en/products/sort/stars/index.html")]
    assert stars == sorted(stars, reverse=True)
    names = [h.text.casefold() for h in soup(sample_public / "fr/products/sort/name/index.html").select("#product-list .card-title")]
    assert names[0] < names[-1]
    newest = [product_date(products[s]) for s in slugs("en/products/sort/newest/index.html")]
    assert newest == sorted(newest, reverse=True)
    category = soup(sample_public / "ja/categories/food/sort/stars/index.html")
    assert category.find("link", rel="canonical")["href"].endswith("/ja/categories/food/")
    assert category.select_one('.sorter a[aria-current="page"]')["href"] == "/ja/categories/food/sort/stars/"
    assert "sort/" not in (sample_public / "sitemap.xml").read_text(encoding="utf-8")


def test_photographs_get_a_phone_banner_crop(tmp_path):
    """Art direction: a 16:9 crop for phones' heroes, beside the full photograph's widths."""
    from catalogue.content.images import ImageLibrary

    from .photos import photograph

    (tmp_path / "content/images").mkdir(parents=True)
    photograph("x").save(tmp_path / "content/images/x.jpg", "JPEG")
    rendition = ImageLibrary(tmp_path, "content/images").rendition("x.jpg")
    assert [(v.name, v.width, v.height) for v in rendition.banner] == [
        ("x-jpg-banner-480.webp", 480, 270),
        ("x-jpg-banner-960.webp", 960, 540),
    ]
    assert rendition.fallback[-1].height == 1067  # the full photograph is kept for wider screens
