"""The bad-input corpus: tests/sites/invalid/<case>/ changes tests/sites/minimal in one way
(files/ to add or replace, delete to remove). Each case must give exactly one clear
path:line message (its expected file), exit 1 with no traceback, and leave the published
public/ and every catalog byte-for-byte as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalogue.commands.cli import main

SITES = Path(__file__).parent / "sites"
CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())


def snapshot(root: Path) -> dict[str, bytes]:
    files = [p for p in (root / "public").rglob("*") if p.is_file()] + list((root / "locales").rglob("*.po*"))
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory) -> Path:
    """tests/sites/minimal, built once; each case starts from a copy of it."""
    root = tmp_path_factory.mktemp("minimal") / "site"
    shutil.copytree(SITES / "minimal", root)
    assert main(["--root", str(root), "-q", "build"]) == 0
    return root


def apply(case: Path, root: Path) -> None:
    overlay = case / "files"
    for path in sorted(overlay.rglob("*")) if overlay.is_dir() else ():
        if path.is_file():
            target = root / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    deletes = case / "delete"
    for name in deletes.read_text(encoding="utf-8").split() if deletes.is_file() else ():
        (root / name).unlink()


def check_case(root: Path, expected: str, capsys) -> None:
    before = snapshot(root)
    status = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert status == 1
    assert lines == [expected, "1 problem found; nothing was written."], err
    assert snapshot(root) == before


def test_the_corpus_is_large_enough():
    assert len(CASES) + len(GENERATED) >= 60


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    folder = SITES / "invalid" / case
    apply(folder, root)
    check_case(root, (folder / "expected").read_text(encoding="utf-8").strip(), capsys)


def _huge(root: Path) -> None:
    product = root / "content/products/mat-ong.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nMật ong. " * 200_000, encoding="utf-8")


def _symlink_entry(root: Path) -> None:
    outside = root / "outside.md"
    shutil.copyfile(root / "content/products/mat-ong.md", outside)
    (root / "content/products/mat-ong.md").unlink()
    os.symlink(outside, root / "content/products/mat-ong.md")


def _symlink_image(root: Path) -> None:
    (root / "content/images/mat-ong.svg").unlink()
    os.symlink(root / "content/site.yaml", root / "content/images/mat-ong.svg")


GENERATED = {
    "huge-file": (_huge, "content/products/mat-ong.md: error: is too large (2,400,597 bytes, at most 1,000,000)"),
    "symlinked-entry-outside-content": (
        _symlink_entry,
        "content/products/mat-ong.md: error: is a link to a file outside content/: copy the file instead",
    ),
    "symlinked-image-outside-images": (
        _symlink_image,
        "content/products/mat-ong.md:18:5: error: images[0].src: 'mat-ong.svg' leads outside content/images/",
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_invalid_case(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    make, expected = GENERATED[case]
    make(root)
    check_case(root, expected, capsys)
