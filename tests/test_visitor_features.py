"""What visitors and machines get from the built sample: structured data, sitemap, feeds,
exports, QR stamps, short addresses, search index, images, calendar and print pages."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from catalogue.content.sources import load_catalogue

from .conftest import ROOT, require_tool

BASE = "https://ocop-bacgiang.example.org/"
FOLDERS = ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")
XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]


def test_product_json_ld(sample_public):
    blocks = json_ld(soup(sample_public / "en/products/vai-thieu-luc-ngan/index.html"))
    product = next(b for b in blocks if b["@type"] == "Product")
    assert product["name"] == product["name"].strip() and product["url"] == BASE + "en/products/vai-thieu-luc-ngan/"
    assert product["offers"] == {
        "@type": "AggregateOffer",
        "priceCurrency": "VND",
        "lowPrice": 25000,
        "highPrice": 85000,
        "offerCount": 1,
        "url": "https://shop.example.com/vai-thieu-luc-ngan",
        "eligibleQuantity": {"@type": "QuantitativeValue", "value": 1, "unitText": "kg", "unitCode": "KGM"},
    }
    assert product["brand"]["@type"] == "Organization" and product["brand"]["url"] == BASE + "en/producers/htx-hong-xuan/"
    certification = product["hasCertification"]
    assert certification["@type"] == "Certification"
    assert certification["certificationRating"]["ratingValue"] == 5
    assert certification["certificationIdentification"] == "MẪU-2024-001"
    assert (certification["validFrom"], certification["expires"]) == ("2024-02-20", "2027-02-20")
    assert certification["certificationStatus"] == "CertificationActive"
    assert certification["issuedBy"]["name"]
    crumbs = next(b for b in blocks if b["@type"] == "BreadcrumbList")
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]


def test_no_page_claims_a_review_rating(sample_public):
    for page in sample_public.rglob("*.html"):
        assert "aggregateRating" not in page.read_text(encoding="utf-8"), page


def test_every_json_ld_block_parses(sample_public):
    types = set()
    for page in sample_public.rglob("*.html"):
        for block in json_ld(soup(page)):
            types.add(block["@type"])
    assert {"Product", "TouristAttraction", "TouristTrip", "BreadcrumbList", "WebSite"} <= types


def test_expired_certificate_is_inactive(sample_public):
    catalogue = load_catalogue(ROOT)
    expired = [p for p in catalogue.products if p.certificate and p.certificate.expires.isoformat() < "2026-06-15"]
    assert expired
    blocks = json_ld(soup(sample_public / f"en/products/{expired[0].slug}/index.html"))
    assert next(b for b in blocks if b["@type"] == "Product")["hasCertification"]["certificationStatus"] == "CertificationInactive"


def test_itinerary_is_a_tourist_trip_with_map_links(sample_public):
    page = soup(sample_public / "en/experiences/hanh-trinh-mua-vai-luc-ngan/index.html")
    trip = next(b for b in json_ld(page) if b["@type"] == "TouristTrip")
    assert len(trip["itinerary"]["itemListElement"]) == 3
    stops = page.select(".stops li")
    assert len(stops) == 3
    assert stops[0].find("a", href="geo:21.38,106.55") is not None
    assert stops[0].find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/?mlat=21.38&mlon=106.55")) is not None
    assert stops[0].find("a", href="/en/products/vai-thieu-luc-ngan/") is not None


def test_open_graph_locales(sample_public):
    page = soup(sample_public / "zh-hant/products/vai-thieu-luc-ngan/index.html")
    assert page.find("meta", property="og:locale")["content"] == "zh_TW"
    alternates = {m["content"] for m in page.find_all("meta", property="og:locale:alternate")}
    assert {"vi_VN", "en_US", "fr_FR", "zh_CN", "ko_KR", "ja_JP"} <= alternates


def test_sitemap_lists_published_translations_with_alternates(sample_public):
    tree = ET.parse(sample_public / "sitemap.xml")
    urls = {url.find(f"{SITEMAP}loc").text: url for url in tree.getroot()}
    product = urls[BASE + "ko/products/vai-thieu-luc-ngan/"]
    links = {link.get("hreflang"): link.get("href") for link in product.findall(f"{XHTML}link")}
    assert links["x-default"] == BASE + "p/vai-thieu-luc-ngan/"
    assert set(links) == {"vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja", "x-default"}
    untranslated = [p.slug for p in load_catalogue(ROOT).products if BASE + f"zh-hant/products/{p.slug}/" not in urls]
    assert untranslated  # zh-Hant pages with fallback text are not listed as translations
    assert not [u for u in urls if "/404" in u or "/search/" in u or "_translations" in u]


def test_robots(sample_public):
    robots = (sample_public / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots and "Disallow: /_translations/" in robots


def test_atom_feed_per_language(sample_public):
    for folder in FOLDERS:
        feed = ET.parse(sample_public / folder / "feed.xml").getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert 0 < len(entries) <= 20
        assert all(e.find(f"{ATOM}link").get("href").startswith(f"{BASE}{folder}/products/") for e in entries)


def test_exports_load_and_match_the_pages(sample_public):
    for folder in ("vi", "en", "ja"):
        data = json.loads((sample_public / folder / "catalogue.json").read_text(encoding="utf-8"))
        rows = list(csv.DictReader(io.StringIO((sample_public / folder / "catalogue.csv").read_text(encoding="utf-8-sig"))))
        assert len(data["products"]) == len(rows) == len(load_catalogue(ROOT).products)
        for record, row in zip(data["products"], rows, strict=True):
            page = soup(sample_public / record["url"].removeprefix(BASE) / "index.html")
            assert page.h1.get_text() == record["name"]["text"] == row["name"]
            assert row["url"] == record["url"] and row["stars"] == str(record["stars"])
            assert (sample_public / record["qr"].removeprefix(BASE)).is_file()


def test_short_address_lists_every_language(sample_public):
    page = soup(sample_public / "p/vai-thieu-luc-ngan/index.html")
    links = [(a["lang"], a["href"]) for a in page.select(".language-list a")]
    assert links == [
        (lang, f"/{folder}/products/vai-thieu-luc-ngan/")
        for lang, folder in zip(("vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja"), FOLDERS, strict=True)
    ]
    assert page.find("script", src=lambda s: s and "chooser.js" in s) is not None


def test_qr_codes_decode_to_the_short_address(sample_public, tmp_path):
    """Every product's code (made with a fixed mask) read by zbarimg from a screenshot of them all."""
    zbarimg = require_tool("zbarimg")
    chromium = require_tool("chromium")
    slugs = [product.slug for product in load_catalogue(ROOT).products]
    images = "".join(f'<img src="{(sample_public / "qr" / (slug + ".svg")).as_uri()}" style="width:240px;margin:8px">' for slug in slugs)
    png, html = tmp_path / "codes.png", tmp_path / "codes.html"
    html.write_text(f'<body style="margin:0;background:#fff;width:1280px">{images}</body>')
    rows = -(-len(slugs) // 5)
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--hide-scrollbars", f"--window-size=1290,{rows * 260 + 20}", f"--screenshot={png}", html.as_uri()],
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    decoded = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True).stdout.split()
    assert sorted(decoded) == sorted(f"{BASE}p/{slug}/" for slug in slugs)


