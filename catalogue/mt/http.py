"""HTTP for translation services: one session per engine and language pair, with a timeout
on every request and retries (urllib3 ``Retry``) of what may pass: refused or dropped
connections, timeouts, rate limits (429, honouring ``Retry-After``) and server errors (5xx),
with exponential backoff. Whatever still fails becomes one ``TranslationFailed`` with a
reason fit for the report; keys never appear in it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

RETRIED = (429, 500, 502, 503, 504, 529)  # 529: DeepL's "too many requests"
REFUSED = {401: "the service refused the key (401)", 403: "the service refused the key (403)", 456: "quota exceeded (456)"}
MAX_ANSWER = 2_000_000  # bytes: no translation of a catalog message is this long


class TranslationFailed(Exception):
    """One text could not be translated; ``reason`` says why, for the report."""

    def __init__(self, reason: str, fatal: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal  # no use trying other texts (bad key, unsupported language, quota)


class Http:
    """A session of our own: timeouts and retries for every request, JSON or text answers."""

    def __init__(self, timeout: float, attempts: int, backoff: float):
        self.timeout = timeout
        self.attempts = attempts
        retry = Retry(
            total=attempts - 1,
            backoff_factor=backoff,
            status_forcelist=RETRIED,
            allowed_methods=frozenset({"GET", "POST"}),  # translating is idempotent
            raise_on_status=False,  # the last answer comes back, so its status can be reported
            respect_retry_after_header=True,
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def text(self, method: str, url: str, **kwargs: Any) -> str:
        """The body of a successful answer; raises TranslationFailed otherwise."""
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.exceptions.RequestException as error:
            raise TranslationFailed(self._transport_reason(error)) from None
        with response:
            if response.status_code in REFUSED:
                raise TranslationFailed(REFUSED[response.status_code], fatal=True)
            if response.status_code == 429:
                raise TranslationFailed(f"rate limited (429), {self.attempts} attempts")
            if response.status_code >= 500:
                raise TranslationFailed(f"server error ({response.status_code}), {self.attempts} attempts")
            if response.status_code >= 400:
                raise TranslationFailed(f"the service refused the request ({response.status_code})")
            if len(response.content) > MAX_ANSWER:
                raise TranslationFailed("garbage answer")
            return response.content.decode("utf-8", "replace")

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        body = self.text(method, url, **kwargs)
        try:
            return json.loads(body)
        except ValueError:
            raise TranslationFailed("garbage answer") from None

    def _transport_reason(self, error: Exception) -> str:
        reason = error.args[0].reason if error.args and isinstance(error.args[0], MaxRetryError) else error
        attempts = f", {self.attempts} attempts"
        if isinstance(reason, NewConnectionError):  # refused, unreachable (a kind of ConnectTimeoutError in urllib3)
            return f"cannot connect to the service{attempts}"
        if isinstance(error, requests.exceptions.Timeout) or isinstance(reason, (ReadTimeoutError, ConnectTimeoutError)):
            return f"no answer within {self.timeout:g} s{attempts}"
        if isinstance(error, requests.exceptions.ConnectionError):
            return f"cannot connect to the service{attempts}"
        return f"the request failed ({type(error).__name__}){attempts}"


def field(answer: Any, *path: str | int) -> str:
    """``answer[path...]`` as non-empty text, or a garbage-answer failure."""
    value = answer
    try:
        for key in path:
            value = value[key]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        raise TranslationFailed("garbage answer") from None
    if not isinstance(value, str) or not value.strip():
        raise TranslationFailed("garbage answer")
    return value


def headers(values: Mapping[str, str | None]) -> dict[str, str]:
    return {name: value for name, value in values.items() if value}
