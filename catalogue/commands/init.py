"""``init``: start a new site that builds at once.

Writes a commented ``site.yaml``, the content folders, one example producer and one example
product (drafts, marked as examples), a ``.gitignore`` and the workflow that publishes the
site on GitHub Pages. The interface is translated from the first build by the theme's own
catalogs. Only a new or empty folder is written into: nothing of anyone's is overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..content.config import LANGUAGE_CODE, SITE
from ..content.model import SECTIONS
from ..content.sources import CONTENT, IMAGES
from ..core.files import atomic_write
from ..core.problems import CatalogueError, Problem
from ..core.yamlsource import parse_yaml

THEME_LANGUAGES = ("vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja")  # the default theme's catalogs


@dataclass(frozen=True)
class InitOptions:
    languages: tuple[str, ...]  # the first is the language editors write in
    title: str  # in the source language
    base_url: str


def language_name(code: str) -> str:
    """A language's own name for itself, from CLDR: "Tiếng Việt", "简体中文"."""
    locale = Locale.parse(code, sep="-")
    name = locale.get_display_name(locale) or code
    if locale.script and locale.language == "zh":  # "中文 (简体)" reads better as one word
        name = {"Hans": "简体中文", "Hant": "繁體中文"}.get(locale.script, name)
    return name[:1].upper() + name[1:]


def option_problems(options: InitOptions) -> list[Problem]:
    problems = []
    if not options.languages:
        problems.append(Problem("--languages", None, None, "", "name at least one language, e.g. vi,en"))
    for code in options.languages:
        try:
            if not re.fullmatch(LANGUAGE_CODE, code):
                raise ValueError(code)
            Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            problems.append(Problem("--languages", None, None, "", f"{code!r} is not a language code Babel knows (e.g. vi, en, zh-Hans)"))
    if len(set(options.languages)) != len(options.languages):
        problems.append(Problem("--languages", None, None, "", "a language is named twice"))
    if not options.title.strip():
        problems.append(Problem("--title", None, None, "", "the site needs a title"))
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", options.base_url):
        problems.append(Problem("--base-url", None, None, "", f"{options.base_url!r} is not an http(s) address"))
    return problems


OPTIONS = {"title": "--title", "base_url": "--base-url", "languages": "--languages", "source_language": "--languages"}


def site_yaml_problems(text: str) -> list[Problem]:
    """The problems site.yaml's own checks find in the file init would write, as problems of the
    option they come from: init never writes a site that does not build."""
    document, problems = parse_yaml(text, "content/site.yaml")
    if document is not None and document.root is not None:
        SITE.convert(document.root, document, "", problems)
    return [
        Problem(OPTIONS.get(problem.field.split(".")[0].split("[")[0], "content/site.yaml"), None, None, problem.field, problem.message)
        for problem in problems
        if problem.severity == "error"
    ]


def right_to_left(code: str) -> bool:
    return Locale.parse(code, sep="-").character_order == "right-to-left"


def _fallback(code: str, languages: tuple[str, ...]) -> list[str]:
    """A reasonable chain: Traditional Chinese through Simplified, others through English."""
    chain = [other for other in ("zh-Hans",) if code == "zh-Hant" and other in languages]
    if code != "en" and "en" in languages[1:]:
        chain.append("en")
    return chain


def site_yaml(options: InitOptions) -> str:
    source, url = options.languages[0], options.base_url if options.base_url.endswith("/") else options.base_url + "/"
    lines = [
        "# The site: its title, address, languages and theme. Every key is checked (a mistake is",
        '# reported with its line); the README\'s section "site.yaml" explains each one.',
        "title:  # the site's name; languages without one show the source language's",
        f"  {source}: {json.dumps(options.title.strip(), ensure_ascii=False)}",
        f"base_url: {url}  # where the site will live: every link starts with it",
        f"source_language: {source}  # the language editors write entries in",
        "theme: default  # or [my-theme, default]: themes/my-theme/ overrides single files",
        "languages:  # each language's own name; fallback: where its missing text comes from",
    ]
    for code in options.languages:
        lines.append(f"  {code}:")
        lines.append(f"    name: {json.dumps(language_name(code), ensure_ascii=False)}")
        if right_to_left(code):
            lines.append("    dir: rtl  # written right to left")
        if code != source and (chain := _fallback(code, options.languages)):
            lines.append(f"    fallback: [{', '.join(chain)}]")
        lines.append("    # currency: USD  # also show prices approximately in this currency (needs a rate below)")
    lines += [
        "# exchange_rates:  # VND for one unit of each display currency, with the day it was taken",
        "#   USD: {vnd: 26300, date: 2026-11-02}",
        "# units:  # price units beyond the engine's (kg, bottle, tour, person...), each word per language",
        "#   night: {vi: đêm, en: night}",
        "# search:",
        '#   examples: {vi: "mật ong, trà…"}  # shown in the search box; default: featured products\' names',
        "",
    ]
    return "\n".join(lines)


