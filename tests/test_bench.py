"""The benchmark itself, at 20 products, so that it cannot rot (no figure is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


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
        "extract_s",
        "status_s",
    ):
        assert figures[key] > 0, key
    assert figures["pages"] > 20 * 7
    assert "cold full build (s)" in result.stdout
    assert figures["largest_page_kb"] > 0
    targets = [line for line in result.stdout.splitlines() if line.startswith(("1 product edited -> its pages", "largest HTML page"))]
    assert len(targets) == 2 and all(line.rstrip().endswith(("yes", "NO")) for line in targets)
