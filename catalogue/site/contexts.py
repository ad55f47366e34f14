"""The template context of each kind of page, for one language.

``page_context`` gives what every page shares (language, switcher, canonical and hreflang
links, navigation); one function per page kind adds what that page shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from ..content import ocop
from ..content.config import SiteConfig
from ..content.model import Entry, Producer, Product
from ..core.slugs import fold_latin
from ..i18n.localise import Localised, Localiser
from . import brochure as print_brochure
from . import jsonld
from .lookups import Index, region_keys, tag_slug
from .ordering import ordered
from .pagegraph import NOT_INDEXED, SORTS, PageGraph, entry_of
from .pagination import HOME_CARDS, Pager, list_items, page_count, page_size, pager_of, window
from .schema_org import og_locale
from .urls import PageId, Urls
from .views import Views

Context = dict[str, Any]


def home(views: Views, page: PageId) -> Context:
    """The first few of each list, each with a link to the whole list when there is more."""
    catalogue = views.index.catalogue
    featured = views.featured()
    in_season = views.in_season()
    more = {
        "featured": views.url("products") if len(featured) > HOME_CARDS else "",
        "in_season": views.url("calendar") if len(in_season) > HOME_CARDS else "",
        "experiences": views.url("experiences") if len(catalogue.experiences) > HOME_CARDS else "",
    }
    return {
        "featured": views.product_cards(featured[:HOME_CARDS]),
        "hero": next((card for card in views.product_cards(featured) if card.image and card.image.webp_srcset), None),  # a photograph
        "in_season": views.product_cards(in_season[:HOME_CARDS]),
        "more": more,
        "month": views.month_names()[views.today.month],
        "groups": [(group, views.url("category", group.slug), len(views.index.by_group[group.slug])) for group in ocop.GROUPS],
        "star_levels": [(level, views.url("stars", str(level.stars))) for level in ocop.STAR_LEVELS],
        "experiences": tuple(views.experience_card(e) for e in catalogue.experiences[:HOME_CARDS]),
    }


def sorted_window(views: Views, page: PageId) -> tuple[Product, ...]:
    """The products page ``page.number`` of a list shows, in the page's order (the whole list is
    sorted once per language and order, not once per page: that grew with the square of the list)."""
    whole = list_items(views.index, page) or ()
    items = views.once(f"order {page.sort}", whole, lambda: ordered(tuple(whole), page.sort, views))
    size = page_size(page)
    return items[(page.number - 1) * size : page.number * size]


def sorts(views: Views, page: PageId) -> list[tuple[str, str, bool]]:
    """The sort links of a list: (order, its page's URL, whether it is this page's)."""
    return [
        (
            sort,
            views.urls.page(PageId(page.kind, page.key, sort="" if sort == SORTS[0] else sort), views.language),
            (page.sort or SORTS[0]) == sort,
        )
        for sort in SORTS
    ]


def products(views: Views, page: PageId) -> Context:
    index = views.index
    facts = []
    shown = sorted_window(views, page)
    for item in shown:
        region = " ".join(index.region_slugs[key] for key in region_keys(item))
        months = " ".join(str(month) for month in item.season) if item.season else " ".join(str(m) for m in range(1, 13))
        facts.append(
            (
                views.product_card(item),
                {
                    "group": item.category,
                    "stars": item.stars,
                    "region": region,
                    "months": months,
                    "producer": item.producer,
                    "tags": " ".join(tag_slug(tag) for tag in item.tags),
                },
            )
        )
    return {
        "products": facts,
        "sorts": sorts(views, page),
        "facets": {
            "groups": [
                (group, views.url("category", group.slug), len(index.by_group[group.slug]))
                for group in ocop.GROUPS
                if index.by_group[group.slug]
            ],
            "stars": [(stars, views.url("stars", str(stars)), len(index.by_stars[stars])) for stars in ocop.STARS if index.by_stars[stars]],
            "regions": [(views.region(slug), views.url("region", slug), len(index.by_region.get(slug, ()))) for slug in index.regions],
            "months": list(views.month_names().items()),
            "producers": [(p.slug, views.localise(p.name)) for p in _producers_of(index, shown)],
            "tags": [(slug, views.localise(tag), views.url("tag", slug), len(index.by_tag[slug])) for slug, tag in index.tags.items()],
        },
    }


def _producers_of(index: Index, shown: Sequence[Product]) -> list[Producer]:
    """The producers of the products shown, in catalogue order (the filter offers only those)."""
    slugs = {p.producer for p in shown}
    return [producer for producer in index.catalogue.producers if producer.slug in slugs]


def producers(views: Views, page: PageId) -> Context:
    rows = [
        (views.producer_link(p.slug), views.producer_kind(p), len(views.index.by_producer.get(p.slug, ())))
        for p in window(views.index, page)
    ]
    return {"producers": rows}


def experiences(views: Views, page: PageId) -> Context:
    return {"experiences": tuple(views.experience_card(e) for e in window(views.index, page))}


def product(views: Views, page: PageId) -> Context:
    item = views.index.products[page.key]
    return {
        "product": views.product_card(item),
        "body": views.body(item),
        "images": tuple(views.image(image) for image in item.images),
        "group_url": views.url("category", item.category),
        "stars_url": views.url("stars", str(item.stars)),
        "star_level": ocop.STAR_LEVELS_BY_STARS[item.stars],
        "producer": views.producer_link(item.producer),
        "origin": views.place(item.origin),
        "tags": views.tags(item),
        "season": views.season(item.season),
        "in_season": views.today.month in item.season and len(set(item.season)) < 12,
        "certificate": views.certificate(item.certificate),
        "experiences": tuple(views.experience_card(views.index.experiences[slug]) for slug in item.experiences),
        "shops": views.links(item.shops),
        "contact": views.contact(item.producer),
        "producer_shops": views.links(views.index.producers[item.producer].shops) if item.producer in views.index.producers else (),
        "export": views.export(item.export),
        "markets": views.join([views.localise(market).text for market in item.export.markets]) if item.export else "",
        "standards": views.join(item.export.standards) if item.export else "",
        "filters": search_filters(views.index, item),
        "qr": views.urls.qr(item.slug),
        "short_url": views.urls.absolute(views.urls.short(item.slug)),
    }


def category(views: Views, page: PageId) -> Context:
    group = ocop.GROUPS_BY_SLUG[page.key]
    return {"group": group, "products": views.product_cards(sorted_window(views, page)), "sorts": sorts(views, page)}


def stars(views: Views, page: PageId) -> Context:
    level = ocop.STAR_LEVELS_BY_STARS[int(page.key)]
    return {"level": level, "products": views.product_cards(sorted_window(views, page)), "sorts": sorts(views, page)}


def region(views: Views, page: PageId) -> Context:
    return {"region": views.region(page.key), "products": views.product_cards(sorted_window(views, page)), "sorts": sorts(views, page)}


def tag(views: Views, page: PageId) -> Context:
    tag = views.localise(views.index.tags[page.key])
    return {"tag": tag, "products": views.product_cards(sorted_window(views, page)), "sorts": sorts(views, page)}


def producer(views: Views, page: PageId) -> Context:
    item = views.index.producers[page.key]
    return {
        "contact": views.contact(item.slug),
        "name": views.localise(item.name),
        "kind": views.producer_kind(item),
        "address": views.place(item.address),
        "body": views.body(item),
        "shops": views.links(item.shops),
        "products": views.product_cards(views.index.by_producer.get(item.slug, ())),
        "experiences": tuple(views.experience_card(e) for e in views.index.experiences_by_producer.get(item.slug, ())),
        "stamps_url": views.url("stamps", item.slug),
    }


def experience(views: Views, page: PageId) -> Context:
    item = views.index.experiences[page.key]
    return {
        "experience": views.experience_card(item),
        "body": views.body(item),
        "images": tuple(views.image(image) for image in item.images),
        "location": views.place(item.location),
        "producer": views.producer_link(item.producer) if item.producer else None,
        "products": views.product_cards(views.index.by_experience.get(item.slug, ())),
        "dates": (views.date(item.dates.start), views.date(item.dates.end)) if item.dates else None,
        "stops": tuple(views.stop(stop) for stop in item.stops),
    }


def page_entry(views: Views, page: PageId) -> Context:
    item = views.index.pages[page.key]
    return {"title": views.localise(item.title), "summary": views.localise.optional(item.summary), "body": views.body(item)}


def not_found(views: Views, page: PageId) -> Context:
    return {}


def search(views: Views, page: PageId) -> Context:
    return {
        "groups": [group for group in ocop.GROUPS if views.index.by_group[group.slug]],
        "star_values": [stars for stars in ocop.STARS if views.index.by_stars[stars]],
        "regions": list(views.index.regions.values()),
        "months": list(views.month_names().items()),
        "tags": [(slug, views.localise(tag)) for slug, tag in views.index.tags.items()],
    }


def search_filters(index: Index, item: Product) -> list[tuple[str, str]]:
    """The product's Pagefind filters, as the search page's selects name them."""
    found = [("group", item.category), ("stars", str(item.stars))]
    found += [("region", index.region_slugs[key]) for key in region_keys(item)]
    found += [("month", str(month)) for month in sorted(set(item.season))]
    found += [("tag", tag_slug(tag)) for tag in item.tags]
    return found


def calendar(views: Views, page: PageId) -> Context:
    return {
        "months": [(month, name) for month, name in views.month_names().items()],
        "rows": [(views.product_card(p), set(p.season)) for p in window(views.index, page)],
        "current_month": views.today.month,
    }


def brochure(views: Views, page: PageId) -> Context:
    """A document of the brochure (a group's, or the whole catalogue's without a group), a page
    of products at a time: cover, contents with page numbers, two products a printed page."""
    index = views.index
    products = window(index, page)
    groups = [(group, views.url("brochure", group.slug), len(index.by_group[group.slug])) for group in ocop.GROUPS]
    return {
        "group": ocop.GROUPS_BY_SLUG[page.key] if page.key else None,
        "groups": [(g, url, count) for g, url, count in groups if count],
        "whole_url": views.url("brochure"),
        "chapters": print_brochure.chapters(views, products),
        "provinces": print_brochure.provinces(views, products),
        "edition": views.date(views.today),
    }


def stamps(views: Views, page: PageId) -> Context:
    producer_entry = views.index.producers[page.key]
    products_of = views.index.by_producer.get(page.key, ())
    return {
        "name": views.localise(producer_entry.name),
        "producer_url": views.url("producer", page.key),
        "stamps": [(views.product_card(p), views.urls.qr(p.slug), views.urls.absolute(views.urls.short(p.slug))) for p in products_of],
    }


BUILDERS: dict[str, Callable[[Views, PageId], Context]] = {
    "home": home,
    "products": products,
    "producers": producers,
    "experiences": experiences,
    "product": product,
    "category": category,
    "stars": stars,
    "region": region,
    "tag": tag,
    "producer": producer,
    "experience": experience,
    "page": page_entry,
    "notfound": not_found,
    "search": search,
    "calendar": calendar,
    "brochure": brochure,
    "stamps": stamps,
}


def search_fold(views: Views, entry: Entry) -> str:
    """The entry's key words without Latin diacritics (đ -> d): the search index folds accents
    itself but not đ, so "dong" finds "Đồng" through this copy. Empty when folding changes
    nothing (kana and CJK are never folded)."""
    named = (getattr(entry, "name", None) or getattr(entry, "title", None), getattr(entry, "summary", None))
    words = [views.localise(text).text for text in named if text is not None]
    for place in (getattr(entry, "origin", None), getattr(entry, "address", None), getattr(entry, "location", None)):
        if place is not None:
            words += [place.commune, place.former_district, place.province, place.former_province]
    text = " ".join(word for word in words if word)
    folded = fold_latin(text)
    return folded if folded != text else ""


def page_context(views: Views, graph: PageGraph, page: PageId) -> Context:
    """Everything a template needs for ``page`` in the views' language."""
    config, urls, language = views.config, views.urls, views.language
    published = graph.published[page]
    canonical_lang = graph.canonical_language(page, config.chain(language.code))
    unsorted = PageId(page.kind, page.key, page.number)  # a list in another order: its default order's address is canonical
    home_page = PageId("home")
    title, title_lang = config.title_in(language.code)
    context: Context = {
        "lang": language,
        "page": page,
        "site_title": title,
        "site_title_lang": title_lang,
        "canonical": urls.absolute(urls.page(unsorted, config.languages[canonical_lang])),
        "alternates": [(code, urls.absolute(urls.page(unsorted, config.languages[code]))) for code in published],
        "x_default": urls.absolute(urls.root() if page == home_page else urls.page(unsorted, config.languages[config.source_language])),
        "switcher": [(other, urls.page(page, other), other.code == language.code) for other in config.languages.values()],
        "nav": {
            "home": views.url("home"),
            "products": views.url("products"),
            "producers": views.url("producers"),
            "experiences": views.url("experiences") if views.index.catalogue.experiences else "",  # no menu entry for an empty list
            "pages": [(views.url("page", p.slug), views.localise(p.title)) for p in views.index.catalogue.pages],
        },
        "root_url": urls.root(),
        "search_hint": views.search_hint(),
        "source_lang": config.source_language,
        "is_translation": language.code in published,
    }
    context.update(BUILDERS[page.kind](views, page))
    context["pager"] = pager(views, page)
    entry = entry_of(page, views.index)
    context["source_url"] = urls.page(page, config.languages[config.source_language]) if entry else ""
    context["machine_translated"] = views.localise.has_machine_text(entry) if entry is not None else shows_machine_text(context, views)
    if page.kind == "product":
        context["x_default"] = urls.absolute(urls.short(page.key))  # the address that picks the visitor's language
    name = getattr(entry, "name", None) or getattr(entry, "title", None)
    context["jsonld"] = jsonld.for_page(views, page, views.localise(name).text if name else "")
    card = urls.card(language, page.key) if page.kind == "product" else urls.card(language)  # raster: networks show no SVG
    context["og"] = {
        "locale": og_locale(language.locale),
        "alternates": [og_locale(config.languages[code].locale) for code in published if code != language.code],
        "image": urls.absolute(card),
        "image_width": 1200,
        "image_height": 630,
    }
    context["search_body"] = entry is not None
    context["noindex"] = page.kind in NOT_INDEXED
    context["fold"] = search_fold(views, entry) if entry is not None else ""
    context["draft"] = bool(entry is not None and entry.draft)
    context["feed"] = views.url("feed")
    context["calendar_url"] = views.url("calendar")
    context["search_url"] = views.url("search")
    return context


