"""QR codes for product stamps, as SVG (segno): they open the permanent short address
/p/<slug>/, which sends the reader to the product in their own language."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, title: str) -> bytes:
    """An SVG QR code for ``url`` with medium error correction (survives a scuffed label)."""
    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, xmldecl=False, title=title, unit="px", dark="#000", light="#fff")
    return out.getvalue()
