"""The catalogue as plain, immutable data: what editors wrote, checked and typed.

Language-free facts (stars, prices, places, dates, images) are stored once. Every piece of
text a translator must see is a ``Text`` holding the source-language wording; languages are
added later, by the localiser, never here. The model knows nothing of files or templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import unquote

from ..core.problems import Location, Problem


@dataclass(frozen=True)
class Text:
    """A translatable segment: its source wording and where it was written."""

    source: str
    location: Location
    note: str = ""  # what the text is ("name", "body ¶2"), shown to translators

    def __str__(self) -> str:
        return self.source


BlockKind = Literal["markup", "paragraph", "heading", "item", "quote", "cell", "footnote", "alt"]
LANG_SLOT = ' lang="\x00"'
"""Where, in a block's markup, its unit's ``lang`` attribute goes when the unit is not in the page's language."""


@dataclass(frozen=True)
class InlineContext:
    """What a unit's inline text may refer to elsewhere in its body: link reference definitions
    and footnotes (with how many references to each came before this unit, for their anchors)."""

    references: tuple[tuple[str, str, str], ...] = ()  # (normalised label, href, title)
    footnotes: tuple[tuple[str, int], ...] = ()  # (label, number from 0)
    seen: tuple[tuple[int, int], ...] = ()  # (footnote number, references to it before this unit)
    doc: str = ""  # what footnote anchors are prefixed with, so two bodies on one page never share an id


@dataclass(frozen=True)
class Block:
    """One piece of a Markdown body, in order: fixed HTML made from the source's structure
    (``markup``), then, unless ``kind`` is "markup", one translatable unit of inline text.

    The markup holds at most one ``LANG_SLOT``, in the unit's own element (its paragraph,
    heading, list item, cell or image); a unit without one is wrapped in a ``<span lang>``
    when it falls back to another language. An "alt" unit is an image's alt text, written
    inside the attribute its markup opens.
    """

    kind: BlockKind
    text: Text | None
    markup: str = ""
    links: tuple[str, ...] = ()  # link targets and image sources the unit's source text names
    context: InlineContext = InlineContext()


@dataclass(frozen=True)
class Place:
    """Where something is: names without their unit's word, and each unit's type
    (``places.COMMUNE_TYPES``, ``places.DISTRICT_TYPES``), so each language adds its own word."""

    commune: str = ""
    former_district: str = ""
    province: str = ""
    geo: tuple[float, float] | None = None
    commune_type: str = "xa"
    former_district_type: str = "huyen"
    former_province: str = ""  # before the 2025 mergers


@dataclass(frozen=True)
class Image:
    src: str
    alt: Text


@dataclass(frozen=True)
class Link:
    name: Text
    url: str


@dataclass(frozen=True)
class Price:
    min: int
    max: int
    currency: str
    unit: str


@dataclass(frozen=True)
class Certificate:
    number: str
    issuer: Text
    issued: dt.date
    expires: dt.date

    def status(self, today: dt.date) -> Literal["valid", "expired"]:
        """Honest status as of ``today``: a certificate is valid through its expiry date."""
        return "expired" if today > self.expires else "valid"


@dataclass(frozen=True)
class Export:
    """What a foreign buyer needs: where it already sells, its standards, its origin label."""

    markets: tuple[Text, ...] = ()
    standards: tuple[str, ...] = ()  # VietGAP, GlobalGAP, HACCP...
    geographic_indication: Text | None = None


@dataclass(frozen=True)
class Stop:
    """One stop of an itinerary: a named place, and what can be found there."""

    name: Text
    geo: tuple[float, float] | None = None
    note: Text | None = None
    product: str = ""
    producer: str = ""
    experience: str = ""


@dataclass(frozen=True)
class Dates:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    website: str = ""
    zalo: str = ""
    placeholder: bool = False


SECTIONS = {"product": "products", "producer": "producers", "experience": "experiences", "page": "pages"}
"""Each kind of entry and its folder under content/ (which is also its URL folder and list page)."""
KINDS = {section: kind for kind, section in SECTIONS.items()}


