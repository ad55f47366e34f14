"""Administrative units as data: the right word in each language, never doubled; several
provinces, each with its region page; region slugs from any script."""

from __future__ import annotations

from bs4 import BeautifulSoup

from catalogue.commands.cli import main
from catalogue.core.slugs import any_slug

from .conftest import PRODUCT


def build(root, capsys):
    status = main(["--root", str(root), "build", "--no-search"])
    err = capsys.readouterr().err
    assert status == 0, err
    return root / "public"


def page(public, path):
    return BeautifulSoup((public / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def with_origin(origin: str) -> str:
    return PRODUCT.replace("---\n", f"---\norigin:\n{origin}", 1) if "origin:" not in PRODUCT else PRODUCT


def test_a_ward_and_a_former_city_get_their_own_words_in_every_language(make_site, capsys):
    root = make_site(
        {
            "content/products/my-chu.md": with_origin(
                "  commune: Lâm Viên\n  commune_type: phuong\n  former_district: Đà Lạt\n  former_district_type: thanh_pho\n  province: Lâm Đồng\n"
            )
        }
    )
    public = build(root, capsys)
    vi = page(public, "vi/products/my-chu").text
    en = page(public, "en/products/my-chu").text
    assert "phường Lâm Viên, thành phố Đà Lạt cũ, tỉnh Lâm Đồng" in vi and "xã phường" not in vi.lower()
    assert "Lâm Viên ward, former Đà Lạt city, Lâm Đồng province" in en
    region = page(public, "en/regions/da-lat")
    assert region.h1.text == "Products of the former Đà Lạt city"
    assert page(public, "vi/regions/da-lat").h1.text == "Sản phẩm thành phố Đà Lạt cũ"


def test_a_name_that_carries_its_type_is_accepted_once_with_a_warning(make_site, capsys):
    root = make_site({"content/products/my-chu.md": with_origin("  commune: Phường Lâm Viên\n  former_district: Huyện Lạc Dương\n")})
    assert main(["--root", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert "warning: origin.commune: 'Phường Lâm Viên' already names its unit: write commune: Lâm Viên with commune_type: phuong" in err
    assert (
        "origin.former_district: 'Huyện Lạc Dương' already names its unit: write former_district: Lạc Dương with former_district_type: huyen"
        in err
    )
    public = build(root, capsys)
    vi = page(public, "vi/products/my-chu").text
    assert "phường Lâm Viên, huyện Lạc Dương cũ" in vi and "Phường Lâm Viên" not in vi and "huyện Huyện" not in vi
    assert "former Lạc Dương district" in page(public, "en/products/my-chu").text
    assert (public / "vi/regions/lac-duong/index.html").is_file()


def test_several_provinces_current_and_former_each_have_a_region_page(make_site, capsys):
    root = make_site(
        {
            "content/products/my-chu.md": with_origin(
                "  commune: Gia Nghĩa\n  former_district: Gia Nghĩa\n  former_district_type: thanh_pho\n  province: Lâm Đồng\n  former_province: Đắk Nông\n"
            ),
            "content/products/che.md": PRODUCT.replace("Mỳ Chũ", "Chè").replace(
                "---\n", "---\norigin: {province: Bắc Ninh, former_province: Bắc Giang}\n", 1
            ),
        }
    )
    public = build(root, capsys)
    for slug, title in (
        ("lam-dong", "Lâm Đồng province"),
        ("dak-nong", "former Đắk Nông province"),
        ("bac-giang", "former Bắc Giang province"),
    ):
        region = page(public, f"en/regions/{slug}")
        assert region.title.text.startswith(title), slug
    assert [a.text for a in page(public, "en/regions/dak-nong").select("main .card h2, main .card h3")] != []
    text = page(public, "en/products/my-chu").text
    assert "Gia Nghĩa commune, former Gia Nghĩa city, Lâm Đồng province, former Đắk Nông province" in text


def test_region_slugs_come_from_any_script_and_are_never_empty():
    assert any_slug("Lục Ngạn") == "luc-ngan"
    assert any_slug("北江") == "beijiang"
    assert any_slug("Лао Кай") == "lao-kay"
    assert any_slug("★") and any_slug("★") == any_slug("★") and any_slug("★") != any_slug("☆")


def test_a_region_named_without_latin_letters_gets_a_page(make_site, capsys):
    root = make_site({"content/products/my-chu.md": with_origin("  former_district: 北江\n")})
    public = build(root, capsys)
    assert page(public, "en/regions/beijiang").h1.text == "Products of the former 北江 district"
    assert not (public / "en/regions/index.html").exists()
