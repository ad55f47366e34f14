"""Links and images in bodies, on a whole site: relative links are checked and resolved like
site links, code is never read as a link, and a body's images are published and shown."""

from __future__ import annotations

import shutil

from catalogue.commands.cli import main
from catalogue.publish.pipeline import build_site

from .conftest import PRODUCT, ROOT


def run(root, *args, capsys):
    status = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def product(body: str) -> dict[str, str]:
    return {"content/products/my-chu.md": PRODUCT.replace("Mô tả.", body)}


def test_relative_links_are_checked_from_the_entrys_own_page(make_site, capsys):
    root = make_site(product("Xem [nhà sản xuất](../../producers/htx-a/), [sai](../khong-co/) và [đây](../my-chu/#gia)."))
    status, _, err = run(root, "check", capsys=capsys)
    assert status == 1
    assert "content/products/my-chu.md:7: error: body: broken link: no page at ../khong-co/" in err
    assert "htx-a" not in err and "my-chu/#gia" not in err


def test_relative_links_lead_to_the_page_in_each_language_wherever_the_body_is_shown(make_site):
    root = make_site(product("Xem [nhà sản xuất](../../producers/htx-a/) và [giá](../my-chu/?a=1#gia)."))
    build_site(root, root / "public")
    page = (root / "public/en/products/my-chu/index.html").read_text(encoding="utf-8")
    assert 'href="/en/producers/htx-a/"' in page and 'href="/en/products/my-chu/?a=1#gia"' in page
    source = (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")
    assert 'href="/vi/producers/htx-a/"' in source  # the same link, in the other language


def test_a_link_inside_code_is_not_a_link(make_site, capsys):
    root = make_site(product("Viết `[tên](/foo)` để tạo liên kết.\n\n```\n[a](/bar)\n```"))
    status, _, err = run(root, "check", capsys=capsys)
    assert "broken link" not in err


def test_reference_links_are_checked_where_they_are_used(make_site, capsys):
    root = make_site(product("Xem [trang][sai].\n\n[sai]: /products/khong-co/"))
    status, _, err = run(root, "check", capsys=capsys)
    assert status == 1
    assert "content/products/my-chu.md:7: error: body: broken link: no page at /products/khong-co/" in err


def test_body_images_are_published_with_their_translated_alt(make_site):
    root = make_site(product("![Vải thiều chín](/images/vai.svg)"))
    (root / "content/images").mkdir(parents=True)
    shutil.copy(ROOT / "content/images/vai-thieu-luc-ngan.svg", root / "content/images/vai.svg")
    build_site(root, root / "public")
    page = (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")
    assert '<img src="/images/vai.svg" alt="Vải thiều chín">' in page
    assert (root / "public/images/vai.svg").is_file()


def test_a_missing_body_image_is_reported_at_its_line(make_site, capsys):
    root = make_site(product("Mô tả.\n\n![Ảnh](/images/khong-co.jpg)\n\n![Ảnh](/images/../../site.yaml)"))
    status, _, err = run(root, "check", capsys=capsys)
    assert status == 1
    assert "content/products/my-chu.md:9: error: body: image not found: content/images/khong-co.jpg" in err
    assert "content/products/my-chu.md:11: error: body: " in err
