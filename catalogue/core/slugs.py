"""Slugs: ASCII, lower-case, hyphenated, made from Vietnamese names.

``đ`` becomes ``d`` (common slugifiers write "dj"); other letters lose their diacritics by
Unicode decomposition. The result never contains a path separator.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Text without diacritics, keeping case: "Đồng Việt" -> "Dong Viet"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold_latin(text: str) -> str:
    """Diacritics off Latin letters only ("Đồng" -> "Dong"); kana and CJK stay whole, since
    stripping their marks changes the letter (で is not て)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        base = unicodedata.normalize("NFD", char)
        out.append(base[0] if base[0].isascii() and base[0].isalpha() and len(base) > 1 else char)
    return "".join(out).replace("đ", "d").replace("Đ", "D")


def slugify(text: str) -> str:
    """ "Mỳ Chũ Xuân Trường" -> "my-chu-xuan-truong"."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def any_slug(text: str) -> str:
    """A slug for a name in any script, never empty: the Vietnamese slug, else a transliteration
    ("Лао Кай" -> "lao-kay", "北江" -> "beijiang"), else a short code made from the name."""
    return slugify(text) or slugify(anyascii(text)) or "u" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
