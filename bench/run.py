#!/usr/bin/env python3
"""Benchmark: python bench/run.py --products 1000,10000 [--runs 3] [--no-hugo] [--hugo-cards]

For each size it writes the synthetic catalogue (bench/synthetic.py) and measures, as the
median of several runs: the cold full build (no caches), pages per second, peak memory, a
rebuild with nothing changed, one product edited -> its pages refreshed and one .po entry
edited -> its page refreshed (both through the machinery `serve` uses), `extract` after a
translator's save, `extract` and `status` after an entry changed. When `hugo` is on the PATH,
the same catalogue is built by Hugo in the same run and the ratios are printed; with
--hugo-cards, Hugo also builds the site a second time drawing each product page's social card
in its language, as the default theme does, and the ratios against that build are printed
beside the others. Prints a table, and the figures as JSON (also in bench/out/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from synthetic import write_hugo_site, write_site  # noqa: E402

from catalogue.commands.serve import Preview  # noqa: E402
from catalogue.i18n.pofiles import catalog_path  # noqa: E402

OUT = BENCH / "out"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1781481600", PYTHONHASHSEED="0")


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (MB) and CPU seconds of a command, children included."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def peak_of(command: list[str], cwd: Path | None = None) -> tuple[float, int, float]:
    """Run in a fresh helper process so the peak memory (and CPU time: on a busy machine it
    moves less than wall time) is this command's own."""
    where = str(cwd) if cwd else None
    code = f"import json,sys;sys.path.insert(0,{str(BENCH)!r});from run import timed;print(json.dumps(timed({command!r},{where!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, cwd=BENCH)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    seconds, peak, cpu = json.loads(result.stdout.strip().splitlines()[-1])
    return seconds, peak, cpu


PAGEFIND = [sys.executable, "-m", "pagefind", "--site", "public", "--silent"]


def build_command(site: Path, *options: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--root", str(site), "-q", "build", *options]


def cold_build(site: Path, *options: str) -> tuple[float, int, float]:
    for folder in ("public", ".cache"):
        shutil.rmtree(site / folder, ignore_errors=True)
    return peak_of(build_command(site, *options))


def edit_refresh(site: Path, runs: int) -> tuple[list[float], list[float]]:
    """One product edited, one .po entry edited: seconds until the changed pages are rendered again
    (pages the editor had open, so the first edit is not also the first rendering)."""
    preview = Preview(site, dt.date(2026, 6, 15))
    preview.reload()
    for folder in ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja"):  # the editor has the page open
        preview.respond(f"/{folder}/products/sp-00007/")
    product = site / "content/products/sp-00007.md"
    po = catalog_path(site, "fr", "content")
    edits, po_edits = [], []
    for run in range(runs):
        text = product.read_text(encoding="utf-8")
        product.write_text(re.sub(r"Sản phẩm 7 (\(\d+\) )?", f"Sản phẩm 7 ({run}) ", text, count=1), encoding="utf-8")
        started = time.perf_counter()
        preview.reload(frozenset({product}))  # what the watcher reports
        for folder in ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja"):
            status, _, _ = preview.respond(f"/{folder}/products/sp-00007/")
            assert status == 200, status
        edits.append(time.perf_counter() - started)
        catalog = po.read_text(encoding="utf-8")
        po.write_text(catalog.replace('msgstr "[fr] ', f'msgstr "[fr{run}] ', 1), encoding="utf-8")
        started = time.perf_counter()
        preview.reload(frozenset({po}))
        assert preview.respond("/fr/products/sp-00000/")[0] == 200
        po_edits.append(time.perf_counter() - started)
    return edits, po_edits


def one_entry_changed(site: Path, runs: int) -> tuple[float, float, float]:
    """`extract` after a translator saved one entry of a catalog (outside extract, as Poedit
    would), then `extract` and `status` after one entry's text changed (the editor's usual case)."""
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(site), "-q"]
    product = site / "content/products/sp-00011.md"
    po = catalog_path(site, "fr", "content")
    translated, extracts, statuses = [], [], []
    # The cold builds removed .cache/ and extract's records with it; an editor's site has them
    # (extract runs after every change), so one run makes them again before anything is timed.
    subprocess.run([*command, "extract"], check=True, env=ENV, stdout=subprocess.DEVNULL)
    for run in range(runs):
        catalog = po.read_text(encoding="utf-8")
        po.write_text(catalog.replace('msgstr "[fr', f'msgstr "[fr, {run}', 1), encoding="utf-8")
        translated.append(peak_of([*command, "extract"])[0])
        text = product.read_text(encoding="utf-8")
        product.write_text(re.sub(r"Sản phẩm 11 (\[\d+\] )?", f"Sản phẩm 11 [{run}] ", text, count=1), encoding="utf-8")
        extracts.append(peak_of([*command, "extract"])[0])
        statuses.append(peak_of([*command, "status"])[0])
    return statistics.median(translated), statistics.median(extracts), statistics.median(statuses)


