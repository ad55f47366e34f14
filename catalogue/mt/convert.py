"""Draft one Chinese script from reviewed text in the other, with OpenCC (engine ``opencc``).

Simplified to Traditional Chinese is a conversion, not a translation: OpenCC's ``s2twp``
gives Taiwan's characters and phrases (软件 → 軟體) from reviewed zh-Hans text, a far better
zh-Hant draft than a machine translation from Vietnamese. ``translation.convert`` in
``site.yaml`` names, per language, the language it is converted from and OpenCC's config;
any pair OpenCC supports works. The result is a draft like any engine's (fuzzy, with a note).
"""

from __future__ import annotations

from collections.abc import Callable

from babel.messages.catalog import Catalog, Message

from ..i18n.lifecycle import key_of, state_of

ENGINE = "opencc"


def converter(config: str) -> Callable[[str], str]:
    """OpenCC's conversion for a config ("s2twp"); a run makes each one once."""
    import opencc  # a compiled library: loaded only when a conversion is asked for

    return opencc.OpenCC(config).convert


def reviewed_strings(catalog: Catalog | None) -> dict[tuple[str, str], tuple[str, ...]]:
    """The reviewed translations of a catalog, by (msgid, msgctxt), each form in order."""
    table = {}
    for message in catalog or ():
        if message.id and state_of(message) == "reviewed":
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            table[key_of(message)] = tuple(strings)
    return table


def converted(message: Message, reviewed: dict[tuple[str, str], tuple[str, ...]], convert: Callable[[str], str]) -> list[str] | None:
    """The conversion of the reviewed text of ``message`` in the other language, or None."""
    strings = reviewed.get(key_of(message))
    if not strings or not all(strings):
        return None
    forms = len(message.string) if isinstance(message.string, tuple) else 1
    return [convert(strings[min(index, len(strings) - 1)]) for index in range(forms)]
