"""The page graph: every page of the site as (what it shows, language).

Each page exists in every language (text falls back where a translation is missing), but
it is *published* as a translation only in the languages where its own text is fully
translated. Those are the page's hreflang alternates and sitemap entries; in any other
language the page's canonical URL points to the nearest published language of its chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content.config import SiteConfig
from ..content.model import KINDS, Entry, Text
from ..content.ocop import GROUP_SLUGS, STARS
from ..i18n.localise import Localiser
from ..i18n.pofiles import Translation
from .lookups import Index
from .pagination import numbered_pages
from .urls import PageId

TEMPLATES = {
    "home": "home.html",
    "products": "products.html",
    "producers": "producers.html",
    "experiences": "experiences.html",
    "product": "product.html",
    "category": "category.html",
    "stars": "stars.html",
    "region": "region.html",
    "tag": "tag.html",
    "producer": "producer.html",
    "experience": "experience.html",
    "page": "page.html",
    "notfound": "404.html",
    "search": "search.html",
    "calendar": "calendar.html",
    "brochure": "brochure.html",
    "stamps": "stamps.html",
}
NOT_INDEXED = {"notfound", "search", "brochure", "stamps"}  # printed or utility pages: not in sitemaps
SORTS = ("featured", "stars", "name", "newest")  # the orders of a product list; the first is the default
SORTABLE = {"products", "category", "stars", "region", "tag"}  # lists of products, also written in the other orders


def in_sitemap(page: PageId) -> bool:
    """Pages search engines should index: not utility pages, not a list in another order."""
    return page.kind not in NOT_INDEXED and not page.sort


@dataclass(frozen=True)
class PageGraph:
    languages: tuple[str, ...]
    pages: tuple[PageId, ...]
    published: dict[PageId, tuple[str, ...]]  # languages in which the page is a real translation

    def canonical_language(self, page: PageId, chain: tuple[str, ...]) -> str:
        """The page's own language if published there, else the first published one of the chain."""
        published = self.published[page]
        return next((lang for lang in chain if lang in published), published[0])


def page_ids(index: Index) -> list[PageId]:
    """Every page, a list's pages one after the other (pagination)."""
    lists = [PageId("home"), *(PageId(kind) for kind in ("products", "producers", "experiences"))]
    lists += [PageId(kind) for kind in ("notfound", "search", "calendar", "brochure")]
    lists += [PageId("brochure", slug) for slug in GROUP_SLUGS if index.by_group[slug]]
    lists += [PageId("category", slug) for slug in GROUP_SLUGS]
    lists += [PageId("stars", str(stars)) for stars in STARS]
    lists += [PageId("region", slug) for slug in index.regions]
    lists += [PageId("tag", slug) for slug in index.tags]
    ids = [numbered for page in lists for numbered in numbered_pages(index, page)]
    ids += [PageId(entry.entry_kind, entry.slug) for entry in index.catalogue.entries()]
    ids += [PageId("stamps", slug) for slug, products in index.by_producer.items() if products]
    ids += [PageId(page.kind, page.key, page.number, sort) for page in list(ids) if page.kind in SORTABLE for sort in SORTS[1:]]
    return ids


def entry_of(page: PageId, index: Index) -> Entry | None:
    tables = {"product": index.products, "producer": index.producers, "experience": index.experiences, "page": index.pages}
    return tables[page.kind].get(page.key) if page.kind in tables else None


def _is_translation(config: SiteConfig, localise: Localiser, entry_texts: tuple[Text, ...]) -> bool:
    """Fully in this language, and without machine drafts unless the language lists those."""
    allow_drafts = config.languages[localise.lang].drafts_in_hreflang
    for text in entry_texts:
        resolved = localise(text)
        if resolved.lang != localise.lang or (resolved.machine and not allow_drafts):
            return False
    return True


