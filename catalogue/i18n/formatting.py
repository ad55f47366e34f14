"""Numbers, money, months and dates, formatted for each locale by Babel (CLDR)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, get_currency_precision

from ..content.config import Rate
from ..content.model import Price


def money(amount: float, currency: str, locale: Locale) -> str:
    return format_currency(amount, currency, locale=locale)


def approximate(amount_vnd: float, rate: Rate, locale: Locale) -> str:
    """A VND amount in another currency; from 100 units up, whole units (it is approximate)."""
    value = amount_vnd / rate.vnd
    if value < 100 and get_currency_precision(rate.currency) > 0:
        return format_currency(value, rate.currency, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return format_currency(round(value), rate.currency, format=pattern, locale=locale, currency_digits=False)


@dataclass(frozen=True)
class PriceText:
    """A price range in its own currency and, when available, approximately in another."""

    amount: str  # "30.000 ₫ – 60.000 ₫"
    approximate: str = ""  # "≈ US$1.14 – US$2.28"
    rate_date: str = ""  # when the exchange rate was taken, formatted


def range_text(low: str, high: str) -> str:
    return low if low == high else f"{low} – {high}"


def price_text(price: Price, locale: Locale, rate: Rate | None) -> PriceText:
    amount = range_text(money(price.min, price.currency, locale), money(price.max, price.currency, locale))
    if rate is None or price.currency != "VND" or rate.currency == price.currency:
        return PriceText(amount)
    approx = range_text(approximate(price.min, rate, locale), approximate(price.max, rate, locale))
    return PriceText(amount, approx, date(rate.date, locale))


def date(value: dt.date, locale: Locale) -> str:
    return format_date(value, format="long", locale=locale)


def month_names(locale: Locale) -> dict[int, str]:
    """Stand-alone month names (as in a calendar heading), 1..12."""
    return dict(get_month_names("wide", context="stand-alone", locale=locale))


def months(season: tuple[int, ...], locale: Locale) -> list[str]:
    names = month_names(locale)
    return [names[month] for month in sorted(season)]
