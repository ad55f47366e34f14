"""Give every text of the model its wording in one language, following the fallback chain.

A text resolves to the first language of the chain whose catalog has a publishable
translation; the source language always has one. The result remembers its language, so
pages can mark fallback text with its own ``lang``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.config import SiteConfig
from ..content.model import Text, texts
from .pofiles import Translation

REVIEWED_ONLY = frozenset({"reviewed"})
WITH_DRAFTS = frozenset({"reviewed", "draft"})  # outdated text is never published


@dataclass(frozen=True)
class Localised:
    """A text in one language: its wording and the language the wording is in."""

    text: str
    lang: str
    machine: bool = False  # an unreviewed machine draft, shown because its language allows it

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Localiser:
    """Resolves texts for one language of a site."""

    lang: str
    chain: tuple[str, ...]
    source_language: str
    tables: dict[str, dict[str, Translation]]
    publishes: frozenset[str] = REVIEWED_ONLY  # the states this language's readers are shown

    @classmethod
    def for_language(cls, config: SiteConfig, tables: dict[str, dict[str, Translation]], lang: str) -> Localiser:
        """The reader's language alone decides whether drafts are shown, wherever along its
        fallback chain they are found."""
        publishes = WITH_DRAFTS if config.languages[lang].shows_drafts else REVIEWED_ONLY
        return cls(lang, config.chain(lang), config.source_language, tables, publishes)

    def __call__(self, text: Text) -> Localised:
        for lang in self.chain:
            if lang == self.source_language:
                return Localised(text.source, lang)
            found = self.tables.get(lang, {}).get(text.source)
            if found is not None and found.state in self.publishes:
                return Localised(found.text, lang, machine=found.state == "draft")
        return Localised(text.source, self.source_language)

    def optional(self, text: Text | None) -> Localised | None:
        return None if text is None else self(text)

    def is_native(self, value: object) -> bool:
        """True when every text of ``value`` (an entry) is in this language itself."""
        return all(self(text).lang == self.lang for text in texts(value))

    def has_machine_text(self, value: object) -> bool:
        """True when some text of ``value`` shown in this language is an unreviewed machine draft."""
        return any(self(text).machine for text in texts(value))
