"""Social cards: the 1200 x 630 picture that Facebook, Zalo, LINE and X show when a page is
shared (they show no SVG). A product's card has its photograph, name, stars and province, in
the page's language; the home card has the site's title over its first featured photograph.

Fonts come from the system (fontconfig's best sans-serif for the language, so Chinese,
Japanese and Korean get CJK fonts); without fontconfig or fonts the card still comes out,
with Pillow's own font. Cards are cached by their inputs under ``.cache/cards``.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..core.files import cache_read, cache_write

SIZE = (1200, 630)
CACHE = ".cache/cards"
INK, PAPER, GOLD, RED, MUTED = (8, 61, 41), (255, 255, 255), (245, 190, 60), (163, 22, 27), (214, 230, 220)
GROUP_COLOURS = {
    "food": (243, 201, 168),
    "beverages": (207, 227, 193),
    "herbal": (191, 220, 200),
    "handicrafts": (230, 211, 177),
    "ornamental": (226, 198, 221),
    "tourism": (196, 214, 234),
}
# Characters a line may break between (CJK ideographs, kana, full-width forms); other text breaks at spaces.
BREAKABLE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
TOKENS = re.compile(rf"[{BREAKABLE}]|[^\s{BREAKABLE}]+|\s+")


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    title: str  # the product's name, or the site's title on the home card
    kicker: str  # the line above it: the site's title, or "OCOP"
    stars: int  # 0 on the home card
    place: str  # "Lục Ngạn · Bắc Ninh"
    photo: Path | None  # a raster photograph, or None for a plain panel
    colour: tuple[int, int, int]
    locale: Locale


def fontconfig_language(locale: Locale) -> str:
    """The language fontconfig knows: Chinese by script (zh-tw for Traditional, zh-cn else)."""
    if locale.language == "zh":
        return "zh-tw" if locale.script == "Hant" or locale.territory in ("TW", "HK", "MO") else "zh-cn"
    return locale.language


@cache
def font_file(language: str, bold: bool) -> tuple[str, int] | None:
    """The system's best sans-serif for ``language`` as (file, index in a collection), or None."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    pattern = f"sans-serif:{'bold' if bold else 'regular'}:lang={language}"
    try:
        result = subprocess.run([command, "-f", "%{file}|%{index}", pattern], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = result.stdout.strip().partition("|")
    return (path, int(index or 0)) if result.returncode == 0 and path and Path(path).is_file() else None


def font(locale: Locale, size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _loaded(font_file(fontconfig_language(locale), bold), size)


@cache
def _loaded(found: tuple[str, int] | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font at a size, loaded once (a CJK collection took ~0.3 ms a load, seven loads a card)."""
    if found is not None:
        try:
            return ImageFont.truetype(found[0], size, index=found[1])
        except OSError:
            pass
    return ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """Lines no wider than ``width``: breaks at spaces, and between CJK characters."""
    return list(_wrapped(text, face, width, draw.mode))


@cache
def _measuring(mode: str) -> ImageDraw.ImageDraw:
    return ImageDraw.Draw(Image.new(mode, (1, 1)))


@lru_cache(maxsize=4096)
def _wrapped(text: str, face, width: int, mode: str) -> tuple[str, ...]:
    """The lines of ``wrap``, kept (a language's title and the places recur on every card).
    Each line is the longest run of tokens that fits, found by halving (a line only grows
    wider with more tokens): a few measurements a line, not one a token (~3 ms a card)."""
    draw = _measuring(mode)
    tokens = TOKENS.findall(text)
    lines, line, start = [], "", 0
    while start < len(tokens):
        if not line:  # a line's first token is taken whatever its width
            line, start = tokens[start], start + 1
            continue
        fits, over = start, len(tokens) + 1  # line + tokens[start:fits] fits; line + tokens[start:over] does not
        while over - fits > 1:
            middle = (fits + over) // 2
            if draw.textlength((line + "".join(tokens[start:middle])).rstrip(), font=face) > width:
                over = middle
            else:
                fits = middle
        line += "".join(tokens[start:fits])
        if fits == len(tokens):
            break
        lines.append(line.rstrip())
        line, start = tokens[fits].lstrip(), fits + 1
    if line.strip():
        lines.append(line.rstrip())
    return tuple(lines)


def _photo(path: Path, box: tuple[int, int]) -> Image.Image:
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    return ImageOps.fit(image, box, Image.Resampling.LANCZOS)


@cache
def _panel(colour: tuple[int, int, int], box: tuple[int, int]) -> Image.Image:
    """A plain panel in the group's colour, for products without a photograph (none is invented);
    drawn once per colour (only pasted, never changed)."""
    panel = Image.new("RGB", box, colour)
    draw = ImageDraw.Draw(panel)
    light = tuple(min(255, c + 28) for c in colour)
    for radius, shift in ((260, 0), (170, 40), (90, 70)):
        centre = (box[0] // 2 + shift, box[1] // 2 - shift // 2)
        draw.ellipse([centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], fill=light)
        light = tuple(min(255, c + 18) for c in light)
    return panel


@lru_cache(maxsize=2048)
def _text_mask(text: str, face, anchor: str | None) -> tuple[Image.Image, int, int]:
    """A line of text's coverage, as ``draw.text`` at (0, 0) would lay it: (mask, left, top).
    The badge, a language's title and the places recur on every card: their glyphs are
    rasterised once (text was 40 % of a card's time)."""
    left, top, right, bottom = face.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=face, fill=255, anchor=anchor)
    return mask, left, top


def _stamp(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, face, fill, anchor: str | None = None) -> None:
    """``draw.text`` of a recurring line, from its cached mask (the same pixels)."""
    mask, left, top = _text_mask(text, face, anchor)
    draw.bitmap((xy[0] + left, xy[1] + top), mask, fill=fill)


def _star(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float, filled: bool) -> None:
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.45
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    draw.polygon(points, fill=255 if filled else None, outline=255, width=3)


MARGIN = 4  # around the stars' row: their outlines reach past the points


@cache
def _stars(stars: int) -> Image.Image:
    """The row of five stars, ``stars`` of them filled, as a mask (drawn once per rating)."""
    row = Image.new("L", (5 * 58 + 2 * MARGIN, 48 + 2 * MARGIN), 0)
    draw = ImageDraw.Draw(row)
    for i in range(5):
        _star(draw, (MARGIN + 24 + i * 58, MARGIN + 24), 24, i < stars)
    return row


def _title_lines(draw: ImageDraw.ImageDraw, card: Card, width: int) -> tuple[list[str], object, int]:
    """The title in the largest size (64 to 36 px) that fits in three lines."""
    for size in (64, 56, 48, 42, 36):
        face = font(card.locale, size)
        lines = wrap(draw, card.title, face, width)
        if len(lines) <= 3:
            return lines, face, size
    return lines[:3], face, size


SPLIT = 640  # the photograph's width, left; the text's column starts after it
X, WIDTH = SPLIT + 56, SIZE[0] - SPLIT - 104


@lru_cache(maxsize=8)
def _header(kicker: str, locale: Locale, colour: tuple[int, int, int] | None) -> tuple[Image.Image, int]:
    """The card before its title: the background, the group's panel when there is no photograph
    (``colour``), the OCOP badge and the kicker; with the height the kicker reached. Cards of
    one language and group share it: each card starts from a copy."""
    image = Image.new("RGB", SIZE, INK)
    if colour is not None:
        image.paste(_panel(colour, (SPLIT, SIZE[1])), (0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([X, 56, X + 92, 96], radius=8, fill=RED)
    _stamp(draw, (X + 46, 76), "OCOP", font(locale, 24), PAPER, anchor="mm")
    y = 124
    face = font(locale, 26, bold=False)
    for line in wrap(draw, kicker, face, WIDTH)[:2]:
        _stamp(draw, (X, y), line, face, MUTED)
        y += 36
    return image, y


def draw_card(card: Card) -> bytes:
    """The card as a JPEG (photographs compress far better than in PNG)."""
    header, y = _header(card.kicker, card.locale, None if card.photo else card.colour)
    image = header.copy()
    if card.photo:
        image.paste(_photo(card.photo, (SPLIT, SIZE[1])), (0, 0))
    draw = ImageDraw.Draw(image)
    lines, face, size = _title_lines(draw, card, WIDTH)
    y += 28
    for line in lines:
        draw.text((X, y), line, font=face, fill=PAPER)
        y += int(size * 1.3)
    if card.stars:
        y += 18
        draw.bitmap((X - MARGIN, y - MARGIN), _stars(card.stars), fill=GOLD)
        y += 72
    if card.place:
        face = font(card.locale, 28, bold=False)
        for line in wrap(draw, card.place, face, WIDTH)[:2]:
            _stamp(draw, (X, min(y, SIZE[1] - 80)), line, face, MUTED)
            y += 38
    out = io.BytesIO()
    # Baseline, standard Huffman tables: progressive was 6 % smaller and 3 times slower to encode,
    # optimized tables 11 % smaller and twice as slow (2.4 -> 1.3 ms, 7,000 cards at 1,000
    # products); networks fetch a card once, whole.
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def card_jpeg(card: Card, cache_dir: Path) -> bytes:
    """The card's bytes, made once per set of inputs (the photograph by its content)."""
    photo = hashlib.sha256(card.photo.read_bytes()).hexdigest() if card.photo else ""
    fonts = font_file(fontconfig_language(card.locale), True)
    inputs = "\n".join(map(str, (card.title, card.kicker, card.stars, card.place, photo, card.colour, card.locale, fonts, 3)))
    cached = cache_dir / f"{hashlib.sha256(inputs.encode()).hexdigest()[:24]}.jpg"
    data = cache_read(cached)
    if data is None:
        data = draw_card(card)
        cache_write(cached, data)
    return data
