"""A small server of our own on 127.0.0.1 that speaks LibreTranslate's API (and MyMemory's,
when used as an HTTP proxy), so deep-translator's real clients can be tested, faults included.

Faults are queued: each request takes the next one ("429", "500", "slow", "garbage",
"drop-tokens", "empty", "inject" (adds script), "huge"), then the server answers normally.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = re.compile(r"\{\d+\}")


def fake_translation(text: str, target: str) -> str:
    """Recognisably "translated", tokens kept: each word gets the target code in front."""
    return f"({target}) " + " ".join(word if TOKEN.fullmatch(word) else word.upper() for word in text.split(" "))


class FakeTranslationServer:
    def __init__(self, slow_seconds: float = 1.0, delay: float = 0.0):
        self.faults: deque[str] = deque()
        self.requests: list[dict[str, str]] = []
        self.slow_seconds = slow_seconds
        self.delay = delay  # every answer waits this long (for interrupting a run midway)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                params.update({k: v[0] for k, v in parse_qs(body).items()})
                server.answer(self, params, lambda text, target: {"translatedText": fake_translation(text, target)})

            def do_GET(self) -> None:  # MyMemory, reached through this server as a proxy
                params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                target = params.get("langpair", "|").split("|")[1]
                server.answer(
                    self,
                    {"q": params.get("q", ""), "target": target, "source": params.get("langpair", "|").split("|")[0]},
                    lambda text, target: {"responseData": {"translatedText": fake_translation(text, target)}, "matches": []},
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def answer(self, handler: BaseHTTPRequestHandler, params: dict[str, str], body) -> None:
        self.requests.append(params)
        fault = self.faults.popleft() if self.faults else ""
        if self.delay:
            time.sleep(self.delay)
        text, target = params.get("q", ""), params.get("target", "")
        if fault in ("429", "500", "503"):
            self.send(handler, int(fault), b'{"error": "fault"}')
        elif fault == "slow":
            time.sleep(self.slow_seconds)
            self.send(handler, 200, json.dumps(body(text, target)).encode())
        elif fault == "garbage":
            self.send(handler, 200, b"<html>not json at all")
        elif fault == "empty":
            self.send(handler, 200, b"{}")
        elif fault == "inject":
            self.send(handler, 200, json.dumps(body(text + ' <script>alert(1)</script><img src=x onerror="alert(2)">', target)).encode())
        elif fault == "huge":
            self.send(handler, 200, json.dumps(body(text * 50, target)).encode())
        elif fault == "drop-tokens":
            self.send(handler, 200, json.dumps(body(TOKEN.sub("", text), target)).encode())
        else:
            self.send(handler, 200, json.dumps(body(text, target)).encode())

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, data: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
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
