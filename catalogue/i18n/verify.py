"""What is wrong with a catalog: the one list of problems that ``check`` reports and the build
refuses, with the same ``path:line``.

Errors: the file's syntax and duplicates (a message both active and obsolete included); a
fuzzy header; plural forms that are not the language's; whatever gettext's ``msgfmt -c``
rejects, when gettext is installed; a python-format flag in a content catalog; and in every
translation that can be published (reviewed, or a machine draft): markup, links or
placeholders that differ from the source, an empty plural form or a blank string, and, for
theme strings, a ``%`` that rendering could not fill in.
"""

from __future__ import annotations

import bisect
import os
import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig
from ..core.problems import Problem, relative
from .consistency import markup_difference, plural_problems
from .lifecycle import key_of, state_of
from .pofiles import CONTENT, MESSAGES

FUZZY_HEADER = "the header is marked fuzzy: gettext tools would skip the whole file; remove the fuzzy mark"
PUBLISHABLE = ("reviewed", "draft")
# A python-format directive, as rendering fills theme strings in: "%(name)s", "%%", or a bare "%".
DIRECTIVE = re.compile(r"%(?:\((?P<name>\w+)\))?[#0\- +]*(?:\d+)?(?:\.\d+)?(?P<kind>[diouxXeEfFgGcrsa%]?)")


def text_problems(config: SiteConfig, code: str, domain: str, catalog: Catalog, text: str, path: Path) -> list[Problem]:
    """The problems of a catalog read from ``text``, which msgfmt reads from ``path``."""
    where = relative(path, config.root)
    problems = [Problem(where, 1, None, "", FUZZY_HEADER)] if catalog.fuzzy else []
    problems += plural_problems(catalog, where, config.languages[code].locale)
    problems += obsolete_duplicates(catalog, where)
    if domain == CONTENT:
        problems += format_flag_problems(text, where)
    for message in catalog:
        if message.id and state_of(message) in PUBLISHABLE:
            problems += message_errors(message, where, domain)
    return problems + _not_told_yet(msgfmt_problems(path, where), problems, catalog)


def _not_told_yet(from_msgfmt: list[Problem], ours: list[Problem], catalog: Catalog) -> list[Problem]:
    """msgfmt's findings, but not about a message already reported: one message per mistake."""
    starts = sorted(message.lineno for message in (*catalog, *catalog.obsolete.values()) if message.lineno)
    told = {problem.line for problem in ours}

    def message_start(line: int | None) -> int | None:
        index = bisect.bisect_right(starts, line or 0) - 1
        return starts[index] if index >= 0 else None

    return [problem for problem in from_msgfmt if problem.line is None or message_start(problem.line) not in told]


def message_errors(message: Message, where: str, domain: str) -> list[Problem]:
    """What would make a publishable translation wrong on a page."""
    found = []
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    for index, text in enumerate(strings):
        form = f"plural form {index} (msgstr[{index}])" if isinstance(message.id, tuple) else "the translation"
        if not text:
            found.append(f"{form} is empty: translate every form, or none")
        elif not text.strip() and any(part.strip() for part in (message.id if isinstance(message.id, tuple) else (message.id,))):
            found.append(f"{form} is blank (only spaces)")
        elif (difference := markup_difference(_source(message, index), text)) is not None:
            found.append(difference)
        elif domain == MESSAGES and (wrong := format_error(message, text)) is not None:
            found.append(wrong)
    return [Problem(where, message.lineno, None, "", text) for text in found]


def _source(message: Message, index: int) -> str:
    """The source text a form translates: the singular for form 0, the plural for the others."""
    if isinstance(message.id, tuple):
        return message.id[0] if index == 0 else message.id[1]
    return message.id


def format_error(message: Message, text: str) -> str | None:
    """Why rendering could not fill in a theme translation, or None. Theme strings are always
    filled in (Jinja's new-style gettext), with the names of the msgid and, for plurals, ``num``."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    names = {match.group("name") for source in ids for match in DIRECTIVE.finditer(source) if match.group("name")}
    names |= {"num"} if isinstance(message.id, tuple) else set()
    for match in DIRECTIVE.finditer(text):
        name, kind = match.group("name"), match.group("kind")
        if match.group(0) == "%%":
            continue
        if not kind:
            return f"python-format: {match.group(0)!r} is not a placeholder; write a literal % as %%"
        if name is None:
            return f"python-format: {match.group(0)!r} has no name; use the msgid's placeholders ({_listed(names)}) or write % as %%"
        if name not in names:
            return f"python-format: %({name})s is not a placeholder of the source ({_listed(names)})"
    return None


def _listed(names: set[str]) -> str:
    return ", ".join(f"%({name})s" for name in sorted(names)) or "it has none"


def obsolete_duplicates(catalog: Catalog, where: str) -> list[Problem]:
    """A message both active and obsolete: gettext's tools refuse the file."""
    active = {key_of(message) for message in catalog if message.id}
    return [
        Problem(where, message.lineno, None, "", "this obsolete (#~) message is also active: delete one (`extract` does it)")
        for message in catalog.obsolete.values()
        if key_of(message) in active
    ]


def format_flag_problems(text: str, where: str) -> list[Problem]:
    """Content is plain text: a format flag in a content catalog is always false (read from
    the file itself, since Babel adds and drops the flag on its own when it reads)."""
    return [
        Problem(where, number, None, "", "content carries a false python-format flag (content is plain text)")
        for number, line in enumerate(text.split("\n"), start=1)
        if line.startswith("#,") and "python-format" in line
    ]


def msgfmt_problems(path: Path, where: str) -> list[Problem]:
    """gettext's own check of a catalog, when gettext is installed. msgfmt names the line as
    ``file:line:`` or, since gettext 0.21, ``file:line:column:``; it runs beside the file so
    that the name it prints is known."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    result = subprocess.run([msgfmt, "-c", "-o", os.devnull, path.name], cwd=path.parent, capture_output=True, text=True)
    line_of = re.compile(rf"^{re.escape(path.name)}:(?P<line>\d+):(?:(?P<column>\d+):)? (?P<message>.*)$")
    problems = []
    for line in result.stderr.splitlines():
        match = line_of.match(line)
        if match is None or match.group("message").startswith("..."):
            continue  # the summary ("found 2 fatal errors"), or the second line of a duplicate
        message = match.group("message")
        severity = "warning" if message.startswith("warning:") else "error"
        message = message.removeprefix("warning: ").removeprefix("error: ")
        column = int(match.group("column")) if match.group("column") else None
        problems.append(Problem(where, int(match.group("line")), column, "", f"msgfmt: {message}", severity))
    if result.returncode != 0 and not any(problem.severity == "error" for problem in problems):
        problems.append(Problem(where, None, None, "", f"msgfmt: {result.stderr.strip() or 'refused the file'}"))
    return problems
