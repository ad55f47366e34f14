"""Machine translation engines, made dependable.

deep-translator gives one client per service but no timeouts, no retries and mixed
exceptions. Here every call gets a timeout, failures that may pass (429, 5xx, timeouts,
refused connections, garbage answers) are retried with exponential backoff, answers are
size-limited and checked to be text, and long texts are cut at sentence ends to fit each
service's limit. Keys come only from the environment, and never appear in messages.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import requests
from deep_translator import DeeplTranslator, GoogleTranslator, LibreTranslator, MicrosoftTranslator, MyMemoryTranslator
from deep_translator import exceptions as dt_errors
from deep_translator.base import BaseTranslator
from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES

from .pseudo import pseudo

ENGINES = ("google", "deepl", "microsoft", "libre", "mymemory", "pseudo")
# Longest text one request may carry, a little under each service's own limit.
MAX_CHARS = {"google": 4800, "mymemory": 480, "libre": 4000, "deepl": 30000, "microsoft": 9000, "pseudo": 1_000_000}
# Each engine's code for each site language; None: the engine does not have it.
CODES: dict[str, dict[str, str | None]] = {
    "google": {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"},
    "libre": {"zh-Hans": "zh", "zh-Hant": "zt"},
    "deepl": {"vi": None, "zh-Hans": "zh", "zh-Hant": None, "en": "en"},
    "microsoft": {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant"},
    "mymemory": {"vi": "vi-VN", "en": "en-GB", "fr": "fr-FR", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ko": "ko-KR", "ja": "ja-JP"},
    "pseudo": {},
}


class TranslationFailed(Exception):
    """One text could not be translated; ``reason`` says why, for the report."""

    def __init__(self, reason: str, fatal: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal  # no use trying other texts (bad key, unsupported language)


def engine_code(engine: str, lang: str) -> str | None:
    """The engine's code for a site language ("zh-Hans" -> "zh-CN" for Google)."""
    table = CODES[engine]
    return table[lang] if lang in table else lang.split("-")[0].lower()


