"""Translations made when a whole table, quote or nested list was one message come back,
split like their source, as fuzzy translations of the new unit messages: never silently lost."""

from __future__ import annotations

import datetime as dt

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from catalogue.i18n.extract import extract
from catalogue.i18n.lifecycle import state_of
from catalogue.i18n.pofiles import with_previous_ids

from .conftest import PRODUCT

NOW = dt.datetime(2026, 6, 15, tzinfo=dt.UTC)
BODY = "Mô tả.\n\n| Loại | Giá |\n|---|--:|\n| Gói nhỏ | 30.000 |\n\n> Ngon nhất vùng.\n> Ai cũng khen.\n\n- Bước một\n  - Bước con\n- Bước hai"
# What the old splitter made of BODY, and a translator's reviewed work on it.
OLD = {
    "Mô tả.": "Description.",
    "| Loại | Giá |\n|---|--:|\n| Gói nhỏ | 30.000 |": "| Kind | Price |\n|---|--:|\n| Small pack | 30,000 |",
    "> Ngon nhất vùng.\n> Ai cũng khen.": "> The best around.\n> Everyone praises them.",
    "Bước một\n- Bước con": "Step one\n- Sub-step",
    "Bước hai": "Step two",
}


def write_old_catalog(root) -> None:
    catalog = Catalog(locale="en", fuzzy=False)
    for source, translation in OLD.items():
        catalog.add(source, translation, locations=[("content/products/my-chu.md", 7)])
    path = root / "locales/en/LC_MESSAGES/content.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=0)


def messages(root):
    with (root / "locales/en/LC_MESSAGES/content.po").open("rb") as file:
        return {message.id: message for message in with_previous_ids(read_po(file)) if message.id}


def test_block_translations_come_back_unit_by_unit_as_fuzzy_with_their_previous_text(make_site):
    root = make_site({"content/products/my-chu.md": PRODUCT.replace("Mô tả.", BODY)})
    write_old_catalog(root)
    extract(root, NOW)
    found = messages(root)
    expected = {
        "Loại": "Kind",
        "Giá": "Price",
        "Gói nhỏ": "Small pack",
        "30.000": "30,000",
        "Ngon nhất vùng.\nAi cũng khen.": "The best around.\nEveryone praises them.",
        "Bước một": "Step one",
        "Bước con": "Sub-step",
    }
    for source, translation in expected.items():
        message = found[source]
        assert (message.string, state_of(message)) == (translation, "outdated"), source
        assert message.previous_id and message.previous_id[0] in OLD
    assert (found["Bước hai"].string, state_of(found["Bước hai"])) == ("Step two", "reviewed")
    assert state_of(found["Mô tả."]) == "reviewed"


def test_an_offer_never_replaces_a_translators_text(make_site):
    root = make_site({"content/products/my-chu.md": PRODUCT.replace("Mô tả.", BODY)})
    write_old_catalog(root)
    extract(root, NOW)
    path = root / "locales/en/LC_MESSAGES/content.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Small pack"', 'msgstr "Small bag"'), encoding="utf-8")
    extract(root, NOW)
    assert messages(root)["Gói nhỏ"].string == "Small bag"
    before = path.read_bytes()
    extract(root, NOW)
    assert path.read_bytes() == before  # settled: a second run changes nothing
