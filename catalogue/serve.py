"""``serve``: a live preview on 127.0.0.1 for editors and translators.

Pages are rendered on request from the site held in memory, so after a change only the pages
a browser asks for are rendered again, and only the entry files that changed are read again.
A watcher (watchfiles) re-reads the site when content, themes or locales change; open tabs
reload by themselves. A broken entry shows its problems in the page instead of stopping the
server; fixing it brings the page back. Entries marked ``draft: true`` are shown here only.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .pipeline import (
    Site,
    chooser_context,
    language_file,
    prepare,
    render_page,
    short_page,
    status_context,
)
from .problems import CatalogueError, Problem
from .qrcodes import qr_svg
from .render import render
from .sitecatalogs import CatalogCache
from .sources import EntryCache, entry_images
from .urls import LANGUAGE_FILES, PageId

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

Response = tuple[int, str, bytes]


@dataclass
class Preview:
    """The site as last read, or the problems that stopped it, and a version for reloads."""

    root: Path
    today: dt.date
    site: Site | None = None
    problems: list[Problem] = field(default_factory=list)
    version: int = 0
    cache: EntryCache = field(default_factory=dict)
    catalog_cache: CatalogCache = field(default_factory=dict)
    routes: dict[str, Callable[[], Response]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reload(self) -> None:
        """Read the site again (changed entry files only) and bump the version."""
        try:
            site = prepare(self.root, self.today, include_drafts=True, cache=self.cache, catalog_cache=self.catalog_cache)
            routes = self._routes(site)
            problems: list[Problem] = []
        except CatalogueError as error:
            site, routes, problems = None, {}, error.problems
        with self.lock:
            self.site, self.routes, self.problems = site, routes, problems
            self.version += 1

    def _routes(self, site: Site) -> dict[str, Callable[[], Response]]:
        """URL path -> how to make its response, for every page of every language."""
        urls, config = site.urls, site.config
        routes: dict[str, Callable[[], Response]] = {}
        environments: dict[str, object] = {}

        def env(code: str):  # type: ignore[no-untyped-def]
            if code not in environments:
                environments[code] = site.environment(code)
            return environments[code]

        def html(make: Callable[[], bytes]) -> Callable[[], Response]:
            return lambda: (200, "text/html; charset=utf-8", make())

        for code, language in config.languages.items():
            for page in site.graph.pages:
                path = urls.page(page, language)
                routes[path] = html(lambda code=code, page=page: render_page(site, env(code), site.views(code, env(code)), page))
            for kind in LANGUAGE_FILES:
                kind_type = "application/xml" if kind == "feed" else "application/json" if kind == "export-json" else "text/csv"
                routes[urls.page(PageId(kind), language)] = lambda code=code, kind=kind, t=kind_type: (
                    200,
                    t,
                    language_file(site, site.views(code, env(code)), kind),
                )
        source = config.source_language
        routes[urls.root()] = html(lambda: render(env(source), "root.html", chooser_context(config, urls), site.root).encode())
        routes[urls.base_path + "_translations/"] = html(
            lambda: render(env(source), "translations.html", status_context(site, source_links=True), site.root).encode()
        )
        for catalog in sorted((site.root / "locales").rglob("*.po")):
            name = catalog.relative_to(site.root).as_posix()
            routes[f"/__source/{name}"] = html(lambda path=catalog, name=name: source_page(path, name))
        for product in site.catalogue.products:
            routes[urls.short(product.slug)] = html(lambda product=product: short_page(site, env(source), product))
            address = urls.absolute(urls.short(product.slug))
            routes[urls.qr(product.slug)] = lambda a=address, n=product.name.source: (200, "image/svg+xml", qr_svg(a, n))
        for name, asset in site.assets.items():
            routes[f"{urls.base_path}assets/{name}"] = lambda p=asset.path: (200, _type(p), p.read_bytes())
        for src in sorted({image.src for entry in site.catalogue.entries() for image in entry_images(entry)}):
            site.images.rendition(src)
        for name, path in site.images.files().items():
            routes[f"{urls.base_path}images/{name}"] = lambda p=path: (200, _type(p), p.read_bytes())
        return routes

    def respond(self, path: str) -> Response:
        with self.lock:
            routes, problems, version = self.routes, self.problems, self.version
        if path == "/__version":
            return 200, "text/plain", str(version).encode()
        if path == "/__livereload.js":
            return 200, "text/javascript", RELOAD_JS
        if problems:
            return 500, "text/html; charset=utf-8", error_page(problems)
        make = routes.get(path) or routes.get(path + "/") or routes.get(path.removesuffix("index.html"))
        if make is None:
            return (
                404,
                "text/html; charset=utf-8",
                b"<!doctype html><html lang=en><title>Not found</title><h1>Not found</h1>" + RELOAD_SCRIPT,
            )
        try:
            status, kind, body = make()
        except CatalogueError as error:
            return 500, "text/html; charset=utf-8", error_page(error.problems)
        if kind.startswith("text/html"):
            body = body.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
        return status, kind, body


def _type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


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
            f'<h1 style="color:#8c1d18">{len(problems)} problem{"s" if len(problems) != 1 else ""} in the site</h1>'
            f"<p>Fix them and save: this page reloads by itself.</p><ul>{items}</ul>"
        ).encode()
        + RELOAD_SCRIPT
        + b"</body></html>"
    )


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
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
        preview.reload()
        say(
            f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''} -> "
            + (f"{len(preview.problems)} problems" if preview.problems else "ok")
        )
