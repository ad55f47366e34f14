"""A synthetic catalogue in the project's own format, at any size, for benchmarks.

N products in the sample's seven languages: realistic entries (a ~150-word Markdown
description with a heading, a list, a link and bold text; every fact filled), producers and
experiences in proportion (one per 5 and per 20 products), every text translated in every
language, about 10% of the translations machine drafts. The same catalogue can be written as
a Hugo site, for comparison.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog

from catalogue.content.model import texts
from catalogue.content.sources import load_catalogue
from catalogue.i18n.lifecycle import MACHINE_NOTE
from catalogue.i18n.pofiles import catalog_path, write_catalog

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja")
CATALOG_NAMES = {"vi": "vi", "en": "en", "fr": "fr", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "ko": "ko", "ja": "ja"}
GROUPS = ("food", "beverages", "herbal", "handicrafts", "ornamental", "tourism")
DISTRICTS = ("Lục Ngạn", "Yên Thế", "Tân Yên", "Lạng Giang", "Hiệp Hòa", "Việt Yên", "Sơn Động", "Lục Nam", "Yên Dũng", "Lạng Sơn")
WORDS = (
    "vải thiều mật ong gạo nếp chè xanh mỳ chũ gà đồi sâm nam rượu nếp thơm ngon đặc sản làng nghề truyền thống hợp tác xã chất lượng"
).split()
IMAGES = ("vai-thieu-luc-ngan.svg", "my-chu-truyen-thong.svg", "che-xanh-ban-ven.svg")


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def product_text(i: int, rng: random.Random, producers: int, experiences: int) -> str:
    name = f"Sản phẩm {i} {words(rng, 3)}"
    months = sorted(rng.sample(range(1, 13), rng.randint(2, 5)))
    low = rng.randint(2, 20) * 10000
    body = (
        f"{words(rng, 30).capitalize()} **{words(rng, 2)}** {words(rng, 25)}.\n\n"
        f"## Giới thiệu {i}\n\n"
        f"{words(rng, 35).capitalize()}, xem [trang](https://example.org/p/{i}) {words(rng, 20)}.\n\n"
        f"- {words(rng, 10).capitalize()}.\n- {words(rng, 10).capitalize()}.\n- {words(rng, 10).capitalize()}.\n"
    )
    return f"""---
name: {name}
summary: {words(rng, 12).capitalize()} {i}.
stars: {rng.choice((3, 3, 4, 4, 5))}
category: {GROUPS[i % len(GROUPS)]}
producer: nsx-{i % producers:05d}
featured: {str(i % 50 == 0).lower()}
origin:
  commune: Xã {i % 97}
  former_district: {DISTRICTS[i % len(DISTRICTS)]}
  province: Bắc Ninh
  geo: [{21 + rng.random():.4f}, {106 + rng.random():.4f}]
season: [{", ".join(map(str, months))}]
price: {{min: {low}, max: {low * 2}, currency: VND, unit: kg}}
certificate:
  number: MẪU-{i:05d}
  issuer: UBND tỉnh Bắc Ninh
  issued: 2025-0{1 + i % 9}-1{i % 9}
images:
  - src: {IMAGES[i % len(IMAGES)]}
    alt: Ảnh minh họa sản phẩm {i}
experiences: [tn-{i % experiences:05d}]
shops:
  - name: Gian hàng {i % 7}
    url: https://shop.example.com/{i}
