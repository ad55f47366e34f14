"""Protect what machine translation must not change, by opaque numbered tokens.

Before translation, link targets and reference labels, footnote references, hard line
breaks, backslash escapes, URLs, inline HTML (but not the text of its ``alt`` and ``title`` attributes), code
spans, format placeholders, numbers with their unit symbols and glossary terms are replaced
by ``{0}``, ``{1}``...; after it, each token must come back exactly once, or the draft is
refused. Words are never tokens, not even unit words
("4 sao" is "4 stars", "đồng" is translated). A glossary term comes back as its fixed
translation in the target language; a number written with separators comes back written
the target language's way ("25.000" in Vietnamese is "25,000" in English, not 25).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from babel import Locale
from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

from ..i18n.consistency import TEXT_ATTRIBUTE
from ..i18n.glossary import Glossary

UNITS = r"(?:%|‰|₫|°C|°F|★|VND|USD|kg|mg|g|km|cm|mm|m²|m|ha|ml|l)"  # symbols, the same in every language
LINK_TARGET = r"(?<=\])\((?:[^()\s]|\([^()\s]*\))+\)"  # "(https://…)" right after a link's text, the "]" left as text
PROTECTED = re.compile(
    "|".join(
        (
            r"`[^`\n]+`",  # code span
            r"\[\^[^\]\s]+\]",  # a footnote reference: "[^1]"
            r"(?<=\])\[[^\]\n]*\]",  # the label of a reference link: "[text][label]", the "]" left as text
            r"(?: {2,}|\\)\n",  # a hard line break (two spaces or a backslash, then the line's end)
            r"\\[!-/:-@\[-`{-~]",  # a backslash escape: "\*" is a star, not emphasis
            LINK_TARGET,
            r"<https?://[^>\s]+>",  # autolink
            r"</?[A-Za-z][^<>]*>",  # inline HTML tag
            r"https?://[^\s)<>\]]+",  # bare URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
            r"\{\d+\}",  # a literal token-like text in the source itself
            r"%\(\w+\)[sd]|%[sd]",  # python-format placeholder
            rf"\d+(?:[.,:/–-]\d+)*(?:\s?{UNITS}(?![^\W\d_]))?(?:/{UNITS}(?![^\W\d_]))?",  # number, with its unit symbol
        )
    )
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TOKEN = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")
SPACED_LINK = re.compile(r"\]\s+(?=[{｛]\s*(\d+)\s*[}｝])")  # only link targets start with "("


class TokenMismatch(ValueError):
    """The translation lost, duplicated or invented tokens."""


@dataclass(frozen=True)
class Protected:
    text: str  # with tokens
    originals: tuple[str, ...]  # what each token stood for in the source
    restored: tuple[str, ...]  # what each token becomes in the target language

    def restore(self, translated: str) -> str:
        found = [int(number) for number in TOKEN.findall(translated)]
        if sorted(found) != list(range(len(self.originals))):
            missing = sorted(set(range(len(self.originals))) - set(found))
            raise TokenMismatch(
                f"tokens not intact (missing {', '.join(self.originals[i] for i in missing) or 'none'}; "
                f"{len(found)} found, {len(self.originals)} expected)"
            )
        # An engine may space "[text] {0}": a Markdown link's target must follow its "]".
        translated = SPACED_LINK.sub(lambda m: "]" if self.originals[int(m.group(1))].startswith("(") else m.group(0), translated)
        return TOKEN.sub(lambda match: self.restored[int(match.group(1))], translated)


def localised_number(number: str, source: str, target: str) -> str:
    """A number written with separators, rewritten for ``target``; anything else unchanged."""
    if not (source and target and NUMBER.fullmatch(number)):
        return number
    source_locale, target_locale = Locale.parse(source, sep="-"), Locale.parse(target, sep="-")
    if get_group_symbol(source_locale) not in number and get_decimal_symbol(source_locale) not in number:
        return number  # "2025", "45": nothing to rewrite
    try:
        value = parse_decimal(number, locale=source_locale, strict=True)
    except NumberFormatError:
        return number  # a phone number, a version: not a quantity
    decimals = max(0, -int(value.as_tuple().exponent))
    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=target_locale)


def _number_rendering(original: str, source: str, target: str) -> str:
    return NUMBER.sub(lambda match: localised_number(match.group(0), source, target), original)


def _term_pattern(glossary: Glossary) -> re.Pattern[str] | None:
    terms = glossary.longest_first()
    if not terms:
        return None
    alternatives = "|".join(re.escape(unicodedata.normalize("NFC", term)) for term in terms)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def _html_spans(start: int, tag: str) -> list[tuple[int, int]]:
    """A tag's protected parts: all of it but the text of its alt/title attributes."""
    spans, position = [], 0
    for attribute in TEXT_ATTRIBUTE.finditer(tag):
        group = 1 if attribute.group(1) is not None else 2
        if attribute.group(group).strip():
            spans.append((start + position, start + attribute.start(group)))
            position = attribute.end(group)
    spans.append((start + position, start + len(tag)))
    return spans


def protect(text: str, glossary: Glossary | None = None, target: str = "", source: str = "") -> Protected:
    """Replace protected spans of ``text`` (read as NFC) by tokens, in order of appearance."""
    text = unicodedata.normalize("NFC", text)
    glossary = glossary or Glossary()
    spans: list[tuple[int, int, str]] = []
    for match in PROTECTED.finditer(text):
        if match.group(0).startswith("<") and not match.group(0).startswith(("<http://", "<https://")):
            spans += [(start, end, text[start:end]) for start, end in _html_spans(match.start(), match.group(0))]
        elif match.group(0)[0].isdigit():
            spans.append((match.start(), match.end(), _number_rendering(match.group(0), source, target)))
        else:
            spans.append((match.start(), match.end(), match.group(0)))
    terms = _term_pattern(glossary)
    if terms:
        for match in terms.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), glossary.rendering(match.group(0), target)))
    originals: list[str] = []
    restored: list[str] = []
    pieces = []
    position = 0
    for start, end, rendering in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append("{" + str(len(originals)) + "}")
        originals.append(text[start:end])
        restored.append(rendering)
        position = end
    pieces.append(text[position:])
    return Protected("".join(pieces), tuple(originals), tuple(restored))
