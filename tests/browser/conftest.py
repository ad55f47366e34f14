"""Browser tests: Debian's Chromium driven by Playwright against the built sample, served
on 127.0.0.1. Every request that would leave 127.0.0.1 is blocked and recorded."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Chromium is not installed (Debian package: chromium)")
    return path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve a folder on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_public):
    with serve(sample_public) as url:
        yield url


@pytest.fixture(scope="session")
def pseudo_url(tmp_path_factory):
    """The sample with the pseudo-languages en-XA and ar-XB, served."""
    import datetime as dt

    from catalogue.publish.pipeline import build_site

    from ..conftest import ROOT

    out = tmp_path_factory.mktemp("pseudo") / "public"
    build_site(ROOT, out, today=dt.date(2026, 6, 15), pseudo=True)
    with serve(out) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser context for one test: records console errors and blocked outside requests."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    visits = []

    def make(**options) -> Visit:
        visits.append(Visit(browser, **options))
        return visits[-1]

    yield make
    for item in visits:
        item.close()
