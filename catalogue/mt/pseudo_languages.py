"""``build --pseudo``: the site with two pseudo-languages added, made on the fly.

en-XA (accented, longer) and ar-XB (right to left) get every content text and theme string
from the pseudo engine, so untranslated strings and layouts that break show up before any
translator is involved. Nothing is written to the catalogs.
"""

from __future__ import annotations

import gettext
from dataclasses import replace

from ..content.config import Language, SiteConfig
from ..content.model import Catalogue, texts
from ..i18n.pofiles import Translation
from .pseudo import PSEUDO_LANGUAGES, pseudo


class PseudoTranslations(gettext.NullTranslations):
    """Theme strings through the pseudo engine; placeholders survive it."""

    def __init__(self, rtl: bool):
        super().__init__()
        self.rtl = rtl

    def gettext(self, message: str) -> str:
        return pseudo(message, self.rtl)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural, self.rtl)


def with_pseudo_languages(config: SiteConfig) -> SiteConfig:
    added = {
        code: Language(code=code, name=name, dir=direction, cldr=cldr, currency=config.languages[next(iter(config.languages))].currency)
        for code, (name, direction, cldr) in PSEUDO_LANGUAGES.items()
    }
    return replace(config, languages={**config.languages, **added})


def pseudo_tables(catalogue: Catalogue) -> dict[str, dict[str, Translation]]:
    sources = {text.source for entry in catalogue.entries() for text in texts(entry)}
    return {
        code: {source: Translation(pseudo(source, direction == "rtl"), "reviewed") for source in sources}
        for code, (_, direction, _) in PSEUDO_LANGUAGES.items()
    }


def is_pseudo(code: str) -> bool:
    return code in PSEUDO_LANGUAGES
