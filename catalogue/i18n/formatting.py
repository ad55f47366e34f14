"""Numbers, money, months and dates, formatted for each locale by Babel (CLDR)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_interval, get_month_names
from babel.lists import format_list
from babel.numbers import format_currency, get_currency_precision, get_currency_symbol

from ..content.config import Rate
from ..content.model import Price

# CLDR writes several dollars as a bare "$" (US dollars in English, New Taiwan dollars in
# Traditional Chinese): on a site read from many countries each gets its own prefix.
DOLLARS = {"USD": "US$", "TWD": "NT$", "HKD": "HK$", "SGD": "S$", "AUD": "A$", "CAD": "CA$", "NZD": "NZ$"}


def _pattern(currency: str, locale: Locale, whole: bool = False) -> str:
    """The locale's currency pattern, with an unambiguous symbol where CLDR's is a bare "$"."""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    if whole:
        pattern = pattern.replace(".00", "")
    if get_currency_symbol(currency, locale=locale) == "$":
        pattern = pattern.replace("¤", "'" + DOLLARS.get(currency, currency + "\xa0") + "'")
    return pattern


def money(amount: float, currency: str, locale: Locale) -> str:
    return format_currency(amount, currency, format=_pattern(currency, locale), locale=locale)


def approximate(amount_vnd: float, rate: Rate, locale: Locale) -> str:
    """A VND amount in another currency; from 100 units up, whole units (it is approximate)."""
    value = amount_vnd / rate.vnd
    if value < 100 and get_currency_precision(rate.currency) > 0:
        return money(value, rate.currency, locale)
    pattern = _pattern(rate.currency, locale, whole=True)
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
    """Stand-alone month names (as in a calendar heading), 1..12. Where CLDR has both words
    and numerals (Simplified Chinese 六月 and 6月) the numerals are used, so that zh-Hans and
    zh-Hant, and all of CJK, write months alike."""
    wide = dict(get_month_names("wide", context="stand-alone", locale=locale))
    short = dict(get_month_names("abbreviated", context="stand-alone", locale=locale))
    if not any(ch.isdigit() for ch in "".join(wide.values())) and all(any(ch.isdigit() for ch in name) for name in short.values()):
        return short
    return wide


def join(items: list[str] | tuple[str, ...], locale: Locale) -> str:
    """Items as the locale lists them ("a, b and c", "a、b和c")."""
    return format_list(list(items), locale=locale) if items else ""


def season_runs(season: tuple[int, ...]) -> list[tuple[int, int]]:
    """Months grouped into runs of consecutive months, a run may wrap the year:
    (10, 11, 12, 1) -> [(10, 1)]; (5, 6, 7, 9) -> [(5, 7), (9, 9)]."""
    months = sorted(set(season))
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][1] == month - 1:
            runs[-1][1] = month
        else:
            runs.append([month, month])
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][1] == 12:
        first = runs.pop(0)
        runs[-1][1] = first[1]
    return [(start, end) for start, end in runs]


def season(months: tuple[int, ...], locale: Locale) -> str:
    """A season as short ranges in the locale's words ("Oct – Jan", "5月～7月"); "" for no
    months or all twelve (the caller says "all year" in the site's own words)."""
    if not months or len(set(months)) == 12:
        return ""
    parts = []
    for start, end in season_runs(months):
        first = dt.date(2001, start, 1)
        if start == end:
            parts.append(format_date(first, "MMM", locale=locale))
        else:
            last = dt.date(2001 if end > start else 2002, end, 1)
            parts.append(format_interval(first, last, "MMM", locale=locale))
    return join(parts, locale)
