"""The brochure as a trade-fair catalogue: each brochure page is a document of its own (cover,
contents with page numbers, products by group two to a printed page, contacts and QR code on
each, notices kept), and ``catalogue brochure`` prints it to PDF through headless Chromium."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.commands.cli import main
from catalogue.content.ocop import GROUP_SLUGS
from catalogue.content.sources import load_catalogue
from catalogue.publish.pipeline import build_site
from catalogue.site import pagination

from .conftest import ROOT, require_tool, write_files
from .test_pagination import DAY, products

LONG_NAME = ("Mật ong bạc hà cao nguyên đá " * 4 + "X" * 60)[:160]  # as long as a name may be, with a word that never breaks
LAO_CAI = {
    "content/site.yaml": """\
title: {vi: Sản phẩm OCOP Lào Cai, en: Lào Cai OCOP products, ja: ラオカイ省のOCOP産品}
base_url: https://ocop-laocai.example.org/catalogue/
source_language: vi
languages:
  vi: {name: Tiếng Việt}
  en: {name: English, currency: USD}
  ja: {name: 日本語, fallback: [en], currency: JPY}
exchange_rates:
  USD: {vnd: 26000, date: 2026-01-15}
  JPY: {vnd: 170, date: 2026-01-15}
""",
    "content/producers/htx-sa-pa.md": f"""\
---
name: "Hợp tác xã {"dệt thổ cẩm và chế biến nông sản " * 4}Sa Pa"
kind: cooperative
contact:
  phone: "+84 000 000 099"
  email: {"lien-he-hop-tac-xa-" * 5}sapa@example.org
  website: https://{"tho-cam-" * 8}sapa.example.org/
  placeholder: true
---
Giới thiệu.
""",
}
for number, (category, name) in enumerate(
    [
        ("food", LONG_NAME),
        ("food", "Táo mèo Bắc Hà"),
        ("food", "Gạo Séng Cù"),
        ("handicrafts", "Thổ cẩm Tả Phìn"),
        ("herbal", "Trà shan tuyết"),
    ]
):
    LAO_CAI[f"content/products/lc-{number}.md"] = f"""\
---
name: "{name}"
summary: "{("Mô tả rất dài về sản phẩm, vùng trồng và cách dùng. " * 8)[:400]}"
stars: {3 + number % 3}
category: {category}
producer: htx-sa-pa
origin: {{province: Lào Cai}}
{"price: {min: 120000, max: 150000, currency: VND, unit: kg}" if number % 2 else ""}
---
Mô tả.
"""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def contents(page: BeautifulSoup) -> dict[str, int]:
    """Each product's sheet id and the page number the contents give for it."""
    return {a["href"].lstrip("#"): int(a.select_one(".entry-page").get_text()) for a in page.select("nav.contents a")}


def printed_pages(page: BeautifulSoup) -> dict[str, int]:
    """Each product's sheet id and the printed page it is on: cover, contents, then the leaves."""
    return {sheet["id"]: 3 + n for n, leaf in enumerate(page.select("section.leaf")) for sheet in leaf.select("article.sheet")}


