"""The translators' pages under ``/_translations/``: a summary of every language, then each
language's entries cut into pages of a fixed size, so no page grows with the catalogue.

A language's pages list the site's entries in name order ("producers/…", "products/…"), so an
entry keeps its page as long as the entries before it do. Each row gives the entry's counts
from the language's catalog and where its first message is. Entries a catalog still holds but
the site no longer has (``extract`` not run since) are counted on the summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.config import SiteConfig
from ..content.model import KINDS, Catalogue
from ..i18n.status import STATES, Counts, LanguageStatus
from .pagination import pager_of
from .urls import PageId, Urls

ROWS = 200  # entries per page of a language: about 40 KB of HTML


def entry_names(catalogue: Catalogue) -> list[str]:
    """Every entry as the status names it ("products/vai-thieu"), in the pages' order."""
    return sorted(f"{entry.section}/{entry.slug}" for entry in catalogue.entries())


def languages_with_entries(config: SiteConfig) -> list[str]:
    """The languages whose entries are translated: all but the source, whose text is the content."""
    return [code for code in config.languages if code != config.source_language]


def page_count(entries: int) -> int:
    return max(1, -(-entries // ROWS))


@dataclass(frozen=True)
class Row:
    name: str
    url: str  # the entry's page in the language
    counts: Counts | None  # None: the catalog has no message of it yet (extract not run since)
    where: str  # "locales/…/content.po:123", or ""


def status_context(
    config: SiteConfig,
    urls: Urls,
    statuses: list[LanguageStatus],
    names: list[str],
    code: str = "",
    number: int = 1,
    source_links: bool = False,
) -> dict:
    """The summary (``code`` empty) or page ``number`` of language ``code``'s entries;
    ``source_links`` (in ``serve``) links each entry to its line in the catalog."""
    known = set(names)
    context: dict = {
        "statuses": statuses,
        "states": STATES,
        "pages": {code: urls.translations(config.languages[code]) for code in languages_with_entries(config)},
        "stale": {status.code: sum(1 for name in status.entries if name not in known) for status in statuses},
        "summary": urls.translations(),
        "lang": config.languages[config.source_language],
        "source_links": source_links,
        "status": None,
        "rows_per_page": ROWS,
    }
    if code:
        status = next(status for status in statuses if status.code == code)
        language = config.languages[code]
        shown = names[(number - 1) * ROWS : number * ROWS]
        context |= {
            "status": status,
            "rows": [_row(name, urls.page(_page_of(name), language), status) for name in shown],
            "first": (number - 1) * ROWS + 1,
            "total": len(names),
            "pager": pager_of(number, page_count(len(names)), lambda n: urls.translations(language, n)),
        }
    return context


def _row(name: str, url: str, status: LanguageStatus) -> Row:
    return Row(name, url, status.entries.get(name), status.where.get(name, ""))


def _page_of(name: str) -> PageId:
    section, slug = name.split("/", 1)
    return PageId(KINDS[section], slug)
