"""Money, months and dates per locale, from CLDR through Babel."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale

from catalogue.content.config import Rate
from catalogue.content.model import Price
from catalogue.i18n.formatting import approximate, date, months, price_text

RATE_DAY = dt.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("locale", "currency", "vnd", "expected"),
    [
        ("en", "USD", 26300, "$1.14"),
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
    [("vi", ["Tháng 6", "Tháng 7"]), ("fr", ["juin", "juillet"]), ("zh_Hans", ["六月", "七月"]), ("ko", ["6월", "7월"])],
)
def test_month_names(locale, expected):
    assert months((7, 6), Locale.parse(locale)) == expected


def test_long_dates():
    assert date(dt.date(2025, 10, 20), Locale.parse("vi")) == "20 tháng 10, 2025"
    assert date(dt.date(2025, 10, 20), Locale.parse("zh_Hant")) == "2025年10月20日"
