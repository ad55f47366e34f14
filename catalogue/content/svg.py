"""The size of an SVG illustration from its viewBox, so pages reserve its space (no layout shift)."""

from __future__ import annotations

import re
from pathlib import Path

SVG_SIZE = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["\']')


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
