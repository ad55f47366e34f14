"""``brochure``: the printed brochure as PDF files, made by headless Chromium.

The site is read as the build reads it (no drafts) and its route table answered on a private
127.0.0.1 port, so a PDF is exactly what printing the published brochure page gives, without
building first. Each brochure page is a document of its own (cover, contents, two products a
page, page numbers from the stylesheet's ``@page`` margin boxes); each becomes one PDF:
``<out>/<language folder>/brochure[-<group>][-<part>].pdf``. A PDF is replaced only once
Chromium has written it whole.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..core.files import atomic_write
from ..render.maker import Maker
from ..site.assemble import Site, prepare
from ..site.routes import Route, route_table
from .serve import HTML, Response, content_type, make_server

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180  # seconds for one document; a whole group at 40 products takes a few
CHROMIUM_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-pdf-header-footer",  # the stylesheet numbers the pages; no URL or date in the margins
)


class BrochureError(Exception):
    """A PDF could not be made; the message says why, for the user."""


def find_chromium() -> str:
    """The browser to print with: $CHROMIUM, else the first of BROWSERS on the PATH."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        if not found:
            raise BrochureError(f"CHROMIUM={chosen} is not an executable program")
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrochureError(f"Chromium is needed to print PDFs and was not found (looked for {', '.join(BROWSERS)}; set CHROMIUM to its path)")


@dataclass(frozen=True)
class Document:
    route: Route
    target: Path


def documents(site: Site, out: Path, languages: tuple[str, ...], groups: tuple[str, ...]) -> list[Document]:
    """The brochure pages to print: the whole brochure's, or the ``groups``' brochures', in
    ``languages`` (all when empty)."""
    folders = {code: language.folder for code, language in site.config.languages.items()}
    found = []
    for route in route_table(site).routes:
        if route.kind != "brochure" or route.sort or (languages and route.language not in languages):
            continue
        if (route.key in groups) if groups else not route.key:
            name = "-".join(["brochure", *([route.key] if route.key else []), *([str(route.number)] if route.number > 1 else [])])
            found.append(Document(route, out / folders[route.language] / f"{name}.pdf"))
    return found


class Published:
    """The site's files as the build would write them, answered from its route table."""

    def __init__(self, site: Site) -> None:
        self.table, self.maker = route_table(site), Maker(site)

    def respond(self, path: str) -> Response:
        route = self.table.find(path)
        if route is None:
            return 404, HTML, b"<!doctype html><title>Not found</title>"
        return 200, content_type(route.file), self.maker.make(route)


@contextmanager
def serving(site: Site) -> Iterator[str]:
    """The site on a free 127.0.0.1 port while the block runs; yields its origin."""
    server = make_server(Published(site), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(chromium: str, url: str, target: Path) -> int:
    """Print ``url`` with headless Chromium into ``target``; returns the PDF's size in bytes."""
    with tempfile.TemporaryDirectory(prefix="catalogue-pdf-") as scratch:
        pdf = Path(scratch) / "out.pdf"
        sandbox = ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()  # Chromium refuses root otherwise
        command = [chromium, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={scratch}/profile", f"--print-to-pdf={pdf}", url]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise BrochureError(f"{url}: Chromium did not finish printing within {TIMEOUT} s") from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise BrochureError(f"{url}: Chromium did not print it (exit {done.returncode}{': ' + said[-1] if said else ''})")
    atomic_write(target, data)
    return len(data)


def write_brochures(
    root: Path, out: Path, today: dt.date, languages: tuple[str, ...], groups: tuple[str, ...], say: Callable[[str], None]
) -> list[Path]:
    """Print every brochure document asked for into ``out``; returns the files written."""
    chromium = find_chromium()
    site = prepare(root, today)
    unknown = [code for code in languages if code not in site.config.languages]
    if unknown:
        raise BrochureError(f"not a language of the site: {', '.join(unknown)} (the site has {', '.join(site.config.languages)})")
    chosen = documents(site, out, languages, groups)
    written = []
    with serving(site) as origin:
        for document in chosen:
            size = print_pdf(chromium, origin + document.route.url, document.target)
            say(f"  {document.target} ({size // 1024} KB)")
            written.append(document.target)
    return written
