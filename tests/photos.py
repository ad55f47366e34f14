"""Stand-in photographs for tests: the sample has illustrations, not photographs, and none
are invented for it. To see the layout as it will look with photography, tests copy the
sample and give each product and experience a generated raster image (a landscape with
light, hills and the product's colour), never published with the sample itself."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((244, 196, 140), (176, 40, 46), (58, 110, 60)),  # lychee red over green hills
    ((236, 222, 180), (210, 150, 40), (94, 120, 52)),  # rice gold
    ((214, 230, 214), (40, 120, 70), (22, 80, 48)),  # tea green
    ((250, 226, 200), (150, 90, 50), (110, 80, 50)),  # bamboo and wood
    ((226, 214, 236), (150, 60, 120), (70, 90, 70)),  # orchids
]


def photograph(seed: str, size: tuple[int, int] = (1600, 1067)) -> Image.Image:
    """A deterministic landscape-like picture with depth, light and a subject."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
    sky, subject, hills = PALETTES[rng.randrange(len(PALETTES))]
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # a sky that brightens towards the horizon
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(c * (0.75 + 0.25 * t)) for c in sky))
    for layer in range(4):  # hills, darker in front
        shade = tuple(max(0, int(c * (1.1 - 0.18 * layer))) for c in hills)
        base = int(height * (0.45 + 0.13 * layer))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + int(rng.uniform(-60, 60))))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(9, 16)):  # the subject: round fruits, pots, bundles
        r = rng.randint(height // 14, height // 7)
        x, y = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 2, height - r)
        tint = tuple(min(255, max(0, c + rng.randint(-30, 30))) for c in subject)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tint)
        draw.ellipse([x - r // 2, y - r // 2 - r // 4, x - r // 6, y - r // 4], fill=tuple(min(255, c + 70) for c in tint))
    return image.filter(ImageFilter.GaussianBlur(1.2))


def photographed_copy(source: Path, target: Path) -> Path:
    """``source``'s content and locales copied to ``target``, each entry's first image a photograph."""
    for folder in ("content", "locales"):
        shutil.copytree(source / folder, target / folder)
    images = target / "content" / "images"
    for entry in sorted((target / "content").glob("*/*.md")):
        text = entry.read_text(encoding="utf-8")
        match = re.search(r"^  - src: (\S+\.svg)$", text, flags=re.MULTILINE)
        if match is None:
            continue
        name = match.group(1).removesuffix(".svg") + ".jpg"
        if not (images / name).exists():
            photograph(name).save(images / name, "JPEG", quality=84)
        entry.write_text(text[: match.start(1)] + name + text[match.end(1) :], encoding="utf-8")
    return target
