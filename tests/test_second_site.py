"""A second site, another province, made only with `init`, `new` and `import` as its editors
would: it builds with a fully translated interface and shares no text with the sample."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from catalogue.commands.cli import main
from catalogue.core.slugs import any_slug

SAMPLE_WORDS = ("lychee", "Lục Ngạn", "Bắc Giang", "vải thiều", "rice noodles", "sample catalogue", "Chũ", "Yên Thế", "Tân Yên")
KHMER_DISTRICT = "ស្រុកដាឡាត់"  # a region name without a Latin letter
ROWS = f"""slug,name,stars,group,producer,commune,commune_type,former_district,former_district_type,province,former_province,season,price_min,price_max,currency,unit,tags
ca-phe-cau-dat,Cà phê Arabica Cầu Đất,4,beverages,htx-ca-phe-cau-dat,Lâm Viên,phuong,Đà Lạt,thanh_pho,Lâm Đồng,,10 11 12,250000,400000,VND,kg,Quà tặng; Hữu cơ
homestay-doi-che,Homestay đồi chè,3,tourism,htx-ca-phe-cau-dat,Xuân Trường,,Đà Lạt,thanh_pho,Lâm Đồng,,,600000,900000,VND,night,Du lịch cộng đồng
mac-ca-dak-nong,Mắc ca Đắk Nông,4,food,htx-ca-phe-cau-dat,Gia Nghĩa,phuong,Gia Nghĩa,thanh_pho,Lâm Đồng,Đắk Nông,9 10,300000,450000,VND,kg,Quà tặng
dua-ba-ria,Dứa rừng,3,food,htx-ca-phe-cau-dat,Tà Nung,,{KHMER_DISTRICT},huyen,Lâm Đồng,,,,,,,
"""


def run(root, *args):
    return main(["--root", str(root), *args])


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    site = tmp_path_factory.mktemp("province") / "lam-dong"
    assert (
        main(
            ["init", str(site), "--languages", "vi,en,ko", "--title", "Đặc sản OCOP Lâm Đồng", "--base-url", "https://lamdong.example.org/"]
        )
        == 0
    )
    config = site / "content/site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "units:\n  night: {vi: đêm, en: night, ko: 박}\n", encoding="utf-8")
    assert run(site, "new", "producer", "Hợp tác xã Cà phê Cầu Đất", "--slug", "htx-ca-phe-cau-dat") == 0
    producer = site / "content/producers/htx-ca-phe-cau-dat.md"
    producer.write_text(
        producer.read_text(encoding="utf-8").replace("kind: ???", "kind: cooperative").replace("draft: true\n", ""), encoding="utf-8"
    )
    sheet = site.parent / "danh-sach.csv"
    sheet.write_text(ROWS, encoding="utf-8")
    assert run(site, "import", str(sheet)) == 0  # a dry run first
    assert not (site / "content/products/ca-phe-cau-dat.md").exists()
    assert run(site, "import", str(sheet), "--write") == 0
    assert run(site, "extract") == 0
    assert run(site, "check") == 0
    assert run(site, "build", "--no-search") == 0
    return site


def html(site, path):
    return BeautifulSoup((site / "public" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_interface_is_translated_in_every_language(province, capsys):
    capsys.readouterr()
    assert run(province, "status", "--format", "json") == 0
    status = json.loads(capsys.readouterr().out)
    assert {lang["language"]: lang["domains"]["messages"]["coverage"] for lang in status["languages"]} == {
        "vi": 100.0,
        "en": 100.0,
        "ko": 100.0,
    }
    ko = html(province, "ko/products/ca-phe-cau-dat")
    assert [a.text for a in ko.select("nav[aria-label] ul a")][:3] == ["제품", "생산자", "제철 달력"]
    assert "박" in html(province, "ko/products/homestay-doi-che").select_one(".price").text


def test_no_text_of_the_sample(province):
    for page in (province / "public").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for word in SAMPLE_WORDS:
            assert word not in text, f"{page}: {word}"


def test_places_speak_each_language(province):
    vi = html(province, "vi/products/ca-phe-cau-dat").text
    en = html(province, "en/products/ca-phe-cau-dat").text
    assert "phường Lâm Viên, thành phố Đà Lạt cũ, tỉnh Lâm Đồng" in vi
    assert "Lâm Viên ward, former Đà Lạt city, Lâm Đồng province" in en
    assert "former Đắk Nông province" in html(province, "en/products/mac-ca-dak-nong").text
    for slug in ("da-lat", "lam-dong", "dak-nong", any_slug(KHMER_DISTRICT)):
        assert (province / "public/en/regions" / slug / "index.html").is_file(), slug
    assert "/regions//" not in html(province, "en/products/dua-ba-ria").decode()


def test_per_night_prices_and_tags(province):
    assert html(province, "en/products/homestay-doi-che").select_one(".price").text.endswith("/ night")
    assert html(province, "vi/products/homestay-doi-che").select_one(".price").text.endswith("/ đêm")
    tag = html(province, "vi/tags/qua-tang")
    assert tag.h1.text == "Quà tặng" and len(tag.select(".card")) == 2
    product = html(province, "vi/products/ca-phe-cau-dat")
    assert [a.text for a in product.select(".facts a[href*='/tags/']")] == ["Quà tặng", "Hữu cơ"]
    assert [f["data-pagefind-filter"] for f in product.select("[data-pagefind-filter^='tag:']")] == ["tag:qua-tang", "tag:huu-co"]
    search = html(province, "vi/search")
    assert [o.text for o in search.select("select[name=tag] option")][1:] == ["Du lịch cộng đồng", "Hữu cơ", "Quà tặng"]
    products = html(province, "vi/products")
    assert [o["value"] for o in products.select("select[name=tags] option")][1:] == ["du-lich-cong-dong", "huu-co", "qua-tang"]


def test_import_export_import_changes_nothing(province, tmp_path, capsys):
    exported = tmp_path / "catalogue.csv"
    exported.write_bytes((province / "public/vi/catalogue.csv").read_bytes())
    before = {p: p.read_bytes() for p in (province / "content").rglob("*.md")}
    capsys.readouterr()
    assert run(province, "import", str(exported), "--write") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "0 to create, 0 to update, 4 unchanged" in captured.err
    assert {p: p.read_bytes() for p in (province / "content").rglob("*.md")} == before


def test_a_site_unit_word_from_another_language_says_its_language(make_site):
    """A language with no word of its own for a site unit shows its chain's, marked as such."""
    from .conftest import PRODUCT, SITE_YAML

    site = SITE_YAML.replace("exchange_rates:", "  ja: {name: 日本語, fallback: [en]}\nexchange_rates:")
    site += "units:\n  night: {vi: đêm, en: night}\n"
    product = PRODUCT.replace("producer: htx-a\n", "producer: htx-a\nprice: {min: 500000, max: 500000, currency: VND, unit: night}\n")
    root = make_site({"content/site.yaml": site, "content/products/my-chu.md": product})
    assert run(root, "build", "--no-search") == 0
    ja = html(root, "ja/products/my-chu").select_one(".price .unit")
    assert ja.text == "/ night" and ja.select_one("[lang=en]").text == "night"
    vi = html(root, "vi/products/my-chu").select_one(".price .unit")
    assert vi.text == "/ đêm" and vi.select_one("[lang]") is None
