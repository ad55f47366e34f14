"""The translation services, each spoken through its current HTTP API with our own session.

Every client knows its service's code for each site language (None: the service lacks it),
how long one request may be and whether that is counted in characters or in bytes of UTF-8,
and how to ask for one translation. Addresses can be changed through the environment (a
proxy, a self-hosted or test server).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .http import Http, TranslationFailed, field, headers
from .pseudo import pseudo


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _base(code: str) -> str:
    return code.split("-")[0].lower()


class Service:
    """One service: language codes, a length limit per request, and a translate call."""

    name = ""
    limit = 4000  # longest text one request may carry
    counts_bytes = False  # the limit is in bytes of UTF-8, not characters

    def measure(self, text: str) -> int:
        return utf8_bytes(text) if self.counts_bytes else len(text)

    def __init__(self, http: Http, env: Mapping[str, str]):
        self.http = http
        self.env = env

    def code(self, lang: str, as_target: bool) -> str | None:
        """The service's code for a site language (BCP 47), or None when it lacks it."""
        return _base(lang)

    def translate(self, text: str, source: str, target: str) -> str:
        raise NotImplementedError

    def required(self, name: str) -> str:
        value = self.env.get(name, "").strip()
        if not value:
            raise TranslationFailed(f"set the environment variable {name}", fatal=True)
        return value


class Google(Service):
    """The free web endpoint (the page a phone's browser gets), as deep-translator used it."""

    name, limit = "google", 4800
    CODES = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "he": "iw"}
    RESULT = re.compile(r'<div class="result-container">(.*?)</div>', re.S)

    def code(self, lang: str, as_target: bool) -> str | None:
        return self.CODES.get(lang, _base(lang))

    def translate(self, text: str, source: str, target: str) -> str:
        url = self.env.get("GOOGLE_TRANSLATE_URL") or "https://translate.google.com/m"
        page = self.http.text("GET", url, params={"sl": source, "tl": target, "q": text})
        found = self.RESULT.search(page)
        if found is None:
            raise TranslationFailed("garbage answer")
        return html.unescape(found.group(1))


