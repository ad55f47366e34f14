"""gettext catalogs on disk: where they live, how they are read and written, and what
state each translation is in.

Two domains per language: ``messages`` (theme and engine strings, English message ids) and
``content`` (the site's own text, source-language message ids). Catalogs are read straight
from ``.po`` files, so no compiled ``.mo`` is ever committed or stale.
"""

from __future__ import annotations

import gettext
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from ..content.config import SiteConfig
from ..core.files import atomic_write, link_problem
from ..core.problems import CatalogueError, Problem, relative
from .lifecycle import State, state_of
from .posyntax import po_syntax_problems

LOCALES = "locales"
CONTENT = "content"
MESSAGES = "messages"
NO_WRAP = 1 << 30  # texts and comments are never wrapped: tools wrap differently, and wrapping hurts CJK
REFERENCE_WIDTH = 79  # "#:" lines are folded as gettext folds them (even with --no-wrap), so msgmerge changes nothing


def template_path(root: Path, domain: str) -> Path:
    return root / LOCALES / f"{domain}.pot"


def catalog_path(root: Path, catalog_name: str, domain: str) -> Path:
    return root / LOCALES / catalog_name / "LC_MESSAGES" / f"{domain}.po"


def theme_catalog_path(theme: Path, catalog_name: str) -> Path:
    """A theme's own translation of its strings: ``<theme>/locales/<lang>/LC_MESSAGES/messages.po``."""
    return theme / LOCALES / catalog_name / "LC_MESSAGES" / f"{MESSAGES}.po"


def theme_catalogs(config: SiteConfig, themes: tuple[Path, ...]) -> Iterator[tuple[str, Path]]:
    """(language code, path) of every catalog the site's themes ship for a site language,
    the first theme's first: they translate the theme wherever the site does not."""
    for theme in themes:
        for code, language in config.languages.items():
            path = theme_catalog_path(theme, language.catalog_name)
            if path.is_file():
                yield code, path


def site_catalogs(config: SiteConfig) -> Iterator[tuple[str, str, Path]]:
    """(language code, domain, path) of every catalog a site has: each language's theme strings,
    and its content for every language but the source (whose text is the content itself)."""
    for code, language in config.languages.items():
        for domain in (CONTENT, MESSAGES):
            if not (domain == CONTENT and code == config.source_language):
                yield code, domain, catalog_path(config.root, language.catalog_name, domain)


def read_catalog(path: Path, root: Path, locale: str | None = None) -> Catalog | None:
    """A catalog from disk, None if the file does not exist; a broken file raises with its line."""
    text = read_catalog_text(path, root)
    return None if text is None else parse_catalog(text, relative(path, root), locale)


def read_catalog_text(path: Path, root: Path) -> str | None:
    """A catalog's text, None if the file does not exist; unreadable, it raises with its line."""
    data = read_catalog_bytes(path, root)
    return None if data is None else catalog_text(data, relative(path, root))


def read_catalog_bytes(path: Path, root: Path) -> bytes | None:
    """A catalog's bytes, None if the file does not exist; unreadable, it raises.

    A link that leads out of its locales/ folder (the site's, or a theme's) is refused before it
    is read: its lines would otherwise be quoted in error messages (a ``.po`` linked to
    /etc/passwd, printed in CI logs)."""
    name = relative(path, root)
    folder = next((parent for parent in path.parents if parent.name == LOCALES), root / LOCALES)  # the site's, or a theme's
    if wrong := link_problem(path, folder, root, f"{LOCALES}/"):
        raise CatalogueError([wrong])
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CatalogueError([Problem(name, None, None, "", f"cannot be read: {error.strerror}")]) from None