---
{body}"""


def write_site(root: Path, products: int, seed: int = 1) -> Path:
    """Write the synthetic site into ``root`` (replacing it); returns root."""
    rng = random.Random(seed)
    shutil.rmtree(root, ignore_errors=True)
    content = root / "content"
    for folder in ("products", "producers", "experiences", "pages", "images"):
        (content / folder).mkdir(parents=True)
    shutil.copyfile(ROOT / "content/site.yaml", content / "site.yaml")
    for image in IMAGES:
        shutil.copyfile(ROOT / "content/images" / image, content / "images" / image)
    producers, experiences = max(1, products // 5), max(1, products // 20)
    for i in range(producers):
        (content / "producers" / f"nsx-{i:05d}.md").write_text(
            f"---\nname: Hợp tác xã {i} {words(rng, 2)}\nkind: cooperative\naddress:\n  former_district: {DISTRICTS[i % 10]}\n"
            f'contact:\n  phone: "+84 000 000 {i % 1000:03d}"\n  placeholder: true\n---\n{words(rng, 40).capitalize()}.\n',
            encoding="utf-8",
        )
    for i in range(experiences):
        (content / "experiences" / f"tn-{i:05d}.md").write_text(
            f"---\nname: Trải nghiệm {i} {words(rng, 2)}\nkind: site\nseason: [6]\nlocation:\n  former_district: {DISTRICTS[i % 10]}\n"
            f"  geo: [21.3, 106.5]\n---\n{words(rng, 60).capitalize()}.\n",
            encoding="utf-8",
        )
    for i in range(products):
        (content / "products" / f"sp-{i:05d}.md").write_text(product_text(i, rng, producers, experiences), encoding="utf-8")
    shutil.copyfile(ROOT / "content/pages/about-ocop.md", content / "pages/about-ocop.md")
    write_catalogs(root, rng)
    return root


def write_catalogs(root: Path, rng: random.Random) -> None:
    """Every text translated in every language; about 10% of them machine drafts."""
    catalogue = load_catalogue(root)
    sources = list(dict.fromkeys(text.source for entry in catalogue.entries() for text in texts(entry)))
    for code in LANGUAGES[1:]:
        name = CATALOG_NAMES[code]
        catalog = Catalog(locale=name, domain="content", fuzzy=False)
        for source in sources:
            message = catalog.add(source, f"[{code}] {source}")
            message.flags.discard("python-format")
            if rng.random() < 0.1:
                message.flags.add("fuzzy")
                message.user_comments.append(f"{MACHINE_NOTE} libre 2026-11-01")
        write_catalog(catalog_path(root, name, "content"), catalog)
    for code in LANGUAGES:
        source = catalog_path(ROOT, CATALOG_NAMES[code], "messages")
        target = catalog_path(root, CATALOG_NAMES[code], "messages")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(ROOT / "locales/messages.pot", root / "locales/messages.pot")


def write_hugo_site(site: Path, target: Path) -> Path:
    """The same catalogue as a Hugo site: a page per product per language, a list per group
    per language, a home per language, with comparable templates."""
    catalogue = load_catalogue(site)
    shutil.rmtree(target, ignore_errors=True)
    languages = "\n".join(
        f'[languages.{code.lower()}]\n  languageName = "{code}"\n  weight = {n}\n  contentDir = "content/{code.lower()}"'
        for n, code in enumerate(LANGUAGES, 1)
    )
    (target / "layouts/_default").mkdir(parents=True)
    (target / "config.toml").write_text(
        f'baseURL = "https://example.org/"\ndefaultContentLanguage = "vi"\ndefaultContentLanguageInSubdir = true\n'
        f'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n[taxonomies]\n  group = "groups"\n{languages}\n',
        encoding="utf-8",
    )
    layout = (
        '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head>'
        "<body><header>{{ range .Site.Home.AllTranslations }}"
        '<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>'
    )
    (target / "layouts/_default/baseof.html").write_text(layout, encoding="utf-8")
    (target / "layouts/_default/single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>'
        "<p>{{ .Params.stars }} ★ · {{ .Params.price }} VND</p>{{ .Content }}{{ end }}",
        encoding="utf-8",
    )
    (target / "layouts/_default/list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.stars }} ★</li>{{ end }}</ul>{{ end }}',
        encoding="utf-8",
    )
    (target / "layouts/index.html").write_text(
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>'
        '{{ range first 12 (where .Site.RegularPages "Params.featured" true) }}<li>{{ .Title }}</li>{{ end }}</ul>{{ end }}',
        encoding="utf-8",
    )
    tables = _translations(site)
    for code in LANGUAGES:
        folder = target / "content" / code.lower() / "products"
        folder.mkdir(parents=True)
        table = tables.get(code, {})
        for product in catalogue.products:
            marks = {"heading": "## ", "item": "- "}
            body = "\n\n".join(marks.get(b.kind, "") + table.get(b.text.source, b.text.source) for b in product.body if b.text)
            name = table.get(product.name.source, product.name.source).replace('"', "'")
            summary_source = product.summary.source if product.summary else ""
            summary = table.get(summary_source, summary_source).replace('"', "'")
            (folder / f"{product.slug}.md").write_text(
                f'---\ntitle: "{name}"\nsummary: "{summary}"\nstars: {product.stars}\nprice: {product.price.min if product.price else 0}\n'
                f'featured: {str(product.featured).lower()}\ngroups: ["{product.category}"]\n'
                f'translationKey: "{product.slug}"\n---\n{body}\n',
                encoding="utf-8",
            )
    return target


def _translations(site: Path) -> dict[str, dict[str, str]]:
    from catalogue.i18n.pofiles import read_catalog

    out = {}
    for code in LANGUAGES[1:]:
        catalog = read_catalog(catalog_path(site, CATALOG_NAMES[code], "content"), site, CATALOG_NAMES[code])
        out[code] = {m.id: m.string for m in catalog or () if m.id and m.string and not m.fuzzy}
    return out
