"""``extract``: write the templates (.pot) and bring every language's catalog (.po) up to date.

Theme and engine strings go to ``messages.pot``, the site's own text to ``content.pot``.
Updating follows the lifecycle rules of ``lifecycle``: a changed source keeps its old
translation as outdated, with the previous text shown (``#|``); vanished translations become
obsolete (``#~``) and come back as they were when their text does.
A run that changes nothing rewrites nothing, so ``extract`` is safe to run at any time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

import jinja2
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file

from ..content import ocop, places
from ..content.config import SiteConfig, load_config
from ..content.entrycache import EntryTexts, published_texts
from ..content.model import page_path
from ..content.themes import ENGINE_THEMES, translation_dirs
from ..core.collector import held_collector
from ..core.engine import engine_version
from ..core.problems import CatalogueError, Problem
from ..core.progress import Progress
from ..core.workers import frozen_heap, in_workers
from .incremental import ContentCatalogs, Dates
from .lifecycle import merge, state_of
from .pofiles import (
    CONTENT,
    LOCALES,
    MESSAGES,
    catalog_bytes,
    read_catalog,
    site_catalogs,
    template_path,
    theme_catalog_path,
    write_catalog,
)
from .units import OfferedUnits, split_block_translations

VOCABULARY = (ocop, places)  # engine modules whose words are translated like theme strings

HEADER = """\
# {domain} of {title}: {what}.
# Standard gettext layout: edit with Poedit, Weblate or Pontoon.
# Texts and comments are never wrapped; `python build.py extract` keeps this file up to date.
#"""
WHAT = {MESSAGES: "theme and OCOP vocabulary strings", CONTENT: "the site's own text, one entry per field or paragraph"}
I18N_POLICIES = {"ext.i18n.trimmed": True}  # the rendering environment's policies: they must match extraction's
COMMENT_TAGS = ("Translators:",)  # {# Translators: … #} and # Translators: … become #. notes
JINJA_OPTIONS = {"extensions": "", "trimmed": "true" if I18N_POLICIES["ext.i18n.trimmed"] else "false", "silent": "false"}


@dataclass(frozen=True)
class ExtractReport:
    templates: dict[str, int]  # domain -> number of messages
    written: tuple[str, ...]  # files that changed


def new_catalog(config: SiteConfig, domain: str, now: dt.datetime, locale: str | None = None) -> Catalog:
    """An empty catalog with a header that says what it is (and passes ``msgfmt -c``)."""
    title = config.title[config.source_language]
    language = next((lang.name for lang in config.languages.values() if lang.catalog_name == locale), "")
    return Catalog(
        locale=locale,
        domain=domain,
        header_comment=HEADER.format(domain=domain.capitalize(), title=title, what=WHAT[domain]),
        project=title,
        version="1",
        copyright_holder=title,
        msgid_bugs_address=config.base_url,
        last_translator=f"{title} translators",
        language_team=f"{language} <{config.base_url}>" if language else None,
        creation_date=now,
        revision_date=now,
        fuzzy=False,
    )


def length_note(source: str, note: str) -> str | None:
    """What a translator must know of a text's length: names and alt texts have little room."""
    if note in ("name", "title") or note.endswith(".name"):
        return f"a name, shown in lists, cards and the browser tab: keep it about as short as the source ({len(source)} characters)"
    if note.endswith((".alt", "image alt")):  # a front-matter image's, or a body image's
        return "alt text, read aloud by screen readers: what the image shows, in one sentence under 125 characters"
    return None


class TemplateMessage(NamedTuple):
    locations: list[tuple[str, int]]  # (file, line) of each text with this source
    comments: dict[str, None]  # where each stands, what it is and the address of its page; length notes (once each, in order)


def content_messages(config: SiteConfig, entries: list[EntryTexts]) -> dict[str, TemplateMessage]:
    """Every translatable text of the site, by source, in the entries' order, with where it
    stands, what it is and the address of its page in the source language (to see it in place)."""
    messages: dict[str, TemplateMessage] = {}
    folder = config.languages[config.source_language].folder
    for entry in entries:
        address = f"{config.base_url}{folder}/{page_path(entry.section, entry.slug)}"
        for source, note, path, line in entry.texts:
            message = messages.get(source)
            if message is None:
                message = messages[source] = TemplateMessage([], {})
            message.locations.append((path, line))
            for comment in (f"{entry.section}/{entry.slug}: {note} ({address})", length_note(source, note)):
                if comment:
                    message.comments.setdefault(comment)  # a text shared by 10,000 entries: no list to search
    return messages