def hugo_builds(hugo_site: Path, runs: int) -> list[tuple[float, int, float]]:
    """Cold Hugo builds: no output, no processed-image cache."""
    measured = []
    for _ in range(runs):
        shutil.rmtree(hugo_site / "public", ignore_errors=True)
        shutil.rmtree(hugo_site / "resources", ignore_errors=True)
        measured.append(peak_of(["hugo", "--quiet"], cwd=hugo_site))
    return measured


def measure(products: int, runs: int, hugo: bool, out: Path, hugo_cards: bool = False) -> dict:
    site = out / f"site-{products}"
    print(f"\n== {products} products: writing the synthetic catalogue…", file=sys.stderr, flush=True)
    write_site(site, products)
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(site), "-q", "extract"], check=True, env=ENV)
    results: dict = {"products": products}
    html_only = [cold_build(site, "--no-search") for _ in range(runs)]  # like Hugo: pages, no search index
    results["cold_build_no_search_s"] = statistics.median(s for s, _, _ in html_only)
    results["cold_build_no_search_cpu_s"] = statistics.median(c for _, _, c in html_only)
    results["peak_rss_no_search_mb"] = max(m for _, m, _ in html_only)
    cold = [cold_build(site) for _ in range(runs)]
    results["cold_build_s"] = statistics.median(s for s, _, _ in cold)
    results["cold_build_cpu_s"] = statistics.median(c for _, _, c in cold)
    results["peak_rss_mb"] = max(m for _, m, _ in cold)
    results["pages"] = sum(1 for _ in (site / "public").rglob("*.html"))
    results["pages_per_s"] = results["pages"] / results["cold_build_s"]
    results["no_change_rebuild_s"] = statistics.median(peak_of(build_command(site))[0] for _ in range(runs))
    edits, po_edits = edit_refresh(site, runs)
    results["edit_product_refresh_s"] = statistics.median(edits)
    results["edit_po_refresh_s"] = statistics.median(po_edits)
    results["extract_translated_s"], results["extract_s"], results["status_s"] = one_entry_changed(site, runs)
    results["largest_page_kb"] = max(page.stat().st_size for page in (site / "public").rglob("*.html")) / 1024
    if hugo:
        hugo_site = write_hugo_site(site, out / f"hugo-{products}")
        hugo_runs = hugo_builds(hugo_site, runs)
        results["hugo_build_s"] = statistics.median(s for s, _, _ in hugo_runs)
        results["hugo_build_cpu_s"] = statistics.median(c for _, _, c in hugo_runs)
        results["hugo_peak_rss_mb"] = max(m for _, m, _ in hugo_runs)
        results["hugo_pages"] = sum(1 for _ in (hugo_site / "public").rglob("*.html"))
        search_runs = [peak_of(PAGEFIND, cwd=hugo_site) for _ in range(runs)]  # over Hugo's output, as a Hugo site would
        results["hugo_pagefind_s"] = statistics.median(s for s, _, _ in search_runs)
        results["hugo_pagefind_cpu_s"] = statistics.median(c for _, _, c in search_runs)
        results["hugo_pagefind_peak_rss_mb"] = max(m for _, m, _ in search_runs)
        results["hugo_with_search_s"] = results["hugo_build_s"] + results["hugo_pagefind_s"]
        hugo_side_peak = max(results["hugo_peak_rss_mb"], results["hugo_pagefind_peak_rss_mb"])
        results["ratio_cold_build"] = results["cold_build_s"] / results["hugo_with_search_s"]
        results["ratio_cold_build_no_search"] = results["cold_build_no_search_s"] / results["hugo_build_s"]
        results["ratio_cold_build_cpu"] = results["cold_build_cpu_s"] / (results["hugo_build_cpu_s"] + results["hugo_pagefind_cpu_s"])
        results["ratio_cold_build_no_search_cpu"] = results["cold_build_no_search_cpu_s"] / results["hugo_build_cpu_s"]
        results["ratio_peak_rss_no_search"] = results["peak_rss_no_search_mb"] / results["hugo_peak_rss_mb"]
        results["ratio_no_change"] = results["no_change_rebuild_s"] / results["hugo_build_s"]
        results["ratio_peak_rss"] = results["peak_rss_mb"] / hugo_side_peak
        if hugo_cards:
            with_cards = hugo_builds(write_hugo_site(site, out / f"hugo-cards-{products}", cards=True), runs)
            results["hugo_cards_build_s"] = statistics.median(s for s, _, _ in with_cards)
            results["hugo_cards_build_cpu_s"] = statistics.median(c for _, _, c in with_cards)
            results["hugo_cards_peak_rss_mb"] = max(m for _, m, _ in with_cards)
            results["ratio_cold_build_vs_cards"] = results["cold_build_s"] / (results["hugo_cards_build_s"] + results["hugo_pagefind_s"])
            results["ratio_cold_build_no_search_vs_cards"] = results["cold_build_no_search_s"] / results["hugo_cards_build_s"]
            results["ratio_cold_build_cpu_vs_cards"] = results["cold_build_cpu_s"] / (
                results["hugo_cards_build_cpu_s"] + results["hugo_pagefind_cpu_s"]
            )
    return results