def catalog_text(data: bytes, name: str) -> str:
    """The text of a catalog's bytes (or of a part of them cut at blank lines), ``name`` being its file.

    Text is normalised to NFC as it is read, like every other input, so a catalog saved in NFD by
    some editor still matches its sources; parts cut at blank lines normalise as the whole does."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogueError([Problem(name, data[: error.start].count(b"\n") + 1, None, "", "is not UTF-8 text")]) from None
    return unicodedata.normalize("NFC", text)


def parse_catalog(text: str, name: str, locale: str | None = None) -> Catalog:
    """A catalog from its (NFC) text; a broken one raises with the line, ``name`` being its file."""
    problems = po_syntax_problems(text, name)
    if problems:
        raise CatalogueError(problems)
    try:
        return checked_catalog(text, locale)
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        if "more translations than num_plurals" in message:
            message = "a plural message has more forms than its Plural-Forms header allows"
        raise CatalogueError([Problem(name, error.lineno, None, "", f"invalid .po file: {message}")]) from None
    except ValueError as error:
        raise CatalogueError([Problem(name, None, None, "", f"invalid .po file: {error}")]) from None


def checked_catalog(text: str, locale: str | None) -> Catalog:
    """A catalog from .po text already checked (``parse_catalog``), previous sources included."""
    return with_previous_ids(read_po(io.StringIO(OBSOLETE_PREVIOUS.sub("#|", text)), locale=locale, abort_invalid=True))


OBSOLETE_PREVIOUS = re.compile(r"^#~\|", re.MULTILINE)  # gettext's previous source of an obsolete entry; Babel cannot read it
PREVIOUS = re.compile(r'^(msgctxt|msgid|msgid_plural)?\s*"(.*)"$')
PREVIOUS_START = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural)\s+)?"')


def _previous_lines(comments: list[str]) -> tuple[list[str], list[str]]:
    """Split comments into ``#|`` lines (rejoining lines that Babel wrapped) and the others."""
    previous: list[str] = []
    others = []
    for comment in comments:
        if not comment.startswith("|"):
            others.append(comment)
            continue
        body = comment[1:].strip()
        if previous and not PREVIOUS_START.match(body):
            previous[-1] += " " + body  # the rest of a line Babel cut at 76 columns
        else:
            previous.append(body)
    return previous, others


def with_previous_ids(catalog: Catalog) -> Catalog:
    """Babel writes a fuzzy entry's previous source as ``#| msgid "…"`` but reads those lines
    back as comments; turn them into ``previous_id`` again, so they survive every rewrite."""
    for message in (*catalog, *catalog.obsolete.values()):
        lines, others = _previous_lines(message.user_comments)
        previous: list[str] = []
        for line in lines:
            match = PREVIOUS.match(line)
            if match is None:
                continue
            keyword, text = match.groups()
            text = unescape(f'"{text}"')
            if keyword in ("msgid", "msgid_plural"):
                previous.append(text)
            elif keyword is None and previous:
                previous[-1] += text
        if lines:
            message.previous_id = previous
            message.user_comments = others
    return catalog


def catalog_bytes(catalog: Catalog) -> bytes:
    """The .po text: texts and comments never wrapped, ``#:`` lines folded as gettext folds
    them, each fuzzy entry's previous source as ``#|`` lines, and obsolete entries (``#~``)
    with their flags and comments, as gettext writes them.

    Babel wraps ``#|`` lines at 76 columns whatever the width, which cuts a long previous
    msgid in the middle of its quotes (invalid for gettext), and writes obsolete entries
    without flags or ``#.``/``#:`` comments (an obsolete draft would come back reviewed); so
    both are written here.
    """
    text = _entries_text(catalog, omit_header=False)
    if catalog.obsolete:
        holder = Catalog(locale=catalog.locale, fuzzy=False)
        holder.mime_headers = catalog.mime_headers
        for message in catalog.obsolete.values():
            holder[message.id] = message
        text = text.rstrip("\n") + "\n\n" + "\n".join(_as_obsolete(line) for line in _entries_text(holder, omit_header=True).split("\n"))
    return text.encode("utf-8")


def _as_obsolete(line: str) -> str:
    if line.startswith("#|"):
        return "#~|" + line[2:]
    return "#~ " + line if line.startswith(("msgctxt ", "msgid", "msgstr", '"')) else line


def _entries_text(catalog: Catalog, omit_header: bool) -> str:
    """Babel's text of the active entries, with ``#|`` lines inserted before their msgid."""
    stream = io.BytesIO()
    write_po(stream, catalog, width=NO_WRAP, include_previous=False, include_lineno=False, omit_header=omit_header, ignore_obsolete=True)
    lines = [folded for line in stream.getvalue().decode("utf-8").split("\n") for folded in _fold_references(line)]
    positions: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.startswith("msgid "):
            end = index + 1
            while end < len(lines) and lines[end].startswith('"'):
                end += 1
            positions.setdefault("\n".join(lines[index:end]), index)
    insertions = []
    for message in catalog:
        if message.id and message.previous_id:
            singular = message.id[0] if isinstance(message.id, tuple) else message.id
            index = positions.get("msgid " + normalize(singular, width=0))
            if index is None:
                continue
            if index and lines[index - 1].startswith("msgctxt "):
                index -= 1
            keywords = ("msgid", "msgid_plural")
            insertions.append(
                (index, [f"#| {keyword} {_one_line(text)}" for keyword, text in zip(keywords, message.previous_id, strict=False)])
            )
    for index, previous in sorted(insertions, reverse=True):
        lines[index:index] = previous
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """A string quoted on one line (a ``#|`` comment cannot continue on the next)."""
    return normalize(text, width=0).replace('"\n"', "") if "\n" in text else normalize(text, width=0)


