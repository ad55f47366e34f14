"""``check``: find problems in content, configuration and catalogs without building.

For catalogs: every error the build refuses (``i18n.verify``: syntax, ``msgfmt -c``, markup,
links and placeholders, plural forms, blank translations, format flags), and as warnings
numbers a translation lost and glossary terms rendered otherwise. Each finding names the .po
file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel.messages.catalog import Message

from ..content.certificates import EXPIRY_WARNING_DAYS, certificate_problems, certificate_rows
from ..content.config import SiteConfig, load_config
from ..content.images import ImageLibrary
from ..content.price_units import unit_problems
from ..content.sources import CONTENT, IMAGES, load_catalogue
from ..content.themes import theme_dirs, translation_dirs
from ..core.bidi import bidi_problems
from ..core.problems import CatalogueError, Problem, relative
from ..i18n.catalogstore import read_and_check
from ..i18n.consistency import numbers_of, pairs
from ..i18n.glossary import Glossary, load_glossary
from ..i18n.lifecycle import state_of
from ..i18n.pofiles import MESSAGES, site_catalogs, theme_catalogs
from ..site.links import link_problems
from ..site.lookups import build_index


def message_warnings(message: Message, where: str, lang: str, glossary: Glossary) -> list[Problem]:
    """Numbers lost and glossary terms rendered otherwise: worth a look, not wrong for sure."""
    found = []
    if state_of(message) in ("missing", "outdated"):
        return found
    for source, translation in pairs(message):
        lost_numbers = sorted((numbers_of(source) - numbers_of(translation)).elements())
        if lost_numbers:
            message_text = f"numbers of the source missing in the translation: {', '.join(lost_numbers)}"
            found.append(Problem(where, message.lineno, None, "", message_text, "warning"))
        for term in glossary.longest_first():
            expected = glossary.rendering(term, lang)
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", source) and expected not in translation:
                found.append(Problem(where, message.lineno, None, "", f"glossary: '{term}' should read '{expected}'", "warning"))
    return found


def catalog_problems(config: SiteConfig, glossary: Glossary) -> list[Problem]:
    """Every catalog's errors, exactly those the build refuses, and the warnings above."""
    problems = []
    try:
        themed = {code for code, _ in theme_catalogs(config, translation_dirs(config))}
    except CatalogueError:  # an unknown theme: reported below, with the other problems
        themed = set()
    for code, domain, path in site_catalogs(config):
        catalog, _, found = read_and_check(config, code, domain, path)
        problems.extend(found)
        if catalog is None and not found and domain == MESSAGES and code in themed:
            continue  # the themes translate the interface; the site's own catalog is optional
        if catalog is None and not found:
            problems.append(Problem(relative(path, config.root), None, None, "", "missing: run `catalogue extract`", "warning"))
        for message in catalog or ():
            if message.id:
                problems.extend(message_warnings(message, relative(path, config.root), code, glossary))
    return problems


def hidden_controls(config: SiteConfig) -> list[Problem]:
    """Bidirectional controls in every text file of content/ and in every catalog."""
    files = [p for p in sorted((config.root / CONTENT).rglob("*")) if p.suffix in (".md", ".yaml", ".yml")]
    files += [path for _, _, path in site_catalogs(config)]
    problems = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the reader of that file
        problems.extend(bidi_problems(text, relative(path, config.root)))
    return problems


def check(root: Path, today: dt.date | None = None, expiry_days: int = EXPIRY_WARNING_DAYS) -> list[Problem]:
    """Every problem found, errors and warnings, sorted by file and line."""
    try:
        config = load_config(root)
    except CatalogueError as error:
        return error.problems
    problems: list[Problem] = []
    try:
        catalogue = load_catalogue(root, unfinished=True)
    except CatalogueError as error:
        problems.extend(error.problems)
    else:
        problems.extend(catalogue.warnings)
        problems.extend(link_problems(catalogue, config, build_index(catalogue)))
        problems.extend(ImageLibrary(root, IMAGES).problems(catalogue.image_sources()))
        problems.extend(unit_problems(catalogue, config))
        problems.extend(certificate_problems(certificate_rows(catalogue, today or dt.date.today(), expiry_days)))
    try:
        glossary = load_glossary(root)
    except CatalogueError as error:
        problems.extend(error.problems)
        glossary = Glossary()
    problems.extend(catalog_problems(config, glossary))
    try:
        theme_dirs(config)  # unknown themes, and theme files linked out of the site
    except CatalogueError as error:
        problems.extend(error.problems)
    problems.extend(hidden_controls(config))
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
