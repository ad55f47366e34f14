"""``status``: how far each language's translation has come, per catalog and per entry.

Counts messages and source words in each state (reviewed, draft, outdated, missing).
Coverage is the share of source words that are reviewed, content and theme together: the
number a release can be held to (``--min-coverage``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig, load_config
from ..content.themes import translation_dirs
from ..core.collector import held_collector
from ..core.engine import engine_version
from ..core.problems import relative
from .incremental import facts_now
from .lifecycle import state_of
from .pofiles import CONTENT, MESSAGES, read_catalog, site_catalogs, theme_catalogs
from .records import Facts, facts_of, load_record, msgid_lines, settings

STATES = ("reviewed", "draft", "outdated", "missing")


@dataclass
class Counts:
    messages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    def add(self, state: str, count: int) -> None:
        self.messages[state] += 1
        self.words[state] += count

    def include(self, other: Counts) -> None:
        for state in STATES:
            self.messages[state] += other.messages[state]
            self.words[state] += other.words[state]

    @property
    def coverage(self) -> float:
        total = sum(self.words.values())
        return 100.0 * self.words["reviewed"] / total if total else 100.0

    def as_dict(self) -> dict:
        return {**asdict(self), "coverage": round(self.coverage, 1)}


@dataclass
class LanguageStatus:
    code: str
    total: Counts = field(default_factory=Counts)
    domains: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    entries: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))  # "products/slug" -> counts
    where: dict[str, str] = field(default_factory=dict)  # entry -> "path:line" of its first message

    def as_dict(self) -> dict:
        return {
            "language": self.code,
            "total": self.total.as_dict(),
            "domains": {name: counts.as_dict() for name, counts in self.domains.items()},
            "entries": {name: counts.as_dict() | {"po": self.where.get(name, "")} for name, counts in sorted(self.entries.items())},
        }


def theme_messages(site: Catalog | None, themes: tuple[Catalog, ...]) -> list[Message]:
    """A language's theme strings as shown: each message from the site's own catalog where it
    translates it, else from the first theme catalog that does, else as missing."""
    chosen: dict[object, Message] = {}
    for catalog in (site, *themes):
        for message in catalog or ():
            key = (message.id, message.context)
            if message.id and (key not in chosen or state_of(chosen[key]) == "missing"):
                chosen[key] = message
    return list(chosen.values())


def catalogs_status(
    config: SiteConfig, catalogs: dict[tuple[str, str], Catalog | None], themes: dict[str, tuple[Catalog, ...]] | None = None
) -> list[LanguageStatus]:
    """The status of every language from its catalogs, already read: (code, domain) -> Catalog,
    and the themes' own catalogs of each language."""
    found = {}
    for code, domain, _ in site_catalogs(config):
        catalog = catalogs.get((code, domain))
        messages = theme_messages(catalog, (themes or {}).get(code, ())) if domain == MESSAGES else list(catalog or ())
        found[code, domain] = _facts([message for message in messages if message.id])
    return _statuses(config, found)


def _facts(messages: list[Message]) -> tuple[list[Facts], list[int]]:
    return [facts_of(message) for message in messages], [message.lineno for message in messages]


def _statuses(config: SiteConfig, found: dict[tuple[str, str], tuple[list[Facts], list[int]]]) -> list[LanguageStatus]:
    """Every language's counts from the facts of each catalog's messages, and their lines."""
    statuses = {code: LanguageStatus(code) for code in config.languages}
    for code, domain, path in site_catalogs(config):
        status, (facts, lines) = statuses[code], found[code, domain]
        if not facts:
            continue  # no row for a domain without messages
        name, counts, where = relative(path, config.root), status.domains[domain], status.where
        for (state, count, entries), line in zip(facts, lines, strict=True):
            counts.add(state, count)
            for entry in entries if domain == CONTENT else ():
                status.entries[entry].add(state, count)
                if entry not in where:
                    where[entry] = f"{name}:{line}"
    for status in statuses.values():
        for counts in status.domains.values():
            status.total.include(counts)
    return list(statuses.values())


@held_collector()
def site_status(root: Path) -> tuple[SiteConfig, list[LanguageStatus]]:
    """Every language's status. A content catalog that still holds the bytes ``extract`` wrote
    is counted from the record it made of them (``records``), not read again; one a translator
    edited in place since, from that record and the edited messages (``incremental.facts_now``)."""
    config = load_config(root)
    names = {code: language.catalog_name for code, language in config.languages.items()}
    version = engine_version()
    themes: dict[str, tuple[Catalog, ...]] = {}
    for code, path in theme_catalogs(config, translation_dirs(config)):
        themes[code] = (*themes.get(code, ()), *filter(None, [read_catalog(path, root, names[code])]))
    found = {}
    for code, domain, path in site_catalogs(config):
        wanted = settings(version, domain, names[code], config.translation.fuzzy_matching)
        data = _bytes(path) if domain == CONTENT else None
        record = load_record(root, path, wanted) if data is not None else None
        facts = facts_now(record, data, names[code]) if record is not None and data is not None else None
        if facts is not None and data is not None:
            found[code, domain] = (facts, msgid_lines(data)[1:])
        elif domain == MESSAGES:
            found[code, domain] = _facts([m for m in theme_messages(read_catalog(path, root, names[code]), themes.get(code, ())) if m.id])
        else:
            found[code, domain] = _facts([message for message in read_catalog(path, root, names[code]) or () if message.id])
    return config, _statuses(config, found)


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # read_catalog says what is wrong, if anything


def table(statuses: list[LanguageStatus], entries: bool) -> str:
    """The report as aligned text: one row per language, then incomplete entries."""
    header = f"{'language':<10}{'reviewed':>10}{'draft':>8}{'outdated':>10}{'missing':>9}{'words':>9}{'coverage':>10}"
    rows = [header]
    for status in statuses:
        m, total = status.total.messages, sum(status.total.words.values())
        rows.append(
            f"{status.code:<10}{m['reviewed']:>10}{m['draft']:>8}{m['outdated']:>10}{m['missing']:>9}{total:>9}{status.total.coverage:>9.1f}%"
        )
    if entries:
        for status in statuses:
            behind = [
                (name, counts)
                for name, counts in sorted(status.entries.items())
                if counts.messages["reviewed"] < sum(counts.messages.values())
            ]
            if behind:
                rows.append(f"\n{status.code}: {len(behind)} entries not fully reviewed")
                for name, counts in behind:
                    states = ", ".join(f"{counts.messages[s]} {s}" for s in STATES if counts.messages[s])
                    rows.append(f"  {name:<46} {states}  ({status.where[name]})")
    return "\n".join(rows)
