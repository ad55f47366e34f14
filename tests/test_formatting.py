"""Money, months and dates per locale, from CLDR through Babel."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale

from catalogue.content.config import Rate
from catalogue.content.model import Price
from catalogue.i18n.formatting import approximate, date, join, money, month_names, price_text, season, season_runs

RATE_DAY = dt.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("locale", "currency", "vnd", "expected"),
    [
        ("en", "USD", 26300, "US$1.14"),  # never a bare "$"
        ("fr", "EUR", 30400, "0,99\xa0€"),
        ("zh_Hans", "CNY", 3690, "¥8.13"),
        ("ko", "KRW", 18.4, "₩1,630"),  # from 100 units up: whole units
        ("ja", "JPY", 172, "￥174"),
    ],
)
def test_approximate_amounts(locale, currency, vnd, expected):
    assert approximate(30000, Rate(currency, vnd, RATE_DAY), Locale.parse(locale)) == expected


def test_vnd_ranges_per_locale():
    price = Price(30000, 60000, "VND", "kg")
    assert price_text(price, Locale.parse("vi"), None).amount == "30.000\xa0₫ – 60.000\xa0₫"
    assert price_text(price, Locale.parse("en"), None).amount == "₫30,000 – ₫60,000"
    single = price_text(Price(50000, 50000, "VND", "kg"), Locale.parse("en"), None)
    assert single.amount == "₫50,000" and single.approximate == ""


def test_rate_date_travels_with_the_conversion():
    text = price_text(Price(30000, 60000, "VND", "kg"), Locale.parse("ja"), Rate("JPY", 172, RATE_DAY))
    assert (text.approximate, text.rate_date) == ("￥174 – ￥349", "2026年11月2日")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("vi", ["Tháng 6", "Tháng 7"]),
        ("fr", ["juin", "juillet"]),
        ("zh_Hans", ["6月", "7月"]),
        ("zh_Hant", ["6月", "7月"]),
        ("ko", ["6월", "7월"]),
    ],
)
def test_month_names(locale, expected):
    """Simplified and Traditional Chinese write months alike (CLDR's wide zh_Hans names are 六月)."""
    names = month_names(Locale.parse(locale))
    assert [names[6], names[7]] == expected


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [("en", "USD", "US$12.00"), ("zh_Hant", "TWD", "NT$12.00"), ("ja", "USD", "US$12.00"), ("en", "EUR", "€12.00"), ("ja", "JPY", "￥12")],
)
def test_dollars_are_never_bare(locale, currency, expected):
    assert money(12, currency, Locale.parse(locale)) == expected


def test_season_runs_wrap_the_year():
    assert season_runs((10, 11, 12, 1)) == [(10, 1)]
    assert season_runs((1, 2, 12)) == [(12, 2)]
    assert season_runs((5, 6, 7, 9)) == [(5, 7), (9, 9)]
    assert season_runs((6,)) == [(6, 6)]


@pytest.mark.parametrize(
    ("locale", "months", "expected"),
    [
        ("en", (10, 11, 12, 1), "Oct\u2009–\u2009Jan"),  # CLDR's interval: thin spaces
        ("en", (5, 6, 7, 9), "May\u2009–\u2009Jul and Sep"),
        ("fr", (6, 7), "juin–juil."),
        ("ja", (5, 6, 7, 9), "5月～7月、9月"),
        ("zh_Hant", (6, 7), "6月至7月"),
        ("en", tuple(range(1, 13)), ""),  # all year: said in the site's own words
        ("en", (), ""),
    ],
)
def test_seasons_read_as_ranges(locale, months, expected):
    assert season(months, Locale.parse(locale)) == expected


def test_lists_are_joined_the_locale_way():
    assert join(["a", "b", "c"], Locale.parse("en")) == "a, b, and c"
    assert join(["甲", "乙", "丙"], Locale.parse("ja")) == "甲、乙、丙"
    assert join(["甲", "乙"], Locale.parse("zh_Hans")) == "甲和乙"


def test_long_dates():
    assert date(dt.date(2025, 10, 20), Locale.parse("vi")) == "20 tháng 10, 2025"
    assert date(dt.date(2025, 10, 20), Locale.parse("zh_Hant")) == "2025年10月20日"