def test_search_index_per_language(sample_public):
    for folder in ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja"):  # one bundle per language, each its own
        entry = json.loads((sample_public / f"pagefind/{folder}/pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [folder]
        assert entry["languages"][folder]["page_count"] > 24
    assert not (sample_public / "pagefind/pagefind-entry.json").exists()
    product = soup(sample_public / "vi/products/mat-ong-hoa-vai/index.html").find("main")
    assert product.has_attr("data-pagefind-body")
    home = soup(sample_public / "vi/index.html").find("main")
    assert not home.has_attr("data-pagefind-body")  # lists are not search results


def test_folded_copy_for_search_without_diacritics(sample_public):
    main = soup(sample_public / "vi/products/vai-thieu-luc-ngan/index.html").find("main")
    assert main["data-pagefind-meta"].startswith("fold:Vai thieu Luc Ngan")
    producer = soup(sample_public / "vi/producers/co-so-thu-cong-my-nghe/index.html").find("main")
    assert "đ" not in producer["data-pagefind-meta"].lower()


def test_raster_images_have_responsive_variants_without_metadata(sample_public):
    from PIL import Image

    page = soup(sample_public / "en/experiences/hanh-trinh-mua-vai-luc-ngan/index.html")
    picture = page.find("picture")
    source = picture.select_one("source:not([media])")  # the one with [media] is the phone's 16:9 crop
    assert source["type"] == "image/webp" and source["srcset"].count("w,") == 2
    assert picture.select_one("source[media]")["srcset"].count("w,") == 1
    img = picture.img
    assert (img["width"], img["height"]) == ("1600", "1200") and "960w" in img["srcset"]
    for name in ("hanh-trinh-mua-vai-jpg-480.webp", "hanh-trinh-mua-vai-jpg-960.jpg"):
        with Image.open(sample_public / "images" / name) as image:
            assert image.width in (480, 960) and not image.getexif()
    assert all(img.get("alt") for img in page.find_all("img"))


def test_calendar_brochure_and_stamps(sample_public):
    calendar = soup(sample_public / "fr/calendar/index.html")
    assert len(calendar.select("thead th")) == 13
    assert calendar.select_one("thead th abbr")["title"] == "janvier"
    brochure = soup(sample_public / "en/brochure/index.html")  # the whole brochure, and each group's, a page of sheets at a time
    groups = [a["href"] for a in brochure.select("main ul.groups a") if a["href"] != "/en/brochure/"]
    sheets = sum(len(soup(sample_public / url.lstrip("/") / "index.html").select("article.sheet")) for url in groups)
    count = len(load_catalogue(ROOT).products)
    assert "/en/brochure/food/" in groups and sheets == count == len(brochure.select("article.sheet"))
    stamps = soup(sample_public / "en/producers/htx-hong-xuan/stamps/index.html")
    assert stamps.select(".stamp img")[0]["src"] == "/qr/vai-thieu-luc-ngan.svg"
    assert "does not trace a batch" in stamps.get_text()


def test_list_page_filters_work_without_script(sample_public):
    page = soup(sample_public / "en/products/index.html")
    assert page.find("form", id="filters").has_attr("hidden")  # shown by the script only
    facets = page.select(".facets a")
    assert any(a["href"] == "/en/categories/food/" for a in facets) and any(a["href"] == "/en/regions/luc-ngan/" for a in facets)
    cards = page.select("#product-list li[data-group]")
    assert len(cards) == len(load_catalogue(ROOT).products)
