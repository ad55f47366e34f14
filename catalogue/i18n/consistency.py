"""Does a translation keep what its source has: markup, links, placeholders, numbers, and
the plural forms of its language? Used by ``check`` and, for what would be published, by
the build itself (a broken link or placeholder must never reach a page).
"""

from __future__ import annotations

import re
from collections import Counter

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from ..core.problems import Problem

MARKUP = re.compile(r"\]\([^)\s]*\)|<https?://[^>]+>|https?://[^\s)<>\]]+|</?[A-Za-z][^<>]*>|`[^`\n]+`|%\(\w+\)[sd]|\*\*")
TEXT_ATTRIBUTE = re.compile(r"""\b(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)  # text, translated
NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d{3})*(?:[.,]\d+)?")


def _markup(text: str) -> list[str]:
    """The markup of a text in order, the text of alt/title attributes left out."""
    return [TEXT_ATTRIBUTE.sub(lambda m: m.group(0).split("=")[0] + '=""', found) for found in MARKUP.findall(text)]


def markup_of(text: str) -> Counter[str]:
    return Counter(_markup(text))


def numbers_of(text: str) -> Counter[str]:
    """Numbers of two digits or more (prices, years, weights), separators ignored: single
    digits are often written as words ("tháng 6" is "June"), so they are not compared."""
    found = (re.sub(r"[.,\u202f\u00a0 ]", "", number) for number in NUMBER.findall(text))
    return Counter(number for number in found if len(number) > 1)


def pairs(message: Message) -> list[tuple[str, str]]:
    """(source, translation) for each form of a translated message."""
    if isinstance(message.id, tuple):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return [(message.id[0] if index == 0 else message.id[1], text) for index, text in enumerate(strings) if text]
    return [(message.id, message.string)] if message.string else []


def markup_difference(source: str, translation: str) -> str | None:
    """What markup, link or placeholder a translation lost or added, or None."""
    if _markup(source) == _markup(translation):  # the usual case, in the same order
        return None
    expected, found = markup_of(source), markup_of(translation)
    if expected == found:
        return None
    lost, added = sorted((expected - found).elements()), sorted((found - expected).elements())
    return f"markup, link or placeholder differs from the source (lost {lost}, added {added})"


def plural_problems(catalog: Catalog, where: str, locale: Locale) -> list[Problem]:
    """The header's plural forms must be the language's, and each plural message must have them all."""
    expected = get_plural(locale)
    problems = []
    if catalog.num_plurals != expected.num_plurals:
        message = (
            f"Plural-Forms says {catalog.num_plurals} forms, but {locale.english_name} has {expected.num_plurals} ({expected.plural_forms})"
        )
        problems.append(Problem(where, 1, None, "", message))
        return problems
    for message in catalog:
        if isinstance(message.id, tuple) and isinstance(message.string, tuple) and any(message.string):
            if len(message.string) != expected.num_plurals:
                problems.append(
                    Problem(where, message.lineno, None, "", f"{len(message.string)} plural forms where {expected.num_plurals} are needed")
                )
    return problems
