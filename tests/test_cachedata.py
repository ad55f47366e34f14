"""A cache file planted under ``.cache/`` (committed on a contributed branch, restored from a CI
cache) is refused as data it may not hold: nothing it names is ever run, and the run goes on as
without it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from catalogue.commands.cli import main


class Planted:
    """What a crafted cache file holds: unpickling it calls open(marker, "w")."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def plant(files: list[Path], marker: Path) -> None:
    assert files, "no cache file to replace"
    for path in files:
        path.write_bytes(pickle.dumps(("x", Planted(marker), [])))


@pytest.mark.parametrize(
    ("command", "store"),
    [("build", ".cache/catalogs"), ("extract", ".cache/extract"), ("status", ".cache/extract/catalogs")],
)
def test_a_planted_cache_file_is_never_run(sample_copy, tmp_path, command, store):
    marker = tmp_path / "ran"
    options = ["--no-search", "-q"] if command == "build" else []
    assert main(["extract", "--root", str(sample_copy)]) == 0
    assert main([command, "--root", str(sample_copy), *options]) == 0
    plant(sorted((sample_copy / store).rglob("*.pickle")), marker)
    assert main([command, "--root", str(sample_copy), *options, *(["--force"] if command == "build" else [])]) == 0
    assert not marker.exists()
