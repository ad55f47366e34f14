"""``new``: start an entry with every field present and explained.

The new file is marked ``draft: true`` (``serve`` shows it, ``build`` leaves it out) and
carries every field of its kind. Required fields that only a person can answer (stars, group,
producer, kind) hold the marker ``???``, which ``check`` reports as an error until it is
replaced: ``new`` never writes a plausible fact. Optional fields are commented out with what
they mean. An existing entry is never overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content import ocop
from ..content.model import KINDS, SECTIONS
from ..content.sources import CONTENT, entry_files
from ..content.specs import MARKER
from ..core.controls import control_problem
from ..core.problems import CatalogueError, Problem
from ..core.slugs import is_slug, slugify

SLUG_LENGTH = 60  # a readable address; a long official name keeps its full text in `name`
YAML_SPECIAL = re.compile(r"""[:#"'{}\[\],&*!|>%@`]|^[-?]""")
HEAD = """---
# New {kind}: replace every {marker} (check reports each one as an error until then), fill in
# what you know, delete the lines that do not apply, then remove "draft: true" to publish.
# `catalogue check` says what is still wrong.
draft: true
"""
PLACE = """#   commune: Tên xã                   # the commune-level unit (after the July 2025 reform), without "xã"
#   commune_type: xa                  # xa (commune) | phuong (ward) | dac_khu (special zone); default xa
#   former_district: Tên huyện cũ     # the former district-level unit, kept because people know it
#   former_district_type: huyen       # huyen (district) | thi_xa (town) | thanh_pho (city) | quan (urban district)
#   province: Tên tỉnh                # the current province
#   former_province: Tên tỉnh cũ      # the province before the 2025 mergers, where it differs
#   geo: [21.38, 106.55]              # latitude, longitude"""
IMAGES = """# images:
#   - src: {slug}.jpg                  # a file in content/images/ (JPEG, PNG, WebP or SVG)
#     alt: Mô tả những gì ảnh cho thấy # required with an image; translated"""
SHOPS = """# shops:                             # e-commerce links
#   - name: Gian hàng trực tuyến        # translated
#     url: https://…"""
TEMPLATES = {
    "products": """name: {name}  # required; translated
# summary: Một câu giới thiệu.        # one sentence; translated
stars: {marker}                       # required: 3, 4 or 5, from the OCOP certificate
category: {marker}                    # required: {groups}
producer: {marker}                    # required: a file in content/producers/{producers}
# featured: true                      # shown first on the home page and suggested in search
# tags: [quà tặng, hữu cơ]            # translated; each tag has its page
# origin:
{place}
# season: [5, 6, 7]                   # months when it is available (leave out if all year)
# price:
#   min: 30000
#   max: 60000
#   currency: VND
#   unit: kg                          # {units}, or a unit of site.yaml's units
# certificate:
#   number: …                         # the decision number
#   issuer: UBND tỉnh …               # translated
#   issued: YYYY-MM-DD
#   expires: YYYY-MM-DD               # default: 36 months after issued
{images}
# experiences: [slug-of-an-experience]  # files in content/experiences/
{shops}
# export:                             # for foreign buyers, where known
#   markets: [Nhật Bản]               # translated
#   standards: [VietGAP]
#   geographic_indication: Chỉ dẫn địa lý …   # translated
# listed: YYYY-MM-DD                  # when it joined the catalogue (newest first in feeds)
""",
    "producers": """name: {name}  # required; translated
kind: {marker}                        # required: {producer_kinds}
# representative: Họ và tên
# address:
{place}
# contact:
#   phone: "+84 …"
#   email: ten@example.com
#   website: https://…
#   zalo: "+84 …"
#   placeholder: true                 # true when these details are examples, not real
{shops}
""",
    "experiences": """name: {name}  # required; translated
# summary: Một câu giới thiệu.        # one sentence; translated
kind: {marker}                        # required: {experience_kinds}
# season: [6]                         # months
# dates: {{start: YYYY-MM-DD, end: YYYY-MM-DD}}   # a festival's days
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
# said as comments: an entry published before anyone writes a body shows none, never these words
BODY = """# The description goes below the closing ---, in Markdown: one paragraph per idea, a blank
# line between paragraphs, "## Tiêu đề" for a heading, "- mục" for each item of a list.
---
"""


def scaffold(section: str, name: str, slug: str, producers: list[str]) -> str:
    known = f" ({', '.join(producers[:8])}{', …' if len(producers) > 8 else ''})" if producers else ""
    fields = TEMPLATES[section].format(
        name=_quoted(name),
        marker=MARKER,
        producers=known,
        place=PLACE,
        images=IMAGES.format(slug=slug),
        shops=SHOPS,
        groups=" | ".join(ocop.GROUP_SLUGS),
        units=" ".join(ocop.UNITS),
        producer_kinds=" | ".join(ocop.PRODUCER_KINDS),
        experience_kinds=" | ".join(ocop.EXPERIENCE_KINDS),
    )
    return HEAD.format(kind=KINDS[section], marker=MARKER) + fields + BODY


def _quoted(text: str) -> str:
    """The name as a YAML scalar: quoted (JSON is valid YAML) when it holds YAML syntax."""
    return json.dumps(text, ensure_ascii=False) if YAML_SPECIAL.search(text) or text != text.strip() else text


def short_slug(name: str, limit: int = SLUG_LENGTH) -> str:
    """The slug of ``name``, cut after a whole word so that it stays readable in an address."""
    slug = slugify(name)
    if len(slug) <= limit:
        return slug
    return slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]


def new_entry(root: Path, kind: str, name: str, slug: str = "") -> Path:
    """Create content/<section>/<slug>.md; refuses to overwrite or to duplicate a slug."""
    section = SECTIONS[kind]
    if wrong := control_problem(name, one_line=True):  # it is written into the YAML as it is
        raise CatalogueError([Problem("new", None, None, "NAME", wrong)])
    if slug and not is_slug(slug):
        raise CatalogueError([Problem("--slug", None, None, "", f"{slug!r} is not a slug: lower-case ASCII letters, digits and hyphens")])
    slug = slug or short_slug(name)
    if not slug:
        raise CatalogueError([Problem("new", None, None, "", f"cannot make a slug from {name!r}: give one with --slug")])
    path = root / CONTENT / section / f"{slug}.md"
    existing = [p for p in entry_files(root, section) if p.stem == slug]
    if existing:
        where = existing[0].relative_to(root).as_posix()
        message = f"already exists: not overwritten (choose another name or --slug, or edit {where})"
        raise CatalogueError([Problem(where, None, None, "", message)])
    producers = [p.stem for p in entry_files(root, "producers")]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
        stream.write(scaffold(section, name, slug, producers))
    return path
