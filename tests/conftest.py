"""Shared fixtures: small sites written on the fly, the sample sites, and system tools."""

from __future__ import annotations

import json
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


def replace_once(root: Path, name: str, old: str, new: str) -> Path:
    """Edit a site's file as a person would: the first ``old`` becomes ``new`` (which must be there)."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With CI=true a skip is a failure: no test may pass CI by not running. Every skip
    (require_tool, a missing browser, a skip mark) goes through here, so none checks CI itself."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get("CI") == "true":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it (a failure under CI=true, see above)."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package: {TOOL_PACKAGES.get(name, name)})")
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

    from catalogue.publish.pipeline import build_site

    out = tmp_path_factory.mktemp("sample") / "public"
    build_site(ROOT, out, today=dt.date(2026, 6, 15))
    return out


PAYLOAD = """<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"'><svg onload="window.__pwned=3">"""
MARKDOWN_PAYLOAD = f"""Xem [liên kết](javascript:window.__pwned=4) và [dữ liệu](data:text/html,<script>alert(5)</script>).

<div onclick="window.__pwned=6"><p>unclosed <iframe src="https://evil.example"></iframe><script>window.__pwned=7</script>

<a href="javascript:window.__pwned=8">a</a> <object data="x"></object> <style>body{{display:none}}</style>

- {PAYLOAD}
"""


def _inject(root: Path) -> None:
    product = root / "content/products/vai-thieu-luc-ngan.md"
    text = product.read_text(encoding="utf-8")
    text = text.replace("name: Vải thiều Lục Ngạn", f"name: {json.dumps(PAYLOAD, ensure_ascii=False)}", 1)
    text = text.replace("    alt: Chùm vải thiều chín đỏ trên cành lá xanh", f"    alt: {json.dumps(PAYLOAD, ensure_ascii=False)}")
    text = text.replace("  issuer: Bộ Nông nghiệp và Phát triển Nông thôn", f"  issuer: {json.dumps(PAYLOAD, ensure_ascii=False)}")
    text = text.replace("  - name: Gian hàng trực tuyến (mẫu)", f"  - name: {json.dumps(PAYLOAD, ensure_ascii=False)}")
    head, body = text.split("\n---\n", 1)
    product.write_text(head + "\n---\n" + MARKDOWN_PAYLOAD + "\n" + body, encoding="utf-8")
    producer = root / "content/producers/htx-hong-xuan.md"
    producer.write_text(
        producer.read_text(encoding="utf-8").replace("representative: ", f"representative: {json.dumps(PAYLOAD, ensure_ascii=False)} #", 1),
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The sample with script, event-handler, javascript: and data: payloads and broken HTML
    in its fields and Markdown (seen through every language's fallback)."""
    root = tmp_path_factory.mktemp("hostile") / "site"
    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, root / folder)
    _inject(root)
    from catalogue.commands.cli import main

    assert main(["--root", str(root), "-q", "build"]) == 0
    return root / "public"