def page_path(section: str, slug: str) -> str:
    """An entry's page below a language folder: "products/vai-thieu/", and "about-ocop/" for a page."""
    return f"{slug}/" if section == "pages" else f"{section}/{slug}/"


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every entry has: its kind, slug, source file and Markdown body."""

    section: str  # "products", "producers", "experiences" or "pages": the content folder
    slug: str
    source: Location
    body: tuple[Block, ...]
    draft: bool = False  # shown by `serve`, left out of `build`
    places: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)  # key -> where written

    @property
    def key(self) -> tuple[str, str]:
        return (self.section, self.slug)

    @property
    def entry_kind(self) -> str:
        """The kind of entry: product, producer, experience or page (a producer's ``kind`` is its legal form)."""
        return KINDS[self.section]

    @cached_property
    def body_images(self) -> tuple[tuple[Block, str], ...]:
        """Each file under images/ that the body links to or shows ("/images/x.jpg"), with its
        block: walked once per entry (``serve`` keeps an unchanged entry from one reading to the next)."""
        return tuple(
            (block, unquote(link.removeprefix("/images/").split("#")[0].split("?")[0]))
            for block in self.body
            for link in block.links
            if link.startswith("/images/")
        )


@dataclass(frozen=True, kw_only=True)
class Product(Entry):
    name: Text
    stars: int
    category: str
    producer: str
    summary: Text | None = None
    featured: bool = False
    tags: tuple[Text, ...] = ()  # translated; each has its page
    origin: Place = field(default_factory=Place)
    season: tuple[int, ...] = ()
    price: Price | None = None
    certificate: Certificate | None = None
    images: tuple[Image, ...] = ()
    experiences: tuple[str, ...] = ()
    shops: tuple[Link, ...] = ()
    export: Export | None = None
    listed: dt.date | None = None  # when it joined the catalogue (newest first in feeds)


@dataclass(frozen=True, kw_only=True)
class Producer(Entry):
    name: Text
    kind: str = "cooperative"
    representative: str = ""
    address: Place = field(default_factory=Place)
    contact: Contact = field(default_factory=Contact)
    shops: tuple[Link, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Experience(Entry):
    name: Text
    kind: str = "site"
    summary: Text | None = None
    season: tuple[int, ...] = ()
    location: Place = field(default_factory=Place)
    producer: str = ""
    images: tuple[Image, ...] = ()
    dates: Dates | None = None  # a festival's days this year
    stops: tuple[Stop, ...] = ()  # an itinerary's stops, in order


@dataclass(frozen=True, kw_only=True)
class Page(Entry):
    title: Text
    summary: Text | None = None


@dataclass(frozen=True)
class Catalogue:
    """Every entry of the site, by kind, in a stable order (by slug)."""

    products: tuple[Product, ...]
    producers: tuple[Producer, ...]
    experiences: tuple[Experience, ...]
    pages: tuple[Page, ...]
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # accepted, but worth an editor's look (`check`)

    def entries(self) -> tuple[Entry, ...]:
        return self.products + self.producers + self.experiences + self.pages

    def image_sources(self) -> tuple[str, ...]:
        """Every image file the entries name (under content/images/), once each, sorted."""
        named = {image.src for entry in self.entries() for image in getattr(entry, "images", ())}
        return tuple(sorted(named | {name for _, _, name in self.body_images()}))

    def body_images(self) -> Iterator[tuple[Entry, Block, str]]:
        """Each file under images/ that a body links to or shows ("/images/x.jpg"), with where."""
        for entry in self.entries():
            for block, name in entry.body_images:
                yield entry, block, name


def texts(value: object) -> Iterator[Text]:
    """Every translatable Text inside a model value, in field order."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from texts(item)
    elif is_dataclass(value):
        names = [item.name for item in fields(value) if item.name not in ("places", "body", "draft")]
        for name in [*names, "body"] if hasattr(value, "body") else names:
            yield from texts(getattr(value, name))
