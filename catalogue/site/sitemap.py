"""sitemap.xml (with every published translation as an xhtml:link alternate, and x-default)
and robots.txt. Only pages published in a language are listed in it."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..content.config import SiteConfig
from .pagegraph import PageGraph, in_sitemap
from .urls import PageId, Urls

MAX_URLS = 50_000  # the sitemap protocol's limit per file


def _alternates(graph: PageGraph, page: PageId, config: SiteConfig, urls: Urls, x_default: str) -> str:
    links = [
        f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(urls.absolute(urls.page(page, config.languages[code])))}/>'
        for code in graph.published[page]
    ]
    links.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(x_default)}/>')
    return "".join(links)


def x_default(page: PageId, config: SiteConfig, urls: Urls) -> str:
    if page.kind == "home":
        return urls.absolute(urls.root())
    if page.kind == "product":
        return urls.absolute(urls.short(page.key))
    return urls.absolute(urls.page(page, config.languages[config.source_language]))


def sitemap_names(graph: PageGraph) -> list[str]:
    """The names of the files ``sitemap_files`` makes, known from the graph without making them."""
    count = sum(len(graph.published[page]) for page in graph.pages if in_sitemap(page))
    parts = max(1, -(-count // MAX_URLS))
    return ["sitemap.xml"] if parts == 1 else [*(f"sitemap-{n}.xml" for n in range(1, parts + 1)), "sitemap.xml"]


def sitemap_files(config: SiteConfig, graph: PageGraph, urls: Urls) -> dict[str, bytes]:
    """sitemap.xml, or an index and numbered parts when there are more than 50,000 URLs."""
    entries = []
    for page in graph.pages:
        if not in_sitemap(page):
            continue
        alternates = _alternates(graph, page, config, urls, x_default(page, config, urls))
        for code in graph.published[page]:
            location = urls.absolute(urls.page(page, config.languages[code]))
            entries.append(f"<url><loc>{escape(location)}</loc>{alternates}</url>")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    parts = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    if len(parts) == 1:
        return {"sitemap.xml": (head + "\n".join(parts[0]) + "\n</urlset>\n").encode()}
    files = {f"sitemap-{n}.xml": (head + "\n".join(part) + "\n</urlset>\n").encode() for n, part in enumerate(parts, start=1)}
    index = "".join(f"<sitemap><loc>{escape(urls.absolute(urls.base_path + name))}</loc></sitemap>\n" for name in files)
    files["sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + index
        + "</sitemapindex>\n"
    ).encode()
    return files


def robots(urls: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\nDisallow: {urls.translations()}\n\nSitemap: {urls.absolute(urls.sitemap())}\n".encode()
