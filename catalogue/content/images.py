"""Responsive images: each photo is resized once into a few widths, as WebP and as a
fallback format, cached by content hash under ``.cache/images`` and reused by every later
build. Metadata (camera, GPS position) is dropped. SVG illustrations are used as they are.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageOps

from ..core.files import atomic_write
from .svg import image_size

WIDTHS = (480, 960, 1600)
RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
CACHE = ".cache/images"


@dataclass(frozen=True)
class Variant:
    name: str  # path under the site's images/ folder
    cache: Path  # where the bytes are
    width: int
    height: int


@dataclass(frozen=True)
class Rendition:
    """How one image is served: the fallback file and the variants for srcset."""

    src: str  # under images/
    width: int | None
    height: int | None
    webp: tuple[Variant, ...] = ()
    fallback: tuple[Variant, ...] = ()


def _encode(image: PillowImage.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "WEBP":
        image.save(out, "WEBP", quality=80, method=4)
    elif fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


class ImageLibrary:
    """The renditions of a site's images, made on first use and cached across builds."""

    def __init__(self, root: Path, folder: str):
        self.folder = root / folder
        self.cache = root / CACHE
        self._renditions: dict[str, Rendition] = {}

    def rendition(self, src: str) -> Rendition:
        if src not in self._renditions:
            self._renditions[src] = self._make(src)
        return self._renditions[src]

    def files(self) -> dict[str, Path]:
        """Every file to publish under images/, with where its bytes are."""
        out: dict[str, Path] = {}
        for src, rendition in sorted(self._renditions.items()):
            if not rendition.fallback:
                out[src] = self.folder / src
            for variant in (*rendition.webp, *rendition.fallback):
                out[variant.name] = variant.cache
        return out

    def _make(self, src: str) -> Rendition:
        path = self.folder / src
        fmt = RASTER.get(path.suffix.lower())
        if fmt is None:
            size = image_size(path)
            return Rendition(src, *(size or (None, None)))
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()[:16]
        with PillowImage.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
        fallback_format = "PNG" if fmt == "PNG" or image.mode in ("RGBA", "LA", "P") else "JPEG"
        widths = sorted({min(width, image.width) for width in WIDTHS})
        stem = src.rsplit(".", 1)[0]
        webp, fallback = [], []
        for width in widths:
            height = round(image.height * width / image.width)
            for target, fmt_name, bucket in (
                ("webp", "WEBP", webp),
                (fallback_format.lower().replace("jpeg", "jpg"), fallback_format, fallback),
            ):
                cache = self.cache / f"{key}-{width}.{target}"
                if not cache.exists():
                    resized = image if width == image.width else image.resize((width, height), PillowImage.Resampling.LANCZOS)
                    atomic_write(cache, _encode(resized, fmt_name))
                bucket.append(Variant(f"{stem}-{width}.{target}", cache, width, height))
        largest = fallback[-1]
        middle = fallback[len(fallback) // 2]
        return Rendition(middle.name, largest.width, largest.height, tuple(webp), tuple(fallback))
