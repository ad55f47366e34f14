"""Lookups derived from the catalogue once, so no page searches the whole catalogue:
entries by slug, products by group, stars, region, producer and experience.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.model import Catalogue, Experience, Page, Producer, Product, Text, texts
from ..content.ocop import GROUP_SLUGS, STARS
from ..core.memo import IdentityMemo
from ..core.slugs import slugify


@dataclass(frozen=True)
class Region:
    """A former district, the name people still know places by."""

    slug: str
    name: str


@dataclass(frozen=True)
class Index:
    catalogue: Catalogue
    products: dict[str, Product]
    producers: dict[str, Producer]
    experiences: dict[str, Experience]
    pages: dict[str, Page]
    regions: dict[str, Region]
    by_group: dict[str, tuple[Product, ...]]
    by_stars: dict[int, tuple[Product, ...]]
    by_region: dict[str, tuple[Product, ...]]
    by_producer: dict[str, tuple[Product, ...]]
    by_experience: dict[str, tuple[Product, ...]]
    experiences_by_producer: dict[str, tuple[Experience, ...]]
    texts: dict[tuple[str, str], tuple[Text, ...]]  # every entry's translatable texts, walked once


def _grouped(pairs) -> dict:
    grouped = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def build_index(catalogue: Catalogue, entry_texts: IdentityMemo | None = None) -> Index:
    """``entry_texts`` remembers each entry's texts by the entry's identity (``serve`` keeps one)."""
    walk = entry_texts or (lambda entry: tuple(texts(entry)))
    products = catalogue.products
    regions = {}
    for product in products:
        name = product.origin.former_district
        if name:
            regions.setdefault(slugify(name), Region(slugify(name), name))
    by_group = _grouped((p.category, p) for p in products)
    by_stars = _grouped((p.stars, p) for p in products)
    return Index(
        catalogue=catalogue,
        products={p.slug: p for p in products},
        producers={p.slug: p for p in catalogue.producers},
        experiences={e.slug: e for e in catalogue.experiences},
        pages={p.slug: p for p in catalogue.pages},
        regions=dict(sorted(regions.items())),
        by_group={slug: by_group.get(slug, ()) for slug in GROUP_SLUGS},
        by_stars={stars: by_stars.get(stars, ()) for stars in STARS},
        by_region=_grouped((slugify(p.origin.former_district), p) for p in products if p.origin.former_district),
        by_producer=_grouped((p.producer, p) for p in products),
        by_experience=_grouped((slug, p) for p in products for slug in p.experiences),
        experiences_by_producer=_grouped((e.producer, e) for e in catalogue.experiences if e.producer),
        texts={entry.key: walk(entry) for entry in catalogue.entries()},
    )