def content_template(
    config: SiteConfig,
    messages: dict[str, TemplateMessage],
    now: dt.datetime,
    dates: Dates | None = None,
    sources: list[str] | None = None,
) -> Catalog:
    """The .pot of the site's own text (with ``sources``, the part of it that has them)."""
    catalog = new_catalog(config, CONTENT, now)
    if dates is not None:
        catalog.creation_date, catalog.revision_date = dates
    for source in messages if sources is None else sources:
        message = messages[source]
        catalog.add(source, locations=list(message.locations), auto_comments=list(message.comments))
    return without_format_flags(catalog)


def without_format_flags(catalog: Catalog) -> Catalog:
    """Content is plain text: Babel guesses python-format from a '%' ("Giảm 20%"), wrongly."""
    for message in (*catalog, *catalog.obsolete.values()):
        message.flags.discard("python-format")
    return catalog


def _vocabulary(config: SiteConfig, catalog: Catalog) -> None:
    """The engine's own words (OCOP groups, stars, units...), marked with ``N_``."""
    for module in VOCABULARY:
        path = Path(module.__file__ or "")
        found = extract_from_file("python", str(path), keywords={"N_": None, "NC_": ((1, "c"), 2)}, comment_tags=COMMENT_TAGS)
        for line, message, comments, context in found:
            catalog.add(message, locations=[(_relative(path, config.root), line)], auto_comments=comments, context=context)


def theme_template(config: SiteConfig, theme: Path, now: dt.datetime) -> Catalog:
    """The strings of one theme's templates; the engine's default theme carries the engine's
    vocabulary too, since both ship together. The header names the theme, not the site."""
    owner = f"the {theme.name} theme of catalogue"
    catalog = Catalog(
        domain=MESSAGES,
        header_comment=HEADER.format(domain="Messages", title=owner, what=WHAT[MESSAGES]),
        project=f"catalogue {theme.name} theme",
        version="1",
        copyright_holder="catalogue",
        last_translator="catalogue translators",
        creation_date=now,
        revision_date=now,
        fuzzy=False,
    )
    for template in sorted((theme / "templates").rglob("*.html")):
        location = _relative(template, config.root)
        try:
            found = list(extract_from_file("jinja2", str(template), comment_tags=COMMENT_TAGS, options=JINJA_OPTIONS))
        except jinja2.TemplateSyntaxError as error:  # Babel's default would skip the template silently
            raise CatalogueError([Problem(location, error.lineno, None, "", f"template error: {error.message}")]) from None
        for line, message, comments, context in found:
            catalog.add(message, locations=[(location, line)], auto_comments=comments, context=context)
    if theme.resolve() == (ENGINE_THEMES / "default").resolve():
        _vocabulary(config, catalog)
    return catalog


def messages_template(config: SiteConfig, now: dt.datetime) -> Catalog:
    """Every theme string the site shows: its themes' templates and the engine's vocabulary."""
    catalog = new_catalog(config, MESSAGES, now)
    for theme in translation_dirs(config):
        for message in theme_template(config, theme, now):
            if message.id:
                _copy_into(catalog, message)
    return catalog


def _copy_into(catalog: Catalog, message: Message) -> None:
    known = catalog.get(message.id, message.context)
    if known is None:
        catalog.add(message.id, locations=message.locations, auto_comments=message.auto_comments, context=message.context)
    else:
        known.locations += [where for where in message.locations if where not in known.locations]


def owns(config: SiteConfig, theme: Path) -> bool:
    """A theme whose catalogs ``extract`` keeps: one with a locales/ folder inside the site."""
    return (theme / LOCALES).is_dir() and theme.resolve().is_relative_to(config.root.resolve())


def _key(message: Message) -> tuple[object, str | None]:
    return (message.id, message.context)


def _theme_ids(config: SiteConfig, theme: Path, fresh: Catalog | None) -> set[tuple[object, str | None]]:
    """The messages (id and context) a theme's catalogs translate: its .pot (or what was just extracted)."""
    catalog = fresh if fresh is not None else read_catalog(theme / LOCALES / f"{MESSAGES}.pot", config.root)
    return {_key(message) for message in catalog or () if message.id}


def site_messages_template(everything: Catalog, wanted: set, config: SiteConfig, now: dt.datetime, locale: str | None = None) -> Catalog:
    """The theme strings the site's own catalog holds: those of ``everything`` in ``wanted``."""
    catalog = new_catalog(config, MESSAGES, now, locale)
    for message in everything:
        if message.id and _key(message) in wanted:
            _copy_into(catalog, message)
    return catalog


