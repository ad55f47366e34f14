"""Every URL of the site, in one place: templates never build a URL themselves.

Pages live at ``<base path><language folder>/<section>/<slug>/``; the site may be served
under a sub-path (the path of ``base_url``), so every URL starts with that base path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from ..content.config import Language, SiteConfig
from ..content.model import SECTIONS, page_path

# The folder of each kind of page with a key: an entry's is its content folder.
SECTION_FOLDERS = {
    **{kind: section for kind, section in SECTIONS.items() if kind != "page"},
    "category": "categories",
    "stars": "stars",
    "region": "regions",
    "brochure": "brochure",  # one per group: /<lang>/brochure/<group>/
    "tag": "tags",
}
LIST_FOLDERS = {name: name for name in ("products", "producers", "experiences", "search", "calendar")}
LANGUAGE_FILES = {"feed": "feed.xml", "export-json": "catalogue.json", "export-csv": "catalogue.csv"}
# Names at the top of the site that belong to no language (links to them are never localised).
SHARED_NAMES = {"images", "assets", "cards", "p", "qr", "pagefind", "sitemap.xml", "robots.txt", "404.html"}
SHARED_NAMES |= {"_redirects", "_headers", "_translations"}
# What a page's slug may not be, since it is written at the top of a language folder.
RESERVED_SLUGS = {*SECTION_FOLDERS.values(), *LIST_FOLDERS.values(), *LANGUAGE_FILES.values(), *SHARED_NAMES, "404"}


@dataclass(frozen=True, order=True)
class PageId:
    """What a page shows, independent of language: ("product", "vai-thieu-luc-ngan"); a list
    cut into pages has one for each (``number`` 2, 3… at ``<list address>page/<number>/``)."""

    kind: str
    key: str = ""
    number: int = 1
    sort: str = ""  # a list page in another order than its default ("stars", "name", "newest")

    def numbered(self, number: int) -> PageId:
        return PageId(self.kind, self.key, number, self.sort)


@dataclass(frozen=True)
class Urls:
    base_url: str  # "https://example.org/catalogue/"

    @classmethod
    def for_site(cls, config: SiteConfig) -> Urls:
        base = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
        return cls(base)

    @cached_property
    def base_path(self) -> str:  # asked for every URL made: computed once
        return urlsplit(self.base_url).path or "/"

    def page(self, page: PageId, language: Language) -> str:
        """The URL path of a page in a language, e.g. "/en/products/vai-thieu/"."""
        return self.base_path + relative_page(page, language)

    def absolute(self, path: str) -> str:
        """A full URL from a path this module made."""
        return self.base_url + path[len(self.base_path) :]

    def root(self) -> str:
        return self.base_path

    def short(self, slug: str) -> str:
        """The permanent, language-negotiating address printed in QR stamps: /p/<slug>/."""
        return f"{self.base_path}p/{slug}/"

    def qr(self, slug: str) -> str:
        return f"{self.base_path}qr/{slug}.svg"

    def card(self, language: Language, slug: str = "") -> str:
        """The social card (og:image) of a product, or of the home page, in a language."""
        return f"{self.base_path}cards/{language.folder}/" + (f"products/{slug}.jpg" if slug else "home.jpg")

    def sitemap(self, name: str = "sitemap.xml") -> str:
        return self.base_path + name

    def shared(self, name: str) -> str:
        """A file at the top of the site that belongs to no language: "robots.txt", "404.html"."""
        return self.base_path + name

    def translations(self, language: Language | None = None, number: int = 1) -> str:
        """The translators' status pages (linked from nowhere, kept out of search engines): the
        summary, and page ``number`` of a language's entries."""
        if language is None:
            return f"{self.base_path}_translations/"
        first = f"{self.base_path}_translations/{language.folder}/"
        return first if number == 1 else f"{first}page/{number}/"

    def image(self, src: str) -> str:
        return f"{self.base_path}images/{src}"

    def asset(self, name: str, version: str = "") -> str:
        """A theme file; with its ``version`` (a content hash) for pages, so browsers never keep a stale copy."""
        return f"{self.base_path}assets/{name}" + (f"?v={version}" if version else "")


def relative_page(page: PageId, language: Language) -> str:
    first = _first_page(page, language) + (f"sort/{page.sort}/" if page.sort else "")
    return first if page.number == 1 else f"{first}page/{page.number}/"


def _first_page(page: PageId, language: Language) -> str:
    prefix = f"{language.folder}/"
    if page.kind == "home":
        return prefix
    if page.kind == "notfound":
        return prefix + "404.html"
    if page.kind in LIST_FOLDERS:
        return f"{prefix}{LIST_FOLDERS[page.kind]}/"
    if page.kind in SECTIONS:
        return prefix + page_path(SECTIONS[page.kind], page.key)
    if page.kind == "stamps":
        return f"{prefix}producers/{page.key}/stamps/"
    if page.kind in LANGUAGE_FILES:
        return prefix + LANGUAGE_FILES[page.kind]
    if not page.key:  # a section's own page: the brochure's list of groups
        return f"{prefix}{SECTION_FOLDERS[page.kind]}/"
    return f"{prefix}{SECTION_FOLDERS[page.kind]}/{page.key}/"


def output_file(path: str, base_path: str) -> str:
    """Where a URL path is written under the output folder."""
    relative = path[len(base_path) :]
    return relative + "index.html" if relative.endswith("/") or not relative else relative
