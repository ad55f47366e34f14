"""The search index: Pagefind, run over the finished pages before they are published.

Pagefind indexes each language on its own, into ``pagefind/<folder>/`` (with Chinese and
Japanese segmentation), and ships its own search interface; everything is served from the
site itself, with no third-party host. Only pages marked ``data-pagefind-body`` (entries) are
indexed. One run per language because Pagefind holds everything it indexes in memory: over
all seven languages at once it needed 10 GB for 10,000 products.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..core.problems import CatalogueError, Problem


def index_for_search(site: Path, folders: list[str]) -> str:
    """Index each language folder of ``site`` in place; returns a line for the progress log."""
    for folder in folders:
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
        command += ["--glob", f"{folder}/**/*.html", "--output-subdir", f"pagefind/{folder}"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            message = f"the search indexer took more than 10 minutes on {folder}/"
            raise CatalogueError([Problem("pagefind", None, None, "", message)]) from None
        if result.returncode != 0:
            message = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["failed"]
            raise CatalogueError([Problem("pagefind", None, None, "", f"search indexing of {folder}/ failed: {message[0]}")])
        _sort_entry(site / "pagefind" / folder / "pagefind-entry.json")
    return f"search index: pagefind, {len(folders)} languages"


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in a random order; sort them so builds are byte-identical."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
