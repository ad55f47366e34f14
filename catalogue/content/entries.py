"""The formats of the four kinds of entry, and how one file becomes one model entry.

An entry is YAML front matter (checked against the specs below, every key known) and a
Markdown body cut into translatable blocks. Problems carry file, line and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import yaml
from babel.numbers import get_currency_name

from ..core.problems import Problem
from ..core.slugs import is_slug, slugify
from ..core.yamlsource import Document, locations, parse_yaml, split_front_matter
from . import ocop, places
from .model import Certificate, Contact, Dates, Entry, Experience, Export, Image, Link, Page, Place, Price, Producer, Product, Stop
from .segments import segment
from .specs import (
    INVALID,
    MARKER,
    UNFINISHED,
    Bool,
    Choice,
    Date,
    Field,
    Geo,
    Int,
    ListOf,
    Record,
    Ref,
    Str,
    TextSpec,
    Url,
)

UNIT_CODE = r"[a-z][a-z0-9_]*"
NAME_LENGTH = 300  # official names of cooperatives and products run past 160 characters
SAFE_PATH = r"(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_][A-Za-z0-9._/-]*"


def _check_price(price: Price, node, doc: Document, name: str, problems: list[Problem]) -> None:
    if price.max < price.min:
        problems.append(doc.where(node).problem(f"{name}.max", f"must not be below min ({price.min})"))
    if get_currency_name(price.currency, locale="en") == price.currency:
        problems.append(doc.where(node).problem(f"{name}.currency", f"{price.currency!r} is not a known currency"))


def _certificate(number: str, issuer, issued: dt.date, expires: dt.date | None = None) -> Certificate:
    if expires is None:  # valid 36 months from the decision date
        months = issued.month - 1 + ocop.CERTIFICATE_MONTHS
        year, month = issued.year + months // 12, months % 12 + 1
        expires = issued.replace(year=year, month=month, day=min(issued.day, 28)) - dt.timedelta(days=1)
    return Certificate(number, issuer, issued, expires)


def _check_certificate(certificate: Certificate, node, doc: Document, name: str, problems: list[Problem]) -> None:
    if certificate.expires <= certificate.issued:
        problems.append(doc.where(node).problem(f"{name}.expires", f"must be after issued ({certificate.issued})"))


class PlaceRecord(Record):
    """A place whose names may arrive with their unit's word ("Phường Lâm Viên"): the word is
    taken as the unit's type, so that it is never written twice, with a warning that says
    which fields to write."""

    def convert(self, node, doc, name, problems):
        place = super().convert(node, doc, name, problems)
        if place is INVALID:
            return place
        given = {str(key.value): value for key, value in node.value}
        changes: dict[str, str] = {}
        for key, types, type_key in PLACE_NAMES:
            code, bare = places.split_type(getattr(place, key), types)
            if not code:
                continue
            changes[key] = bare
            advice = f"{key}: {bare}"
            if type_key:
                changes[type_key] = given[type_key].value if type_key in given else code
                advice += f" with {type_key}: {code}"
            message = f"{getattr(place, key)!r} already names its unit: write {advice}"
            problems.append(doc.where(given[key]).problem(f"{name}.{key}", message, "warning"))
        return replace(place, **changes)


PLACE_NAMES = (
    ("commune", places.COMMUNE_TYPES, "commune_type"),
    ("former_district", places.DISTRICT_TYPES, "former_district_type"),
    ("province", places.PROVINCES, ""),
    ("former_province", places.PROVINCES, ""),
)
PLACE = PlaceRecord(
    fields={
        "commune": Field(Str(max_length=NAME_LENGTH), doc="the commune-level unit (after the 2025 reform), its name alone"),
        "commune_type": Field(Choice(choices=tuple(places.COMMUNE_TYPES)), doc="xa (commune, the default), phuong (ward), dac_khu"),
        "former_district": Field(Str(max_length=NAME_LENGTH), doc="the former district-level unit, kept for recognition"),
        "former_district_type": Field(
            Choice(choices=tuple(places.DISTRICT_TYPES)), doc="huyen (district, the default), thi_xa (town), thanh_pho (city), quan"
        ),
        "province": Field(Str(max_length=NAME_LENGTH), doc="the current province"),
        "former_province": Field(Str(max_length=NAME_LENGTH), doc="the province before the 2025 mergers, where it differs"),
        "geo": Field(Geo(), doc="[latitude, longitude]"),
    },
    build=Place,
)
IMAGE = Record(
    fields={
        "src": Field(Str(pattern=SAFE_PATH, description="a file name under content/images/"), required=True),
        "alt": Field(TextSpec(max_length=300), required=True, doc="what the image shows, for people who cannot see it"),
    },
    build=Image,
)
LINK = Record(fields={"name": Field(TextSpec(max_length=120), required=True), "url": Field(Url(), required=True)}, build=Link)
MONTHS = ListOf(item=Int(1, 12, description="a month number"), unique=True)
EXPORT = Record(
    fields={
        "markets": Field(ListOf(item=TextSpec(max_length=80)), doc="countries or regions it is sold to"),
        "standards": Field(ListOf(item=Str(max_length=40), unique=True), doc="VietGAP, GlobalGAP, HACCP..."),
        "geographic_indication": Field(TextSpec(max_length=200), doc="its protected geographical indication"),
    },
    build=Export,
)
STOP = Record(
    fields={
        "name": Field(TextSpec(max_length=NAME_LENGTH), required=True),
        "geo": Field(Geo()),
        "note": Field(TextSpec(max_length=400)),
        "product": Field(Ref(section="products")),
        "producer": Field(Ref(section="producers")),
        "experience": Field(Ref(section="experiences")),
    },
    build=Stop,
)


def _check_dates(dates: Dates, node, doc: Document, name: str, problems: list[Problem]) -> None:
    if dates.end < dates.start:
        problems.append(doc.where(node).problem(f"{name}.end", f"must not be before start ({dates.start})"))


DATES = Record(fields={"start": Field(Date(), required=True), "end": Field(Date(), required=True)}, build=Dates, check=_check_dates)

PRICE = Record(
    fields={
        "min": Field(Int(0, 10**12), required=True),
        "max": Field(Int(0, 10**12), required=True),
        "currency": Field(Str(pattern=r"[A-Z]{3}", description="an ISO 4217 currency code"), required=True),
        "unit": Field(
            Str(pattern=UNIT_CODE, description="a unit: " + " ".join(ocop.UNITS) + ", or one of site.yaml's units"),
            required=True,
        ),
    },
    build=Price,
    check=_check_price,
)
CERTIFICATE = Record(
    fields={
        "number": Field(Str(max_length=80), required=True),
        "issuer": Field(TextSpec(max_length=200), required=True),
        "issued": Field(Date(), required=True),
        "expires": Field(Date(), doc="default: 36 months after issued"),
    },
    build=_certificate,
    check=_check_certificate,
)
CONTACT = Record(
    fields={
        "phone": Field(Str(pattern=r"\+?[0-9 ().-]{6,25}", description="a phone number")),
        "email": Field(Str(pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+", description="an e-mail address")),
        "website": Field(Url()),
        "zalo": Field(Str(pattern=r"\+?[0-9 ().-]{6,25}", description="a Zalo phone number")),
        "placeholder": Field(Bool(), doc="true when the details are examples, not real"),
    },
    build=Contact,
)

SPECS: dict[str, tuple[type[Entry], Record]] = {
    "products": (
        Product,
        Record(
            fields={
                "name": Field(TextSpec(max_length=NAME_LENGTH), required=True),
                "summary": Field(TextSpec(max_length=400), doc="one sentence"),
                "stars": Field(Int(3, 5, description="3, 4 or 5 (OCOP stars)"), required=True, doc="3, 4 or 5, from the OCOP certificate"),
                "category": Field(Choice(choices=ocop.GROUP_SLUGS, aliases=ocop.GROUPS_2018), required=True),
                "producer": Field(Ref(section="producers"), required=True, doc="the file name (slug) of a producer in content/producers/"),
                "featured": Field(Bool()),
                "tags": Field(ListOf(item=TextSpec(max_length=60), unique=True), doc="translated; each tag has its page"),
                "origin": Field(PLACE),
                "season": Field(MONTHS, doc="months when it is available"),
                "price": Field(PRICE),
                "certificate": Field(CERTIFICATE),
                "images": Field(ListOf(item=IMAGE)),
                "experiences": Field(ListOf(item=Ref(section="experiences"), unique=True)),
                "shops": Field(ListOf(item=LINK), doc="e-commerce links"),
                "export": Field(EXPORT, doc="markets, standards, geographical indication"),
                "listed": Field(Date(), doc="when it joined the catalogue"),
            }
        ),
    ),
    "producers": (
        Producer,
        Record(
            fields={
                "name": Field(TextSpec(max_length=NAME_LENGTH), required=True),
                "kind": Field(Choice(choices=tuple(ocop.PRODUCER_KINDS)), required=True),
                "representative": Field(Str(max_length=120)),
                "address": Field(PLACE),
                "contact": Field(CONTACT),
                "shops": Field(ListOf(item=LINK)),
            }
        ),
    ),
    "experiences": (
        Experience,
        Record(
            fields={
                "name": Field(TextSpec(max_length=NAME_LENGTH), required=True),
                "summary": Field(TextSpec(max_length=400)),
                "kind": Field(Choice(choices=tuple(ocop.EXPERIENCE_KINDS)), required=True),
                "season": Field(MONTHS),
                "location": Field(PLACE),
                "producer": Field(Ref(section="producers")),
                "images": Field(ListOf(item=IMAGE)),
                "dates": Field(DATES, doc="a festival's days"),
                "stops": Field(ListOf(item=STOP), doc="an itinerary's stops, in order"),
            }
        ),
    ),
    "pages": (
        Page,
        Record(fields={"title": Field(TextSpec(max_length=160), required=True), "summary": Field(TextSpec(max_length=400))}),
    ),
}
for _, _record in SPECS.values():
    _record.fields["draft"] = Field(Bool(), doc="true: shown by `serve`, left out of `build`")


def _is_draft(document: Document) -> bool:
    root = document.root
    return isinstance(root, yaml.MappingNode) and any(
        key.value == "draft" and isinstance(value, yaml.ScalarNode) and document.scalar(value) is True for key, value in root.value
    )


def _unfinished_if_draft(document: Document, problems: list[Problem]) -> list[Problem]:
    """A draft whose only problems are `new`'s markers is unfinished work, not a broken site:
    ``check`` and ``serve`` report it, ``build`` leaves it out like any draft."""
    errors = [problem for problem in problems if problem.severity == "error"]
    if _is_draft(document) and errors and all(f"still {MARKER} " in problem.message for problem in errors):
        return [replace(problem, severity=UNFINISHED) for problem in problems]
    return problems


def read_entry(section: str, slug: str, path: str, text: str) -> tuple[Entry | None, list[Problem]]:
    """One entry from its text; ``path`` is relative to the site root, for messages."""
    cls, spec = SPECS[section]
    front, body, body_line, problems = split_front_matter(text, path)
    if problems:
        return None, problems
    if not is_slug(slug):
        hint = f" (rename it to '{slugify(slug)}.md')" if slugify(slug) else ""
        problems.append(Problem(path, None, None, "", f"the file name must be a slug: lower-case ASCII letters, digits and hyphens{hint}"))
    document, found = parse_yaml(front, path, line_offset=1)
    problems += found
    if document is None or problems:
        return None, problems
    if document.root is None:
        return None, [Problem(path, 2, None, "", "the front matter is empty")]
    values: Any = spec.convert(document.root, document, "", problems)
    if values is INVALID or any(problem.severity == "error" for problem in problems):
        return None, _unfinished_if_draft(document, problems)
    blocks = segment(body, path, body_line, doc=slug)
    entry = cls(section=section, slug=slug, source=document.where(document.root), body=blocks, **values)
    return replace(entry, places=locations(document)), problems  # warnings only
