"""The identity memo behind serve's fast reloads: same object, same result; a freed object's
result is forgotten, so old catalogs are not kept alive by it."""

from __future__ import annotations

import gc

from catalogue.core.memo import IdentityMemo


class Source:
    def __init__(self, text: str):
        self.text = text


def test_reuses_for_the_same_object_only_and_forgets_freed_ones():
    calls = []
    memo = IdentityMemo(lambda source, option: calls.append(source.text) or source.text.upper() + option)
    first = Source("a")
    assert memo(first, "!") == memo(first, "!") == "A!"
    assert calls == ["a"]
    assert memo(first, "?") == "A?"  # options are part of the key
    assert memo(Source("a"), "!") == "A!"  # an equal but different object is computed anew
    assert calls == ["a", "a", "a"]
    del first
    gc.collect()
    assert memo.results == {}
