"""The search index: Pagefind, run over a language's finished pages before they are published.

Pagefind indexes each language on its own, into ``pagefind/<folder>/`` (with Chinese and
Japanese segmentation), and ships its own search interface; everything is served from the
site itself, with no third-party host. Only entry pages are indexed (they alone carry
``data-pagefind-body``), so only they are handed to it: list pages are never read. The build
indexes each language in the worker that has just written its pages, beside the other
languages still rendering, instead of one language after another at the end. One run per
language because Pagefind holds everything it indexes in memory: over all seven languages at
once it needed 10 GB for 10,000 products.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path, PurePosixPath

import cbor2

from ..core.problems import CatalogueError, Problem
from ..core.workers import orphan_guard
from ..site.routes import Route

SEARCHED_KINDS = frozenset({"product", "producer", "experience", "page"})  # the pages marked data-pagefind-body


def searched(route: Route) -> bool:
    return route.is_page and route.kind in SEARCHED_KINDS


def entry_glob(folder: str, routes: list[Route]) -> str:
    """A glob matching the searched pages of one language folder and little else: each
    section's pages ("products/*") and the top-level pages by name."""
    places = set()
    for route in routes:
        parts = PurePosixPath(route.file).parts[1:-1]  # between the language folder and index.html
        places.add(parts[0] if len(parts) == 1 else f"{parts[0]}/*")
    if not places:
        return f"{folder}/**/*.html"  # no entry: Pagefind indexes every page, as it always did
    return f"{folder}/{{{','.join(sorted(places))}}}/index.html"


def index_language(site: Path, folder: str, routes: list[Route]) -> str:
    """Index the searched pages (``routes``) of one language folder of ``site`` in place;
    returns a line for the progress log. Pagefind dies with the build (and with the worker that
    runs it): killed, the build leaves no indexer writing into its folder."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    command += ["--glob", entry_glob(folder, routes), "--output-subdir", f"pagefind/{folder}"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=orphan_guard())
    except subprocess.TimeoutExpired:
        message = f"the search indexer took more than 10 minutes on {folder}/"
        raise CatalogueError([Problem("pagefind", None, None, "", message)]) from None
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["failed"]
        raise CatalogueError([Problem("pagefind", None, None, "", f"search indexing of {folder}/ failed: {message[0]}")])
    _settle(site / "pagefind" / folder)
    return f"{folder}: search index of {len(routes)} pages"


SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR of each compressed file


def _read(path: Path) -> object:
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))


def _write(name: str, language: str, data: object, digits: int) -> str:
    """Write ``data`` as Pagefind does, at ``name`` with "{hash}" made from its bytes; returns the hash."""
    payload = gzip.compress(SIGNATURE + cbor2.dumps(data), mtime=0)
    digest = f"{language}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    Path(name.format(hash=digest)).write_bytes(payload)
    return digest


def _settle(index: Path) -> None:
    """Make a language's index byte-identical from build to build. Pagefind writes its filter
    indexes (and so the metadata that names them) and the list of languages in a random
    order: sort them, and rename what changed after its new bytes."""
    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    for code, language in entry["languages"].items():
        meta_path = index / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, digest in sorted(meta[3]):
            path = index / "filter" / f"{digest}.pf_filter"
            key, values = _read(path)
            path.unlink()
            settled = [[value, sorted(pages)] for value, pages in sorted(values)]
            filters.append([name, _write(f"{index}/filter/{{hash}}.pf_filter", code, [key, settled], 7)])
        meta[3] = filters
        meta_path.unlink()
        language["hash"] = _write(f"{index}/pagefind.{{hash}}.pf_meta", code, meta, 10)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