ROWS = [
    ("cold full build (s)", "cold_build_s"),
    ("cold build, no search index (s)", "cold_build_no_search_s"),
    ("cold full build (CPU s)", "cold_build_cpu_s"),
    ("cold build, no search (CPU s)", "cold_build_no_search_cpu_s"),
    ("peak RSS, no search index (MB)", "peak_rss_no_search_mb"),
    ("pages built", "pages"),
    ("pages per second", "pages_per_s"),
    ("peak RSS (MB)", "peak_rss_mb"),
    ("no-change rebuild (s)", "no_change_rebuild_s"),
    ("1 product edited -> 7 pages (s)", "edit_product_refresh_s"),
    ("1 .po entry edited -> page (s)", "edit_po_refresh_s"),
    ("extract after a translator's save (s)", "extract_translated_s"),
    ("extract, 1 entry changed (s)", "extract_s"),
    ("status, 1 entry changed (s)", "status_s"),
    ("largest page (KB of HTML)", "largest_page_kb"),
    ("hugo build (s)", "hugo_build_s"),
    ("hugo build (CPU s)", "hugo_build_cpu_s"),
    ("hugo pages", "hugo_pages"),
    ("hugo peak RSS (MB)", "hugo_peak_rss_mb"),
    ("pagefind over hugo's output (s)", "hugo_pagefind_s"),
    ("pagefind over hugo's (CPU s)", "hugo_pagefind_cpu_s"),
    ("pagefind over hugo's, peak (MB)", "hugo_pagefind_peak_rss_mb"),
    ("ratio cold / (hugo + pagefind)", "ratio_cold_build"),
    ("ratio cold, no search / hugo", "ratio_cold_build_no_search"),
    ("ratio CPU, cold / (hugo + pagefind)", "ratio_cold_build_cpu"),
    ("ratio CPU, cold no search / hugo", "ratio_cold_build_no_search_cpu"),
    ("ratio peak RSS, no search / hugo", "ratio_peak_rss_no_search"),
    ("ratio no-change / hugo build", "ratio_no_change"),
    ("ratio peak RSS / hugo", "ratio_peak_rss"),
    ("hugo drawing the cards too (s)", "hugo_cards_build_s"),
    ("hugo drawing the cards (CPU s)", "hugo_cards_build_cpu_s"),
    ("hugo drawing the cards, peak (MB)", "hugo_cards_peak_rss_mb"),
    ("ratio cold / (hugo+cards + pagefind)", "ratio_cold_build_vs_cards"),
    ("ratio cold, no search / hugo+cards", "ratio_cold_build_no_search_vs_cards"),
    ("ratio CPU, cold / (hugo+cards + pf)", "ratio_cold_build_cpu_vs_cards"),
]


