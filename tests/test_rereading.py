"""A catalog read again after a save that changed a few entries is the catalog a whole reading
gives (every message, its flags, comments and line), or the whole file is read."""

from __future__ import annotations

import unicodedata

import pytest

from catalogue.content.config import load_config
from catalogue.i18n.catalogstore import read_and_check
from catalogue.i18n.pofiles import parse_catalog
from catalogue.i18n.rereading import reread

NAME = "locales/fr/LC_MESSAGES/content.po"
ENTRY = "\n\n#. products/bonsai-mini-de-ban: name"


def described(catalog) -> list[tuple]:
    messages = [*catalog, *catalog.obsolete.values()]
    return [
        (m.id, m.string, m.context, sorted(m.flags), m.user_comments, m.auto_comments, m.locations, m.previous_id, m.lineno)
        for m in messages
    ]


@pytest.fixture
def french(sample_copy):
    config = load_config(sample_copy)
    path = sample_copy / NAME
    catalog, data, problems = read_and_check(config, "fr", "content", path)
    assert catalog is not None and data is not None and not [problem for problem in problems if problem.severity == "error"]
    return config, path, catalog, data.decode()


def nth_msgstr(text: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.index('\nmsgstr "', at + 1)
    return at + len('\nmsgstr "')


EDITS = {
    "a translation changed": lambda t: t[: nth_msgstr(t, 3)] + "Nouveau " + t[nth_msgstr(t, 3) :],
    "two far apart": lambda t: t[: nth_msgstr(t, 2)] + "A " + t[nth_msgstr(t, 2) : nth_msgstr(t, 40)] + "B " + t[nth_msgstr(t, 40) :],
    "marked fuzzy (a line more)": lambda t: t.replace(ENTRY, "\n\n#, fuzzy\n" + ENTRY[2:], 1),
    "a comment changed": lambda t: t.replace("#. ", "#.  ", 1),
    "a line less": lambda t: t.replace("\n#. a name, shown in lists", "", 1),
    "saved in NFD by an editor": lambda t: t[: nth_msgstr(t, 3)] + unicodedata.normalize("NFD", "Spécialité ") + t[nth_msgstr(t, 3) :],
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_few_entries_changed_give_the_catalog_a_whole_reading_gives(french, edit):
    config, path, old, text = french
    new_text = EDITS[edit](text)
    assert new_text != text
    whole = described(parse_catalog(unicodedata.normalize("NFC", new_text), NAME, "fr"))
    again = reread(config, "fr", "content", path, text.encode(), old, new_text.encode())
    assert again is not None
    catalog, changed = again
    assert changed and described(catalog) == whole


REFUSED = {
    "a msgid changed": lambda t: t.replace('msgid "Bonsai mini để bàn"', 'msgid "Bonsai nhỏ để bàn"', 1),
    "the header changed": lambda t: t.replace("Language: fr", "Language: fr_FR", 1),
    "an entry added": lambda t: t.replace(ENTRY, '\n\nmsgid "Mới"\nmsgstr "Neuf"' + ENTRY, 1),
    "a string left open": lambda t: t[: nth_msgstr(t, 3)] + '"' + t[nth_msgstr(t, 3) :],
    "markup that differs from the source": lambda t: t[: nth_msgstr(t, 3)] + "**gras** " + t[nth_msgstr(t, 3) :],
}


@pytest.mark.parametrize("edit", REFUSED, ids=list(REFUSED))
def test_anything_else_reads_the_whole_file(french, edit):
    config, path, old, text = french
    new_text = REFUSED[edit](text)
    assert new_text != text
    assert reread(config, "fr", "content", path, text.encode(), old, new_text.encode()) is None
