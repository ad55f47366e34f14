"""The one writer: build beside the output, swap in whole, or leave the old site untouched."""

from __future__ import annotations

import os

import pytest

from catalogue.publish.writer import MARKER, SiteWriter


def test_swap_replaces_the_whole_site(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("old")
    with SiteWriter(out) as writer:
        writer.write("index.html", b"new")
        writer.write("en/index.html", b"en")
        assert (out / "old.html").exists()  # still served while building
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [MARKER, "en/index.html", "index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["public"]


def test_an_error_leaves_the_previous_site(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("previous")
    with pytest.raises(RuntimeError), SiteWriter(out) as writer:
        writer.write("index.html", b"half")
        raise RuntimeError("render failed")
    assert (out / "index.html").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["public"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    stale = tmp_path / ".public.build-999999999"
    stale.mkdir()
    with SiteWriter(out) as writer:
        writer.write("index.html", b"x")
    assert not stale.exists()


def test_a_site_lost_between_two_renames_is_restored(tmp_path):
    out = tmp_path / "public"
    old = tmp_path / f".public.old-{os.getpid() + 1}"
    old.mkdir()
    (old / "index.html").write_text("previous")
    writer = SiteWriter(out)
    writer.__enter__()
    assert (out / "index.html").read_text() == "previous"
    writer.__exit__(RuntimeError, RuntimeError(), None)


def test_refuses_to_write_outside(tmp_path):
    with pytest.raises(ValueError), SiteWriter(tmp_path / "public") as writer:
        writer.write("../escape.html", b"x")
    assert not (tmp_path / "escape.html").exists()


@pytest.mark.parametrize("name", ["/etc/escape.html", "a/../../escape.html", "", "a\\..\\escape.html"])
def test_refuses_absolute_and_climbing_paths(tmp_path, name):
    with pytest.raises(ValueError), SiteWriter(tmp_path / "public") as writer:
        writer.write(name, b"x")
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "public").exists()