class DeepL(Service):
    """DeepL's API v2: the key in an ``Authorization: DeepL-Auth-Key`` header, texts by POST.

    Targets name their variant where DeepL wants one (EN-GB/EN-US, PT-PT/PT-BR,
    ZH-HANS/ZH-HANT); sources are bare languages. Its request limit is 128 KiB."""

    name, limit, counts_bytes = "deepl", 120_000, True
    SOURCES = {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hu", "id", "it", "ja", "ko", "lt", "lv", "nb", "nl"}
    SOURCES |= {"pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk", "zh", "ar"}
    TARGETS = {"en": "EN-US", "en-GB": "EN-GB", "en-US": "EN-US", "pt": "PT-PT", "pt-BR": "PT-BR", "pt-PT": "PT-PT"}
    TARGETS |= {"zh": "ZH-HANS", "zh-Hans": "ZH-HANS", "zh-Hant": "ZH-HANT"}

    def code(self, lang: str, as_target: bool) -> str | None:
        if _base(lang) not in self.SOURCES:
            return None
        if as_target:
            return self.TARGETS.get(lang, _base(lang).upper())
        return _base(lang).upper()

    def translate(self, text: str, source: str, target: str) -> str:
        key = self.required("DEEPL_API_KEY")
        server = self.env.get("DEEPL_SERVER_URL") or ("https://api-free.deepl.com" if key.endswith(":fx") else "https://api.deepl.com")
        answer = self.http.json(
            "POST",
            server.rstrip("/") + "/v2/translate",
            headers={"Authorization": f"DeepL-Auth-Key {key}"},
            json={"text": [text], "source_lang": source, "target_lang": target},
        )
        return field(answer, "translations", 0, "text")


class Microsoft(Service):
    """Azure AI Translator v3: key and region in headers, texts by POST as JSON."""

    name, limit = "microsoft", 9000

    def code(self, lang: str, as_target: bool) -> str | None:
        return lang if lang in ("zh-Hans", "zh-Hant", "pt-PT", "fr-CA", "sr-Cyrl", "sr-Latn") else _base(lang)

    def translate(self, text: str, source: str, target: str) -> str:
        key = self.required("MICROSOFT_TRANSLATOR_KEY")
        server = self.env.get("MICROSOFT_TRANSLATOR_URL") or "https://api.cognitive.microsofttranslator.com"
        region = self.env.get("MICROSOFT_TRANSLATOR_REGION")
        answer = self.http.json(
            "POST",
            server.rstrip("/") + "/translate",
            params={"api-version": "3.0", "from": source, "to": target},
            headers=headers({"Ocp-Apim-Subscription-Key": key, "Ocp-Apim-Subscription-Region": region}),
            json=[{"Text": text}],
        )
        return field(answer, 0, "translations", 0, "text")


class Libre(Service):
    """A LibreTranslate server: its languages are read from its own ``/languages``, since
    servers differ (1.6 and later name Chinese ``zh-Hans``/``zh-Hant``, older ones ``zh``/``zt``)."""

    name, limit = "libre", 4000
    OLDER = {"zh-Hans": "zh", "zh-Hant": "zt"}

    def __init__(self, http: Http, env: Mapping[str, str], url: str = ""):
        super().__init__(http, env)
        self.url = (env.get("LIBRETRANSLATE_URL") or url).rstrip("/")
        self._codes: set[str] | None = None

    def codes(self) -> set[str]:
        if self._codes is None:
            if not self.url:
                raise TranslationFailed("set LIBRETRANSLATE_URL or translation.libre_url in site.yaml", fatal=True)
            answer = self.http.json("GET", self.url + "/languages")
            if not isinstance(answer, list):
                raise TranslationFailed("garbage answer")
            self._codes = {item["code"] for item in answer if isinstance(item, dict) and isinstance(item.get("code"), str)}
        return self._codes

    def code(self, lang: str, as_target: bool) -> str | None:
        offered = {code.lower(): code for code in self.codes()}
        for candidate in (lang, self.OLDER.get(lang, ""), _base(lang)):
            if candidate and candidate.lower() in offered:
                return offered[candidate.lower()]
        return None

    def translate(self, text: str, source: str, target: str) -> str:
        body = {"q": text, "source": source, "target": target, "format": "text"}
        key = self.env.get("LIBRETRANSLATE_API_KEY")
        answer = self.http.json("POST", self.url + "/translate", json=body | ({"api_key": key} if key else {}))
        return field(answer, "translatedText")


class MyMemory(Service):
    """MyMemory's ``/get``: at most 500 bytes of UTF-8 a request; ``MYMEMORY_EMAIL`` raises the
    anonymous daily quota (5,000 characters) to 50,000."""

    name, limit, counts_bytes = "mymemory", 500, True
    CODES = {"vi": "vi-VN", "en": "en-GB", "fr": "fr-FR", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ko": "ko-KR", "ja": "ja-JP"}

    def code(self, lang: str, as_target: bool) -> str | None:
        return self.CODES.get(lang, lang)

    def translate(self, text: str, source: str, target: str) -> str:
        url = self.env.get("MYMEMORY_URL") or "https://api.mymemory.translated.net"
        params = {"q": text, "langpair": f"{source}|{target}", "de": self.env.get("MYMEMORY_EMAIL")}
        answer = self.http.json("GET", url.rstrip("/") + "/get", params={k: v for k, v in params.items() if v})
        status = str(answer.get("responseStatus", "")) if isinstance(answer, dict) else ""
        if status == "429" or "QUOTA" in str(answer.get("responseDetails", "") if isinstance(answer, dict) else "").upper():
            raise TranslationFailed("the daily quota is used up (429)", fatal=True)
        if status not in ("200", ""):
            raise TranslationFailed(f"the service refused the request ({status}: {str(answer.get('responseDetails'))[:80]})")
        return field(answer, "responseData", "translatedText")


class Pseudo(Service):
    """Accented, longer text (``en-XA``; ``ar-XB`` right to left), made here."""

    name, limit = "pseudo", 1_000_000

    def code(self, lang: str, as_target: bool) -> str | None:
        return lang

    def translate(self, text: str, source: str, target: str) -> str:
        return pseudo(text, rtl=target.endswith("XB"))


SERVICES: dict[str, type[Service]] = {service.name: service for service in (Google, DeepL, Microsoft, Libre, MyMemory, Pseudo)}
