"""``extract`` and ``status`` with their records (``.cache/extract/``) give, after any sequence
of edits, exactly the bytes and counts a run without them gives, while merging again only the
messages the edits reach."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from catalogue.i18n import incremental
from catalogue.i18n.extract import extract
from catalogue.i18n.status import site_status

from .conftest import SITES, replace_once

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
PRODUCT = "content/products/vai-thieu.md"
TABLE = "\n\n| Mùa | Giá |\n| --- | --- |\n| Hè | Cao |\n\n> Ngọt.\n>\n> Thơm.\n"


def locales(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()}


def status_of(root: Path) -> list[dict]:
    return [status.as_dict() | {"where": dict(status.where)} for status in site_status(root)[1]]


@pytest.fixture
def pair(tmp_path: Path, monkeypatch) -> tuple[Path, Path, list[bool]]:
    """Two copies of the multilingual site: one keeps its records, the other never has any;
    and the list of splices tried (True: the catalog was spliced, not merged whole)."""
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for root in (warm, cold):
        shutil.copytree(SITES / "multilingual", root, ignore=shutil.ignore_patterns("public"))
    spliced: list[bool] = []
    splice = incremental.ContentCatalogs._splice_catalog

    def spy(self, *args, **kwargs):
        result = splice(self, *args, **kwargs)
        spliced.append(result is not None)
        return result

    monkeypatch.setattr(incremental.ContentCatalogs, "_splice_catalog", spy)
    return warm, cold, spliced


def same_after(warm: Path, cold: Path, edit: Callable[[Path], None], now: dt.datetime = NOW, spliced: list | None = None) -> int:
    """Edit both sites, extract, compare; how many catalogs were spliced in the site with records."""
    for root in (warm, cold):
        edit(root)
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    before = len(spliced or [])
    warm_report = extract(warm, now)
    count = len(spliced or []) - before
    cold_report = extract(cold, now)
    assert locales(warm) == locales(cold)
    assert warm_report == cold_report
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    assert status_of(warm) == status_of(cold)
    return count


def replace(name: str, old: str, new: str) -> Callable[[Path], object]:
    return lambda root: replace_once(root, name, old, new)


def move(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: (root / old).rename(root / new)


def translate(old: str, new: str) -> Callable[[Path], None]:
    """A translator's edit of the English catalog, outside ``extract``."""
    return replace("locales/en/LC_MESSAGES/content.po", f'msgstr "{old}"', f'msgstr "{new}"')


def test_edits_reverts_deletions_and_renames_give_what_a_run_without_records_gives(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)  # the first run makes the records
    steps = [
        replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, rất ngọt."),  # outdated, with the old text as #|
        replace(PRODUCT, "Cùi dày, rất ngọt.", "Cùi dày, ngọt."),  # reverted: back as it was
        replace(PRODUCT, "name: Vải thiều", "name: Vải thiều Lục Ngạn"),
        move(PRODUCT, "content/products/vai-thieu-luc-ngan.md"),  # every note of the entry changes
        move("content/products/vai-thieu-luc-ngan.md", PRODUCT),
        replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, ngọt." + TABLE),  # units of a table and a quote
        replace(PRODUCT, "---\nVải chín đỏ.", "draft: true\n---\nVải chín đỏ."),  # a draft leaves the catalogs
        replace(PRODUCT, "draft: true\n", ""),
        lambda root: (root / PRODUCT).unlink(),
        lambda root: shutil.copyfile(SITES / "multilingual" / PRODUCT, root / PRODUCT),
        lambda root: shutil.copyfile(SITES / "multilingual" / PRODUCT, root / "content/products/vai-thieu-2.md"),  # shared texts
        lambda root: (root / "content/products/vai-thieu-2.md").unlink(),
    ]
    for step in steps:
        same_after(warm, cold, step)
    assert spliced and all(spliced)  # every one of them without a whole merge
    times = {path: path.stat().st_mtime_ns for path in (warm / "locales").rglob("*.po*")}
    assert extract(warm, LATER).written == ()  # nothing changed: nothing is written, whatever the date
    assert {path: path.stat().st_mtime_ns for path in (warm / "locales").rglob("*.po*")} == times


def test_a_translators_edit_or_new_settings_are_merged_whole_then_spliced_again(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)
    english = (warm / "locales/en/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    old = english.split('msgstr "', 3)[2].split('"', 1)[0]
    assert same_after(warm, cold, translate(old, old + " (corrected)"), spliced=spliced) == 1  # English read whole, French spliced
    fuzzy_off = replace("content/site.yaml", "source_language: vi", "source_language: vi\ntranslation: {fuzzy_matching: false}")
    assert same_after(warm, cold, fuzzy_off, spliced=spliced) == 0  # records made with other settings are not used
    assert same_after(warm, cold, replace(PRODUCT, "Vải chín đỏ.", "Vải chín đỏ au."), now=LATER, spliced=spliced) == 2
    assert all(spliced)


def test_random_edit_sequences(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)
    rng = random.Random(16)
    sentences = ["Vải chín đỏ.", "Cùi dày, ngọt.", "Quả to.", "Hái lúc sáng sớm.", "Cùi dày, ngọt lịm."]
    for _ in range(12):
        body = "\n\n".join(rng.sample(sentences, rng.randint(1, 4)))
        head = (SITES / "multilingual" / PRODUCT).read_text(encoding="utf-8").split("---\n", 2)
        text = f"---\n{head[1]}---\n{body}\n"
        same_after(warm, cold, lambda root, text=text: (root / PRODUCT).write_text(text, encoding="utf-8"))
    assert spliced and all(spliced)
