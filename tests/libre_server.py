"""A small server of our own on 127.0.0.1 that speaks the current APIs of the translation
services, so our real clients are tested over real HTTP, faults included:

- LibreTranslate: ``GET /languages`` (1.6+ codes ``zh-Hans``/``zh-Hant``, or with
  ``libre_version="1.5"`` the older ``zh``/``zt``), ``POST /translate`` (JSON or form).
- DeepL: ``POST /v2/translate`` with ``Authorization: DeepL-Auth-Key <key>`` only (a key
  in the query or body, or a GET, is refused with 403/405 as DeepL does since 2026), JSON
  body ``{"text": [...], "source_lang", "target_lang"}``, at most 128 KiB.
- MyMemory: ``GET /get?q=…&langpair=vi-VN|fr-FR``; a query over 500 bytes of UTF-8 is
  refused (``responseStatus`` 403, "QUERY LENGTH LIMIT EXCEEDED").
- Microsoft: ``POST /translate?api-version=3.0&from=&to=`` with its key header.
- Google's web endpoint: ``GET /m?sl=&tl=&q=`` answering HTML.

Faults are queued: each request takes the next one ("429", "500", "503", "slow", "garbage",
"drop-tokens", "empty", "inject" (adds script), "huge", "quota", "retry-after"), then the
server answers normally.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = re.compile(r"\{\d+\}")
DEEPL_KEY = "test-key:fx"
LIBRE_LANGUAGES = {
    "1.6": ["en", "vi", "fr", "zh-Hans", "zh-Hant", "ko", "ja"],
    "1.5": ["en", "vi", "fr", "zh", "zt", "ko", "ja"],
}


def fake_translation(text: str, target: str) -> str:
    """Recognisably "translated", tokens kept: each word gets the target code in front."""
    return f"({target}) " + " ".join(word if TOKEN.fullmatch(word) else word.upper() for word in text.split(" "))


class FakeTranslationServer:
    def __init__(self, slow_seconds: float = 1.0, delay: float = 0.0, libre_version: str = "1.6"):
        self.faults: deque[str] = deque()
        self.requests: list[dict[str, str]] = []  # what each translation request asked (q, source, target, ...)
        self.slow_seconds = slow_seconds
        self.delay = delay  # every answer waits this long (for interrupting a run midway)
        self.libre_version = libre_version
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                server.post(self)

            def do_GET(self) -> None:
                server.get(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    # -- the services ---------------------------------------------------------------------------

    def post(self, handler: BaseHTTPRequestHandler) -> None:
        path, query = urlsplit(handler.path).path, {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        if path == "/v2/translate":
            self.deepl(handler, query, raw)
        elif path == "/translate" and "api-version" in query:
            body = json.loads(raw)
            params = {
                "q": body[0]["Text"],
                "source": query["from"],
                "target": query["to"],
                "key": handler.headers.get("Ocp-Apim-Subscription-Key", ""),
            }
            self.answer(handler, params, lambda text, target: [{"translations": [{"text": fake_translation(text, target), "to": target}]}])
        elif path == "/translate":
            if handler.headers.get("Content-Type", "").startswith("application/json"):
                params = {k: str(v) for k, v in json.loads(raw).items()}
            else:
                params = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            self.answer(handler, query | params, lambda text, target: {"translatedText": fake_translation(text, target)})
        else:
            self.send(handler, 404, b'{"error": "not found"}')

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        path, query = urlsplit(handler.path).path, {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        if path == "/languages":
            codes = LIBRE_LANGUAGES[self.libre_version]
            self.send(handler, 200, json.dumps([{"code": code, "name": code, "targets": codes} for code in codes]).encode())
        elif path == "/get":
            self.mymemory(handler, query)
        elif path == "/m":
            params = {"q": query.get("q", ""), "source": query.get("sl", ""), "target": query.get("tl", "")}
            page = '<html><body><div class="result-container">{}</div></body></html>'
            self.answer(handler, params, lambda text, target: page.format(html.escape(fake_translation(text, target))), raw=True)
        elif path == "/v2/translate":
            self.send(handler, 405, b'{"message": "Method Not Allowed"}')  # DeepL: POST only
        else:
            self.send(handler, 404, b'{"error": "not found"}')

    def deepl(self, handler: BaseHTTPRequestHandler, query: dict[str, str], raw: bytes) -> None:
        auth = handler.headers.get("Authorization", "")
        if "auth_key" in query or b"auth_key" in raw or auth != f"DeepL-Auth-Key {DEEPL_KEY}":
            self.send(handler, 403, b'{"message": "Forbidden"}')
            return
        if len(raw) > 128 * 1024:
            self.send(handler, 413, b'{"message": "Request Entity Too Large"}')
            return
        body = json.loads(raw)
        params = {
            "q": body["text"][0],
            "source": body.get("source_lang", ""),
            "target": body["target_lang"],
            "texts": str(len(body["text"])),
        }
        self.answer(
            handler,
            params,
            lambda text, target: {"translations": [{"detected_source_language": params["source"], "text": fake_translation(text, target)}]},
        )

    def mymemory(self, handler: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        text = query.get("q", "")
        source, _, target = query.get("langpair", "|").partition("|")
        if len(text.encode("utf-8")) > 500:
            self.requests.append({"q": text, "source": source, "target": target, "refused": "length"})
            body = {
                "responseData": {"translatedText": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS"},
                "responseStatus": 403,
                "responseDetails": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS",
            }
            self.send(handler, 200, json.dumps(body).encode())
            return
        params = {"q": text, "source": source, "target": target, "de": query.get("de", "")}
        self.answer(
            handler,
            params,
            lambda text, target: {
                "responseData": {"translatedText": fake_translation(text, target), "match": 0.85},
                "responseStatus": 200,
                "responseDetails": "",
                "matches": [],
            },
        )

    # -- answers and faults -------------------------------------------------------------------

    def answer(self, handler: BaseHTTPRequestHandler, params: dict[str, str], body, raw: bool = False) -> None:
        self.requests.append(params)
        fault = self.faults.popleft() if self.faults else ""
        if self.delay:
            time.sleep(self.delay)
        text, target = params.get("q", ""), params.get("target", "")

        def encoded(value) -> bytes:
            return value.encode() if raw else json.dumps(value).encode()

        if fault in ("429", "500", "503"):
            self.send(handler, int(fault), b'{"error": "fault"}')
        elif fault == "retry-after":
            self.send(handler, 429, b'{"error": "slow down"}', {"Retry-After": "1"})
        elif fault == "quota":
            self.send(
                handler,
                200,
                json.dumps(
                    {
                        "responseData": {"translatedText": "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY."},
                        "responseStatus": 429,
                        "responseDetails": "QUOTA EXCEEDED",
                    }
                ).encode(),
            )
        elif fault == "slow":
            time.sleep(self.slow_seconds)
            self.send(handler, 200, encoded(body(text, target)))
        elif fault == "garbage":
            self.send(handler, 200, b"<html>not json at all")
        elif fault == "empty":
            self.send(handler, 200, b"{}")
        elif fault == "inject":
            self.send(handler, 200, encoded(body(text + ' <script>alert(1)</script><img src=x onerror="alert(2)">', target)))
        elif fault == "huge":
            self.send(handler, 200, encoded(body(text * 50, target)))
        elif fault == "drop-tokens":
            self.send(handler, 200, encoded(body(TOKEN.sub("", text), target)))
        else:
            self.send(handler, 200, encoded(body(text, target)))

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, data: bytes, extra: dict[str, str] | None = None) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for name, value in (extra or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def __enter__(self) -> FakeTranslationServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