class PublishedMemo:
    """Which languages publish each entry, kept from the last graph: while the publishing rules
    are equal, an entry whose texts are the same object (unchanged since the last reload in
    ``serve``) publishes in the same languages, but for those whose chain has a table in which
    one of its texts changed (a translator's save changes a few messages of 100,000: the
    catalogs say which, ``TableChanges``)."""

    def __init__(self) -> None:
        self.rules: tuple = ()
        self.tables: dict[str, dict[str, Translation] | None] = {}
        self.changed: dict[str, set[str]] = {}  # table language -> source texts whose translation changed
        self.chains: dict[str, set[str]] = {}  # language -> the tables it reads
        self.touched: frozenset[str] = frozenset()  # every source text in ``changed``
        # entry key -> its texts, the languages publishing it, and its source texts
        self.previous: dict[tuple[str, str], tuple[tuple[Text, ...], tuple[str, ...], frozenset[str]]] = {}
        self.current: dict[tuple[str, str], tuple[tuple[Text, ...], tuple[str, ...], frozenset[str]]] = {}
        self.graph: PageGraph | None = None  # the last graph

    def start(self, config: SiteConfig, localisers: dict[str, Localiser], known: TableChanges | None = None) -> None:
        rules = tuple((code, lo.chain, lo.publishes, config.languages[code].drafts_in_hreflang) for code, lo in localisers.items())
        tables = {lang: lo.tables.get(lang) for lo in localisers.values() for lang in lo.chain}
        same = rules == self.rules and tables.keys() == self.tables.keys()
        changed: dict[str, set[str]] = {}
        for lang, table in tables.items():
            if same and table is not self.tables[lang]:
                sources = _changed(self.tables[lang], table, (known or {}).get(lang))
                same = sources is not None
                changed[lang] = sources or set()
        self.previous = self.current if same else {}
        self.rules, self.tables, self.changed, self.current = rules, tables, changed, {}
        self.touched = frozenset().union(*changed.values())
        self.chains = {code: set(lo.chain) for code, lo in localisers.items()}

    def unsettled(self, texts: dict[tuple[str, str], tuple[Text, ...]]) -> list[tuple[str, str]]:
        """The entries (of the same pages as the last graph) whose languages may have changed:
        those whose texts are other objects, and those with a text whose translation changed.
        The others keep theirs: two comprehensions find these few among 12,500 entries at 10,000
        products, where a call, a lookup and a PageId for each took 0.1 s of a save."""
        previous = self.current = self.previous  # every entry's, kept; ``languages`` replaces the unsettled
        hits = map(previous.get, texts)
        keys = [key for key, hit, entry_texts in zip(texts, hits, texts.values(), strict=True) if hit is None or hit[0] is not entry_texts]
        if self.touched:
            keys += [key for key, hit in previous.items() if not hit[2].isdisjoint(self.touched) and texts.get(key) is hit[0]]
        return keys

    def languages(
        self,
        key: tuple[str, str],
        entry_texts: tuple[Text, ...],
        find: Callable[[tuple[Text, ...]], tuple[str, ...]],
        publishes: Callable[[str, tuple[Text, ...]], bool],
    ) -> tuple[str, ...]:
        """``find``: every language publishing the texts; ``publishes``: whether one does."""
        hit = self.previous.get(key)
        if hit is None or hit[0] is not entry_texts:
            languages, sources = find(entry_texts), frozenset(text.source for text in entry_texts)
        elif hit[2].isdisjoint(self.touched):  # a few sources of 100,000 changed: nearly every entry
            languages, sources = hit[1], hit[2]
        else:
            sources = hit[2]
            touched = {lang for lang, theirs in self.changed.items() if not sources.isdisjoint(theirs)}
            redo = {code for code, chain in self.chains.items() if touched & chain}
            languages = tuple(code for code in self.chains if (publishes(code, entry_texts) if code in redo else code in hit[1]))
        self.current[key] = (entry_texts, languages, sources)
        return languages


TableChanges = dict[str, tuple[dict[str, Translation], dict[str, Translation], frozenset[str]]]  # lang -> (old, new, sources changed)


def _changed(old: dict[str, Translation] | None, new: dict[str, Translation] | None, known: tuple | None) -> set[str] | None:
    """The source texts whose translation differs between two tables (None: all may); ``known``:
    what the catalogs say changed from which table to which, if they know."""
    if old is None or new is None:
        return None
    if known is not None and known[0] is old and known[1] is new:
        return set(known[2])
    changed = {source for source, translation in new.items() if old.get(source) is not translation and old.get(source) != translation}
    return changed | {source for source in old if source not in new}


def build_graph(
    config: SiteConfig,
    index: Index,
    localisers: dict[str, Localiser],
    memo: PublishedMemo | None = None,
    pages: tuple[PageId, ...] | None = None,
    changes: TableChanges | None = None,
) -> PageGraph:
    """``memo`` keeps which languages publish each entry across readings of the site (``serve``);
    ``pages``: the site's pages, if already listed; ``changes``: what the catalogs know changed."""
    languages = tuple(config.languages)
    pages = tuple(page_ids(index)) if pages is None else pages
    published = {}
    memo = memo or PublishedMemo()
    memo.start(config, localisers, changes)

    def publishes(lang: str, entry_texts: tuple[Text, ...]) -> bool:
        return _is_translation(config, localisers[lang], entry_texts)

    def publishing(entry_texts: tuple[Text, ...]) -> tuple[str, ...]:
        return tuple(lang for lang in languages if publishes(lang, entry_texts))

    if memo.graph is not None and memo.graph.pages is pages and memo.previous:  # the same pages: only entries' may change
        published = dict(memo.graph.published)
        for key in memo.unsettled(index.texts):
            published[PageId(KINDS[key[0]], key[1])] = memo.languages(key, index.texts[key], publishing, publishes)
    else:
        for page in pages:
            entry = entry_of(page, index)
            published[page] = languages if entry is None else memo.languages(entry.key, index.texts[entry.key], publishing, publishes)
    memo.graph = PageGraph(languages, pages, published)
    return memo.graph
