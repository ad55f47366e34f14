"""The JSON-LD of each page, in schema.org's vocabulary, from the same views the templates use."""

from __future__ import annotations

from typing import Any

from ..content.model import SECTIONS, Experience, Product
from ..content.ocop import GROUPS_BY_SLUG
from . import schema_org as sd
from .urls import PageId
from .views import Views

SECTION_TITLES = {"product": "Products", "producer": "Producers", "experience": "Experiences"}  # theme message ids


def absolute(views: Views, kind: str, key: str = "") -> str:
    return views.urls.absolute(views.url(kind, key))


def product(views: Views, item: Product) -> dict[str, Any]:
    card = views.product_card(item)
    url = absolute(views, "product", item.slug)
    data: dict[str, Any] = {
        "@context": sd.CONTEXT,
        "@type": "Product",
        "name": card.name.text,
        "url": url,
        "category": views._(GROUPS_BY_SLUG[item.category].name),
        "image": [views.urls.absolute(views.image(image).url) for image in item.images],
        "countryOfOrigin": {"@type": "Country", "identifier": "VN"},
    }
    if card.summary:
        data["description"] = card.summary.text
    producer = views.index.producers.get(item.producer)
    if producer:
        organization = sd.organization(views.localise(producer.name).text, absolute(views, "producer", producer.slug))
        data["brand"] = data["manufacturer"] = organization
    if item.price:
        shop = item.shops[0].url if item.shops else url
        data["offers"] = sd.offer(item.price.min, item.price.max, item.price.currency, item.price.unit, shop)
    if item.certificate:
        c = item.certificate
        active = c.status(views.today) == "valid"
        data["hasCertification"] = sd.certification(
            item.stars, c.number, views.localise(c.issuer).text, c.issued.isoformat(), c.expires.isoformat(), active
        )
    return data


def experience(views: Views, item: Experience) -> dict[str, Any]:
    card = views.experience_card(item)
    trip = item.kind in ("tour", "itinerary")
    data: dict[str, Any] = {
        "@context": sd.CONTEXT,
        "@type": "TouristTrip" if trip else "TouristAttraction",
        "name": card.name.text,
        "url": absolute(views, "experience", item.slug),
        "image": [views.urls.absolute(views.image(image).url) for image in item.images],
    }
    if card.summary:
        data["description"] = card.summary.text
    address = ", ".join(part for part in (item.location.commune, item.location.former_district, item.location.province) if part)
    if trip and item.stops:
        stops = [sd.place(views.localise(stop.name).text, stop.geo, "") for stop in item.stops]
        data["itinerary"] = {
            "@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "position": i, "item": s} for i, s in enumerate(stops, 1)],
        }
    elif not trip and item.location.geo:
        data["geo"] = sd.place(card.name.text, item.location.geo, address)["geo"]
        data["address"] = address
    return data


def breadcrumbs(views: Views, page: PageId, title: str) -> dict[str, Any] | None:
    if page.kind not in SECTION_TITLES:
        return None
    home_title = views.config.title_in(views.language.code)[0]
    section = SECTIONS[page.kind]  # the list page of the kind
    return sd.breadcrumbs(
        [
            (home_title, absolute(views, "home")),
            (views._(SECTION_TITLES[page.kind]), absolute(views, section)),
            (title, absolute(views, page.kind, page.key)),
        ]
    )


def for_page(views: Views, page: PageId, title: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page."""
    blocks = []
    if page.kind == "home":
        home = absolute(views, "home")
        blocks.append(sd.website(views.config.title_in(views.language.code)[0], home, views.language.code, absolute(views, "search")))
    elif page.kind == "product":
        blocks.append(product(views, views.index.products[page.key]))
    elif page.kind == "experience":
        blocks.append(experience(views, views.index.experiences[page.key]))
    crumbs = breadcrumbs(views, page, title)
    return blocks + ([crumbs] if crumbs else [])
