"""``new``: start an entry with every field present and explained.

The new file is marked ``draft: true`` (``serve`` shows it, ``build`` leaves it out) and
carries every field of its kind: required ones filled with a value to correct, optional ones
commented out with what they mean. An existing entry is never overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content import ocop
from ..content.model import KINDS, SECTIONS
from ..content.sources import CONTENT, entry_files
from ..core.controls import control_problem
from ..core.problems import CatalogueError, Problem
from ..core.slugs import slugify

YAML_SPECIAL = re.compile(r"""[:#"'{}\[\],&*!|>%@`]|^[-?]""")
HEAD = """---
# New {kind}: fill in what you know, delete the lines that do not apply, then remove
# "draft: true" to publish. `python build.py check` says what is still wrong.
draft: true
"""
PLACE = """#   commune: Tên xã                   # current commune (after the July 2025 reform)
#   former_district: Tên huyện cũ     # former district, kept because people know it
#   province: Bắc Ninh                # current province
#   geo: [21.38, 106.55]              # latitude, longitude"""
IMAGES = """# images:
#   - src: {slug}.jpg                  # a file in content/images/ (JPEG, PNG, WebP or SVG)
#     alt: Mô tả những gì ảnh cho thấy # required with an image; translated"""
SHOPS = """# shops:                             # e-commerce links
#   - name: Gian hàng trực tuyến        # translated
#     url: https://shop.example.com/{slug}"""
TEMPLATES = {
    "products": """name: {name}  # required; translated
# summary: Một câu giới thiệu.        # one sentence; translated
stars: 3                              # required: 3, 4 or 5 (OCOP stars). Correct it from the certificate.
category: food                        # required: {groups}
producer: {producer}                  # required: a file in content/producers/. Correct it.
# featured: true                      # shown first on the home page
# origin:
{place}
# season: [5, 6, 7]                   # months when it is available (leave out if all year)
# price:
#   min: 30000
#   max: 60000
#   currency: VND
#   unit: kg                          # {units}
# certificate:
#   number: 123/QĐ-UBND               # the decision number
#   issuer: UBND tỉnh Bắc Ninh        # translated
#   issued: 2026-01-15
#   expires: 2029-01-14               # default: 36 months after issued
{images}
# experiences: [slug-of-an-experience]  # files in content/experiences/
{shops}
# export:                             # for foreign buyers, where known
#   markets: [Nhật Bản]               # translated
#   standards: [VietGAP]
#   geographic_indication: Chỉ dẫn địa lý ...   # translated
# listed: 2026-01-15                  # when it joined the catalogue (newest first in feeds)
""",
    "producers": """name: {name}  # required; translated
kind: cooperative                     # required: {producer_kinds}
# representative: Nguyễn Văn A
# address:
{place}
# contact:
#   phone: "+84 …"
#   email: ten@example.com
#   website: https://example.com
#   zalo: "+84 …"
#   placeholder: true                 # true when these details are examples, not real
{shops}
""",
    "experiences": """name: {name}  # required; translated
# summary: Một câu giới thiệu.        # one sentence; translated
kind: site                            # required: {experience_kinds}
# season: [6]                         # months
# dates: {{start: 2026-06-10, end: 2026-06-12}}   # a festival's days
# location:
{place}
# producer: slug-of-the-organiser     # a file in content/producers/
{images}
# stops:                              # an itinerary's stops, in order
#   - name: Tên điểm dừng             # required for a stop; translated
#     geo: [21.38, 106.55]
#     note: Ghi chú                   # translated
#     product: slug                   # and/or producer: slug, experience: slug
""",
    "pages": """title: {name}  # required; translated
# summary: Một câu giới thiệu.        # one sentence; translated
""",
}
BODY = """---
Viết mô tả ở đây, mỗi ý một đoạn, các đoạn cách nhau một dòng trống.

## Một tiêu đề nhỏ

- Một mục danh sách
"""


def scaffold(section: str, name: str, producer: str) -> str:
    slug = slugify(name)
    fields = TEMPLATES[section].format(
        name=_quoted(name),
        slug=slug,
        producer=producer or "slug-cua-nha-san-xuat",
        place=PLACE,
        images=IMAGES.format(slug=slug),
        shops=SHOPS.format(slug=slug),
        groups=" | ".join(ocop.GROUP_SLUGS),
        units=" ".join(ocop.UNITS),
        producer_kinds=" | ".join(ocop.PRODUCER_KINDS),
        experience_kinds=" | ".join(ocop.EXPERIENCE_KINDS),
    )
    return HEAD.format(kind=KINDS[section]) + fields + BODY


def _quoted(text: str) -> str:
    """The name as a YAML scalar: quoted (JSON is valid YAML) when it holds YAML syntax."""
    return json.dumps(text, ensure_ascii=False) if YAML_SPECIAL.search(text) or text != text.strip() else text


def new_entry(root: Path, kind: str, name: str) -> Path:
    """Create content/<section>/<slug>.md; refuses to overwrite or to duplicate a slug."""
    section = SECTIONS[kind]
    if wrong := control_problem(name, one_line=True):  # it is written into the YAML as it is
        raise CatalogueError([Problem("new", None, None, "NAME", wrong)])
    slug = slugify(name)
    if not slug:
        raise CatalogueError([Problem("new", None, None, "", f"cannot make a slug from {name!r}: use letters or digits")])
    path = root / CONTENT / section / f"{slug}.md"
    existing = [p for p in entry_files(root, section) if p.stem == slug]
    if existing:
        where = existing[0].relative_to(root).as_posix()
        raise CatalogueError([Problem(where, None, None, "", f"already exists: not overwritten (choose another name, or edit {where})")])
    producers = entry_files(root, "producers")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
        stream.write(scaffold(section, name, producers[0].stem if producers else ""))
    return path
