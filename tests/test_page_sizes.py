"""No kind of page grows with the catalogue: with small page sizes, every kind of HTML page of
a synthetic catalogue is about as large at four times the products as at first, so no page
passes 200 KB at 17,000 products (the national count) because a list in it grows."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from catalogue.i18n.extract import extract
from catalogue.site import contexts, pagination, translators

from .conftest import ROOT

MARGIN = 1.15  # longer numbers and names; a list that grows with the products grows 4 times


def bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def largest_pages(tmp_path: Path, products: int) -> dict[str, int]:
    root = bench("synthetic").write_site(tmp_path / str(products), products)
    extract(root, dt.datetime(2026, 6, 15, tzinfo=dt.UTC))  # the catalogs know each message's entry
    return bench("page_sizes").largest_pages(root)


def test_no_kind_of_page_grows_with_the_catalogue(tmp_path, monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)  # pages that the smaller catalogue already fills
    monkeypatch.setattr(pagination, "SHEETS", 2)
    monkeypatch.setattr(contexts, "HOME_CARDS", 1)  # one featured product in 40
    monkeypatch.setattr(translators, "ROWS", 10)
    small, large = largest_pages(tmp_path, 40), largest_pages(tmp_path, 160)
    assert small.keys() == large.keys()
    grown = {kind: (small[kind], large[kind]) for kind in large if large[kind] > MARGIN * small[kind]}
    assert grown == {}
