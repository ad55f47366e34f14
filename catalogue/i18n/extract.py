"""``extract``: write the templates (.pot) and bring every language's catalog (.po) up to date.

Theme and engine strings go to ``messages.pot``, the site's own text to ``content.pot``.
Updating follows the lifecycle rules of ``lifecycle``: a changed source keeps its old
translation as outdated, with the previous text shown (``#|``); vanished translations become
obsolete (``#~``) and come back as they were when their text does.
A run that changes nothing rewrites nothing, so ``extract`` is safe to run at any time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from ..content import ocop
from ..content.config import SiteConfig, load_config
from ..content.model import Catalogue, Text, page_path, texts
from ..content.sources import load_catalogue
from ..content.themes import theme_dirs
from ..core.problems import CatalogueError, Problem
from ..core.progress import Progress
from .lifecycle import merge
from .pofiles import CONTENT, MESSAGES, catalog_bytes, read_catalog, site_catalogs, template_path, write_catalog
from .units import split_block_translations

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


def length_note(text: Text) -> str | None:
    """What a translator must know of a text's length: names and alt texts have little room."""
    if text.note in ("name", "title") or text.note.endswith(".name"):
        return f"a name, shown in lists, cards and the browser tab: keep it about as short as the source ({len(text.source)} characters)"
    if text.note.endswith((".alt", "image alt")):  # a front-matter image's, or a body image's
        return "alt text, read aloud by screen readers: what the image shows, in one sentence under 125 characters"
    return None


def content_template(config: SiteConfig, catalogue: Catalogue, now: dt.datetime) -> Catalog:
    """Every translatable text of the site, with where it stands, what it is and the address
    of its page in the source language (to see it in place)."""
    catalog = new_catalog(config, CONTENT, now)
    folder = config.languages[config.source_language].folder
    for entry in catalogue.entries():
        address = f"{config.base_url}{folder}/{page_path(entry.section, entry.slug)}"
        for text in texts(entry):
            message = catalog.get(text.source)
            notes = [f"{entry.section}/{entry.slug}: {text.note} ({address})", length_note(text)]
            location = (text.location.path, text.location.line or 0)
            if message is None:
                message = catalog.add(text.source, locations=[location])
            else:
                message.locations.append(location)
            message.auto_comments.extend(note for note in notes if note and note not in message.auto_comments)
    return without_format_flags(catalog)


def without_format_flags(catalog: Catalog) -> Catalog:
    """Content is plain text: Babel guesses python-format from a '%' ("Giảm 20%"), wrongly."""
    for message in (*catalog, *catalog.obsolete.values()):
        message.flags.discard("python-format")
    return catalog


def messages_template(config: SiteConfig, now: dt.datetime) -> Catalog:
    """Theme strings from the Jinja2 templates, and the engine's OCOP vocabulary."""
    catalog = new_catalog(config, MESSAGES, now)
    for theme in theme_dirs(config):
        for template in sorted((theme / "templates").rglob("*.html")):
            location = _relative(template, config.root)
            try:
                found = list(extract_from_file("jinja2", str(template), comment_tags=COMMENT_TAGS, options=JINJA_OPTIONS))
            except jinja2.TemplateSyntaxError as error:  # Babel's default would skip the template silently
                raise CatalogueError([Problem(location, error.lineno, None, "", f"template error: {error.message}")]) from None
            for line, message, comments, context in found:
                catalog.add(message, locations=[(location, line)], auto_comments=comments, context=context)
    engine_file = Path(ocop.__file__)
    keywords = {"N_": None, "NC_": ((1, "c"), 2)}
    for line, message, comments, context in extract_from_file("python", str(engine_file), keywords=keywords, comment_tags=COMMENT_TAGS):
        catalog.add(message, locations=[(_relative(engine_file, config.root), line)], auto_comments=comments, context=context)
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
    catalog = read_catalog(path, config.root, locale) or new_catalog(config, domain, now, locale)
    merge(catalog, template, fuzzy_matching=config.translation.fuzzy_matching)
    if domain == CONTENT:
        split_block_translations(catalog)  # a table or quote translated whole, offered cell by cell
    if domain == MESSAGES:
        for message in catalog:
            if message.id and not message.python_format:
                message.flags.discard("python-format")  # a flag carried over from an older text
    return without_format_flags(catalog) if domain == CONTENT else catalog


@dataclass(frozen=True)
class CatalogFile:
    language: str  # site language code
    domain: str
    path: Path
    catalog: Catalog


def plan(root: Path, now: dt.datetime, bar: bool = False) -> tuple[SiteConfig, list[CatalogFile], list[CatalogFile]]:
    """Templates and merged catalogs, in memory: what ``extract`` writes."""
    config = load_config(root)
    catalogue = load_catalogue(root)
    templates = [
        CatalogFile("", CONTENT, template_path(root, CONTENT), content_template(config, catalogue, now)),
        CatalogFile("", MESSAGES, template_path(root, MESSAGES), messages_template(config, now)),
    ]
    catalogs = []
    progress = Progress(sum(1 for _ in site_catalogs(config)), "extract", enabled=bar)
    for template in templates:
        settle_template(template.path, template.catalog, root)
        for code, domain, path in site_catalogs(config):
            if domain == template.domain:
                progress.advance()
                merged = merged_catalog(config, path, template.catalog, config.languages[code].catalog_name, domain, now)
                catalogs.append(CatalogFile(code, domain, path, merged))
    return config, templates, catalogs


def write_all(root: Path, files: list[CatalogFile]) -> list[str]:
    """Write each catalog atomically; the paths of those whose bytes changed."""
    return [file.path.relative_to(root).as_posix() for file in files if write_catalog(file.path, file.catalog)]


def extract(root: Path, now: dt.datetime, bar: bool = False) -> ExtractReport:
    _, templates, catalogs = plan(root, now, bar)
    written = write_all(root, templates + catalogs)
    return ExtractReport({t.domain: len(t.catalog) for t in templates}, tuple(written))
