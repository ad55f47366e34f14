"""The life of a translation, in one place: its state, and how ``extract`` carries it over.

States: *missing* (no translation) → *draft* (machine text: ``fuzzy`` and an engine note) →
*reviewed* (not fuzzy). Any translation whose source changed is *outdated* (``fuzzy`` with the
previous source in ``#|``, or an engine note made for another source), until a translator
reviews it. A draft's note records a digest of the source it translates, so a tool that drops
``#|`` lines (``msgmerge`` without ``--previous``) cannot turn an outdated draft back into a
publishable one.

Obsolete entries (``#~``) are a translation memory: when a text comes back, its entry returns
with the state, flags and comments it had; a message is never both active and obsolete.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from typing import Literal

from babel.messages.catalog import Catalog, Message

State = Literal["reviewed", "draft", "outdated", "missing"]
MACHINE_NOTE = "machine-translation:"  # translator comment that marks a machine draft
SOURCE_MARK = "source:"  # in the note: the digest of the source text the draft translates

Key = tuple[str, str]  # (singular msgid, msgctxt)


def key_of(message: Message) -> Key:
    singular = message.id[0] if isinstance(message.id, tuple) else message.id
    return singular, message.context or ""


def source_digest(message: Message) -> str:
    """Eight hex digits naming a message's source (context, singular and plural)."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    return hashlib.sha256("\x04".join((message.context or "", *ids)).encode("utf-8")).hexdigest()[:8]


def machine_note(engine: str, day: dt.date, message: Message) -> str:
    """The translator comment that marks a machine draft of ``message``."""
    return f"{MACHINE_NOTE} {engine} {day.isoformat()} {SOURCE_MARK}{source_digest(message)}"


def _machine_notes(message: Message) -> list[str]:
    return [comment for comment in message.user_comments if comment.startswith(MACHINE_NOTE)]


def translated(message: Message) -> bool:
    """True when some form of the message has a translation."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return any(strings)


def state_of(message: Message | None) -> State:
    """Reviewed, machine draft, outdated (its source changed since) or missing."""
    if message is None or not translated(message):
        return "missing"
    if not message.fuzzy:
        return "reviewed"
    notes = _machine_notes(message)
    if not notes or message.previous_id:
        return "outdated"
    digests = [word[len(SOURCE_MARK) :] for word in notes[-1].split() if word.startswith(SOURCE_MARK)]
    return "outdated" if digests and digests[0] != source_digest(message) else "draft"


def merge(catalog: Catalog, template: Catalog, fuzzy_matching: bool) -> None:
    """Bring ``catalog`` (read from disk) up to date with ``template``, by the rules above."""
    memory = {key_of(message): message for message in catalog.obsolete.values() if translated(message)}
    previous = {key_of(message): message.previous_id for message in catalog if message.id and message.previous_id}
    catalog.obsolete.clear()
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    vanished = {key_of(message): message for message in catalog.obsolete.values() if translated(message)}
    memory.update(vanished)  # a text that just left is newer than an older memory of it
    for message in _own_messages(catalog, template):
        key = key_of(message)
        if not translated(message) and key in memory:
            _restore(message, memory[key])
        elif message.fuzzy and not message.previous_id and key in previous:
            message.previous_id = previous[key]  # Babel forgets it on an exact match: keep showing what changed
    if fuzzy_matching:
        _match_near(catalog, vanished)
    for message in catalog:
        if message.id:
            _settle(message)
    active = {key_of(message) for message in catalog if message.id}
    catalog.obsolete.clear()
    catalog.obsolete.update({key: message for key, message in memory.items() if key not in active})


def _own_messages(catalog: Catalog, template: Catalog) -> list[Message]:
    """The catalog's messages, none shared with the template (Babel adds new texts without
    copying them, and the template serves every language)."""
    own = []
    for message in catalog:
        if message.id and message is template.get(message.id, message.context):
            message = message.clone()
            catalog._messages[catalog._key_for(message.id, message.context)] = message  # same place, own copy
        if message.id:
            own.append(message)
    return own


def _restore(message: Message, remembered: Message) -> None:
    """An obsolete entry returns as it was: translation, flags and translator comments."""
    message.string = remembered.string
    message.flags |= remembered.flags
    message.user_comments = list(remembered.user_comments)
    message.previous_id = list(remembered.previous_id)
    message.locations = message.locations or list(remembered.locations)


def _match_near(catalog: Catalog, vanished: dict[Key, Message]) -> None:
    """A new text close to one that just left gets its translation, outdated (to review)."""
    candidates = {key[0].lower().strip(): message for key, message in vanished.items()}
    for message in catalog:
        if not message.id or translated(message):
            continue
        match = difflib.get_close_matches(key_of(message)[0].lower().strip(), list(candidates), 1)
        if not match:
            continue
        old = candidates[match[0]]
        message.string = _shaped(old.string, message)
        message.flags.add("fuzzy")
        message.user_comments = list(old.user_comments)
        ids = old.id if isinstance(old.id, tuple) else (old.id,)
        message.previous_id = list(old.previous_id) if old.fuzzy and old.previous_id else list(ids)


def _shaped(string: str | tuple[str, ...], message: Message) -> str | tuple[str, ...]:
    """A translation in the shape of ``message``: one string, or one per plural id."""
    if isinstance(message.id, tuple):
        return string if isinstance(string, tuple) else (string, *([""] * (len(message.id) - 1)))
    return string[0] if isinstance(string, tuple) else string


def _settle(message: Message) -> None:
    """What no state keeps: the fuzzy mark of an empty entry, the engine note and previous
    source of a reviewed one."""
    if not translated(message):
        message.flags.discard("fuzzy")
        message.previous_id = []
    if not message.fuzzy:
        message.previous_id = []
        message.user_comments = [c for c in message.user_comments if not c.startswith(MACHINE_NOTE)]
