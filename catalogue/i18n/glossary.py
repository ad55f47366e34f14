"""The translation glossary: terms machine translation must not touch, and terms translators
should render one way.

``locales/glossary.yaml`` maps each term to ``keep`` (the same in every language: "OCOP")
or to its fixed translation in some languages ("Bắc Giang": {zh-Hans: 北江}); a language
without an entry keeps the term as written. A mapping may add ``note`` (what the term means,
for translators and their tools) and ``protect: false`` for a word that is a term only in
some phrases ("xã", a commune, is also in "hợp tác xã", a cooperative): such a term is not
kept from machine translation nor checked, only exported for translators' tools.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from ..content.specs import INVALID, Bool, MapOf, Spec, Str
from ..core.files import read_text
from ..core.problems import CatalogueError, Problem
from ..core.yamlsource import parse_yaml

GLOSSARY_FILE = "locales/glossary.yaml"


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # term -> language -> rendering
    notes: dict[str, str] = field(default_factory=dict)  # term -> what it means
    unprotected: frozenset[str] = frozenset()  # terms for translators only: not kept from machine translation, not checked

    def rendering(self, term: str, lang: str) -> str:
        """How ``term`` (as found in a text: any case, any normal form) must read in ``lang``."""
        return self._folded.get(fold(term), {}).get(lang, term)

    @cached_property
    def _folded(self) -> dict[str, dict[str, str]]:
        return {fold(term): renderings for term, renderings in self.terms.items()}

    def longest_first(self) -> list[str]:
        """The terms machine translation keeps and ``check`` verifies, longest first."""
        return sorted((term for term in self.terms if term not in self.unprotected), key=lambda term: (-len(term), term))


def fold(text: str) -> str:
    """The form terms are compared in: NFC, case-folded ("bắc giang" is "Bắc Giang")."""
    return unicodedata.normalize("NFC", text).casefold()


LANGUAGE_KEY = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"


@dataclass
class TermSpec(Spec):
    """``keep``, or a mapping of language codes to fixed translations (and ``note``, ``protect``)."""

    description: str = "'keep' or a mapping of language codes to translations"

    def convert(self, node, doc, name, problems):
        if isinstance(node, yaml.ScalarNode) and doc.scalar(node) == "keep":
            return {}, "", True
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, doc, name, problems)
        extras = {"note": Str(max_length=500), "protect": Bool()}
        languages = yaml.MappingNode(node.tag, [(k, v) for k, v in node.value if k.value not in extras], node.start_mark, node.end_mark)
        values = {k.value: extras[k.value].convert(v, doc, f"{name}.{k.value}", problems) for k, v in node.value if k.value in extras}
        renderings = MapOf(value=Str(max_length=200), key_pattern=LANGUAGE_KEY, key_description="a language code, note or protect").convert(
            languages, doc, name, problems
        )
        if renderings is INVALID or INVALID in values.values():
            return INVALID
        return renderings, values.get("note", ""), values.get("protect", True)


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
    entries = MapOf(value=TermSpec(), key_description="a term").convert(document.root, document, "", found)
    if found or entries is INVALID:
        raise CatalogueError(found)
    return Glossary(
        {term: renderings for term, (renderings, _, _) in entries.items()},
        {term: note for term, (_, note, _) in entries.items() if note},
        frozenset(term for term, (_, _, protect) in entries.items() if not protect),
    )
