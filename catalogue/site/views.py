"""What templates see: entries turned into plain, localised, formatted values.

Templates get everything ready to print (texts with their language, formatted prices and
dates, URLs); they never look data up or build URLs themselves.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from babel import Locale
from markupsafe import Markup

from ..content import ocop, places
from ..content.config import Language, SiteConfig
from ..content.images import ImageLibrary, Variant
from ..content.model import Certificate, Entry, Experience, Export, Image, Link, Place, Producer, Product, Stop
from ..i18n import formatting
from ..i18n.formatting import PriceText
from ..i18n.localise import Localised, Localiser
from .body import body_html
from .links import entry_page, localise_links
from .lookups import Index, tag_slug
from .urls import PageId, Urls

T = TypeVar("T")


@dataclass(frozen=True)
class LinkView:
    url: str
    label: Localised


@dataclass(frozen=True)
class ImageView:
    url: str
    alt: Localised
    width: int | None
    height: int | None
    webp_srcset: str = ""  # "a-480.webp 480w, a-960.webp 960w"
    srcset: str = ""  # the same widths in the fallback format
    banner_srcset: str = ""  # a 16:9 crop for phones' heroes (art direction), WebP


@dataclass(frozen=True)
class CertificateView:
    number: str
    issuer: Localised
    issued: str
    expires: str
    status: str  # "valid" or "expired", as of the build date


@dataclass(frozen=True)
class PlaceView:
    commune: str
    former_district: str
    province: str
    geo: tuple[float, float] | None
    parts: tuple[tuple[str, str], ...] = ()  # (each unit in this language's words, its region page or "")


@dataclass(frozen=True)
class RegionView:
    slug: str
    name: str  # as listed: a district's name, a province with its word
    label: str  # the unit in this language's words: "former Lục Ngạn district"


@dataclass(frozen=True)
class ProductCard:
    slug: str
    url: str
    name: Localised
    summary: Localised | None
    stars: int
    group: ocop.Group
    image: ImageView | None
    price: PriceText | None
    unit: Localised | None  # the price's unit in this language's words (or its chain's)


@dataclass(frozen=True)
class ExperienceCard:
    url: str
    name: Localised
    summary: Localised | None
    kind: str  # message id
    season: str  # "Oct – Jan", or "" when it has no season
    image: ImageView | None


@dataclass(frozen=True)
class ContactView:
    """How to reach a producer; ``placeholder``: the details are examples, not real ones."""

    representative: str
    phone: str
    email: str
    website: str
    zalo: str
    placeholder: bool


@dataclass(frozen=True)
class ExportView:
    markets: tuple[Localised, ...]
    standards: tuple[str, ...]
    geographic_indication: Localised | None


@dataclass(frozen=True)
class StopView:
    name: Localised
    note: Localised | None
    geo: tuple[float, float] | None
    links: tuple[LinkView, ...]  # the product, producer or experience found at this stop


@dataclass(frozen=True)
class Views:
    """Builds the views of one language."""

    config: SiteConfig
    index: Index
    urls: Urls
    language: Language
    localise: Localiser
    today: dt.date
    images: ImageLibrary
    ui: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)  # theme strings, for data outside templates
    memo: dict[tuple[str, int], object] = field(default_factory=dict, compare=False, repr=False)  # views made once per language

    def once(self, kind: str, key: object, make: Callable[[], T]) -> T:
        """A view is the same on every page of a language: make it once (cards appear on many lists)."""
        slot = (kind, id(key))
        if slot not in self.memo:
            self.memo[slot] = (key, make())  # keep the key alive so its id stays unique
        return self.memo[slot][1]  # type: ignore[index]

    def _(self, message: str) -> str:
        return self.ui.gettext(message)

    @property
    def locale(self) -> Locale:
        return self.language.locale

    def url(self, kind: str, key: str = "") -> str:
        return self.urls.page(PageId(kind, key), self.language)

    def url_of(self, page: PageId) -> str:
        return self.urls.page(page, self.language)

    def image(self, image: Image) -> ImageView:
        rendition = self.images.rendition(image.src)

        def srcset(variants: tuple[Variant, ...]) -> str:
            return ", ".join(f"{self.urls.image(v.name)} {v.width}w" for v in variants)

        return ImageView(
            self.urls.image(rendition.src),
            self.localise(image.alt),
            rendition.width,
            rendition.height,
            srcset(rendition.webp),
            srcset(rendition.fallback),
            srcset(rendition.banner),
        )

    def first_image(self, images: tuple[Image, ...]) -> ImageView | None:
        return self.image(images[0]) if images else None

    def price(self, product: Product) -> PriceText | None:
        if product.price is None:
            return None
        rate = self.config.exchange_rates.get(self.language.currency) if self.language.currency else None
        return formatting.price_text(product.price, self.locale, rate)

    def month_names(self) -> dict[int, str]:
        return formatting.month_names(self.locale)

    def season(self, months: tuple[int, ...]) -> str:
        """ "May – Jul", "All year" for twelve months, "" for none."""
        if len(set(months)) == 12:
            return self._(ocop.ALL_YEAR)
        return formatting.season(months, self.locale)

    def join(self, items: tuple[str, ...] | list[str]) -> str:
        return formatting.join(items, self.locale)

    def product_card(self, product: Product) -> ProductCard:
        return self.once("card", product, lambda: self._product_card(product))

    def _product_card(self, product: Product) -> ProductCard:
        return ProductCard(
            slug=product.slug,
            url=self.url("product", product.slug),
            name=self.localise(product.name),
            summary=self.localise.optional(product.summary),
            stars=product.stars,
            group=ocop.GROUPS_BY_SLUG[product.category],
            image=self.first_image(product.images),
            price=self.price(product),
            unit=self.unit_name(product.price.unit) if product.price else None,
        )

    def product_cards(self, products: tuple[Product, ...]) -> tuple[ProductCard, ...]:
        return tuple(self.product_card(product) for product in products)

    def experience_card(self, experience: Experience) -> ExperienceCard:
        return self.once("experience", experience, lambda: self._experience_card(experience))

    def _experience_card(self, experience: Experience) -> ExperienceCard:
        return ExperienceCard(
            url=self.url("experience", experience.slug),
            name=self.localise(experience.name),
            summary=self.localise.optional(experience.summary),
            kind=ocop.EXPERIENCE_KINDS[experience.kind],
            season=self.season(experience.season),
            image=self.first_image(experience.images),
        )

    def producer_link(self, slug: str) -> LinkView | None:
        producer = self.index.producers.get(slug)
        return LinkView(self.url("producer", slug), self.localise(producer.name)) if producer else None

    def contact(self, slug: str) -> ContactView | None:
        """The contact of the producer ``slug`` (None when the catalogue has no such producer)."""
        producer = self.index.producers.get(slug)
        if producer is None:
            return None
        c = producer.contact
        return ContactView(producer.representative, c.phone, c.email, c.website, c.zalo, c.placeholder)

    def unit_name(self, code: str) -> Localised:
        """A price unit in this language: the site's own word (along the chain, with the language
        it is in), or the engine's."""
        words = self.config.units.get(code)
        if words is None:
            return Localised(self.ui.pgettext("price unit", ocop.UNITS[code]), self.language.code)
        lang = next((lang for lang in self.config.chain(self.language.code) if lang in words), "")
        return Localised(words[lang], lang) if lang else Localised(code, self.language.code)

    def tags(self, product: Product) -> tuple[LinkView, ...]:
        return tuple(LinkView(self.url("tag", tag_slug(tag)), self.localise(tag)) for tag in product.tags)

    def unit(self, label: str, name: str) -> str:
        """A named unit in this language's words: ("%(name)s ward", "Lâm Viên") -> "phường Lâm Viên"."""
        return self._(label) % {"name": name}

    def place(self, place: Place) -> PlaceView:
        def region_url(kind: str, name: str) -> str:
            slug = self.index.region_slugs.get((kind, name))
            return self.url("region", slug) if slug else ""

        parts = []
        if place.commune:
            parts.append((self.unit(places.COMMUNE_TYPES[place.commune_type].label, place.commune), ""))
        if place.former_district:
            label = places.DISTRICT_TYPES[place.former_district_type].label
            parts.append((self.unit(label, place.former_district), region_url("district", place.former_district)))
        if place.province:
            parts.append((self.unit(places.PROVINCE.label, place.province), region_url("province", place.province)))
        if place.former_province and place.former_province != place.province:
            parts.append((self.unit(places.FORMER_PROVINCE.label, place.former_province), region_url("province", place.former_province)))
        return PlaceView(place.commune, place.former_district, place.province, place.geo, tuple(parts))

    def region(self, slug: str) -> RegionView:
        region = self.index.regions[slug]
        label = self.unit(region.label, region.name)
        return RegionView(slug, region.name if region.kind == "district" else label, label)

    def certificate(self, certificate: Certificate | None) -> CertificateView | None:
        if certificate is None:
            return None
        return CertificateView(
            number=certificate.number,
            issuer=self.localise(certificate.issuer),
            issued=formatting.date(certificate.issued, self.locale),
            expires=formatting.date(certificate.expires, self.locale),
            status=certificate.status(self.today),
        )

    def date(self, value: dt.date) -> str:
        return formatting.date(value, self.locale)

    def export(self, export: Export | None) -> ExportView | None:
        if export is None:
            return None
        markets = tuple(self.localise(market) for market in export.markets)
        return ExportView(markets, export.standards, self.localise.optional(export.geographic_indication))

    def stop(self, stop: Stop) -> StopView:
        links = []
        if stop.product in self.index.products:
            links.append(LinkView(self.url("product", stop.product), self.localise(self.index.products[stop.product].name)))
        if stop.producer:
            links.append(self.producer_link(stop.producer))
        if stop.experience in self.index.experiences:
            links.append(LinkView(self.url("experience", stop.experience), self.localise(self.index.experiences[stop.experience].name)))
        return StopView(self.localise(stop.name), self.localise.optional(stop.note), stop.geo, tuple(link for link in links if link))

    def links(self, links: tuple[Link, ...]) -> tuple[LinkView, ...]:
        return tuple(LinkView(link.url, self.localise(link.name)) for link in links)

    def body(self, entry: Entry) -> Markup:
        return self.once("body", entry, lambda: self._body(entry))

    def _body(self, entry: Entry) -> Markup:
        folders = {language.folder for language in self.config.languages.values()}
        html = body_html(entry.body, self.localise)
        page = entry_page(entry, self.config)
        return Markup(localise_links(html, self.urls.base_path, self.language.folder, folders, page, self._image_file))

    def _image_file(self, name: str) -> str:
        """The published file of an image a body shows (a photo is published resized)."""
        return self.images.rendition(name).src if (self.images.folder / name).is_file() else name

    def featured(self) -> tuple[Product, ...]:
        """The products marked ``featured`` whose certificate has not expired: none marked, none
        shown (no product is ever picked for the editors)."""
        products = self.index.catalogue.products
        return tuple(p for p in products if p.featured and not (p.certificate and p.certificate.status(self.today) == "expired"))

    def search_hint(self) -> str:
        return self.once("search_hint", self.config, self._search_hint)

    def _search_hint(self) -> str:
        """What the search box suggests: the site's examples in this language (or along its chain),
        else the names of up to three featured products; nothing when there are neither."""
        examples = self.config.search.examples
        for code in self.config.chain(self.language.code):
            if code in examples:
                return examples[code]
        names = [self.localise(product.name).text for product in self.featured()[:3]]
        return ", ".join(names) + "…" if names else ""

    def in_season(self) -> tuple[Product, ...]:
        """Products whose season (not all year) includes this month."""
        return tuple(p for p in self.index.catalogue.products if self.today.month in p.season and len(set(p.season)) < 12)

    def producer_kind(self, producer: Producer) -> str:
        return ocop.PRODUCER_KINDS[producer.kind]
