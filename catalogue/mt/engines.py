"""Machine translation engines, made dependable.

A ``Translator`` translates from one site language to another with one service
(``services.py``), through a session of our own (``http.py``: timeouts, retries with
backoff). Long texts are cut at sentence ends to fit the service's limit, counted the way
the service counts it (MyMemory and DeepL count bytes of UTF-8, not characters); answers
are checked to be text of a sane length. Keys come only from the environment.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .http import Http, TranslationFailed
from .services import SERVICES, Libre, Service

CONVERTER = "opencc"  # not a service: drafts one Chinese script from reviewed text in the other (see convert.py)
ENGINES = (*SERVICES, CONVERTER)

__all__ = ["ENGINES", "TranslationFailed", "Translator", "chunks"]


def make_service(engine: str, http: Http, env: Mapping[str, str], libre_url: str = "") -> Service:
    if engine == "libre":
        return Libre(http, env, libre_url)
    if engine not in SERVICES:
        raise TranslationFailed(f"unknown engine {engine!r}; expected one of {', '.join(SERVICES)}", fatal=True)
    return SERVICES[engine](http, env)


SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def chunks(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Cut ``text`` at sentence ends (else at spaces, else anywhere) into pieces of at most
    ``limit`` (as ``measure`` counts: characters, or bytes for services that count bytes)."""
    if measure(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in SENTENCE_END.split(text):
        for word in [sentence] if measure(sentence) <= limit else sentence.split(" "):
            joined = f"{current} {word}" if current else word
            if measure(joined) <= limit:
                current = joined
                continue
            if current:
                pieces.append(current)
            *whole, current = _cut(word, limit, measure)
            pieces.extend(whole)
    return [*pieces, current] if current else pieces


def _cut(word: str, limit: int, measure: Callable[[str], int]) -> list[str]:
    """A word longer than the limit, in pieces that fit (nothing is dropped)."""
    parts = []
    while measure(word) > limit:
        end = bisect.bisect_right(range(1, len(word) + 1), limit, key=lambda size: measure(word[:size]))  # longest prefix that fits
        parts.append(word[: max(end, 1)])
        word = word[max(end, 1) :]
    return [*parts, word]


@dataclass
class Translator:
    """Translates texts from one site language to another with one engine, dependably."""

    engine: str
    source: str  # site language codes
    target: str
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    libre_url: str = ""
    timeout: float = 20.0
    attempts: int = 4
    backoff: float = 1.0  # seconds: retries wait 0, 2×, 4×… this (or what Retry-After asks)

    def __post_init__(self) -> None:
        self._service: Service | None = None

    @property
    def service(self) -> Service:
        if self._service is None:
            self._service = make_service(self.engine, Http(self.timeout, self.attempts, self.backoff), self.env, self.libre_url)
        return self._service

    def codes(self) -> tuple[str | None, str | None]:
        return self.service.code(self.source, as_target=False), self.service.code(self.target, as_target=True)

    def supported(self) -> bool:
        return None not in self.codes()

    def translate(self, text: str) -> str:
        """The translation of ``text``; raises TranslationFailed with the reason."""
        source, target = self.codes()
        if source is None or target is None:
            raise TranslationFailed(f"{self.engine} has no {self.source if source is None else self.target}", fatal=True)
        service = self.service
        pieces = chunks(text, service.limit, service.measure)
        return " ".join(self._checked(service.translate(piece, source, target), piece) for piece in pieces)

    @staticmethod
    def _checked(answer: object, text: str) -> str:
        if not isinstance(answer, str) or not answer.strip() or len(answer) > 4 * len(text) + 200:
            raise TranslationFailed("garbage answer")
        return answer
