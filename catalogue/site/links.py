"""Links between pages, written once for every language.

An editor links to another page by its address without a language: ``[Mỳ
Chũ](/products/my-chu-truyen-thong/)``. Every language's page then links to the page in its
own language, so translators never touch link targets. ``check`` verifies that each such
link leads to a page that exists.
"""

from __future__ import annotations

import re

from ..content.config import SiteConfig
from ..content.model import Catalogue, Page
from ..core.problems import Problem
from .lookups import Index
from .pagegraph import page_ids
from .urls import RESERVED_SLUGS, SHARED_NAMES, relative_page

HREF = re.compile(r'href="/([^"]*)"')
MARKDOWN_LINK = re.compile(r"\]\((/[^)\s]*)\)")


def localise_links(html: str, base_path: str, folder: str, language_folders: set[str]) -> str:
    """Point language-free site links ("/products/x/") at this language's page."""

    def rewrite(match: re.Match[str]) -> str:
        path = match.group(1)
        first = path.split("/", 1)[0].split("?")[0].split("#")[0]
        if first in language_folders or first in SHARED_NAMES:
            return f'href="{base_path}{path}"'
        return f'href="{base_path}{folder}/{path}"'

    return HREF.sub(rewrite, html)


def known_paths(config: SiteConfig, index: Index) -> set[str]:
    """Every page address without its language folder: "products/x/", "about-ocop/"."""
    language = next(iter(config.languages.values()))
    prefix = f"{language.folder}/"
    paths = {relative_page(page, language).removeprefix(prefix) for page in page_ids(index)}
    return paths | {f"p/{p.slug}/" for p in index.catalogue.products}


def page_slug_problems(pages: tuple[Page, ...]) -> list[Problem]:
    """A page is written at the top of its language folder: its slug may not be a name the site uses there."""
    return [
        Problem(page.source.path, None, None, "", f"the page slug '{page.slug}' is reserved for the site's own sections; rename the file")
        for page in pages
        if page.slug in RESERVED_SLUGS
    ]


def link_problems(catalogue: Catalogue, config: SiteConfig, index: Index) -> list[Problem]:
    """Site links in bodies that lead nowhere, and page slugs that collide with the site's own names."""
    known = known_paths(config, index)
    folders = {language.folder for language in config.languages.values()}
    images = set(catalogue.image_sources())
    problems = page_slug_problems(catalogue.pages)
    for entry in catalogue.entries():
        for block in entry.body:
            text = block.text.source if block.text else block.raw
            for target in MARKDOWN_LINK.findall(text):
                path = target.lstrip("/").split("#")[0].split("?")[0]
                first, _, rest = path.partition("/")
                if first in folders:
                    path = rest
                if path.startswith("images/"):
                    ok = path.removeprefix("images/") in images
                else:
                    ok = path in known or f"{path}/" in known or path == ""
                if not ok:
                    where = block.text.location if block.text else entry.source
                    problems.append(Problem(where.path, where.line, None, "body", f"broken link: no page at {target}"))
    return problems
