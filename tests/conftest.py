"""Shared fixtures: small sites written on the fly, the sample sites, and system tools."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"

SITE_YAML = """\
title: {vi: Thử, en: Test}
base_url: https://example.org/
source_language: vi
languages:
  vi: {name: Tiếng Việt}
  en: {name: English, currency: USD}
exchange_rates:
  USD: {vnd: 25000, date: 2026-01-15}
"""
PRODUCER = """\
---
name: Hợp tác xã A
kind: cooperative
---
Giới thiệu.
"""
PRODUCT = """\
---
name: Mỳ Chũ
stars: 4
category: food
producer: htx-a
---
Mô tả.
"""


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path):
    """A minimal valid site in tmp_path; ``files`` add or replace files (None deletes one)."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        base = {"content/site.yaml": SITE_YAML, "content/producers/htx-a.md": PRODUCER, "content/products/my-chu.md": PRODUCT}
        base.update(files or {})
        write_files(tmp_path, {name: text for name, text in base.items() if text is not None})
        return tmp_path

    return make


@pytest.fixture
def multilingual(tmp_path: Path) -> Path:
    """A copy of tests/sites/multilingual (vi source, en complete but one paragraph, fr barely)."""
    target = tmp_path / "multilingual"
    shutil.copytree(SITES / "multilingual", target, ignore=shutil.ignore_patterns("public"))
    return target


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it on a laptop, fail without it in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian package: {TOOL_PACKAGES.get(name, name)})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return path


TOOL_PACKAGES = {"msgfmt": "gettext"}


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the project's own sample site (content and catalogs), safe to change."""
    target = tmp_path / "sample"
    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


@pytest.fixture
def translation_server():
    from .libre_server import FakeTranslationServer

    with FakeTranslationServer(slow_seconds=0.5) as server:
        yield server


@pytest.fixture(scope="session")
def sample_public(tmp_path_factory) -> Path:
    """The project's sample site, built once for the session (build date 15 June 2026)."""
    import datetime as dt

    from catalogue.pipeline import build_site

    out = tmp_path_factory.mktemp("sample") / "public"
    build_site(ROOT, out, today=dt.date(2026, 6, 15))
    return out
