"""``check``: find problems in content, configuration and catalogs without building.

For catalogs, beyond syntax: gettext's own ``msgfmt -c``; translations whose markup, links,
URLs, placeholders or numbers differ from their source; glossary terms rendered otherwise
than the glossary says; and format flags that content catalogs must not carry. Each finding
names the .po file and line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Message

from ..content.certificates import EXPIRY_WARNING_DAYS, certificate_problems, certificate_rows
from ..content.config import SiteConfig, load_config
from ..content.sources import load_catalogue
from ..core.problems import CatalogueError, Problem, relative
from ..i18n.catalogs import FUZZY_HEADER
from ..i18n.consistency import markup_difference, numbers_of, pairs, plural_problems
from ..i18n.glossary import Glossary, load_glossary
from ..i18n.lifecycle import state_of
from ..i18n.pofiles import CONTENT, read_catalog, site_catalogs
from ..site.links import link_problems
from ..site.lookups import build_index

MSGFMT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)$")


def message_problems(message: Message, where: str, lang: str, glossary: Glossary) -> list[Problem]:
    found = []
    line = message.lineno
    if state_of(message) in ("missing", "outdated"):
        return found
    for source, translation in pairs(message):
        if (difference := markup_difference(source, translation)) is not None:
            found.append(Problem(where, line, None, "", difference))
        lost_numbers = sorted((numbers_of(source) - numbers_of(translation)).elements())
        if lost_numbers:
            message_text = f"numbers of the source missing in the translation: {', '.join(lost_numbers)}"
            found.append(Problem(where, line, None, "", message_text, "warning"))
        for term in glossary.longest_first():
            expected = glossary.rendering(term, lang)
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", source) and expected not in translation:
                found.append(Problem(where, line, None, "", f"glossary: '{term}' should read '{expected}'", "warning"))
    return found


def format_flag_problems(text: str, where: str) -> list[Problem]:
    """Content is plain text: a format flag in a content catalog is always false (read from
    the file itself, since Babel adds and drops the flag on its own when it reads)."""
    return [
        Problem(where, number, None, "", "content carries a false python-format flag (content is plain text)")
        for number, line in enumerate(text.split("\n"), start=1)
        if line.startswith("#,") and "python-format" in line
    ]


def msgfmt_problems(path: Path, root: Path) -> list[Problem]:
    """gettext's own check of a catalog, when gettext is installed."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    problems = []
    for line in result.stderr.splitlines():
        match = MSGFMT_LINE.match(line)
        if match and "found" not in match.group("message"):
            severity = "warning" if "warning:" in match.group("message") else "error"
            problems.append(
                Problem(relative(path, root), int(match.group("line")), None, "", f"msgfmt: {match.group('message')}", severity)
            )
    return problems


def catalog_problems(config: SiteConfig, glossary: Glossary) -> list[Problem]:
    problems = []
    for code, domain, path in site_catalogs(config):
        language = config.languages[code]
        try:
            catalog = read_catalog(path, config.root, language.catalog_name)
        except CatalogueError as error:
            problems.extend(error.problems)
            continue
        if catalog is None:
            problems.append(Problem(relative(path, config.root), None, None, "", "missing: run `python build.py extract`", "warning"))
            continue
        if catalog.fuzzy:
            problems.append(Problem(relative(path, config.root), 1, None, "", FUZZY_HEADER))
        problems.extend(plural_problems(catalog, relative(path, config.root), language.locale))
        problems.extend(msgfmt_problems(path, config.root))
        where = relative(path, config.root)
        if domain == CONTENT:
            problems.extend(format_flag_problems(path.read_text(encoding="utf-8"), where))
        for message in catalog:
            if message.id:
                problems.extend(message_problems(message, where, code, glossary))
    return problems


def check(root: Path, today: dt.date | None = None, expiry_days: int = EXPIRY_WARNING_DAYS) -> list[Problem]:
    """Every problem found, errors and warnings, sorted by file and line."""
    try:
        config = load_config(root)
    except CatalogueError as error:
        return error.problems
    problems: list[Problem] = []
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as error:
        problems.extend(error.problems)
    else:
        problems.extend(link_problems(catalogue, config, build_index(catalogue)))
        problems.extend(certificate_problems(certificate_rows(catalogue, today or dt.date.today(), expiry_days)))
    try:
        glossary = load_glossary(root)
    except CatalogueError as error:
        problems.extend(error.problems)
        glossary = Glossary()
    problems.extend(catalog_problems(config, glossary))
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
