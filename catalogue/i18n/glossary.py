"""The translation glossary: terms machine translation must not touch.

``locales/glossary.yaml`` maps each term to ``keep`` (the same in every language: "OCOP")
or to its fixed translation in some languages ("Bắc Giang": {zh-Hans: 北江}); a language
without an entry keeps the term as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from ..content.specs import INVALID, MapOf, Spec, Str
from ..core.files import read_text
from ..core.problems import CatalogueError, Problem
from ..core.yamlsource import parse_yaml

GLOSSARY_FILE = "locales/glossary.yaml"


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # term -> language -> rendering

    def rendering(self, term: str, lang: str) -> str:
        """How ``term`` (as found in a text: any case, any normal form) must read in ``lang``."""
        return self._folded.get(fold(term), {}).get(lang, term)

    @cached_property
    def _folded(self) -> dict[str, dict[str, str]]:
        return {fold(term): renderings for term, renderings in self.terms.items()}

    def longest_first(self) -> list[str]:
        return sorted(self.terms, key=lambda term: (-len(term), term))


def fold(text: str) -> str:
    """The form terms are compared in: NFC, case-folded ("bắc giang" is "Bắc Giang")."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass
class TermSpec(Spec):
    """``keep``, or a mapping of language codes to fixed translations."""

    description: str = "'keep' or a mapping of language codes to translations"

    def convert(self, node, doc, name, problems):
        if isinstance(node, yaml.ScalarNode) and doc.scalar(node) == "keep":
            return {}
        return MapOf(value=Str(max_length=200), key_pattern=r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", key_description="a language code").convert(
            node, doc, name, problems
        )


def load_glossary(root: Path) -> Glossary:
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return Glossary()
    text, problems = read_text(path, root)
    if text is None:
        raise CatalogueError(problems)
    document, problems = parse_yaml(text, GLOSSARY_FILE)
    if document is None or problems:
        raise CatalogueError(problems)
    if document.root is None:
        return Glossary()
    found: list[Problem] = []
    terms = MapOf(value=TermSpec(), key_description="a term").convert(document.root, document, "", found)
    if found or terms is INVALID:
        raise CatalogueError(found)
    return Glossary(terms)