EXAMPLE_PRODUCER = """---
# EXAMPLE entry written by `catalogue init`: it shows the format. It is a draft (`serve` shows
# it, `build` leaves it out). Delete this file, or make it a real producer and remove "draft".
draft: true
name: Hợp tác xã Ví Dụ                 # required; translated
kind: cooperative                     # required: cooperative | company | household | enterprise
representative: Nguyễn Văn Ví Dụ
address:
  commune: Ví Dụ                      # the commune-level unit (after the July 2025 reform)
contact:
  phone: "+84 000 000 000"
  placeholder: true                   # these details are examples, not real
---
Một đoạn giới thiệu nhà sản xuất. Đây là ví dụ.
"""

EXAMPLE_PRODUCT = """---
# EXAMPLE entry written by `catalogue init`: it shows the format. It is a draft (`serve` shows
# it, `build` leaves it out). Delete this file, or make it a real product and remove "draft".
# `catalogue new product "Tên sản phẩm"` starts a real one with every field explained.
draft: true
name: Sản phẩm ví dụ                   # required; translated
summary: Một câu giới thiệu sản phẩm. # translated
stars: 3                              # required: 3, 4 or 5 (OCOP stars)
category: food                        # required: food | beverages | herbal | handicrafts | ornamental | tourism
producer: vi-du-hop-tac-xa            # required: a file in content/producers/
origin:
  commune: Ví Dụ
season: [6, 7]                        # months when it is available
---
Mô tả sản phẩm ở đây, mỗi ý một đoạn. Đây là ví dụ.
"""

GITIGNORE = """# Built site and caches: made again by `catalogue build`.
/public/
/.public.*
/public-pseudo/
/.public-pseudo.*
.cache/
"""

WORKFLOW = """# Builds the site and publishes it on GitHub Pages at every push to main.
# In the repository's settings, Pages > Source: GitHub Actions.
on: {push: {branches: [main]}}
permissions: {contents: read, pages: write, id-token: write}
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: {name: github-pages}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.12"}
      # Social cards, QR codes and image renditions from the last run: only what changed is made again.
      - uses: actions/cache@v4
        with: {path: .cache, key: "catalogue-${{ github.sha }}", restore-keys: catalogue-}
      - run: pip install -r requirements.txt && catalogue build
      - uses: actions/upload-pages-artifact@v3
        with: {path: public}
      - uses: actions/deploy-pages@v4
"""


def requirements() -> str:
    """Where CI installs the engine from: the address this copy was installed from, when it
    came from a repository; otherwise a line to complete."""
    head = "# The catalogue engine, for CI (.github/workflows/pages.yml).\n"
    try:
        direct = json.loads(metadata.distribution("catalogue").read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        direct = {}
    vcs = direct.get("vcs_info", {})
    if vcs.get("vcs") == "git" and direct.get("url", "").startswith("https://"):
        return head + f"catalogue @ git+{direct['url']}@{vcs.get('commit_id', '')}\n"
    return head + "# Write the address of the engine's repository, e.g.:\n# catalogue @ git+https://github.com/OWNER/catalogue@v0.1.0\n"


def site_files(options: InitOptions) -> dict[str, str]:
    """Every file ``init`` writes, by path inside the site folder."""
    files = {
        f"{CONTENT}/site.yaml": site_yaml(options),
        f"{CONTENT}/producers/vi-du-hop-tac-xa.md": EXAMPLE_PRODUCER,
        f"{CONTENT}/products/vi-du-san-pham.md": EXAMPLE_PRODUCT,
        ".gitignore": GITIGNORE,
        ".github/workflows/pages.yml": WORKFLOW,
        "requirements.txt": requirements(),
    }
    for folder in (*(f"{CONTENT}/{section}" for section in SECTIONS.values()), IMAGES, "locales"):
        if not any(name.startswith(f"{folder}/") for name in files):  # git keeps no empty folder
            files[f"{folder}/.gitkeep"] = ""
    return files


def init_site(folder: Path, options: InitOptions) -> list[str]:
    """Write a new site into ``folder`` (new or empty); the paths written."""
    problems = option_problems(options)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        problems.append(Problem(str(folder), None, None, "", "exists and is not an empty folder: init writes only into a new or empty one"))
    if problems:
        raise CatalogueError(problems)
    files = site_files(options)
    problems = site_yaml_problems(files[f"{CONTENT}/site.yaml"])
    if problems:
        raise CatalogueError(problems)
    for name, text in sorted(files.items()):
        atomic_write(folder / name, text.encode("utf-8"))
    return sorted(files)
