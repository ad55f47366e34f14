"""catalogue.json and catalogue.csv per language: every product with its facts, its texts
in that language (with the language each text is really in) and its addresses.

The JSON is the complete record; the CSV flattens it to one row per product for
spreadsheets. Both are documented in the README ("Exports").
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..content import ocop
from ..content.model import Product
from ..i18n.localise import Localised
from .views import Views

SCHEMA_VERSION = 1
CSV_COLUMNS = (
    "slug", "url", "short_url", "qr", "name", "summary", "stars", "group", "group_name", "producer", "producer_name",
    "producer_url", "commune", "former_district", "province", "latitude", "longitude", "season", "price_min", "price_max",
    "currency", "unit", "certificate_number", "certificate_issuer", "certificate_issued", "certificate_expires",
    "certificate_status", "image", "image_alt", "export_markets", "export_standards", "geographic_indication",
    "commune_type", "former_district_type", "former_province", "tags",
)  # fmt: skip


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula (OWASP)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading quote,
    as OWASP recommends against CSV injection (a name "=HYPERLINK(…)" stays a name). Plain
    numbers (a negative latitude) are left as they are."""
    return "'" + cell if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell) else cell


def _texts(value: Localised | None) -> dict[str, str] | None:
    return {"text": value.text, "lang": value.lang} if value else None


def product_record(views: Views, product: Product) -> dict[str, Any]:
    localise, urls = views.localise, views.urls
    card = views.product_card(product)
    producer = views.index.producers.get(product.producer)
    certificate = views.certificate(product.certificate)
    record: dict[str, Any] = {
        "slug": product.slug,
        "url": urls.absolute(card.url),
        "short_url": urls.absolute(urls.short(product.slug)),
        "qr": urls.absolute(urls.qr(product.slug)),
        "name": _texts(card.name),
        "summary": _texts(card.summary),
        "description": [_texts(localise(block.text)) for block in product.body if block.text],
        "stars": product.stars,
        "group": product.category,
        "group_name": views._(ocop.GROUPS_BY_SLUG[product.category].name),
        "producer": {
            "slug": product.producer,
            "name": _texts(localise(producer.name)) if producer else None,
            "url": urls.absolute(views.url("producer", product.producer)),
        },
        "origin": {
            "commune": product.origin.commune or None,
            "former_district": product.origin.former_district or None,
            "province": product.origin.province or None,
            "geo": list(product.origin.geo) if product.origin.geo else None,
            "commune_type": product.origin.commune_type if product.origin.commune else None,
            "former_district_type": product.origin.former_district_type if product.origin.former_district else None,
            "former_province": product.origin.former_province or None,
        },
        "season": list(product.season),
        "price": {"min": product.price.min, "max": product.price.max, "currency": product.price.currency, "unit": product.price.unit}
        if product.price
        else None,
        "certificate": None,
        "images": [{"url": urls.absolute(image.url), "alt": _texts(image.alt)} for image in map(views.image, product.images)],
        "experiences": [{"slug": slug, "url": urls.absolute(views.url("experience", slug))} for slug in product.experiences],
        "shops": [{"name": _texts(link.label), "url": link.url} for link in views.links(product.shops)],
        "export": None,
        "tags": [_texts(localise(tag)) for tag in product.tags],
    }
    if product.certificate and certificate:
        c = product.certificate
        record["certificate"] = {
            "number": c.number,
            "issuer": _texts(certificate.issuer),
            "issued": c.issued.isoformat(),
            "expires": c.expires.isoformat(),
            "status": certificate.status,
        }
    if product.export:
        e = product.export
        record["export"] = {
            "markets": [_texts(localise(market)) for market in e.markets],
            "standards": list(e.standards),
            "geographic_indication": _texts(localise.optional(e.geographic_indication)),
        }
    return record


def product_records(views: Views) -> list[dict[str, Any]]:
    """Every product's record in the views' language, made once for both exports."""
    products = views.index.catalogue.products
    return views.once("records", products, lambda: [product_record(views, product) for product in products])


def export_json(views: Views) -> bytes:
    data = {
        "schema": SCHEMA_VERSION,
        "language": views.language.code,
        "date": views.today.isoformat(),
        "products": product_records(views),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def csv_row(record: dict[str, Any]) -> list[str]:
    origin, price, certificate, export = record["origin"], record["price"] or {}, record["certificate"] or {}, record["export"] or {}
    image = record["images"][0] if record["images"] else {}
    geo = origin["geo"] or ["", ""]
    values = {
        "slug": record["slug"], "url": record["url"], "short_url": record["short_url"], "qr": record["qr"],
        "name": (record["name"] or {}).get("text"), "summary": (record["summary"] or {}).get("text"),
        "stars": record["stars"], "group": record["group"], "group_name": record["group_name"],
        "producer": record["producer"]["slug"], "producer_name": (record["producer"]["name"] or {}).get("text"),
        "producer_url": record["producer"]["url"], "commune": origin["commune"], "former_district": origin["former_district"],
        "province": origin["province"], "latitude": geo[0], "longitude": geo[1], "season": " ".join(map(str, record["season"])),
        "price_min": price.get("min"), "price_max": price.get("max"), "currency": price.get("currency"), "unit": price.get("unit"),
        "certificate_number": certificate.get("number"), "certificate_issuer": (certificate.get("issuer") or {}).get("text"),
        "certificate_issued": certificate.get("issued"), "certificate_expires": certificate.get("expires"),
        "certificate_status": certificate.get("status"), "image": image.get("url"), "image_alt": (image.get("alt") or {}).get("text"),
        "export_markets": "; ".join(m["text"] for m in export.get("markets", [])),
        "export_standards": "; ".join(export.get("standards", [])),
        "geographic_indication": (export.get("geographic_indication") or {}).get("text"),
        "commune_type": origin["commune_type"], "former_district_type": origin["former_district_type"],
        "former_province": origin["former_province"], "tags": "; ".join(tag["text"] for tag in record["tags"]),
    }  # fmt: skip
    return ["" if values[column] is None else neutralised(str(values[column])) for column in CSV_COLUMNS]


def export_csv(views: Views) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in product_records(views):
        writer.writerow(csv_row(record))
    return ("\ufeff" + out.getvalue()).encode()  # the byte-order mark lets spreadsheets read UTF-8
