#!/usr/bin/env python3
"""The largest HTML page of each kind: python bench/page_sizes.py --products 1000,4000

Writes the synthetic catalogue (bench/synthetic.py) at each size, extracts its catalogs and
renders, in memory as ``serve`` does, every HTML page of one language (``--lang``, English by
default) and every page that belongs to no language (the translators' pages among them), then
prints the largest page of each kind in KB at each size, to see which kinds grow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from synthetic import write_site  # noqa: E402

from catalogue.i18n.extract import extract  # noqa: E402
from catalogue.render.maker import Maker  # noqa: E402
from catalogue.site.assemble import prepare  # noqa: E402
from catalogue.site.routes import route_table  # noqa: E402

DAY = dt.date(2026, 6, 15)


def largest_pages(root: Path, language: str = "en") -> dict[str, int]:
    """The size in bytes of the largest HTML page of each kind (a list's other orders, and the
    translators' summary, apart), in ``language`` and among the pages of no language."""
    site = prepare(root, DAY)
    maker = Maker(site)
    sizes: dict[str, int] = {}
    for route in route_table(site).routes:
        if route.file.endswith(".html") and route.language in ("", language):
            kind = f"{route.kind} {route.key if route.kind == 'translations' and not route.key else ''}{route.sort}".strip()
            sizes[kind] = max(sizes.get(kind, 0), len(maker.make(route)))
    return sizes


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--products", default="1000,4000", help="sizes, comma-separated")
    options.add_argument("--lang", default="en")
    options.add_argument("--out", type=Path, default=BENCH / "out")
    args = options.parse_args()
    sizes = [int(n) for n in args.products.split(",")]
    found = []
    for products in sizes:
        root = write_site(args.out / f"pages-{products}", products)
        extract(root, dt.datetime(2026, 6, 15, tzinfo=dt.UTC))
        found.append(largest_pages(root, args.lang))
    kinds = sorted(set().union(*found), key=lambda kind: -max(f.get(kind, 0) for f in found))
    print(f"{'largest page (KB)':<24}" + "".join(f"{n:>12,}" for n in sizes))
    for kind in kinds:
        print(f"{kind:<24}" + "".join(f"{f.get(kind, 0) / 1024:>12.1f}" for f in found))


if __name__ == "__main__":
    main()
