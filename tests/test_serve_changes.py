"""serve reads again only the files its watcher reports: an edit, a revert, an added or a
deleted entry are seen, and so is a file that kept its size and time but not its content."""

from __future__ import annotations

import datetime as dt
import os

from catalogue.commands.serve import Preview, error_page
from catalogue.core.problems import Problem

from .conftest import PRODUCT

DAY = dt.date(2026, 6, 15)


def name_on_page(preview: Preview, url: str = "/vi/products/my-chu/") -> str:
    status, _, body = preview.respond(url)
    assert status == 200, body[:300]
    return body.decode().split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_an_edit_and_its_revert_are_seen(make_site):
    root = make_site()
    path = root / "content/products/my-chu.md"
    preview = Preview(root, DAY)
    preview.reload()
    path.write_text(PRODUCT.replace("Mỳ Chũ", "Mỳ Chũ mới"), encoding="utf-8")
    preview.reload(frozenset({path}))
    assert name_on_page(preview) == "Mỳ Chũ mới"
    path.write_text(PRODUCT, encoding="utf-8")
    preview.reload(frozenset({path}))
    assert name_on_page(preview) == "Mỳ Chũ"


def test_a_reported_file_with_the_same_size_and_time_is_read_again(make_site):
    root = make_site()
    path = root / "content/products/my-chu.md"
    preview = Preview(root, DAY)
    preview.reload()
    before = path.stat()
    path.write_text(PRODUCT.replace("Mỳ Chũ", "Mỹ Chũ"), encoding="utf-8")  # same length in bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    preview.reload(frozenset({path}))
    assert name_on_page(preview) == "Mỹ Chũ"


def test_added_and_deleted_entries_are_seen(make_site):
    root = make_site()
    preview = Preview(root, DAY)
    preview.reload()
    added = root / "content/products/gao-nep.md"
    added.write_text(PRODUCT.replace("Mỳ Chũ", "Gạo nếp"), encoding="utf-8")
    preview.reload(frozenset({added}))
    assert name_on_page(preview, "/vi/products/gao-nep/") == "Gạo nếp"
    added.unlink()
    preview.reload(frozenset({added}))
    assert preview.respond("/vi/products/gao-nep/")[0] == 404
    assert name_on_page(preview) == "Mỳ Chũ"


def test_only_the_reported_files_are_read(make_site):
    root = make_site()
    preview = Preview(root, DAY)
    preview.reload()
    path = root / "content/products/my-chu.md"
    path.write_text(PRODUCT.replace("Mỳ Chũ", "Mỳ Chũ mới"), encoding="utf-8")
    preview.reload(frozenset({root / "content/site.yaml"}))  # another file changed: this one is not looked at
    assert name_on_page(preview) == "Mỳ Chũ"
    preview.reload()  # without a report, every file's size and time are compared
    assert name_on_page(preview) == "Mỳ Chũ mới"


def test_a_moved_folder_is_listed_again(make_site):
    root = make_site({"content/products/food/my-chu.md": PRODUCT, "content/products/my-chu.md": None})
    preview = Preview(root, DAY)
    preview.reload()
    (root / "content/products/food").rename(root / "content/products/noodles")
    preview.reload(frozenset({root / "content/products/food", root / "content/products/noodles"}))
    assert name_on_page(preview) == "Mỳ Chũ"
    (root / "content/products/noodles/my-chu.md").unlink()
    (root / "content/products/noodles").rmdir()
    preview.reload(frozenset({root / "content/products/noodles"}))
    assert preview.respond("/vi/products/my-chu/")[0] == 404


def test_the_error_page_counts_its_problems_in_words():
    one = Problem("content/products/x.md", 2, 1, "name", "is required")
    assert b">1 problem in the site</h1>" in error_page([one])
    assert b">2 problems in the site</h1>" in error_page([one, one])