def _relative(path: Path, root: Path) -> str:
    path = path.resolve()
    for base in (root.resolve(), Path(ocop.__file__).resolve().parents[2]):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def settle_template(path: Path, template: Catalog, root: Path) -> Catalog:
    """Keep the dates of the .pot on disk when nothing but the dates would change."""
    old = read_catalog(path, root)
    if old is not None:
        stamped = template.creation_date, template.revision_date
        template.creation_date, template.revision_date = old.creation_date, old.revision_date
        if catalog_bytes(template) != path.read_bytes():
            template.creation_date, template.revision_date = stamped
    return template


def merged_catalog(config: SiteConfig, path: Path, template: Catalog, locale: str, domain: str, now: dt.datetime) -> Catalog:
    """A language's catalog with the template merged in (a new one if there was none)."""
    return merged(config, read_catalog(path, config.root, locale), template, locale, domain, now)


def merged(
    config: SiteConfig,
    catalog: Catalog | None,
    template: Catalog,
    locale: str,
    domain: str,
    now: dt.datetime,
    units: OfferedUnits | None = None,
) -> Catalog:
    """A language's catalog as read (None: there was none) with the template merged in."""
    if catalog is None:  # (a catalog with no message is falsy, but it is there)
        catalog = new_catalog(config, domain, now, locale)
    merge(catalog, template, fuzzy_matching=config.translation.fuzzy_matching)
    if domain == CONTENT:
        split_block_translations(catalog, units)  # a table or quote translated whole, offered cell by cell
    if domain == MESSAGES:
        for message in catalog:
            if message.id and not message.python_format:
                message.flags.discard("python-format")  # a flag carried over from an older text
    return without_format_flags(catalog) if domain == CONTENT else catalog


@dataclass(frozen=True)
class CatalogFile:
    language: str  # site language code ("" for a template)
    domain: str
    path: Path
    catalog: Catalog
    optional: bool = False  # written only when it has messages or exists already


@dataclass(frozen=True)
class Plan:
    """Templates (and the catalogs of the themes the site owns) and the site's catalogs."""

    config: SiteConfig
    templates: list[CatalogFile]
    catalogs: list[CatalogFile]
    theme_strings: int  # every theme string the site shows, wherever it is translated

    def __iter__(self):
        return iter((self.config, self.templates, self.catalogs))


def _theme_files(config: SiteConfig, themes: tuple[Path, ...], now: dt.datetime) -> tuple[list[CatalogFile], dict[Path, Catalog]]:
    """The .pot and .po files of the themes the site owns, merged; and each owned theme's template."""
    files, fresh = [], {}
    for theme in themes:
        if not owns(config, theme):
            continue
        template = fresh[theme] = theme_template(config, theme, now)
        path = theme / LOCALES / f"{MESSAGES}.pot"
        settle_template(path, template, config.root)
        files.append(CatalogFile("", MESSAGES, path, template))
        for po in sorted((theme / LOCALES).glob(f"*/LC_MESSAGES/{MESSAGES}.po")):
            locale = po.parent.parent.name
            files.append(CatalogFile(locale, MESSAGES, po, merged_catalog(config, po, template, locale, MESSAGES, now)))
    return files, fresh


def _site_messages(config: SiteConfig, themes: tuple[Path, ...], everything: Catalog, fresh: dict[Path, Catalog], now: dt.datetime):
    """What the site's own theme catalogs hold: strings no theme translates (for a language,
    those of every theme without a catalog in it), and translations the site overrides."""
    ids = {_key(message) for message in everything if message.id}
    covered = {theme: _theme_ids(config, theme, fresh.get(theme)) for theme in themes if (theme / LOCALES).is_dir()}
    additions = ids - set().union(*covered.values())
    template = site_messages_template(everything, additions, config, now)
    catalogs = []
    for code, domain, path in site_catalogs(config):
        if domain != MESSAGES:
            continue
        locale = config.languages[code].catalog_name
        untranslated = {i for theme, theirs in covered.items() if not theme_catalog_path(theme, locale).is_file() for i in theirs}
        existing = read_catalog(path, config.root, locale)
        overrides = {_key(m) for m in existing or () if _key(m) in ids and state_of(m) == "reviewed"}
        wanted = additions | untranslated | overrides
        language_template = site_messages_template(everything, wanted, config, now)
        if existing is not None:  # keep its date when nothing else changes
            language_template.creation_date = existing.creation_date
        merged = merged_catalog(config, path, language_template, locale, MESSAGES, now)
        if existing is not None and catalog_bytes(merged) != path.read_bytes():
            merged.creation_date = now
        if len(merged) or path.exists():  # a site with nothing of its own has no messages.po
            catalogs.append(CatalogFile(code, MESSAGES, path, merged))
    return CatalogFile("", MESSAGES, template_path(config.root, MESSAGES), template, optional=True), catalogs


