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
import re
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig
from ..core.problems import CatalogueError
from .pofiles import parse_catalog
from .verify import text_problems

MOST = 64  # changed entries read alone; more than that (a merge, a new extraction): the whole file
MSGID = re.compile(r"^msgid ", re.MULTILINE)


def reread(
    config: SiteConfig, code: str, domain: str, path: Path, old_text: str, old: Catalog, text: str
) -> tuple[Catalog, tuple[Message, ...]] | None:
    """The catalog of ``text``, made from ``old`` (read from ``old_text``, with no problem), and the
    messages of the entries that changed; None when the whole file must be read."""
    old_blocks, blocks = old_text.split("\n\n"), text.split("\n\n")
    if len(old_blocks) != len(blocks) or old_blocks[0] != blocks[0]:
        return None
    first = next((i for i, (was, now) in enumerate(zip(old_blocks, blocks, strict=True)) if was != now), None)
    if first is None:
        return old, ()
    last = next(i for i in range(len(blocks) - 1, first - 1, -1) if old_blocks[i] != blocks[i])
    was, now = old_blocks[first : last + 1], blocks[first : last + 1]
    if len(now) > MOST or not all(_one_message(block) for block in (*was, *now)):
        return None
    start = text.count("\n", 0, sum(len(block) + 2 for block in blocks[:first])) + 1  # the first changed line
    end = start + "\n\n".join(was).count("\n")  # the last line of the changed entries, as they were
    moved = "\n\n".join(now).count("\n") - "\n\n".join(was).count("\n")
    part = blocks[0] + "\n\n" + "\n\n".join(now) + "\n"
    offset = start - (blocks[0].count("\n") + 3)  # a line of ``part`` -> the line in the file
    changed = _checked(config, code, domain, path, part)
    if changed is None:
        return None
    keys = [old._key_for(message.id, message.context) for message in changed]
    if keys != [key for key, message in old._messages.items() if message.id and start <= (message.lineno or 0) <= end]:
        return None
    catalog = copy.copy(old)
    catalog._messages = dict(old._messages)
    if moved:  # the entries after the change (and the obsolete ones) move; the old catalog is done with
        for message in (*old._messages.values(), *old.obsolete.values()):
            if message.lineno and message.lineno > end:
                message.lineno += moved
    for key, message in zip(keys, changed, strict=True):
        message.lineno = (message.lineno or 0) + offset
        catalog._messages[key] = message
    return catalog, changed


def _one_message(block: str) -> bool:
    return len(MSGID.findall(block)) == 1 and "#~" not in block


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
