"""Web quality gates: axe finds no accessibility violation, the Nu Html Checker no error,
no page scrolls sideways on a 360 px phone, and a product page stays light. A deliberately
broken page shows that each gate does catch what it is for."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT

FOLDERS = ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")
PAGES = (
    "",
    "products/vai-thieu-luc-ngan/",
    "products/",
    "producers/htx-hong-xuan/",
    "experiences/hanh-trinh-mua-vai-luc-ngan/",
    "about-ocop/",
)
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
BROKEN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><h1 id="x">Broken</h1><p id="x">Same id twice.</p><img src="/images/nothing.svg" width="10" height="10"></main></body></html>"""


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {node['target']}" for v in result.response["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("folder", FOLDERS)
def test_axe_finds_no_violation(visit, site_url, folder):
    visitor = visit(**PHONE)
    found = {}
    for path in PAGES:
        visitor.page.goto(f"{site_url}/{folder}/{path}")
        if violations := axe_violations(visitor.page):
            found[path] = violations
    assert found == {}
    assert visitor.errors == [] and visitor.outside == []


def test_axe_on_shared_pages(visit, site_url):
    visitor = visit(**PHONE)
    for path in (
        "/en/search/?q=tea",
        "/en/calendar/",
        "/fr/brochure/food/",
        "/vi/producers/htx-hong-xuan/stamps/",
        "/p/vai-thieu-luc-ngan/",
        "/404.html",
    ):
        visitor.page.goto(site_url + path)
        assert axe_violations(visitor.page) == [], path


def test_axe_catches_an_image_without_alt(visit, tmp_path):
    from .conftest import serve

    (tmp_path / "index.html").write_text(BROKEN_PAGE)
    with serve(tmp_path) as url:
        visitor = visit()
        visitor.page.goto(url + "/")
        assert any(v.startswith("image-alt") for v in axe_violations(visitor.page))


def vnu_jar() -> str:
    candidates = [os.environ.get("VNU_JAR", ""), str(ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")]
    jar = next((c for c in candidates if c and Path(c).is_file()), None)
    if jar is None or shutil.which("java") is None:
        pytest.skip("the Nu Html Checker needs Java and vnu.jar (npm install --prefix .cache/vnu vnu-jar, or set VNU_JAR)")
    return jar


def vnu_errors(paths: list[Path]) -> list[str]:
    result = subprocess.run(
        ["java", "-jar", vnu_jar(), "--errors-only", "--skip-non-html", *map(str, paths)], capture_output=True, text=True, timeout=900
    )
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_nu_html_checker_finds_no_error_on_any_page(sample_public):
    pages = sorted(sample_public.rglob("*.html"))
    assert len(pages) > 500
    assert vnu_errors([sample_public]) == []


def test_nu_html_checker_catches_a_duplicated_id(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE)
    errors = vnu_errors([broken])
    assert any("Duplicate ID" in error for error in errors)


def test_pages_weigh_under_30_kb_in_every_language(sample_public):
    """HTML, CSS and JS of home, product, list, search and brochure pages, gzipped, before images."""
    for folder, path in ((f, p) for f in FOLDERS for p in ("", "products/vai-thieu-luc-ngan/", "products/", "search/", "brochure/food/")):
        page = sample_public / folder / path / "index.html"
        html = page.read_bytes()
        assets = [
            sample_public / m.decode().split("?")[0].lstrip("/")
            for m in re.findall(rb'(?:href|src)="(/assets/[^"]+\.(?:css|js)[^"]*)"', html)
        ]
        total = sum(len(gzip.compress(p.read_bytes(), 9)) for p in [page, *assets])
        assert total <= 30 * 1024, (folder, path, total)


def test_screenshots_for_review(visit, site_url):
    """Saved under tests/artifacts/screenshots/ (ignored by git) so a person can look."""
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visitor = visit(**PHONE)
    for folder in FOLDERS:
        for name, path in (("home", ""), ("product", "products/vai-thieu-luc-ngan/")):
            response = visitor.page.goto(f"{site_url}/{folder}/{path}")
            assert response is not None and response.ok, (folder, path)
            assert visitor.page.locator("h1").first.is_visible() and visitor.page.evaluate("document.fonts.status") == "loaded"
            target = SCREENSHOTS / f"{folder}-{name}.png"
            visitor.page.screenshot(path=str(target), full_page=True)
            height = visitor.page.evaluate("document.documentElement.scrollHeight")
            with Image.open(target) as shot:  # the whole page, at the phone's width and density, not blank
                assert shot.size == (360 * 2, height * 2), (target, shot.size)
                assert len(shot.convert("RGB").getcolors(1 << 20) or ()) > 50, target
