"""``serve``: a live preview on 127.0.0.1 for editors and translators.

Every answer comes from the same route table the build writes, made by the same maker, so the
preview is the site (only the reload script is added to pages). Files are made on request
from the site held in memory, so after a change only the pages a browser asks for are made
again, and only the files that changed are read again. A language's search index is made on
the first search, from that language's pages, as the build makes it.
A watcher (watchfiles) re-reads the site when content, themes or locales change; open tabs
reload by themselves. A broken entry shows its problems in the page instead of stopping the
server; fixing it brings the page back. Entries marked ``draft: true`` are shown here only.
"""

from __future__ import annotations

import datetime as dt
import gc
import mimetypes
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from ..core.problems import CatalogueError, Problem
from ..core.wording import counted
from ..publish.search import index_language, searched
from ..render.environment import Environments
from ..render.maker import Maker
from ..site.assemble import SiteMemory, prepare
from ..site.routes import RouteMemory, RouteTable, route_table
from ..site.urls import PageId

WATCHED = ("content", "themes", "locales")
RELOAD_JS = b"""(function () {
  var seen = null;
  function poll() {
    fetch("/__version").then(function (r) { return r.text(); }).then(function (version) {
      if (seen !== null && version !== seen) location.reload();
      seen = version;
      setTimeout(poll, 400);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
RELOAD_SCRIPT = b'<script src="/__livereload.js"></script>'  # a file, so the pages' CSP allows it
HTML = "text/html; charset=utf-8"

Response = tuple[int, str, bytes]


@dataclass
class Reading:
    """One reading of the site: its route table and the maker of its files, or the problems."""

    table: RouteTable | None = None
    maker: Maker | None = None
    problems: list[Problem] = field(default_factory=list)
    search: dict[str, tempfile.TemporaryDirectory] = field(default_factory=dict)  # language folder -> its index


@dataclass
class Preview:
    """The site as last read, answered from its route table, and a version for reloads."""

    root: Path
    today: dt.date
    reading: Reading = field(default_factory=Reading)
    version: int = 0
    frozen: bool = False
    memory: SiteMemory = field(default_factory=SiteMemory)
    environments: Environments = field(default_factory=Environments)
    routes: RouteMemory = field(default_factory=RouteMemory)
    lock: threading.Lock = field(default_factory=threading.Lock)
    search_lock: threading.Lock = field(default_factory=threading.Lock)  # one index made at a time

    @property
    def problems(self) -> list[Problem]:
        return self.reading.problems

    def reload(self, changed: frozenset[Path] | None = None) -> None:
        """Read the site again and bump the version: the files the watcher reports as
        ``changed``, or when that is not known, those whose size or time changed."""
        try:
            site = prepare(self.root, self.today, include_drafts=True, memory=self.memory, changed=changed)
            reading = Reading(route_table(site, self.routes), Maker(site, self.environments, preview=True))
        except CatalogueError as error:
            reading = Reading(problems=error.problems)
        with self.lock:
            old, self.reading = self.reading, reading
            self.version += 1
        if not self.frozen and not reading.problems:
            # What the first reading made lives on (entries, catalogs): out of the cyclic collector's
            # full passes, which would otherwise walk the whole site during an editor's save.
            gc.freeze()
            self.frozen = True
        for index in old.search.values():
            index.cleanup()

    def respond(self, path: str) -> Response:
        with self.lock:
            reading, version = self.reading, self.version
        if path == "/__version":
            return 200, "text/plain", str(version).encode()
        if path == "/__livereload.js":
            return 200, "text/javascript", RELOAD_JS
        if path.startswith("/__source/"):
            return self._catalog_source(path.removeprefix("/__source/"))
        if reading.problems or reading.table is None or reading.maker is None:
            return 500, HTML, error_page(reading.problems)
        try:
            return self._file(reading, path)
        except CatalogueError as error:
            return 500, HTML, error_page(error.problems)

    def _file(self, reading: Reading, path: str) -> Response:
        assert reading.table is not None and reading.maker is not None
        route = reading.table.find(path)
        if route is not None:
            return 200, content_type(route.file), with_reload(route.file, reading.maker.make(route))
        base = reading.maker.site.urls.base_path
        if path.startswith(base + "pagefind/"):
            found = self._search_file(reading, path.removeprefix(base))
            if found is not None:
                return 200, content_type(path), found
        return 404, HTML, with_reload(".html", self._not_found(reading, path))

    def _not_found(self, reading: Reading, path: str) -> bytes:
        """What a static host shows (with the site's _redirects): the language's 404 page, else the root's."""
        assert reading.table is not None and reading.maker is not None
        site = reading.maker.site
        first = path.removeprefix(site.urls.base_path).split("/", 1)[0]
        language = next((lang for lang in site.config.languages.values() if lang.folder == first), None)
        url = site.urls.page(PageId("notfound"), language) if language else site.urls.shared("404.html")
        route = reading.table.find(url)
        assert route is not None
        return reading.maker.make(route)

    def _search_file(self, reading: Reading, relative: str) -> bytes | None:
        """A file of a language's search index, made on first request from that language's pages
        exactly as the build makes it (and made again after the next change)."""
        assert reading.table is not None and reading.maker is not None
        folder = relative.split("/")[1] if relative.count("/") > 1 else ""
        codes = {language.folder: code for code, language in reading.maker.site.config.languages.items()}
        if folder not in codes:
            return None
        with self.search_lock:
            index = reading.search.get(folder)
            if index is None:
                index = reading.search[folder] = tempfile.TemporaryDirectory(prefix="catalogue-search-")
                routes = [route for route in reading.table.of_language(codes[folder]) if searched(route)]
                for route in routes:
                    target = Path(index.name) / route.file
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(reading.maker.make(route))
                index_language(Path(index.name), folder, routes)
        file = Path(index.name) / relative
        return file.read_bytes() if file.is_file() and file.resolve().is_relative_to(Path(index.name).resolve()) else None

    def _catalog_source(self, name: str) -> Response:
        """A catalog with numbered lines, so the translators' page can link to an entry's line."""
        path = self.root / name
        if not (name.startswith("locales/") and name.endswith(".po") and path.is_file()):
            return 404, HTML, b"<!doctype html><title>Not found</title>"
        if not path.resolve().is_relative_to((self.root / "locales").resolve()):
            return 404, HTML, b"<!doctype html><title>Not found</title>"
        return 200, HTML, with_reload(".html", source_page(path, name))


def content_type(name: str) -> str:
    kind = mimetypes.guess_type(name.rsplit("/", 1)[-1] or "index.html")[0] or "text/plain"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "json")) else kind


