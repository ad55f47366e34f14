"""The orders a list of products can be shown in: featured (the default: featured first,
then by stars), stars, name (in the reader's language) and newest."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

from ..content.model import Product
from ..core.slugs import fold_latin
from .pagegraph import SORTS
from .views import Views


def product_date(product: Product) -> dt.date:
    """When a product joined the catalogue, else its certificate's date."""
    return product.listed or (product.certificate.issued if product.certificate else dt.date(2000, 1, 1))


def name_key(product: Product, views: Views) -> str:
    """The product's name as it sorts in the reader's language (case and Latin marks ignored);
    made once per language (a product is sorted on every list it is in, by three orders)."""
    return views.once("name key", product, lambda: unicodedata.normalize("NFKC", fold_latin(views.localise(product.name).text)).casefold())


def ordered(products: tuple[Product, ...], sort: str, views: Views) -> tuple[Product, ...]:
    """``products`` in the order ``sort`` names ("" is the default: featured, then stars)."""
    keys: dict[str, Callable[[Product], Any]] = {
        "featured": lambda p: (not p.featured, -p.stars, name_key(p, views), p.slug),
        "stars": lambda p: (-p.stars, not p.featured, name_key(p, views), p.slug),
        "name": lambda p: (name_key(p, views), p.slug),
        "newest": lambda p: (-product_date(p).toordinal(), name_key(p, views), p.slug),
    }
    return tuple(sorted(products, key=keys[sort or SORTS[0]]))
