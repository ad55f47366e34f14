"""Protect what machine translation must not change, by opaque numbered tokens.

Before translation, link targets, URLs, inline HTML, code spans, format placeholders,
numbers (with their units) and glossary terms are replaced by ``{0}``, ``{1}``...; after it,
each token must come back exactly once, or the draft is refused. A glossary term comes back
as its fixed translation in the target language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n.glossary import Glossary

UNITS = r"(?:%|₫|đồng|đ|VND|kg|g|km|m|ha|ml|l|°C|★|sao)"
PROTECTED = re.compile(
    "|".join(
        (
            r"`[^`\n]+`",  # code span
            r"\]\((?:[^()\s]|\([^()\s]*\))+\)",  # the target of a Markdown link: "](https://…)"
            r"<https?://[^>\s]+>",  # autolink
            r"</?[A-Za-z][^<>]*>",  # inline HTML tag
            r"https?://[^\s)<>\]]+",  # bare URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
            r"\{\d+\}",  # a literal token-like text in the source itself
            r"%\(\w+\)[sd]|%[sd]",  # python-format placeholder
            rf"\d+(?:[.,:/–-]\d+)*(?:\s?{UNITS}(?!\w))?(?:/{UNITS}(?!\w))?",  # number, with its unit
        )
    )
)
TOKEN = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")


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
        return TOKEN.sub(lambda match: self.restored[int(match.group(1))], translated)


def _term_pattern(glossary: Glossary) -> re.Pattern[str] | None:
    terms = glossary.longest_first()
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")(?!\w)")


def protect(text: str, glossary: Glossary | None = None, target: str = "") -> Protected:
    """Replace protected spans of ``text`` by tokens, in order of appearance."""
    glossary = glossary or Glossary()
    originals: list[str] = []
    restored: list[str] = []
    spans = [(m.start(), m.end(), m.group(0), m.group(0)) for m in PROTECTED.finditer(text)]
    terms = _term_pattern(glossary)
    if terms:
        for match in terms.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end, _, _ in spans):
                spans.append((match.start(), match.end(), match.group(0), glossary.rendering(match.group(0), target)))
    pieces = []
    position = 0
    for start, end, original, rendering in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append("{" + str(len(originals)) + "}")
        originals.append(original)
        restored.append(rendering)
        position = end
    pieces.append(text[position:])
    return Protected("".join(pieces), tuple(originals), tuple(restored))
