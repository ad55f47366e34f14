"""After any sequence of edits, ``serve`` (which reads again only what changed and keeps what
it derived from the rest) answers every file exactly as a fresh reading of the same files,
which in turn answers exactly what a build writes (test_architecture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from catalogue.commands.serve import Preview

from .conftest import replace_once

DAY = dt.date(2026, 6, 15)
PRODUCT = "content/products/bonsai-mini-de-ban.md"
PRODUCER = "content/producers/nha-vuon-sinh-vat-canh.md"
CONTENT_FR = "locales/fr/LC_MESSAGES/content.po"
THEME_FR = "locales/fr/LC_MESSAGES/messages.po"
PEACH_NAME = '#: content/products/dao-the-chau.md\nmsgid "Đào thế chậu"'
IMAGE = "images:\n  - src: bonsai-mini-de-ban.svg\n    alt: Cây bonsai nhỏ thân uốn cong, tán lá xanh tròn, trồng trong chậu sứ dẹt\n"


def replace(root: Path, name: str, old: str, new: str) -> frozenset[Path]:
    return frozenset({replace_once(root, name, old, new)})


def move(root: Path, old: str, new: str) -> frozenset[Path]:
    (root / old).rename(root / new)
    return frozenset({root / old, root / new})


def override(root: Path, price: str) -> frozenset[Path]:
    """The site's own catalog of theme strings in French, translating "Price" its own way."""
    header = (root / CONTENT_FR).read_text(encoding="utf-8").split("\n\n", 1)[0]
    (root / THEME_FR).write_text(f'{header}\n\nmsgid "Price"\nmsgstr "{price}"\n', encoding="utf-8")
    return frozenset({root / THEME_FR})


def assert_same_as_fresh(preview: Preview, root: Path) -> None:
    """Every route of a fresh reading answered with the same status, type and bytes."""
    fresh = Preview(root, DAY)
    fresh.reload()
    assert [str(p) for p in preview.problems] == [str(p) for p in fresh.problems]
    if fresh.problems:
        return
    assert preview.reading.table is not None and fresh.reading.table is not None
    assert preview.reading.maker is not None and fresh.reading.maker is not None
    assert preview.reading.maker.site.catalogue.warnings == fresh.reading.maker.site.catalogue.warnings
    assert preview.reading.table.routes == fresh.reading.table.routes
    different = [route.url for route in fresh.reading.table.routes if preview.respond(route.url) != fresh.respond(route.url)]
    assert different == []


Edit = Callable[[Path], frozenset[Path]]
SEQUENCE: list[tuple[str, Edit]] = [
    ("edit a product's name and text", lambda root: replace(root, PRODUCT, "Bonsai mini để bàn", "Bonsai nhỏ để bàn")),
    ("revert it", lambda root: replace(root, PRODUCT, "Bonsai nhỏ để bàn", "Bonsai mini để bàn")),
    (
        "move it to another group and stars",
        lambda root: replace(root, PRODUCT, "stars: 3\ncategory: ornamental", "stars: 5\ncategory: food"),
    ),
    ("drop its image", lambda root: replace(root, PRODUCT, IMAGE, "")),
    ("delete it", lambda root: move(root, PRODUCT, "bonsai.bak")),
    ("restore it", lambda root: move(root, "bonsai.bak", PRODUCT)),
    ("a link to no page", lambda root: replace(root, PRODUCT, "Mỗi cây có", "[Mỗi cây](/products/khong-co/) có")),
    ("the link fixed", lambda root: replace(root, PRODUCT, "/products/khong-co/", "../che-xanh-ban-ven/")),
    ("a commune that names its unit (a warning)", lambda root: replace(root, PRODUCT, "origin:\n", "origin:\n  commune: Xã Bàn\n")),
    ("edited, the warning kept", lambda root: replace(root, PRODUCT, "Xã Bàn", "Xã Bàn Tiến")),
    ("the commune removed", lambda root: replace(root, PRODUCT, "  commune: Xã Bàn Tiến\n", "")),
    ("a producer that does not exist", lambda root: replace(root, PRODUCT, "producer: nha-vuon", "producer: vuon-khong-co")),
    ("that fixed", lambda root: replace(root, PRODUCT, "producer: vuon-khong-co", "producer: nha-vuon")),
    ("marked as a draft", lambda root: replace(root, PRODUCT, "stars: 5\n", "stars: 5\ndraft: true\n")),
    ("published again", lambda root: replace(root, PRODUCT, "draft: true\n", "")),
    ("a broken edit", lambda root: replace(root, PRODUCT, "stars: 5", "stars: 9")),
    ("fixed", lambda root: replace(root, PRODUCT, "stars: 9", "stars: 3")),
    ("rename its slug", lambda root: move(root, PRODUCT, "content/products/bonsai-ban.md")),
    ("edit its producer", lambda root: replace(root, PRODUCER, "name: ", "name: Vườn ")),
    ("edit a translation", lambda root: replace(root, CONTENT_FR, 'msgstr "Mini-bonsaï de bureau"', 'msgstr "Bonsaï de bureau"')),
    (
        "mark a translation fuzzy",
        lambda root: replace(root, CONTENT_FR, "#: content/products/bonsai", "#, fuzzy\n#: content/products/bonsai"),
    ),
    ("a site catalog overriding a theme string", lambda root: override(root, "Tarif")),
    ("the override edited", lambda root: replace(root, THEME_FR, 'msgstr "Tarif"', 'msgstr "Prix public"')),
    ("the override deleted", lambda root: move(root, THEME_FR, "messages.bak")),
    ("rename it back", lambda root: move(root, "content/products/bonsai-ban.md", PRODUCT)),
    # Another product, unchanged, whose name's translation alone is saved: its French page goes, then comes back.
    ("another product's name marked fuzzy", lambda root: replace(root, CONTENT_FR, PEACH_NAME, "#, fuzzy\n" + PEACH_NAME)),
    ("its translation reviewed", lambda root: replace(root, CONTENT_FR, "#, fuzzy\n" + PEACH_NAME, PEACH_NAME)),
]


def test_after_each_edit_serve_answers_as_a_fresh_reading(sample_copy):
    root = sample_copy
    preview = Preview(root, DAY)
    preview.reload()
    assert not preview.problems
    assert preview.reading.table is not None
    for route in preview.reading.table.routes:  # everything made once, as a browsing editor would
        preview.respond(route.url)
    for name, edit in SEQUENCE:
        preview.reload(edit(root))
        try:
            assert_same_as_fresh(preview, root)
        except AssertionError as error:
            raise AssertionError(f"after '{name}': {error}") from None