def plan(root: Path, now: dt.datetime, bar: bool = False) -> Plan:
    """Templates and merged catalogs, in memory, every message merged: what ``extract`` writes."""
    config = load_config(root)
    messages = content_messages(config, published_texts(root, engine_version()))
    content = CatalogFile("", CONTENT, template_path(root, CONTENT), content_template(config, messages, now))
    settle_template(content.path, content.catalog, root)
    theme = theme_plan(config, now)
    catalogs = []
    progress = Progress(sum(1 for _ in site_catalogs(config)), "extract", enabled=bar)
    for code, domain, path in site_catalogs(config):
        progress.advance()
        if domain == CONTENT:
            merged = merged_catalog(config, path, content.catalog, config.languages[code].catalog_name, domain, now)
            catalogs.append(CatalogFile(code, domain, path, merged))
    return Plan(config, [content, *theme.templates], catalogs + theme.catalogs, theme.theme_strings)


def theme_plan(config: SiteConfig, now: dt.datetime) -> Plan:
    """The theme strings' templates and catalogs (the site's, and those of the themes it owns)."""
    themes = translation_dirs(config)
    theme_files, fresh = _theme_files(config, themes, now)
    everything = messages_template(config, now)
    messages, message_catalogs = _site_messages(config, themes, everything, fresh, now)
    settle_template(messages.path, messages.catalog, config.root)
    return Plan(config, [messages, *theme_files], message_catalogs, len(everything))


def write_all(root: Path, files: list[CatalogFile]) -> list[str]:
    """Write each catalog atomically; the paths of those whose bytes changed. An optional
    catalog with no message is written only where a file already is."""
    written = []
    for file in files:
        if file.optional and not len(file.catalog) and not file.path.exists():
            continue
        if write_catalog(file.path, file.catalog):
            written.append(file.path.relative_to(root).as_posix())
    return written


# Messages from which the theme strings and each language's catalog are written on cores of
# their own (42 MB each at 10,000 products); below, a fork costs more than it saves.
PARALLEL = 5_000


@held_collector()
def extract(root: Path, now: dt.datetime, bar: bool = False) -> ExtractReport:
    """Write the templates and every catalog. The site's text goes through ``incremental``:
    only the messages that changes reach are merged again, and each content catalog written
    is recorded for the next run and for ``status``. Theme strings, a few hundred, are merged whole."""
    config = load_config(root)
    version = engine_version()
    messages = content_messages(config, published_texts(root, version))
    content = ContentCatalogs.of(config, messages, version, now)

    def make(dates: Dates | None, sources: list[str] | None) -> Catalog:
        return content_template(config, messages, now, dates, sources)

    def merge_content(catalog: Catalog | None, template: Catalog, locale: str, units: OfferedUnits) -> Catalog:
        return merged(config, catalog, template, locale, CONTENT, now, units)

    progress = Progress(sum(1 for _ in site_catalogs(config)), "extract", enabled=bar)
    pot = template_path(root, CONTENT)
    written = [pot.relative_to(root).as_posix()] if content.write_template(pot, make, settle_template) else []
    languages = [(path, config.languages[code].catalog_name) for code, domain, path in site_catalogs(config) if domain == CONTENT]

    def write_themes() -> ThemeFiles:
        theme = theme_plan(config, now)
        return ThemeFiles(write_all(root, theme.templates), write_all(root, theme.catalogs), len(theme.catalogs), theme.theme_strings)

    def write(language: tuple[Path, str]) -> bool:
        return content.write_catalog(*language, make, merge_content)

    jobs: list[Callable[[], object]] = [write_themes, *(partial(write, language) for language in languages)]
    results: list[object] = []
    with frozen_heap():  # the theme strings and each language's catalog (42 MB at 10,000 products) on cores of their own
        run = range(len(jobs))  # the jobs are inherited by forked workers: only their numbers are sent
        done = in_workers(list(run), lambda n: jobs[n]()) if len(messages) >= PARALLEL else ((n, jobs[n]()) for n in run)
        for _, result in done:
            results.append(result)
            progress.advance(result.catalogs if isinstance(result, ThemeFiles) else 1)
    theme = results[0]
    assert isinstance(theme, ThemeFiles)
    written += theme.templates  # in the order a whole merge writes them
    written += [path.relative_to(root).as_posix() for (path, _), wrote in zip(languages, results[1:], strict=True) if wrote]
    written += theme.written_catalogs
    return ExtractReport({CONTENT: len(messages), MESSAGES: theme.strings}, tuple(written))


class ThemeFiles(NamedTuple):
    """What writing the theme strings' templates and catalogs did."""

    templates: list[str]  # those written
    written_catalogs: list[str]
    catalogs: int  # how many there are
    strings: int
