"""QR codes for product stamps, as SVG (segno): they open the permanent short address
/p/<slug>/, which sends the reader to the product in their own language."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno

from ..core.files import atomic_write


def qr_svg(url: str, title: str, cache: Path | None = None) -> bytes:
    """An SVG QR code for ``url`` with medium error correction (survives a scuffed label).

    Codes are kept in ``cache`` by content: choosing the most readable mask takes a few
    milliseconds a code, which adds up over thousands of products.
    """
    key = hashlib.sha256(f"{url}\n{title}".encode()).hexdigest()[:20]
    cached = cache / f"{key}.svg" if cache else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, xmldecl=False, title=title, unit="px", dark="#000", light="#fff")
    if cached is not None:
        atomic_write(cached, out.getvalue())
    return out.getvalue()
