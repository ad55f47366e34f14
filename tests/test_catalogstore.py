"""Catalogs kept as read and checked (``.cache/catalogs/``): a run parses again only the catalogs
whose text changed, and what it publishes or reports is what a reading of every file gives."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from catalogue.commands.cli import main
from catalogue.i18n import catalogstore
from catalogue.i18n.pofiles import parse_catalog

from .conftest import replace_once

FRENCH = "locales/fr/LC_MESSAGES/content.po"
NAME = 'msgstr "Litchi précoce de Phúc Hòa"'
PAGE = "public/fr/products/vai-som-phuc-hoa/index.html"


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the catalogs parsed, in order."""
    names: list[str] = []

    def counting(text: str, name: str, locale: str | None = None):
        names.append(name)
        return parse_catalog(text, name, locale)

    monkeypatch.setattr(catalogstore, "parse_catalog", counting)
    return names


def build(site: Path, *options: str) -> int:
    return main(["build", "--root", str(site), "--no-search", "-q", *options])


def same_files(a: Path, b: Path) -> list[str]:
    """The files that differ between two folders (or are in one only)."""
    compared = filecmp.dircmp(a, b)
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    return found + [f"{name}/{f}" for name, sub in compared.subdirs.items() for f in same_files(a / name, b / name)]


def test_a_build_parses_only_the_catalogs_whose_text_changed(sample_copy, parsed):
    assert build(sample_copy) == 0
    first = len(parsed)
    assert first >= 7  # every catalog, once
    replace_once(sample_copy, FRENCH, NAME, 'msgstr "Litchi hâtif de Phúc Hòa"')
    parsed.clear()
    assert build(sample_copy) == 0
    assert parsed == [FRENCH]
    assert "Litchi hâtif de Phúc Hòa" in (sample_copy / PAGE).read_text(encoding="utf-8")
    shutil.copytree(sample_copy / "public", sample_copy.parent / "kept")
    shutil.rmtree(sample_copy / ".cache/catalogs")
    parsed.clear()
    assert build(sample_copy, "--force") == 0
    assert len(parsed) == first
    assert filecmp.cmp(sample_copy / PAGE, sample_copy.parent / "kept/fr/products/vai-som-phuc-hoa/index.html", shallow=False)
    assert same_files(sample_copy / "public", sample_copy.parent / "kept") == []


def test_a_kept_catalog_still_reports_its_errors(sample_copy, parsed, capsys):
    """An error found when the catalog was read is reported by every run, read again or not."""
    replace_once(sample_copy, FRENCH, NAME, 'msgstr "Litchi précoce de Phúc Hòa <script>"')
    for run in range(2):
        parsed.clear()
        assert build(sample_copy) == 1
        err = capsys.readouterr().err
        assert f"{FRENCH}:" in err and "error" in err, err
        assert (FRENCH in parsed) == (run == 0)


def test_a_new_engine_or_a_damaged_store_reads_every_catalog_again(sample_copy, parsed, monkeypatch):
    assert build(sample_copy) == 0
    first = len(parsed)
    monkeypatch.setattr(catalogstore, "_engine", lambda: "another engine")
    parsed.clear()
    assert build(sample_copy, "--force") == 0
    assert len(parsed) == first
    for kept in (sample_copy / ".cache/catalogs").iterdir():
        kept.write_bytes(kept.read_bytes()[:100])  # cut short, as a full disk leaves a file
    parsed.clear()
    assert build(sample_copy, "--force") == 0
    assert len(parsed) == first


def test_check_works_where_nothing_can_be_kept(sample_copy, parsed):
    """Where the store cannot be written (here a file stands in its place), the catalogs are
    checked as before, every one parsed: a cache that cannot be kept is no error."""
    (sample_copy / ".cache").mkdir()
    (sample_copy / ".cache/catalogs").write_text("not a folder\n", encoding="utf-8")
    assert main(["check", "--root", str(sample_copy)]) == 0
    assert parsed  # read and checked, not kept