def test_a_brochure_page_is_a_catalogue_with_cover_contents_and_two_products_a_page(sample_public):
    page = soup(sample_public / "en/brochure/index.html")
    cover = page.select_one("main > section.cover")
    text = " ".join(cover.get_text(" ").split())
    for part in ("Bắc Giang OCOP products", "Bắc Ninh province", "Brochure", "All products", "English", "June 15, 2026"):
        assert part in text, (part, text)
    assert page.select_one("main > nav.contents h2").get_text() == "Contents"
    catalogue = load_catalogue(ROOT).products
    numbers = contents(page)
    assert numbers == printed_pages(page) and len(numbers) == len(catalogue)  # every product once, on the page the contents say
    groups = [h.get_text() for h in page.select("nav.contents h3")]
    assert groups == [h.get_text() for h in page.select("section.leaf h2.leaf-head")]  # grouped by category, in the contents too
    assert groups[0] == "Food" and len(groups) == len({p.category for p in catalogue})
    leaves = page.select("section.leaf")
    assert all(1 <= len(leaf.select("article.sheet")) <= 2 for leaf in leaves)
    assert len(leaves) == sum(-(-sum(1 for p in catalogue if p.category == slug) // 2) for slug in GROUP_SLUGS)
    for sheet in page.select("article.sheet"):
        assert sheet.select_one(".sheet-qr img")["src"].endswith(".svg")
        assert sheet.select_one(".short-url").get_text().startswith("https://")
        assert sheet.select_one(".sheet-price .price") and sheet.select_one(".stars") and sheet.select_one(".sheet-producer strong")
        assert "Phone" in sheet.select_one(".sheet-reach").get_text()
    assert "Price on request" in page.select_one("main").get_text()
    assert page.select_one('main a[href="/en/brochure/food/"]')  # each group's brochure too
    assert not page.select("main .sheet-body")  # a summary, not the whole body


def test_notices_are_printed(sample_public):
    """The machine-translation notice moves onto the cover (it would otherwise print before it);
    the placeholder notice is on each sheet; print CSS hides none of them."""
    page = soup(sample_public / "zh-hant/brochure/index.html")
    assert page.select_one("main > section.cover .notice.machine")
    assert not page.select("main > .notice")
    assert all(sheet.select_one(".sheet-contact .notice") for sheet in page.select("article.sheet"))
    css = next((sample_public / "assets").glob("style*.css")).read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    hidden = " ".join(re.findall(r"([^{}]*)\{[^}]*display:\s*none", printed))
    assert not re.search(r"\.(notice|cover|contents|leaf|sheet)\b", hidden), hidden


def test_each_part_of_a_long_brochure_is_a_document_of_its_own(make_site, monkeypatch):
    """Cut by the pager so no page grows with the catalogue, every part keeps its cover (which
    says which part), its contents and page numbers that start again."""
    monkeypatch.setattr(pagination, "SHEETS", 4)
    root = make_site(products(5))
    build_site(root, root / "public", today=DAY, search=False)
    first, second = soup(root / "public/en/brochure/food/index.html"), soup(root / "public/en/brochure/food/page/2/index.html")
    assert "Part 1 of 2" in first.select_one(".cover").get_text() and "Part 2 of 2" in second.select_one(".cover").get_text()
    assert list(contents(first).values()) == [3, 3, 4, 4] and list(contents(second).values()) == [3, 3]
    assert contents(second) == printed_pages(second)
    whole = soup(root / "public/en/brochure/page/2/index.html")  # the whole brochure is cut the same way
    assert len(whole.select("article.sheet")) == 2 and "Part 2 of 2" in whole.select_one(".cover").get_text()


# The PDFs, read back with pdftotext.


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory) -> Path:
    require_tool("chromium")
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("pdfs")
    assert main(["--root", str(ROOT), "-q", "brochure", "--lang", "en,zh-Hant", "--out", str(out)]) == 0
    return out


def check_document(pages: list[str], html: BeautifulSoup) -> None:
    """Cover, contents and numbered pages, each product on the page the contents give."""
    count = len(pages)
    assert "Contents" not in pages[0] and not re.search(rf"\b1\s*/\s*{count}\b", pages[0])  # the cover has no number
    for number, text in enumerate(pages[1:], 2):
        assert re.search(rf"\b{number}\s*/\s*{count}\b", text), (number, text)
    numbers = contents(html)
    assert count == 2 + len(set(numbers.values()))  # cover, contents, then two products a page
    assert all(list(numbers.values()).count(n) <= 2 for n in numbers.values())
    for sheet_id, number in numbers.items():
        name = html.select_one(f"#name-{sheet_id.removeprefix('sheet-')}").get_text()
        assert squeeze(name)[:12] in squeeze(pages[number - 1]), (name, number)


def test_pdf_has_cover_contents_page_numbers_and_two_products_a_page(sample_pdfs, sample_public):
    pages = pdf_pages(sample_pdfs / "en/brochure.pdf")
    assert "Bắc Giang OCOP products" in pages[0] and "All products" in pages[0] and "English" in pages[0]
    assert "Contents" in pages[1] and "Lục Ngạn lychee" in pages[1]
    check_document(pages, soup(sample_public / "en/brochure/index.html"))
    assert len(pages) < len(load_catalogue(ROOT).products)  # 26 products on 17 pages, cover and contents included


def test_pdf_keeps_the_notices(sample_pdfs, sample_public):
    html = soup(sample_public / "zh-hant/brochure/index.html")
    machine = squeeze(html.select_one(".cover .notice.machine").get_text())
    placeholder = squeeze(html.select_one(".sheet-contact .notice").get_text())
    pages = [squeeze(text) for text in pdf_pages(sample_pdfs / "zh-hant/brochure.pdf")]
    assert machine[:20] in pages[0]  # on the cover
    assert all(placeholder[:20] in page for page in pages[2:])  # next to every producer's contacts


def test_a_second_site_prints_in_japanese_with_hostile_names(tmp_path):
    require_tool("chromium")
    root = write_files(tmp_path / "laocai", LAO_CAI)
    out = tmp_path / "pdfs"
    assert main(["--root", str(root), "-q", "brochure", "--lang", "ja,en", "--out", str(out)]) == 0
    assert main(["--root", str(root), "-q", "brochure", "--group", "food", "--out", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "en/brochure-food.pdf",
        "en/brochure.pdf",
        "ja/brochure-food.pdf",
        "ja/brochure.pdf",
        "vi/brochure-food.pdf",
    ]
    build_site(root, root / "public", today=DAY, search=False)
    pages = pdf_pages(out / "ja/brochure.pdf")
    assert "ラオカイ省のOCOP産品" in pages[0] and "Lào Cai" in pages[0] and "日本語" in pages[0]
    check_document(pages, soup(root / "public/ja/brochure/index.html"))  # the long name is cut, not pushed onto another page
    assert len(pages) == 2 + 2 + 1 + 1  # food 3 (two pages), herbal 1, handicrafts 1
    food = pdf_pages(out / "vi/brochure-food.pdf")
    assert len(food) == 4 and "Sản phẩm OCOP Lào Cai" in food[0]


def test_without_chromium_one_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("CHROMIUM", raising=False)
    out = tmp_path / "pdfs"
    assert main(["--root", str(ROOT), "brochure", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("catalogue brochure: error: Chromium is needed") and error.count("\n") == 1 and "Traceback" not in error
    assert not out.exists()
