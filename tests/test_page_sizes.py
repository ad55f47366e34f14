"""No kind of page grows with the catalogue: with small page sizes, every kind of HTML page of
a synthetic catalogue is about as large at four times the products as at first, so no page
passes 200 KB at 17,000 products (the national count) because a list in it grows."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from catalogue.i18n.extract import extract
from catalogue.render.maker import Maker
from catalogue.site import contexts, pagination, translators
from catalogue.site.assemble import prepare
from catalogue.site.routes import route_table

from .conftest import ROOT

DAY = dt.date(2026, 6, 15)
MARGIN = 1.15  # longer numbers and names; a list that grows with the products grows 4 times


def synthetic(root: Path, products: int) -> Path:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench/synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_site(root, products)
    extract(root, dt.datetime(2026, 6, 15, tzinfo=dt.UTC))  # the catalogs know each message's entry
    return root


def largest_pages(root: Path) -> dict[str, int]:
    """The largest HTML page of each kind (a list's other orders apart), in English and shared."""
    site = prepare(root, DAY)
    maker = Maker(site)
    sizes: dict[str, int] = {}
    for route in route_table(site).routes:
        if route.file.endswith(".html") and route.language in ("", "en"):
            kind = f"{route.kind} {route.key if route.kind == 'translations' and not route.key else ''}{route.sort}".strip()
            sizes[kind] = max(sizes.get(kind, 0), len(maker.make(route)))
    return sizes


def test_no_kind_of_page_grows_with_the_catalogue(tmp_path, monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)  # pages that the smaller catalogue already fills
    monkeypatch.setattr(pagination, "SHEETS", 2)
    monkeypatch.setattr(contexts, "HOME_CARDS", 1)  # one featured product in 40
    monkeypatch.setattr(translators, "ROWS", 10)
    small = largest_pages(synthetic(tmp_path / "small", 40))
    large = largest_pages(synthetic(tmp_path / "large", 160))
    assert small.keys() == large.keys()
    grown = {kind: (small[kind], large[kind]) for kind in large if large[kind] > MARGIN * small[kind]}
    assert grown == {}
