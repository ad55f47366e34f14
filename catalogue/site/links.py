"""Links between pages, written once for every language.

An editor links to another page by its address without a language: ``[Mỳ
Chũ](/products/my-chu-truyen-thong/)``, or relative to the entry's own page: ``[Mỳ
Chũ](../my-chu-truyen-thong/)``. Every language's page then links to the page in its own
language (by an absolute address, so the link works wherever the body is shown), so
translators never touch link targets; a body's images (``/images/x.jpg``) point at their
published file. ``check`` verifies that each such link leads to a page or image that exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import unquote, urljoin

from ..content.config import SiteConfig
from ..content.model import Catalogue, Entry, Page
from ..core.problems import Problem
from .lookups import Index
from .pagegraph import page_ids
from .urls import RESERVED_SLUGS, SHARED_NAMES, PageId, relative_page

ADDRESS = re.compile(r' (href|src)="([^"]*)"')
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def site_address(url: str, page: str) -> str | None:
    """Where on the site a link written in the body of ``page`` ("products/x/") leads, from the
    site's root and without a language ("products/y/#z"); None when it leaves the site or
    stays on the page."""
    if not url or SCHEME.match(url) or url.startswith(("//", "#", "?")):
        return None
    return urljoin("/" + page, url)[1:]


def localise_links(
    html: str, base_path: str, folder: str, language_folders: set[str], page: str = "", image: Callable[[str], str] = str
) -> str:
    """Point the site links of a body shown on ``page`` at this language's pages, and its
    images (named under images/) at their published file."""

    def rewrite(match: re.Match[str]) -> str:
        attribute, url = match.groups()
        path = site_address(url, page)
        if path is None:
            return match.group(0)
        first, _, rest = path.partition("/")
        first = first.split("?")[0].split("#")[0]
        if first == "images" and attribute == "src":
            path = "images/" + image(unquote(rest))
        elif first not in language_folders and first not in SHARED_NAMES:
            path = f"{folder}/{path}"
        return f' {attribute}="{base_path}{path}"'

    return ADDRESS.sub(rewrite, html)


def entry_page(entry: Entry, config: SiteConfig) -> str:
    """The address of an entry's page without its language folder: "products/x/", "about-ocop/"."""
    language = next(iter(config.languages.values()))
    return relative_page(PageId(entry.entry_kind, entry.slug), language).removeprefix(f"{language.folder}/")


def known_paths(config: SiteConfig, index: Index, pages: Sequence[PageId] | None = None) -> set[str]:
    """Every page address without its language folder: "products/x/", "about-ocop/"."""
    language = next(iter(config.languages.values()))
    prefix = f"{language.folder}/"
    paths = {relative_page(page, language).removeprefix(prefix) for page in (page_ids(index) if pages is None else pages)}
    return paths | {f"p/{p.slug}/" for p in index.catalogue.products}


class LinkMemory:
    """What ``serve`` keeps between readings: the known addresses while the site's pages are the
    same, and each entry's broken links while the entry object and what it is checked against
    (addresses, language folders, images) are the same."""

    def __init__(self) -> None:
        self.pages: tuple[tuple[PageId, ...], str] | None = None
        self.known: set[str] = set()
        self.against: tuple = ()
        self.entries: dict[tuple[str, str], tuple[Entry, list[Problem]]] = {}
        self.last: tuple[Catalogue, tuple, list[Problem]] | None = None  # the last catalogue's problems

    def known_paths(self, config: SiteConfig, index: Index, pages: tuple[PageId, ...]) -> set[str]:
        """The same set object as last time when the pages and the first language's folder are."""
        shape = (pages, next(iter(config.languages.values())).folder)
        if shape != self.pages:
            self.pages, self.known = shape, known_paths(config, index, pages)
        return self.known

    def problems(self, entries: Iterable[Entry], against: tuple, check: Callable[[Entry], list[Problem]]) -> list[Problem]:
        """The entries' problems in order, each entry checked again only when it is another
        object (found in one pass, not a call per entry: 12,500 entries at 10,000 products)."""
        if against is not self.against and against != self.against:
            self.against, self.entries = against, {}
        kept, entries = self.entries, tuple(entries)
        for entry in [entry for entry in entries if (hit := kept.get(entry.key)) is None or hit[0] is not entry]:
            kept[entry.key] = (entry, check(entry))
        return [problem for entry in entries for problem in kept[entry.key][1]]


def page_slug_problems(pages: tuple[Page, ...]) -> list[Problem]:
    """A page is written at the top of its language folder: its slug may not be a name the site uses there."""
    return [
        Problem(page.source.path, None, None, "", f"the page slug '{page.slug}' is reserved for the site's own sections; rename the file")
        for page in pages
        if page.slug in RESERVED_SLUGS
    ]


def link_problems(
    catalogue: Catalogue,
    config: SiteConfig,
    index: Index,
    pages: tuple[PageId, ...] | None = None,
    memory: LinkMemory | None = None,
    image_sources: tuple[str, ...] | None = None,
) -> list[Problem]:
    """Site links in bodies that lead nowhere, and page slugs that collide with the site's own names.
    ``pages``, ``image_sources``: the site's pages and images if already listed; ``memory``: what
    ``serve`` keeps between readings."""
    pages = tuple(page_ids(index)) if pages is None else pages
    memory = memory or LinkMemory()
    known = memory.known_paths(config, index, pages)
    folders = {language.folder for language in config.languages.values()}
    images = set(catalogue.image_sources() if image_sources is None else image_sources)
    against = (known, folders, images, next(iter(config.languages.values())))
    if memory.last is not None and memory.last[0] is catalogue and memory.last[1] == against:
        return list(memory.last[2])
    problems = page_slug_problems(catalogue.pages)
    problems += memory.problems(catalogue.entries(), against, lambda entry: _entry_link_problems(entry, config, known, folders, images))
    memory.last = (catalogue, against, problems)
    return list(problems)


def _entry_link_problems(entry: Entry, config: SiteConfig, known: set[str], folders: set[str], images: set[str]) -> list[Problem]:
    problems = []
    page = entry_page(entry, config)
    for block in entry.body:
        for target in block.links:
            address = site_address(target, page)
            if address is None:
                continue
            path = unquote(address.split("#")[0].split("?")[0])
            first, _, rest = path.partition("/")
            if first in folders:
                path = rest
            if path.startswith("images/"):
                ok = path.removeprefix("images/") in images
            else:
                ok = path in known or f"{path}/" in known or path == ""
            if not ok:
                where = block.text.location if block.text else entry.source
                problems.append(Problem(where.path, where.line, None, "body", f"broken link: no page at {unquote(target)}"))
    return problems
