"""Files in and out: text read strictly (with a clear reason when it is not usable text),
and writes that a reader never sees half done (temp file, then rename)."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .controls import CONTROL, describe
from .problems import Problem, relative

MAX_ENTRY_BYTES = 1_000_000


def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def naming(path: Path) -> Iterator[None]:
    """Give an OSError inside the name of ``path``: a failed write() names no file, and a disk
    that is full must be reported with where it was being written."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def atomic_write(path: Path, data: bytes, current: bytes | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically; returns False when the bytes were already there
    (``current``: the file's bytes, when the caller has just read them).

    The file keeps its mode (a new one gets the umask's, as ``open`` would give it), not the
    0600 of the temporary file."""
    try:
        if (path.read_bytes() if current is None else current) == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~umask()
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp, mode)
        with naming(path), os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def cache_write(path: Path, data: bytes) -> None:
    """Put ``data`` in a cache file: whole or not at all under its name (written aside, then
    renamed), but not synced to the disk. A cache is remade when lost; syncing every social
    card and QR code of a cold build cost ~7 ms each (8,000 at 1,000 products). A file that a
    machine crash left empty reads as missing (``cache_read``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def cache_read(path: Path) -> bytes | None:
    """A cache file's bytes, or None when it is missing or empty."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data or None


def link_problem(path: Path, folder: Path, root: Path, name: str = "the site") -> Problem | None:
    """Why ``path`` may not be read, once links are followed: it leads outside ``folder`` (a file
    refused unread, or what it points to, /etc/passwd, would be published or quoted), or in a loop."""
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (RuntimeError, OSError):  # Python 3.11 says RuntimeError for a loop of links
        return Problem(relative(path, root), None, None, "", "is a link that leads back to itself (a loop): remove it")
    return None if inside else Problem(relative(path, root), None, None, "", f"is a link to a file outside {name}: copy the file instead")


def read_text(path: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """A file's text in NFC, or a problem saying why it is not readable UTF-8 text.

    Normalised at the door: an editor that saves "ủ" as "u" and two combining marks (NFD)
    changes nothing, neither the catalogs' message ids nor the published pages."""
    name = relative(path, root)
    if wrong := link_problem(path, root, root):
        return None, [wrong]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, None, "", f"cannot be read: {error.strerror}")]
    return text_of(data, name)


def text_of(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """The NFC text of a file's bytes, or the problem that makes them no text (``name``: for messages)."""
    if len(data) > MAX_ENTRY_BYTES:
        return None, [Problem(name, None, None, "", f"is too large ({len(data):,} bytes, at most {MAX_ENTRY_BYTES:,})")]
    if b"\0" in data:
        return None, [Problem(name, data[: data.index(b"\0")].count(b"\n") + 1, None, "", "is a binary file, not text (a NUL byte)")]
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
    if found := CONTROL.search(text):
        line = text.count("\n", 0, found.start()) + 1
        return None, [Problem(name, line, None, "", f"holds {describe(found.group())}: remove it")]
    return unicodedata.normalize("NFC", text), []
