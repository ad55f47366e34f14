"""Lists that grow with the catalogue, cut into pages of a fixed size at stable addresses.

Page 1 of a list stays at the list's own address; page n is at ``<list address>page/<n>/``.
A product keeps its place as long as the products before it do (lists are in catalogue
order). The page graph makes a page of each, so the route table writes it, ``serve`` answers
it and the sitemap lists it; templates link the pages with rel=prev/next. With 17,000
products no page grows past a few dozen cards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..content.model import Product
from .lookups import Index
from .urls import PageId

PAGE_SIZE = 48  # cards (or rows) per page of a list
SHEETS = 40  # products per brochure page, each page a printed document: cover, contents, 20 A4 pages
HOME_CARDS = 12  # cards in each of the home page's lists, which link to the whole list


def seasonal(index: Index) -> tuple[Product, ...]:
    """The products with a season, by the first month of it: the calendar's rows."""
    return tuple(sorted((p for p in index.catalogue.products if p.season), key=lambda p: (min(p.season), p.slug)))


def list_items(index: Index, page: PageId) -> Sequence | None:
    """Everything the list ``page`` shows over all its pages (None: not a list that grows)."""
    kind, key = page.kind, page.key
    if kind == "products":
        return index.catalogue.products
    if kind == "producers":
        return index.catalogue.producers
    if kind == "experiences":
        return index.catalogue.experiences
    if kind == "calendar":
        return seasonal(index)
    if kind in ("category", "brochure") and key:
        return index.by_group[key]
    if kind == "brochure":  # the whole brochure
        return index.in_groups
    if kind == "stars":
        return index.by_stars[int(key)]
    if kind == "region":
        return index.by_region.get(key, ())
    if kind == "tag":
        return index.by_tag.get(key, ())
    return None


def page_size(page: PageId) -> int:
    return SHEETS if page.kind == "brochure" else PAGE_SIZE


def page_count(index: Index, page: PageId) -> int:
    items = list_items(index, page)
    return 1 if not items else -(-len(items) // page_size(page))


def numbered_pages(index: Index, page: PageId) -> list[PageId]:
    """Every page of the list that starts at ``page`` (just ``page`` when it is no list)."""
    return [page.numbered(n) for n in range(1, page_count(index, page) + 1)]


def window(index: Index, page: PageId) -> Sequence:
    """What page ``page.number`` of its list shows."""
    items = list_items(index, page) or ()
    size = page_size(page)
    return items[(page.number - 1) * size : page.number * size]


@dataclass(frozen=True)
class Pager:
    """Where a page of a list stands among its pages, with the addresses of the others."""

    number: int
    count: int
    previous: str  # "" on the first page
    next: str  # "" on the last page
    pages: tuple[tuple[int, str], ...]  # the first, the last and the nearest pages' numbers and addresses


def pager_of(number: int, count: int, address: Callable[[int], str]) -> Pager | None:
    """Page ``number`` of ``count`` (None for a list of one page), linking the first, the last
    and the nearest pages: not 355 links at 17,000 products."""
    if count < 2:
        return None
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    url = {n: address(n) for n in {*shown, number - 1, number + 1} if 1 <= n <= count}
    return Pager(number, count, url.get(number - 1, ""), url.get(number + 1, ""), tuple((n, url[n]) for n in shown))
