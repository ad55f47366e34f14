"""Files in and out: text read strictly (with a clear reason when it is not usable text),
and writes that a reader never sees half done (temp file, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import Problem, relative

MAX_ENTRY_BYTES = 1_000_000


def atomic_write(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically; returns False when the bytes were already there."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def read_text(path: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """A file's text, or a problem saying why it is not readable UTF-8 text."""
    name = relative(path, root)
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, None, "", f"cannot be read: {error.strerror}")]
    if len(data) > MAX_ENTRY_BYTES:
        return None, [Problem(name, None, None, "", f"is too large ({len(data):,} bytes, at most {MAX_ENTRY_BYTES:,})")]
    if b"\0" in data:
        return None, [Problem(name, None, None, "", "is a binary file, not text")]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(name, 1, 1, "", "starts with a byte-order mark (BOM): save it as UTF-8 without BOM")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, None, "", "is not UTF-8 text (save it as UTF-8)")]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return None, [Problem(name, line, None, "", "has Windows (CRLF) or old Mac (CR) line ends: save it with LF line ends")]
    return text, []
