"""The schema.org vocabulary for JSON-LD (and Open Graph's locale names): plain values in, plain data out.

OCOP stars are a certification, not reviews: a product carries ``hasCertification`` with a
``Certification`` and never ``aggregateRating``. JSON-LD is escaped so that no text can close
its script element.
"""

from __future__ import annotations

import json
from typing import Any

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

Data = dict[str, Any]
CONTEXT = "https://schema.org"
UNIT_CODES = {
    "kg": "KGM",
    "g": "GRM",
    "litre": "LTR",
    "piece": "H87",
    "bottle": "XBO",
    "box": "XBX",
    "pack": "XPK",
    "jar": "XJR",
    "bag": "XBG",
}


def script(data: Data | list[Data]) -> Markup:
    """A JSON-LD script element; <, > and & are escaped so text cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def og_locale(locale: Locale) -> str:
    """Open Graph's ll_CC form: vi -> vi_VN, zh-Hans -> zh_CN, zh-Hant -> zh_TW."""
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.script}" if locale.script else "", locale.language):
        found = likely.get(key) if key else None
        if found:
            return f"{locale.language}_{found.split('_')[-1]}"
    return {"zh_Hans": "zh_CN"}.get(f"{locale.language}_{locale.script}", locale.language)


def organization(name: str, url: str) -> Data:
    return {"@type": "Organization", "name": name, "url": url}


def certification(stars: int, number: str, issuer: str, issued: str, expires: str, active: bool) -> Data:
    return {
        "@type": "Certification",
        "name": f"OCOP {stars}★",
        "certificationIdentification": number,
        "issuedBy": {"@type": "Organization", "name": issuer},
        "certificationRating": {"@type": "Rating", "ratingValue": stars, "bestRating": 5, "worstRating": 3},
        "validFrom": issued,
        "expires": expires,
        "certificationStatus": "CertificationActive" if active else "CertificationInactive",
    }


def offer(low: int, high: int, currency: str, unit: str, url: str) -> Data:
    data: Data = {"@type": "AggregateOffer", "priceCurrency": currency, "lowPrice": low, "highPrice": high, "offerCount": 1, "url": url}
    data["eligibleQuantity"] = {"@type": "QuantitativeValue", "value": 1, "unitText": unit}
    if unit in UNIT_CODES:
        data["eligibleQuantity"]["unitCode"] = UNIT_CODES[unit]
    return data


def place(name: str, geo: tuple[float, float] | None, address: str) -> Data:
    data: Data = {"@type": "Place", "name": name, "address": address}
    if geo:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": geo[0], "longitude": geo[1]}
    return data


def breadcrumbs(items: list[tuple[str, str]]) -> Data:
    """BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(items, start=1)
        ],
    }


def website(name: str, url: str, lang: str, search_url: str) -> Data:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": lang,
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{search_url}?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }
