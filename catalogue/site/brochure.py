"""The printed brochure, laid out as a trade-fair catalogue.

Every page of a brochure (a group's or the whole catalogue's, cut by the pager so that no page
grows with the catalogue) prints as a document of its own: a cover, a contents page, then the
products group by group, two to an A4 page. The stylesheet gives every part a fixed size, so
the page each product prints on is known here and the contents can give it (Chromium has no
``target-counter()``), and the page numbers in the margins (CSS paged media) agree with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content import ocop, places
from ..content.model import Product
from .views import CertificateView, ContactView, LinkView, ProductCard, Views

PER_PAGE = 2  # products on a printed page
FRONT_PAGES = 2  # the cover and the contents come before the first product


@dataclass(frozen=True)
class Sheet:
    """One product's half of a printed page, with what a buyer needs to reach the producer."""

    product: ProductCard
    page: int  # the printed page it is on
    producer: LinkView | None
    contact: ContactView | None
    certificate: CertificateView | None
    qr: str
    short: str  # the short address that opens the product's page in the reader's language


@dataclass(frozen=True)
class Leaf:
    """A printed page of products of one group; the first of its group carries the heading."""

    page: int
    sheets: tuple[Sheet, ...]
    opens_group: bool


@dataclass(frozen=True)
class Chapter:
    """A group's products in the document: its contents entry and its printed pages."""

    group: ocop.Group
    leaves: tuple[Leaf, ...]

    @property
    def sheets(self) -> tuple[Sheet, ...]:
        return tuple(sheet for leaf in self.leaves for sheet in leaf.sheets)


def chapters(views: Views, products: Sequence[Product]) -> tuple[Chapter, ...]:
    """The document's groups in the order of ``products`` (group after group), each cut into
    printed pages of two products, numbered after the cover and the contents."""
    by_group: dict[str, list[Product]] = {}
    for product in products:
        by_group.setdefault(product.category, []).append(product)
    found, page = [], FRONT_PAGES
    for slug, members in by_group.items():
        leaves = []
        for start in range(0, len(members), PER_PAGE):
            page += 1
            sheets = tuple(_sheet(views, product, page) for product in members[start : start + PER_PAGE])
            leaves.append(Leaf(page, sheets, opens_group=start == 0))
        found.append(Chapter(ocop.GROUPS_BY_SLUG[slug], tuple(leaves)))
    return tuple(found)


def provinces(views: Views, products: Sequence[Product]) -> str:
    """The provinces the document's products come from, in this language's words, for its
    cover (most often one)."""
    names = dict.fromkeys(product.origin.province for product in products if product.origin.province)
    return views.join([views.unit(places.PROVINCE.label, name) for name in names])


def _sheet(views: Views, product: Product, page: int) -> Sheet:
    return Sheet(
        product=views.product_card(product),
        page=page,
        producer=views.producer_link(product.producer),
        contact=views.contact(product.producer),
        certificate=views.certificate(product.certificate),
        qr=views.urls.qr(product.slug),
        short=views.urls.absolute(views.urls.short(product.slug)),
    )
