"""The search index: Pagefind, run over the finished pages before they are published.

Pagefind makes one index per page language (with Chinese and Japanese segmentation) and
ships its own search interface; everything is served from the site itself, with no
third-party host. Only pages marked ``data-pagefind-body`` (entries) are indexed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .problems import CatalogueError, Problem


def index_for_search(site: Path) -> str:
    """Index ``site`` in place (into ``site/pagefind``); returns a line for the progress log."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        raise CatalogueError([Problem("pagefind", None, None, "", "the search indexer took more than 10 minutes")]) from None
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["failed"]
        raise CatalogueError([Problem("pagefind", None, None, "", f"search indexing failed: {message[0]}")])
    _sort_entry(site / "pagefind" / "pagefind-entry.json")
    return "search index: pagefind"


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in a random order; sort them so builds are byte-identical."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
