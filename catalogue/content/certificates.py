"""The province's supervision of certified products: which OCOP certificates have expired,
and which expire soon (within 90 days by default), so re-evaluation can be planned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.problems import Problem
from .model import Catalogue, Product

EXPIRY_WARNING_DAYS = 90


@dataclass(frozen=True)
class CertificateRow:
    product: Product
    producer: str  # the producer's name, in the source language
    days_left: int  # negative once expired

    @property
    def status(self) -> str:
        return "expired" if self.days_left < 0 else "expiring"


def certificate_rows(catalogue: Catalogue, today: dt.date, within_days: int = EXPIRY_WARNING_DAYS) -> list[CertificateRow]:
    producers = {p.slug: p.name.source for p in catalogue.producers}
    rows = []
    for product in catalogue.products:
        if product.certificate is None:
            continue
        days_left = (product.certificate.expires - today).days
        if days_left <= within_days:
            rows.append(CertificateRow(product, producers.get(product.producer, product.producer), days_left))
    return sorted(rows, key=lambda row: (row.days_left, row.product.slug))


def certificate_problems(rows: list[CertificateRow]) -> list[Problem]:
    problems = []
    for row in rows:
        certificate = row.product.certificate
        assert certificate is not None
        where = row.product.places.get("certificate.expires") or row.product.places.get("certificate") or row.product.source
        if row.days_left < 0:
            message = (
                f"OCOP certificate {certificate.number} expired on {certificate.expires.isoformat()}: the product awaits re-evaluation"
            )
        else:
            message = f"OCOP certificate {certificate.number} expires on {certificate.expires.isoformat()}, in {row.days_left} days"
        problems.append(Problem(where.path, where.line, where.column, "certificate", message, "warning"))
    return problems


def certificate_table(rows: list[CertificateRow]) -> str:
    header = ("product", "producer", "stars", "number", "expires", "status")
    lines = [
        (
            row.product.name.source,
            row.producer,
            "★" * row.product.stars,
            row.product.certificate.number,
            row.product.certificate.expires.isoformat(),
            row.status if row.days_left < 0 else f"in {row.days_left} days",
        )
        for row in rows
    ]  # type: ignore[union-attr]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=False)]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in [header, *lines]
    )