def table(all_results: list[dict]) -> str:
    head = f"{'':34}" + "".join(f"{r['products']:>12,}" for r in all_results)
    lines = [head]
    for label, key in ROWS:
        if any(key in r for r in all_results):
            cells = "".join(f"{r[key]:>12.3f}" if isinstance(r.get(key), float) else f"{r.get(key, ''):>12}" for r in all_results)
            lines.append(f"{label:34}{cells}")
    return "\n".join(lines)


def targets(all_results: list[dict]) -> list[tuple[str, int, float, float, str]]:
    """The performance targets: (what, products, measured, limit, unit) for each size they apply to."""
    rows = []
    for r in all_results:
        n = r["products"]
        if "ratio_cold_build" in r:
            rows.append(("cold build with search / (Hugo + Pagefind)", n, r["ratio_cold_build"], 1.5, "×"))
            rows.append(("cold build, no search / Hugo", n, r["ratio_cold_build_no_search"], 1.0 if n >= 10_000 else 1.5, "×"))
            rows.append(("  the same in CPU time: with search", n, r["ratio_cold_build_cpu"], 1.5, "×"))
            rows.append(("  the same in CPU time: no search", n, r["ratio_cold_build_no_search_cpu"], 1.0 if n >= 10_000 else 1.5, "×"))
            rows.append(("peak RSS with search / Hugo side's peak", n, r["ratio_peak_rss"], 1.0, "×"))
        rows.append(("1 product edited -> its pages (serve)", n, r["edit_product_refresh_s"], 0.3 if n >= 10_000 else 0.1, "s"))
        rows.append(("1 .po entry edited -> page (serve)", n, r["edit_po_refresh_s"], 0.3, "s"))
        rows.append(("extract, 1 .po entry saved by a translator", n, r["extract_translated_s"], 5.0, "s"))
        rows.append(("extract, 1 entry changed", n, r["extract_s"], 5.0, "s"))
        rows.append(("status, 1 entry changed", n, r["status_s"], 5.0, "s"))
        rows.append(("largest HTML page", n, r["largest_page_kb"], 200.0, "KB"))
    if len(all_results) > 1:
        small, large = all_results[0], all_results[-1]
        scale = large["products"] / small["products"]
        for label, key in (("cold build with search", "cold_build_s"), ("peak RSS with search", "peak_rss_mb")):
            growth = large[key] / small[key] / scale
            what = f"linear: {label} per product, {large['products']:,} vs {small['products']:,}"
            rows.append((what, large["products"], growth, 1.1, "×"))
    return rows


def targets_table(rows: list[tuple[str, int, float, float, str]]) -> str:
    lines = [f"{'target':62}{'products':>9}{'measured':>11}{'limit':>9}  met"]
    for label, n, value, limit, unit in rows:
        lines.append(f"{label:62}{n:>9,}{value:>10.3f}{unit:<1}{limit:>8g}{unit:<1}  {'yes' if value <= limit else 'NO'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", default="1000", help="sizes, comma-separated (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    parser.add_argument(
        "--hugo-cards", action="store_true", help="also time Hugo drawing the social cards (printed beside the targets, not in them)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where the synthetic sites and results go (default bench/out)")
    args = parser.parse_args()
    hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not hugo and not args.no_hugo:
        print("hugo is not on the PATH (apt-get install hugo): no comparison", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    results = [measure(int(n), args.runs, hugo, args.out, args.hugo_cards) for n in args.products.split(",")]
    print(table(results))
    print()
    print(targets_table(targets(results)))
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    report = {"commit": commit, "cpus": os.cpu_count(), "runs": args.runs, "results": results}
    (args.out / "results.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
