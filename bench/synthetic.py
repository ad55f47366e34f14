"""A synthetic catalogue in the project's own format, at any size, for benchmarks.

N products in the sample's seven languages: realistic entries (a ~150-word Markdown
description with a heading, a list, a link and bold text; every fact filled), producers and
experiences in proportion (one per 5 and per 20 products), every text translated in every
language, about 10% of the translations machine drafts. The same catalogue can be written as
a Hugo site, for comparison.
"""

from __future__ import annotations

import json
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
    # theme strings: the default theme's own catalogs translate them


MONTHS = ["", *(f"month {n}" for n in range(1, 13))]
PAGE_SIZE = 48  # cards per list page, on both sides (catalogue.site.pagination uses the same)


def write_hugo_site(site: Path, target: Path, cards: bool = False) -> Path:
    """The same catalogue as a Hugo site with the same kinds of page doing comparable work: a
    page per product (facts, body, certificate, producer, language alternates and switcher),
    per producer and per experience, paginated lists of cards (all products, each group, star
    level and region), a home with featured and in-season cards, in every language. With
    ``cards``, each product page also draws its 1200 x 630 social card in its language, as the
    default theme does, with Hugo's own image filters (``HUGO_SOCIAL_CARD``)."""
    catalogue = load_catalogue(site)
    shutil.rmtree(target, ignore_errors=True)
    (target / "layouts/_default").mkdir(parents=True)
    languages = "\n".join(
        f'[languages.{code.lower()}]\n  languageName = "{code}"\n  weight = {n}\n  contentDir = "content/{code.lower()}"'
        for n, code in enumerate(LANGUAGES, 1)
    )
    (target / "config.toml").write_text(
        f'baseURL = "https://example.org/"\ndefaultContentLanguage = "vi"\ndefaultContentLanguageInSubdir = true\n'
        f'paginate = {PAGE_SIZE}\ndisableKinds = ["RSS", "robotsTXT", "404"]\n[params]\n  months = {MONTHS}\n'
        f'[imaging]\n  quality = 85\n[taxonomies]\n  group = "groups"\n  stars = "stars"\n  region = "regions"\n{languages}\n',
        encoding="utf-8",
    )
    layouts = dict(HUGO_LAYOUTS)
    if cards:
        bold, regular = write_card_assets(target / "assets")
        layouts["partials/card.html"] = HUGO_SOCIAL_CARD.replace("BOLD", bold).replace("REGULAR", regular)
        layouts["_default/baseof.html"] = layouts["_default/baseof.html"].replace("</head>", CARD_CALL + "</head>", 1)
    for name, text in layouts.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    tables = _translations(site)
    labels = _theme_labels(site)
    (target / "i18n").mkdir()
    for code in LANGUAGES:
        lines = [f"{key} = {json.dumps(text, ensure_ascii=False)}" for key, text in labels[code].items()]
        (target / "i18n" / f"{code.lower()}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        folder = target / "content" / code.lower()
        table = tables.get(code, {})

        def tr(text, table=table) -> str:
            return table.get(text.source, text.source).replace('"', "'") if text else ""

        def write(section: str, slug: str, front: str, body: str, folder=folder) -> None:
            path = folder / section / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f'---\n{front}translationKey: "{section}/{slug}"\n---\n{body}\n', encoding="utf-8")

        for product in catalogue.products:
            marks = {"heading": "## ", "item": "- "}
            body = "\n\n".join(marks.get(b.kind, "") + table.get(b.text.source, b.text.source) for b in product.body if b.text)
            price = product.price.min if product.price else 0
            front = (
                f'title: "{tr(product.name)}"\nsummary: "{tr(product.summary)}"\nprice: {price}\n'
                f"featured: {str(product.featured).lower()}\nseason: {list(product.season)}\n"
                f'groups: ["{product.category}"]\nstars: ["{product.stars}"]\nregions: ["{product.origin.former_district}"]\n'
                f'producer: "{product.producer}"\ncommune: "{product.origin.commune}"\nimage: "/images/{product.images[0].src}"\n'
                f'certificate: "{product.certificate.number if product.certificate else ""}"\n'
            )
            write("products", product.slug, front, body)
        for producer in catalogue.producers:
            body = "\n\n".join(tr(b.text) for b in producer.body if b.text)
            write("producers", producer.slug, f'title: "{tr(producer.name)}"\nslug: "{producer.slug}"\n', body)
        for experience in catalogue.experiences:
            body = "\n\n".join(tr(b.text) for b in experience.body if b.text)
            write("experiences", experience.slug, f'title: "{tr(experience.name)}"\n', body)
    return target


