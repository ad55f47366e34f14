"""The benchmark itself, at 20 products, and the Hugo site it compares with, so that neither
can rot (no figure is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PIL import Image

from .conftest import ROOT, require_tool
from .test_page_sizes import bench


def test_bench_runs_at_20_products(tmp_path):
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench/run.py"), "--products", "20", "--runs", "1", "--no-hugo", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    figures = report["results"][0]
    for key in (
        "cold_build_s",
        "pages_per_s",
        "peak_rss_mb",
        "no_change_rebuild_s",
        "edit_product_refresh_s",
        "edit_po_refresh_s",
        "extract_translated_s",
        "extract_s",
        "status_s",
    ):
        assert figures[key] > 0, key
    assert figures["pages"] > 20 * 7
    assert "cold full build (s)" in result.stdout
    assert figures["largest_page_kb"] > 0
    targets = [line for line in result.stdout.splitlines() if line.startswith(("1 product edited -> its pages", "largest HTML page"))]
    assert len(targets) == 2 and all(line.rstrip().endswith(("yes", "NO")) for line in targets)


def test_the_hugo_side_has_every_product_page_and_draws_its_card(tmp_path):
    """``--hugo-cards``: Hugo builds a page per product and language, each with its own 1200 x
    630 JPEG card, drawn by Hugo's filters from the name in that language."""
    hugo = require_tool("hugo")
    synthetic = bench("synthetic")
    site = synthetic.write_site(tmp_path / "site", 6)
    hugo_site = synthetic.write_hugo_site(site, tmp_path / "hugo", cards=True)
    result = subprocess.run([hugo, "--quiet"], cwd=hugo_site, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    public = hugo_site / "public"
    cards = {}  # each page's name -> its card
    for code in synthetic.LANGUAGES:
        for product in range(6):
            page = (public / code.lower() / "products" / f"sp-{product:05d}" / "index.html").read_text(encoding="utf-8")
            name = page.split('<h1 data-pagefind-weight="10">', 1)[1].split("</h1>", 1)[0]
            card = page.split('<meta property="og:image" content="https://example.org/', 1)[1].split('"', 1)[0]
            with Image.open(public / card) as image:
                assert (image.format, image.size) == ("JPEG", (1200, 630)), card
            cards.setdefault(name, set()).add(card)
    assert all(len(found) == 1 for found in cards.values())
    assert len(set().union(*cards.values())) == len(cards) > 6 * 5, "a card of its own for each name"