def with_reload(name: str, body: bytes) -> bytes:
    """Only the preview adds its reload script, to HTML pages."""
    return body.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1) if name.endswith(".html") else body


def source_page(path: Path, name: str) -> bytes:
    """A catalog with numbered lines, so the translators' page can link to an entry's line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = "".join(f'<span id="L{n}">{n:>6}  {escape(line)}</span>\n' for n, line in enumerate(lines, 1))
    head = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(name)}</title></head><body>'
    style = "<style>span:target{background:#fff4d6}</style>"
    return (head + style + f"<h1>{escape(name)}</h1><pre>{rows}</pre></body></html>").encode()


def error_page(problems: list[Problem]) -> bytes:
    """What a broken site shows in the browser until it is fixed."""
    items = "".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in problems)
    return (
        (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Problems in the site</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="font-family:system-ui,sans-serif;margin:2rem;max-width:60rem">'
            f'<h1 style="color:#8c1d18">{counted(len(problems), "problem")} in the site</h1>'
            f"<p>Fix them and save: this page reloads by itself.</p><ul>{items}</ul>"
        ).encode()
        + RELOAD_SCRIPT
        + b"</body></html>"
    )


class Responder(Protocol):
    def respond(self, path: str) -> Response: ...


def make_server(preview: Responder, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server on ``host:port`` answering every GET with ``preview.respond``."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            status, kind, body = preview.respond(unquote(urlsplit(self.path).path))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return ThreadingHTTPServer((host, port), Handler)


def watch(preview: Preview, stop: threading.Event, say: Callable[[str], None]) -> None:
    """Re-read the site whenever a watched folder changes, until ``stop`` is set."""
    from watchfiles import watch as watch_files

    folders = [str(preview.root / name) for name in WATCHED if (preview.root / name).is_dir()]
    for changes in watch_files(*folders, stop_event=stop, debounce=100, step=50):
        names = sorted({Path(path).name for _, path in changes})
        preview.reload(frozenset(Path(path) for _, path in changes))
        say(
            f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''} -> "
            + (counted(len(preview.problems), "problem") if preview.problems else "ok")
        )