_HUGO_CARD = (
    '<li class="card"><a href="{{ .RelPermalink }}"><img src="{{ .Params.image }}" alt="{{ .Title }}" loading="lazy">'
    "<h2>{{ .Title }}</h2></a><p>{{ index .Params.stars 0 }} ★ · {{ index .Params.groups 0 }}</p>"
    "<p>{{ lang.FormatNumber 0 .Params.price }} VND / kg</p></li>"
)
HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title>'
        '{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}'
        '<link rel="canonical" href="{{ .Permalink }}">'
        '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}'
        '{{ with .Paginator }}{{ with .Prev }}<link rel="prev" href="{{ .URL }}">{{ end }}'
        '{{ with .Next }}<link rel="next" href="{{ .URL }}">{{ end }}{{ end }}</head>'
        '<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a><nav><ul>'
        '{{ range slice "products" "producers" "experiences" }}'
        '<li><a href="{{ (site.GetPage .).RelPermalink }}">{{ i18n . }}</a></li>{{ end }}'
        "</ul></nav><nav><ul>{{ range .AllTranslations }}"
        '<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}'
        "</ul></nav></header>"
        '{{ block "main" . }}{{ end }}<footer><p>OCOP</p></footer></body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<main data-pagefind-body><article><h1 data-pagefind-weight="10">{{ .Title }}</h1>'
        "{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}"
        '{{ with .Params.image }}<figure><img src="{{ . }}" alt="{{ $.Title }}"></figure>{{ end }}'
        '<dl>{{ with .Params.price }}<dt>{{ i18n "price" }}</dt><dd>{{ lang.FormatNumber 0 . }} VND / kg</dd>{{ end }}'
        '{{ with .Params.season }}<dt>{{ i18n "season" }}</dt><dd>{{ range . }}{{ index $.Site.Params.months . }} {{ end }}</dd>{{ end }}'
        '{{ with .Params.regions }}<dt>{{ i18n "origin" }}</dt><dd>{{ $.Params.commune }}, '
        '{{ range $.GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>{{ end }}'
        '{{ with .Params.producer }}{{ with site.GetPage (printf "/producers/%s" .) }}'
        '<dt>{{ i18n "producer" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}'
        '{{ range .GetTerms "stars" }}<dt>{{ i18n "rating" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }} ★</a></dd>{{ end }}'
        '{{ range .GetTerms "groups" }}<dt>{{ i18n "group" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}'
        '{{ with .Params.certificate }}<dt>{{ i18n "certificate" }}</dt><dd>{{ . }}</dd>{{ end }}</dl>'
        '<section><h2>{{ i18n "about" }}</h2>{{ .Content }}</section></article></main>{{ end }}'
    ),
    "_default/list.html": (
        '{{ define "main" }}<main><h1>{{ .Title }}</h1><ul class="cards">'
        "{{ range .Paginator.Pages }}" + _HUGO_CARD + "{{ end }}</ul>"
        '<nav>{{ with .Paginator.Prev }}<a rel="prev" href="{{ .URL }}">prev</a>{{ end }}'
        '{{ with .Paginator.Next }}<a rel="next" href="{{ .URL }}">next</a>{{ end }}</nav></main>{{ end }}'
    ),
    "index.html": (
        '{{ define "main" }}<main><h1>{{ .Site.Title }}</h1><h2>{{ i18n "featured" }}</h2><ul class="cards">'
        '{{ range first 12 (where .Site.RegularPages "Params.featured" true) }}' + _HUGO_CARD + "{{ end }}</ul>"
        '<h2>In season</h2><ul class="cards">{{ range first 12 (where .Site.RegularPages "Params.season" "intersect" (slice 6)) }}'
        + _HUGO_CARD
        + "{{ end }}</ul>"
        "<h2>Groups</h2><ul>{{ range .Site.Taxonomies.groups }}"
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>'
        "</main>{{ end }}"
    ),
}