def pager(views: Views, page: PageId) -> Pager | None:
    """Where a page of a list stands among the list's pages (None: not a list cut into pages)."""
    if list_items(views.index, page) is None:
        return None
    return pager_of(page.number, page_count(views.index, page), lambda n: views.urls.page(page.numbered(n), views.language))


def chooser_context(config: SiteConfig, urls: Urls) -> Context:
    """The root page: every language's home, by its own name, with the title in that language."""
    homes = {code: urls.page(PageId("home"), language) for code, language in config.languages.items()}
    titles = [(language, config.title_in(code), homes[code]) for code, language in config.languages.items()]
    return {
        "lang": config.languages[config.source_language],
        "titles": titles,
        # each title once: a language with no title of its own shows the source language's
        "title_text": " · ".join(dict.fromkeys(title for _, (title, _), _ in titles)),
        "canonical": urls.absolute(urls.root()),
        "x_default": urls.absolute(urls.root()),
        "absolute_urls": {code: urls.absolute(path) for code, path in homes.items()},
        "card": urls.absolute(urls.card(config.languages[config.source_language])),
    }


def short_context(config: SiteConfig, urls: Urls, localisers: dict[str, Localiser], product: Product) -> Context:
    """/p/<slug>/: the product in every language; a script picks the reader's."""
    targets = [
        (language, urls.page(PageId("product", product.slug), language), localisers[code](product.name))
        for code, language in config.languages.items()
    ]
    return {
        "lang": config.languages[config.source_language],
        "targets": targets,
        "title": localisers[config.source_language](product.name),
        "canonical": urls.absolute(urls.short(product.slug)),
    }


def shows_machine_text(value: object, views: Views | None = None) -> bool:
    """Whether a page shows an unreviewed machine draft anywhere (a card's name on a list, a
    title in the menu): such a page carries the machine-translation notice like an entry's.
    With ``views``, a view's answer is kept for the language (cards recur on many lists)."""
    if isinstance(value, str | int | float | None):
        return False
    if isinstance(value, Localised):
        return value.machine
    if isinstance(value, dict):
        return any(shows_machine_text(item, views) for item in value.values())
    if isinstance(value, list | tuple):
        return any(shows_machine_text(item, views) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        if views is None:
            return any(shows_machine_text(getattr(value, field.name)) for field in fields)
        return views.once("machine", value, lambda: any(shows_machine_text(getattr(value, field.name), views) for field in fields))
    return False
