"""A small site of its own for the translation lifecycle tests (another province, three
languages, nothing shared with the sample): English publishes machine drafts, French does not
and falls back to English."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from catalogue.i18n.pofiles import catalog_path

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
TODAY = NOW.date()

SITE = """\
title: {vi: Đặc sản Lào Cai, en: Lao Cai specialities}
base_url: https://lc.example.net/
source_language: vi
languages:
  vi: {name: Tiếng Việt}
  en: {name: English, currency: USD, publish: drafts}
  fr: {name: Français, currency: EUR, fallback: [en]}
exchange_rates:
  USD: {vnd: 25000, date: 2026-01-15}
  EUR: {vnd: 27500, date: 2026-01-15}
"""
PRODUCER = """\
---
name: Hợp tác xã Bản Phố
kind: cooperative
---
Hợp tác xã ở Bắc Hà.
"""
TEA = """\
---
name: Trà Shan tuyết
stars: 4
category: beverages
producer: htx-ban-pho
---
Trà từ cây cổ thụ trên núi cao.

Giá 120.000 đồng một hộp, xem [bảng giá](https://lc.example.net/gia).
"""
PLUM = """\
---
name: Mận Bắc Hà
stars: 3
category: food
producer: htx-ban-pho
---
Mận chín vào tháng 6.

Quả giòn, vị chua ngọt.
"""
FILES = {
    "content/site.yaml": SITE,
    "content/producers/htx-ban-pho.md": PRODUCER,
    "content/products/tra-shan-tuyet.md": TEA,
    "content/products/man-bac-ha.md": PLUM,
}
REVIEWED = {  # French and English translations a translator wrote
    "fr": {"Trà từ cây cổ thụ trên núi cao.": "Thé d'arbres centenaires de haute montagne.", "Mận Bắc Hà": "Prunes de Bắc Hà"},
    "en": {
        "Trà từ cây cổ thụ trên núi cao.": "Tea from ancient trees high in the mountains.",
        "Quả giòn, vị chua ngọt.": "Crisp, sweet and sour.",
    },
}


def write_site(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def catalog(root: Path, lang: str, domain: str = "content") -> Catalog:
    return read_po(io.BytesIO(catalog_path(root, lang, domain).read_bytes()), locale=lang)


def review(root: Path, translations: dict[str, dict[str, str]] = REVIEWED) -> None:
    """Write translations as a translator's tool would (not through the engine's writer)."""
    for lang, texts in translations.items():
        path = catalog_path(root, lang, "content")
        text = path.read_text(encoding="utf-8")
        for source, target in texts.items():
            text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{target}"')
        path.write_text(text, encoding="utf-8")
