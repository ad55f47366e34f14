"""The sample catalogue itself: complete in every language, consistent links, light pages."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from catalogue.content.config import load_config
from catalogue.content.sources import load_catalogue

from .conftest import ROOT

LANGUAGES = ("vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja")
FULLY_TRANSLATED = ("vi", "en", "fr", "zh-Hans", "ko", "ja")


@pytest.fixture
def public(sample_public) -> Path:
    return sample_public


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sample_covers_the_programme():
    catalogue = load_catalogue(ROOT)
    assert len(catalogue.products) >= 24 and len(catalogue.producers) >= 10 and len(catalogue.experiences) >= 5
    assert {p.category for p in catalogue.products} == {"food", "beverages", "herbal", "handicrafts", "ornamental", "tourism"}
    assert {p.stars for p in catalogue.products} == {3, 4, 5}
    assert all(image.alt.source for entry in catalogue.entries() for image in getattr(entry, "images", ()))
    assert load_config(ROOT).source_language == "vi"


def test_every_product_exists_in_all_languages(public):
    folders = {"zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}
    for product in load_catalogue(ROOT).products:
        for lang in LANGUAGES:
            path = public / folders.get(lang, lang) / "products" / product.slug / "index.html"
            assert path.is_file(), path


def test_hreflang_is_reciprocal_and_matches_the_translations(public):
    catalogue = load_catalogue(ROOT)
    partial = 0
    for product in catalogue.products:
        sets = []
        for folder in ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja"):
            soup = soup_of(public / folder / "products" / product.slug / "index.html")
            sets.append(tuple(link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')))
        assert len(set(sets)) == 1, product.slug  # every language version lists the same set
        published = sets[0][:-1]
        assert sets[0][-1] == "x-default"
        assert set(FULLY_TRANSLATED) <= set(published), product.slug
        partial += "zh-Hant" not in published
    assert 0 < partial < len(catalogue.products)  # zh-Hant is deliberately partly translated


def test_zh_hant_readers_never_get_simplified_chinese(public):
    """Missing zh-Hant text is drafted from reviewed zh-Hans by OpenCC (committed drafts,
    labelled on the page), so nothing falls back to Simplified characters."""
    pages = [path for path in (public / "zh-hant").rglob("index.html")]
    marked = {element["lang"] for path in pages for element in soup_of(path).select("main [lang]")}
    assert "zh-Hans" not in marked
    home = soup_of(public / "zh-hant/index.html").get_text()
    assert "如何購買OCOP產品？" in home and "如何购买OCOP产品？" not in home
    guide = soup_of(public / "zh-hant/how-to-buy/index.html")
    assert guide.select_one(".notice.machine") is not None  # a draft, and said to be one


def test_no_machine_draft_is_shown_without_its_notice(public):
    """A list or home page showing a machine-drafted name says so, as an entry page does; a page
    with reviewed text only does not."""
    drafted = [path for path in (public / "zh-hant").rglob("index.html") if soup_of(path).select_one(".notice.machine")]
    assert public / "zh-hant/products/index.html" in drafted and public / "zh-hant/index.html" in drafted
    for folder in ("vi", "en", "fr", "zh-hans", "ko", "ja"):  # reviewed throughout
        assert not [path for path in (public / folder).rglob("index.html") if soup_of(path).select_one(".notice.machine")]
    notice = soup_of(public / "zh-hant/products/index.html").select_one(".notice.machine").get_text()
    assert "本頁部分內容為機器翻譯" in notice


def test_switcher_lands_on_the_same_product(public):
    soup = soup_of(public / "ko" / "products" / "vai-thieu-luc-ngan" / "index.html")
    hrefs = [a["href"] for a in soup.select(".languages a")]
    assert hrefs == [f"/{f}/products/vai-thieu-luc-ngan/" for f in ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")]


def test_every_internal_link_and_image_resolves(public):
    missing = set()
    for page in public.rglob("*.html"):
        soup = soup_of(page)
        for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in soup.find_all(tag):
                url = urlsplit(element.get(attribute, ""))
                if url.scheme or url.netloc or not url.path.startswith("/"):
                    continue
                target = public / url.path.lstrip("/")
                if not (target.is_file() or (target / "index.html").is_file()):
                    missing.add((page.relative_to(public).as_posix(), url.path))
    assert not missing


def test_every_page_declares_language_and_images_have_alt(public):
    for page in public.rglob("*.html"):
        soup = soup_of(page)
        assert soup.html.get("lang") in LANGUAGES, page
        assert all(img.get("alt") for img in soup.find_all("img")), page
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), page


def test_no_third_party_requests(public):
    for page in public.rglob("*.html"):
        soup = soup_of(page)
        for tag, attribute in (("link", "href"), ("img", "src"), ("script", "src")):
            for element in soup.find_all(tag):
                if element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not urlsplit(element.get(attribute, "")).netloc, (page, element)


def test_product_page_weighs_under_30_kb_gzipped(public):
    page = public / "fr" / "products" / "vai-thieu-luc-ngan" / "index.html"
    html = page.read_bytes()
    assets = [
        public / href.split("?")[0].lstrip("/")
        for href in re.findall(rb'(?:href|src)="(/assets/[^"]+\.(?:css|js)[^"]*)"', html)
        for href in [href.decode()]
    ]
    total = sum(len(gzip.compress(p.read_bytes())) for p in [page, *assets])
    assert assets and total < 30 * 1024


def test_certificates_show_an_honest_status(public):
    statuses = set()
    for path in (public / "en" / "products").glob("*/index.html"):
        status = soup_of(path).select_one(".certificate .status")
        if status:
            statuses.add(status["class"][1])
    assert statuses == {"valid", "expired"}


def test_every_theme_string_is_reviewed_in_every_language():
    from catalogue.i18n.status import site_status

    _, statuses = site_status(ROOT)
    for status in statuses:
        assert status.domains["messages"].messages == {
            "reviewed": status.domains["messages"].messages["reviewed"],
            "draft": 0,
            "outdated": 0,
            "missing": 0,
        }, status.code


def test_committed_catalogs_are_up_to_date(sample_copy):
    """extract on the committed sample changes nothing: content, theme and catalogs agree."""
    from catalogue.i18n.extract import extract

    report = extract(sample_copy, dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert report.written == ()
