"""A catalog read again after a save that changed a few of its entries: only those are parsed
and checked (``serve``, where a translator saves one entry of a catalog of 100,000).

A ``.po`` file is a header and entries separated by blank lines. When the header is the same,
as many entries changed as before, each of them is one message, the changed ones name the
same messages (msgctxt, msgid) in the same places, none is obsolete (``#~``), and the last
reading found nothing wrong, the catalog is the last one with those entries parsed again:
with the file's header, by the same reader and the same checks as a whole file (msgfmt
included), and the lines of the entries after them moved. Anything else, or any problem in
the changed entries, reads the whole file, so what is found is what a whole reading finds.
"""

from __future__ import annotations

import copy
import itertools
import re
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig
from ..core.problems import CatalogueError
from .pofiles import catalog_text, parse_catalog
from .verify import text_problems

MOST = 64  # changed entries read alone; more than that (a merge, a new extraction): the whole file
MSGID = re.compile(rb"^msgid ", re.MULTILINE)


def reread(
    config: SiteConfig, code: str, domain: str, path: Path, old_data: bytes, old: Catalog, data: bytes
) -> tuple[Catalog, tuple[Message, ...]] | None:
    """The catalog of the file's bytes ``data``, made from ``old`` (read from ``old_data``, with no
    problem), and the messages of the entries that changed; None when the whole file must be read.

    Bytes are compared, and only the header and the changed entries decoded: a catalog of 100,000
    messages is 40 MB, and decoding it costs more than the rest of a translator's save."""
    if data == old_data:
        return old, ()
    same = _same_start(old_data, data)
    start = data.rfind(b"\n\n", 0, same) + 2  # the first changed entry (after the header: it did not change)
    if start < 2:
        return None
    stop = data.find(b"\n\n", max(start, len(data) - _same_end(old_data, data, same)))
    stop = len(data) if stop < 0 else stop  # the changed entries end there, and the same bytes follow
    old_stop = stop - len(data) + len(old_data)
    was, now = old_data[start:old_stop], data[start:stop]
    if old_stop < start or was.count(b"\n\n") != now.count(b"\n\n") or now.count(b"\n\n") >= MOST:
        return None
    if not all(_one_message(block) for block in (*was.split(b"\n\n"), *now.split(b"\n\n"))):
        return None
    head = data[: data.find(b"\n\n")]
    line = data.count(b"\n", 0, start) + 1  # the first changed line
    end = line + was.count(b"\n")  # the last line of the changed entries, as they were
    moved = now.count(b"\n") - was.count(b"\n")
    offset = line - (head.count(b"\n") + 3)  # a line of the entries read alone -> the line in the file
    try:
        header, was_text, now_text = (catalog_text(part, path.name) for part in (head, was, now))
        before = parse_catalog(f"{header}\n\n{was_text}\n", path.name, config.languages[code].catalog_name)
    except CatalogueError:
        return None
    changed = _checked(config, code, domain, path, f"{header}\n\n{now_text}\n")
    keys = [old._key_for(message.id, message.context) for message in before if message.id]
    if changed is None or keys != [old._key_for(message.id, message.context) for message in changed]:
        return None
    catalog = copy.copy(old)
    catalog._messages = dict(old._messages)
    if moved:  # the entries after the change (and the obsolete ones) move; the old catalog is done with
        for message in itertools.chain(old._messages.values(), old.obsolete.values()):
            if message.lineno and message.lineno > end:
                message.lineno += moved
    for key, message in zip(keys, changed, strict=True):
        message.lineno = (message.lineno or 0) + offset
        catalog._messages[key] = message
    return catalog, changed


def _same_start(a: bytes, b: bytes) -> int:
    """How many bytes ``a`` and ``b`` have in common at the start (compared a chunk at a time,
    each chunk half the last, through a view of ``b``: no loop over 40 MB in Python, no copy)."""
    view, most = memoryview(b), min(len(a), len(b))
    same, size = 0, max(1, most // 2)
    while size:
        if same + size <= most and a.startswith(view[same : same + size], same):
            same += size
        else:
            size //= 2
    return same


def _same_end(a: bytes, b: bytes, most: int) -> int:
    """How many bytes ``a`` and ``b`` have in common at the end, leaving the first ``most`` of the
    shorter alone."""
    view, limit = memoryview(b), min(len(a), len(b)) - most
    same, size = 0, max(1, limit // 2)
    while size:
        if same + size <= limit and a.endswith(view[len(b) - same - size : len(b) - same], 0, len(a) - same):
            same += size
        else:
            size //= 2
    return same


def _one_message(block: bytes) -> bool:
    return len(MSGID.findall(block)) == 1 and b"#~" not in block


def _checked(config: SiteConfig, code: str, domain: str, path: Path, part: str) -> tuple[Message, ...] | None:
    """The messages of the changed entries (read with the file's header, under the file's name
    for msgfmt), or None when anything is wrong with them."""
    with tempfile.TemporaryDirectory(prefix="catalogue-entries-") as folder:
        alone = Path(folder) / path.name
        alone.write_text(part, encoding="utf-8")
        try:
            catalog = parse_catalog(part, path.name, config.languages[code].catalog_name)
        except CatalogueError:
            return None
        first = part.count("\n", 0, part.index("\n\n")) + 3  # the changed entries' first line
        found = text_problems(config, code, domain, catalog, part, alone)
        # The header's warnings (msgfmt's default values) are the whole file's too, which had no error.
        if catalog.obsolete or any(p.severity == "error" or p.line is None or p.line >= first for p in found):
            return None
    return tuple(message for message in catalog if message.id)
