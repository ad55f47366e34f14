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


def _star(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float, filled: bool) -> None:
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.45
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    draw.polygon(points, fill=GOLD if filled else None, outline=GOLD, width=3)


def _title_lines(draw: ImageDraw.ImageDraw, card: Card, width: int) -> tuple[list[str], object, int]:
    """The title in the largest size (64 to 36 px) that fits in three lines."""
    for size in (64, 56, 48, 42, 36):
        face = font(card.locale, size)
        lines = wrap(draw, card.title, face, width)
        if len(lines) <= 3:
            return lines, face, size
    return lines[:3], face, size


def draw_card(card: Card) -> bytes:
    """The card as a JPEG (photographs compress far better than in PNG)."""
    image = Image.new("RGB", SIZE, INK)
    split = 640
    left = _photo(card.photo, (split, SIZE[1])) if card.photo else _panel(card.colour, (split, SIZE[1]))
    image.paste(left, (0, 0))
    draw = ImageDraw.Draw(image)
    x, width = split + 56, SIZE[0] - split - 104
    badge = font(card.locale, 24)
    draw.rounded_rectangle([x, 56, x + 92, 96], radius=8, fill=RED)
    draw.text((x + 46, 76), "OCOP", font=badge, fill=PAPER, anchor="mm")
    kicker = wrap(draw, card.kicker, font(card.locale, 26, bold=False), width)[:2]
    y = 124
    for line in kicker:
        draw.text((x, y), line, font=font(card.locale, 26, bold=False), fill=MUTED)
        y += 36
    lines, face, size = _title_lines(draw, card, width)
    y += 28
    for line in lines:
        draw.text((x, y), line, font=face, fill=PAPER)
        y += int(size * 1.3)
    if card.stars:
        y += 18
        for i in range(5):
            _star(draw, (x + 24 + i * 58, y + 24), 24, i < card.stars)
        y += 72
    if card.place:
        for line in wrap(draw, card.place, font(card.locale, 28, bold=False), width)[:2]:
            draw.text((x, min(y, SIZE[1] - 80)), line, font=font(card.locale, 28, bold=False), fill=MUTED)
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