def _fold_references(line: str) -> list[str]:
    """A ``#:`` line cut between file names to fit gettext's page width; other lines as they are."""
    if not line.startswith("#: ") or len(line) <= REFERENCE_WIDTH:
        return [line]
    prefix, _, references = line.partition(": ")
    folded: list[str] = []
    for reference in references.split(" "):
        if folded and len(folded[-1]) + 1 + len(reference) <= REFERENCE_WIDTH:
            folded[-1] += " " + reference
        else:
            folded.append(f"{prefix}: {reference}")
    return folded


# The header fields Babel writes itself; any other (X-Generator, X-Poedit-*...) was added by a tool.
BABEL_HEADERS = {
    "project-id-version", "report-msgid-bugs-to", "pot-creation-date", "po-revision-date", "last-translator", "language",
    "language-team", "plural-forms", "mime-version", "content-type", "content-transfer-encoding", "generated-by",
}  # fmt: skip
HEADER_LINE = re.compile(r'^"(.*)"$')


def tool_headers(data: bytes) -> list[str]:
    """The header lines of a .po file (as written, quoted) that Babel does not know and would drop."""
    start = _header_start(data)
    if start is None:
        return []
    end = data.find(b"\n\n", start)
    lines = data[start : len(data) if end < 0 else end].decode("utf-8", "replace").split("\n")
    kept = []
    for line in lines[2:]:
        match = HEADER_LINE.match(line)
        if match is None:
            break
        name = unescape(line).partition(":")[0].strip().lower()
        if name and name not in BABEL_HEADERS:
            kept.append(line)
    return kept


def _header_start(data: bytes) -> int | None:
    """Where the header's ``msgid ""`` line is (the first one followed by a ``msgstr`` line)."""
    found = data.find(b'msgid ""\nmsgstr ')
    while found > 0 and data[found - 1 : found] != b"\n":
        found = data.find(b'msgid ""\nmsgstr ', found + 1)
    return None if found < 0 else found


def with_headers(data: bytes, headers: list[str]) -> bytes:
    """``data`` with header lines added at the end of its header (before its first blank line)."""
    if not headers:
        return data
    start = data.index(b'msgid ""\nmsgstr ')
    end = data.index(b"\n\n", start)
    return data[:end] + ("\n" + "\n".join(headers)).encode("utf-8") + data[end:]


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write atomically, keeping the header fields that tools added to the file on disk (Poedit's
    X-Generator, Weblate's X-*...); False when the file already had these bytes."""
    return write_catalog_text(path, catalog_bytes(catalog))[0]


def write_catalog_text(path: Path, data: bytes, old: bytes | None = None) -> tuple[bool, bytes]:
    """``write_catalog`` for a catalog's text (``old``: the file's bytes, if already read);
    whether it changed, and the bytes the file now holds."""
    try:
        kept = tool_headers(path.read_bytes() if old is None else old)
    except FileNotFoundError:
        kept = []
    data = with_headers(data, kept)
    return atomic_write(path, data, old), data


@dataclass(frozen=True)
class Translation:
    text: str
    state: State


def content_table(catalog: Catalog) -> dict[str, Translation]:
    """Every translated content message of a catalog, by source text (not to be changed)."""
    return {message.id: translation for message in catalog if (translation := table_entry(message)) is not None}


def table_entry(message: Message) -> Translation | None:
    """A content message's translation in the table, None if it has none (or is no content message)."""
    if message.id and isinstance(message.id, str) and isinstance(message.string, str):
        state = state_of(message)
        if state != "missing":
            return Translation(message.string, state)
    return None


def ui_translations(published_mo: bytes | None) -> gettext.NullTranslations:
    """Theme strings as a gettext object (plural rules included), from ``published_mo``.

    A new object each time: fallback chains are built by changing it."""
    return gettext.NullTranslations() if published_mo is None else gettext.GNUTranslations(io.BytesIO(published_mo))


def published_mo(catalog: Catalog, with_drafts: bool) -> bytes:
    """What a language shows of a catalog, compiled: reviewed translations, and machine drafts
    when the language publishes drafts; outdated (fuzzy) ones never."""
    published = Catalog(locale=catalog.locale, fuzzy=False)
    published.mime_headers = catalog.mime_headers
    for message in catalog:
        state = state_of(message) if message.id else ""
        if state == "reviewed" or (with_drafts and state == "draft"):
            published.add(message.id, message.string, context=message.context)
    stream = io.BytesIO()
    write_mo(stream, published)
    return stream.getvalue()
