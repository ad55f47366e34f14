"""Responsive images: each photo is resized once into a few widths, as WebP and as a
fallback format, cached by content hash under ``.cache/images`` and reused by every later
build; and cropped to a wide banner (16:9, WebP) for phones, where a hero shows a strip of it
(art direction). Metadata (camera, GPS position) is dropped. SVG illustrations are rewritten from an
allow-list (``svg.py``). Nothing is published byte for byte: a photo is decoded within
limits (file size, pixels: no decompression bomb) and encoded again, and a file that cannot
be decoded is a problem named by its path, never a crash.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageOps

from ..core.files import atomic_write
from ..core.problems import CatalogueError, Problem, relative
from .svg import SvgProblem, sanitised_svg

WIDTHS = (480, 960, 1600)
BANNER_WIDTHS = (480, 960)  # the phone crop: a 360-420 px wide screen at 1x and 2x
BANNER_RATIO = 9 / 16
RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
EXTENSIONS = (*RASTER, ".svg")  # nothing else is published under images/
CACHE = ".cache/images"
MAX_PHOTO_BYTES = 40_000_000
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; below Pillow's own bomb warning (89 million)


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
    single: Path | None = None  # the bytes of ``src`` when it is published as one file (a rewritten SVG)
    banner: tuple[Variant, ...] = ()  # the 16:9 crop for phones, as WebP


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
    """The renditions of a site's images, made on first use and cached across builds. ``made``:
    renditions made by earlier readings of the site (``serve``, until an image file changes)."""

    def __init__(self, root: Path, folder: str, made: dict[str, Rendition] | None = None):
        self.folder = root / folder
        self.cache = root / CACHE
        self._renditions: dict[str, Rendition] = {}  # those this reading uses: the files it publishes
        self._made = {} if made is None else made

    def rendition(self, src: str) -> Rendition:
        if src not in self._renditions:
            if src not in self._made:
                self._made[src] = self._make(src)
            self._renditions[src] = self._made[src]
        return self._renditions[src]

    def problems(self, sources: Iterable[str]) -> list[Problem]:
        """Make the rendition of every image (found in the cache when unchanged); what cannot be
        made is a problem with the image's path (and the line, in an SVG)."""
        found = []
        for src in sources:
            try:
                self.rendition(src)
            except CatalogueError as error:
                found += error.problems
        return found

    def files(self) -> dict[str, Path]:
        """Every file to publish under images/, with where its bytes are."""
        out: dict[str, Path] = {}
        for src, rendition in sorted(self._renditions.items()):
            if rendition.single is not None:
                out[src] = rendition.single
            for variant in (*rendition.webp, *rendition.fallback, *rendition.banner):
                out[variant.name] = variant.cache
        return out

    def _make(self, src: str) -> Rendition:
        path = self.folder / src
        name = relative(path, self.folder.parents[1])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CatalogueError([Problem(name, None, None, "", f"cannot be read: {error.strerror}")]) from None
        key = hashlib.sha256(data).hexdigest()[:16]
        fmt = RASTER.get(path.suffix.lower())
        if fmt is None:
            return self._svg(src, name, data, key)
        image = _decoded(data, name)
        fallback_format = "PNG" if fmt == "PNG" or image.mode in ("RGBA", "LA", "P") else "JPEG"
        widths = sorted({min(width, image.width) for width in WIDTHS})
        stem = src.replace(".", "-")  # "x.png" and "x.jpg" are two photos: x-png-480.webp, x-jpg-480.webp
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
        return Rendition(middle.name, largest.width, largest.height, tuple(webp), tuple(fallback), banner=self._banner(image, key, stem))

    def _svg(self, src: str, name: str, data: bytes, key: str) -> Rendition:
        try:
            safe = sanitised_svg(data)
        except SvgProblem as problem:
            raise CatalogueError([Problem(name, problem.line, None, "", problem.message)]) from None
        cache = self.cache / f"{key}.svg"
        atomic_write(cache, safe.data)
        return Rendition(src, *(safe.size or (None, None)), single=cache)

    def _banner(self, image: PillowImage.Image, key: str, stem: str) -> tuple[Variant, ...]:
        """The photo cropped to 16:9 around its centre, for a phone's hero (nothing for a small
        photo, or one already as wide)."""
        if image.width < BANNER_WIDTHS[0] or image.height <= image.width * BANNER_RATIO + 1:
            return ()
        variants = []
        for width in sorted({min(width, image.width) for width in BANNER_WIDTHS}):
            height = round(width * BANNER_RATIO)
            cache = self.cache / f"{key}-banner-{width}.webp"
            if not cache.exists():
                atomic_write(cache, _encode(ImageOps.fit(image, (width, height), PillowImage.Resampling.LANCZOS), "WEBP"))
            variants.append(Variant(f"{stem}-banner-{width}.webp", cache, width, height))
        return tuple(variants)


def _decoded(data: bytes, name: str) -> PillowImage.Image:
    """A photo decoded within limits, turned upright; any failure of the decoder (empty,
    truncated, not an image, too many pixels) is a problem of the file."""

    def fail(message: str) -> CatalogueError:
        return CatalogueError([Problem(name, None, None, "", message)])

    if not data:
        raise fail("is empty (0 bytes), not an image")
    if len(data) > MAX_PHOTO_BYTES:
        raise fail(f"is too large ({len(data):,} bytes, at most {MAX_PHOTO_BYTES:,})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(io.BytesIO(data)) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise fail(f"has too many pixels ({opened.width} × {opened.height}, at most {MAX_PIXELS:,} in all)")
                image = ImageOps.exif_transpose(opened)
                image.load()
    except CatalogueError:
        raise
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise fail(f"has too many pixels (over 89 million, at most {MAX_PIXELS:,}): refused as a possible decompression bomb") from None
    except PillowImage.UnidentifiedImageError:
        raise fail("is not a JPEG, PNG or WebP image: its bytes are not a picture Pillow knows") from None
    except Exception as error:  # Pillow's decoders raise many kinds (OSError, SyntaxError, ValueError...)
        raise fail(f"cannot be decoded as an image: {error}") from None
    return image
