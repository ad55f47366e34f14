"""Lookups derived from the catalogue once, so no page searches the whole catalogue:
entries by slug, products by group, stars, region, producer and experience.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content import places
from ..content.model import Catalogue, Entry, Experience, Page, Producer, Product, Text, texts
from ..content.ocop import GROUP_SLUGS, STARS
from ..core.memo import IdentityMemo
from ..core.slugs import any_slug


@dataclass(frozen=True)
class Region:
    """A page of products by place: a former district (the name people still know places by)
    or a province, current or former."""

    slug: str
    name: str
    label: str  # the English message id of its unit: "former %(name)s district"
    kind: str  # "district" or "province"


def _regions(products: tuple[Product, ...]) -> tuple[dict[str, Region], dict[tuple[str, str], str]]:
    """Every region named by a product, and the slug of each (kind, name). Districts take their
    slug first (their addresses are the oldest); a province whose slug is taken gets "-province"."""
    named: dict[tuple[str, str], str] = {}
    for product in products:
        origin = product.origin
        if origin.former_district:
            named.setdefault(("district", origin.former_district), places.DISTRICT_TYPES[origin.former_district_type].label)
        for name, unit in ((origin.province, places.PROVINCE), (origin.former_province, places.FORMER_PROVINCE)):
            if name:
                named.setdefault(("province", name), unit.label)
    regions: dict[str, Region] = {}
    slugs: dict[tuple[str, str], str] = {}
    for (kind, name), label in sorted(named.items(), key=lambda item: (item[0][0] != "district", item[0][1])):
        base = any_slug(name)
        slug = base if base not in regions else f"{base}-{kind}"
        number = 2
        while slug in regions:
            slug, number = f"{base}-{kind}-{number}", number + 1
        regions[slug], slugs[(kind, name)] = Region(slug, name, label, kind), slug
    return dict(sorted(regions.items())), slugs


def tag_slug(tag: Text) -> str:
    return any_slug(tag.source)


def region_keys(product: Product) -> list[tuple[str, str]]:
    """The (kind, name) of every region a product belongs to."""
    origin = product.origin
    keys = [("district", origin.former_district)] if origin.former_district else []
    return keys + [("province", name) for name in dict.fromkeys((origin.province, origin.former_province)) if name]


@dataclass(frozen=True)
class Index:
    catalogue: Catalogue
    products: dict[str, Product]
    producers: dict[str, Producer]
    experiences: dict[str, Experience]
    pages: dict[str, Page]
    regions: dict[str, Region]
    region_slugs: dict[tuple[str, str], str]  # (kind, name) -> slug
    tags: dict[str, Text]  # slug -> the tag as first written
    by_tag: dict[str, tuple[Product, ...]]
    by_group: dict[str, tuple[Product, ...]]
    in_groups: tuple[Product, ...]  # every product, group after group: the whole brochure's order
    by_stars: dict[int, tuple[Product, ...]]
    by_region: dict[str, tuple[Product, ...]]
    by_producer: dict[str, tuple[Product, ...]]
    by_experience: dict[str, tuple[Product, ...]]
    experiences_by_producer: dict[str, tuple[Experience, ...]]
    texts: dict[tuple[str, str], tuple[Text, ...]]  # every entry's translatable texts, walked once


def _tags(products: tuple[Product, ...]) -> dict[str, Text]:
    """Every tag by slug, as its first product writes it."""
    return dict(sorted({tag_slug(tag): tag for p in reversed(products) for tag in p.tags}.items()))


def _grouped(pairs) -> dict:
    grouped = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def build_index(catalogue: Catalogue, entry_texts: IdentityMemo | None = None) -> Index:
    """``entry_texts`` remembers each entry's texts by the entry's identity (``serve`` keeps one)."""
    walk = entry_texts or (lambda entry: tuple(texts(entry)))
    products = catalogue.products
    regions, region_slugs = _regions(products)
    by_group = _grouped((p.category, p) for p in products)
    by_stars = _grouped((p.stars, p) for p in products)
    return Index(
        catalogue=catalogue,
        products={p.slug: p for p in products},
        producers={p.slug: p for p in catalogue.producers},
        experiences={e.slug: e for e in catalogue.experiences},
        pages={p.slug: p for p in catalogue.pages},
        regions=regions,
        region_slugs=region_slugs,
        tags=_tags(products),
        by_tag=_grouped((tag_slug(tag), p) for p in products for tag in p.tags),
        by_group={slug: by_group.get(slug, ()) for slug in GROUP_SLUGS},
        in_groups=tuple(p for slug in GROUP_SLUGS for p in by_group.get(slug, ())),
        by_stars={stars: by_stars.get(stars, ()) for stars in STARS},
        by_region=_grouped((region_slugs[key], p) for p in products for key in region_keys(p)),
        by_producer=_grouped((p.producer, p) for p in products),
        by_experience=_grouped((slug, p) for p in products for slug in p.experiences),
        experiences_by_producer=_grouped((e.producer, e) for e in catalogue.experiences if e.producer),
        texts={entry.key: walk(entry) for entry in catalogue.entries()},
    )


def patched_index(index: Index, catalogue: Catalogue, entry_texts: IdentityMemo | None = None) -> Index | None:
    """The index of ``catalogue`` made from ``index`` (of the last one), when the two have the
    same entries in the same order and each one edited stays in the same lists (group, stars,
    region, producer, experiences, whether it has a season): its pages are then the same too.
    None otherwise (``build_index``)."""
    walk = entry_texts or (lambda entry: tuple(texts(entry)))
    old = index.catalogue
    if any(len(getattr(old, name)) != len(getattr(catalogue, name)) for name in ("products", "producers", "experiences", "pages")):
        return None
    new = {id(was): entry for was, entry in zip(old.entries(), catalogue.entries(), strict=True) if was is not entry}
    if len(new) > 64:
        return None
    was_of = {id(entry): was for was in old.entries() if (entry := new.get(id(was))) is not None}
    if any(entry.key != was_of[id(entry)].key or _lists(entry) != _lists(was_of[id(entry)]) for entry in new.values()):
        return None

    def swapped(entries: tuple) -> tuple:
        return _swapped(entries, new)

    def table(by_slug: dict) -> dict:
        swapped = dict(by_slug)
        swapped.update((entry.slug, entry) for entry in new.values() if by_slug.get(entry.slug) is was_of[id(entry)])
        return swapped

    def groups(grouped: dict) -> dict:  # only the lists holding an edited entry are made again (the test runs in C)
        return {key: entries if new.keys().isdisjoint(map(id, entries)) else swapped(entries) for key, entries in grouped.items()}

    entry_texts_of = dict(index.texts)
    entry_texts_of.update((entry.key, walk(entry)) for entry in new.values())
    return Index(
        catalogue=catalogue,
        products=table(index.products),
        producers=table(index.producers),
        experiences=table(index.experiences),
        pages=table(index.pages),
        regions=index.regions,
        region_slugs=index.region_slugs,
        tags=_tags(catalogue.products),
        by_tag=groups(index.by_tag),
        by_group=groups(index.by_group),
        in_groups=index.in_groups if new.keys().isdisjoint(map(id, index.in_groups)) else swapped(index.in_groups),
        by_stars=groups(index.by_stars),
        by_region=groups(index.by_region),
        by_producer=groups(index.by_producer),
        by_experience=groups(index.by_experience),
        experiences_by_producer=groups(index.experiences_by_producer),
        texts=entry_texts_of,
    )


def _swapped(entries: tuple, new: dict[int, Entry]) -> tuple:
    """``entries`` with each one edited (``new``: id of the old object -> the new one) in its
    places, found by ``list.index`` over their ids in C: a call per entry cost 25 ms a save at
    10,000 products, where the brochure's order and the stars' lists hold thousands."""
    ids, result = list(map(id, entries)), list(entries)
    for was, entry in new.items():
        at = 0
        while True:
            try:
                at = ids.index(was, at)
            except ValueError:
                break
            result[at] = entry
            at += 1
    return tuple(result)


def _lists(entry: object) -> tuple:
    """What puts an entry in the index's lists (and a product on the calendar)."""
    if isinstance(entry, Product):
        origin = entry.origin
        regions = (*region_keys(entry), origin.former_district_type)  # a region's label is its first product's unit
        tags = tuple(tag.source for tag in entry.tags)
        return (entry.category, entry.stars, regions, tags, entry.producer, entry.experiences, bool(entry.season))
    if isinstance(entry, Experience):
        return (entry.producer,)
    return ()
