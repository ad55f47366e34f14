"""Intrinsic image sizes, so pages reserve their space (no layout shift while loading)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SVG_SIZE = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["\']')


@lru_cache(maxsize=10_000)
def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height in CSS pixels, read from an SVG's viewBox; None when unknown."""
    if path.suffix.lower() != ".svg":
        return None
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return None
    match = SVG_SIZE.search(head)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else None