@contextmanager
def http_timeout(seconds: float) -> Iterator[None]:
    """Give every HTTP request made inside the block a timeout (deep-translator sets none)."""
    original = requests.sessions.Session.request

    def request(self, method, url, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = seconds
        return original(self, method, url, **kwargs)

    requests.sessions.Session.request = request  # type: ignore[method-assign]
    try:
        yield
    finally:
        requests.sessions.Session.request = original  # type: ignore[method-assign]


class _LibreTranslator(LibreTranslator):
    """deep-translator's client, knowing LibreTranslate's code for Traditional Chinese ("zt")."""

    def __init__(self, source: str, target: str, api_key: str, custom_url: str):
        self.api_key = api_key
        languages = dict(LIBRE_LANGUAGES_TO_CODES, **{"chinese (traditional)": "zt"})
        BaseTranslator.__init__(self, base_url=custom_url, source=source, target=target, languages=languages)


class _Pseudo:
    def __init__(self, rtl: bool = False):
        self.rtl = rtl

    def translate(self, text: str) -> str:
        return pseudo(text, self.rtl)


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise TranslationFailed(f"set the environment variable {name}", fatal=True)
    return value


def make_client(engine: str, source: str, target: str, env: Mapping[str, str], libre_url: str = "") -> object:
    """deep-translator's client for one language pair (engine codes), configured from ``env``."""
    if engine == "google":
        return GoogleTranslator(source=source, target=target)
    if engine == "mymemory":
        return MyMemoryTranslator(source=source, target=target)
    if engine == "libre":
        url = env.get("LIBRETRANSLATE_URL") or libre_url
        if not url:
            raise TranslationFailed("set LIBRETRANSLATE_URL or translation.libre_url in site.yaml", fatal=True)
        # The client refuses an empty key even for servers that need none.
        return _LibreTranslator(source, target, env.get("LIBRETRANSLATE_API_KEY") or "none", url.rstrip("/") + "/")
    if engine == "deepl":
        key = _required(env, "DEEPL_API_KEY")
        return DeeplTranslator(api_key=key, source=source, target=target, use_free_api=key.endswith(":fx"))
    if engine == "microsoft":
        key = _required(env, "MICROSOFT_TRANSLATOR_KEY")
        return MicrosoftTranslator(api_key=key, region=env.get("MICROSOFT_TRANSLATOR_REGION") or None, source=source, target=target)
    if engine == "pseudo":
        return _Pseudo(rtl=target.endswith("XB"))
    raise TranslationFailed(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}", fatal=True)


SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def chunks(text: str, limit: int) -> list[str]:
    """Cut ``text`` at sentence ends (else at spaces) into pieces of at most ``limit`` characters."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in SENTENCE_END.split(text):
        for word in [sentence] if len(sentence) <= limit else sentence.split(" "):
            joined = f"{current} {word}" if current else word
            if len(joined) <= limit:
                current = joined
            else:
                pieces.append(current)
                current = word[:limit]
    return [*pieces, current] if current else pieces


def _reason(error: Exception, timeout: float) -> tuple[str, bool]:
    """What went wrong, and whether trying again may help."""
    if isinstance(error, dt_errors.TooManyRequests):
        return "rate limited (429)", True
    if isinstance(error, dt_errors.ServerException):
        codes = {name: code for code, name in dt_errors.ServerException.errors.items()}
        message = str(error.args[0]) if error.args else ""
        return f"server error ({codes.get(message, message or 'unknown')})", True
    if isinstance(error, dt_errors.AuthorizationException):
        return "the service refused the key (403)", False
    if isinstance(error, (dt_errors.InvalidSourceOrTargetLanguage, dt_errors.LanguageNotSupportedException)):
        return "language not supported by the engine", False
    if isinstance(error, dt_errors.NotValidLength):
        return "text too long for the engine", False
    if isinstance(error, requests.exceptions.Timeout):
        return f"no answer within {timeout:g} s", True
    if isinstance(error, requests.exceptions.ConnectionError):
        return "cannot connect to the service", True
    if isinstance(error, (dt_errors.RequestError, dt_errors.TranslationNotFound)):
        return "the request failed", True
    if isinstance(error, (ValueError, KeyError, TypeError, AttributeError, StopIteration)):
        return "garbage answer", True
    return f"{type(error).__name__}", True


@dataclass
class Translator:
    """Translates texts from one language to another with one engine, dependably."""

    engine: str
    source: str  # site language codes
    target: str
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    libre_url: str = ""
    timeout: float = 20.0
    attempts: int = 4
    backoff: float = 1.0  # seconds before the second attempt; doubles each time
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._client: object | None = None

    def supported(self) -> bool:
        return engine_code(self.engine, self.source) is not None and engine_code(self.engine, self.target) is not None

    def client(self) -> object:
        if self._client is None:
            source, target = engine_code(self.engine, self.source), engine_code(self.engine, self.target)
            if source is None or target is None:
                missing = self.source if source is None else self.target
                raise TranslationFailed(f"{self.engine} has no {missing}", fatal=True)
            self._client = self._retrying(lambda: make_client(self.engine, source, target, self.env, self.libre_url))
        return self._client

    def translate(self, text: str) -> str:
        """The translation of ``text``; raises TranslationFailed with the reason."""
        client = self.client()
        return " ".join(self._one(client, piece) for piece in chunks(text, MAX_CHARS[self.engine]))

    def _one(self, client: object, text: str) -> str:
        answer = self._retrying(lambda: client.translate(text))  # type: ignore[attr-defined]
        if not isinstance(answer, str) or not answer.strip() or len(answer) > 4 * len(text) + 200:
            raise TranslationFailed("garbage answer")
        return answer

    def _retrying(self, call: Callable[[], object]) -> object:
        reason = ""
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with http_timeout(self.timeout):
                    return call()
            except TranslationFailed:
                raise
            except Exception as error:  # deep-translator and requests raise many kinds
                reason, transient = _reason(error, self.timeout)
                if not transient:
                    raise TranslationFailed(reason, fatal=True) from None
        raise TranslationFailed(f"{reason}, {self.attempts} attempts")
