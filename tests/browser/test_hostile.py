"""Hostile text placed in the sample's fields and Markdown: nothing runs in Chromium."""

from __future__ import annotations

import pytest

from .conftest import serve

FOLDERS = ("vi", "en", "fr", "zh-hans", "zh-hant", "ko", "ja")


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_payload_runs(visit, hostile_url, folder):
    visitor = visit()
    page = visitor.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("products/vai-thieu-luc-ngan/", "producers/htx-hong-xuan/", "brochure/food/", "products/"):
        page.goto(f"{hostile_url}/{folder}/{path}")
        page.wait_for_load_state("load")
        for link in page.locator("main a").all()[:8]:
            link.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    assert dialogs == [] and visitor.outside == []