CARD_CALL = '{{ if and .IsPage (eq .Section "products") }}{{ partial "card.html" . }}{{ end }}'
# The theme's card (catalogue/render/cards.py) with Hugo's filters: the group's panel and the
# OCOP badge on a background drawn once per group, then the kicker with the stars, the name in
# the page's language (wrapped by the filter) and the place, drawn on it and encoded as JPEG.
HUGO_SOCIAL_CARD = (
    '{{ $base := resources.Get (printf "card-%s.jpg" (index .Params.groups 0)) }}'
    '{{ $bold := dict "size" 64 "x" 696 "y" 188 "linespacing" 19 "color" "#ffffff" BOLD }}'
    '{{ $kicker := dict "size" 28 "x" 696 "y" 124 "color" "#d6e6dc" REGULAR }}'
    '{{ $place := dict "size" 28 "x" 696 "y" 540 "color" "#d6e6dc" REGULAR }}'
    '{{ $card := $base.Filter (images.Text (printf "OCOP · %s ★" (index .Params.stars 0)) $kicker) (images.Text .Title $bold)'
    ' (images.Text (printf "%s · %s" .Params.commune (index .Params.regions 0)) $place) }}'
    '<meta property="og:image" content="{{ $card.Permalink }}">'
    '<meta property="og:image:width" content="{{ $card.Width }}"><meta property="og:image:height" content="{{ $card.Height }}">'
)


def write_card_assets(assets: Path) -> tuple[str, str]:
    """The card's background per group, and the fonts fontconfig gives the theme's cards for
    Vietnamese (the synthetic names are in Latin script in every language). Returns the
    filters' font options: Hugo reads no font collection, and without a single-font file it
    draws with its own Go font."""
    from PIL import Image, ImageDraw

    from catalogue.render.cards import GROUP_COLOURS, INK, RED, SIZE, SPLIT, X, font_file

    assets.mkdir(parents=True, exist_ok=True)
    for group, colour in GROUP_COLOURS.items():
        image = Image.new("RGB", SIZE, INK)
        image.paste(colour, (0, 0, SPLIT, SIZE[1]))
        ImageDraw.Draw(image).rounded_rectangle([X, 56, X + 92, 96], radius=8, fill=RED)
        image.save(assets / f"card-{group}.jpg", quality=85)
    options = []
    for name, bold in (("bold.ttf", True), ("regular.ttf", False)):
        found = font_file("vi", bold)
        if found and found[0].lower().endswith((".ttf", ".otf")):
            shutil.copyfile(found[0], assets / name)
            options.append(f'"font" (resources.Get "{name}")')
        else:
            options.append("")
    return options[0], options[1]


HUGO_LABELS = {
    "price": "Price", "season": "Season", "origin": "Origin", "producer": "Producer", "rating": "OCOP rating",
    "certificate": "OCOP certificate", "about": "About this product", "products": "Products", "producers": "Producers",
    "experiences": "Experiences", "featured": "Featured products", "group": "Group",
}  # fmt: skip


def _theme_labels(site: Path) -> dict[str, dict[str, str]]:
    """The theme's own translations of the labels the Hugo templates print, as Hugo i18n tables."""
    from catalogue.i18n.pofiles import read_catalog

    out = {}
    for code in LANGUAGES:
        catalog = read_catalog(catalog_path(site, CATALOG_NAMES[code], "messages"), site, CATALOG_NAMES[code])
        strings = {m.id: m.string for m in catalog or () if m.id and m.string and not m.fuzzy}
        out[code] = {key: strings.get(source, source) for key, source in HUGO_LABELS.items()}
    return out


def _translations(site: Path) -> dict[str, dict[str, str]]:
    from catalogue.i18n.pofiles import read_catalog

    out = {}
    for code in LANGUAGES[1:]:
        catalog = read_catalog(catalog_path(site, CATALOG_NAMES[code], "content"), site, CATALOG_NAMES[code])
        out[code] = {m.id: m.string for m in catalog or () if m.id and m.string and not m.fuzzy}
    return out
