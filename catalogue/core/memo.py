"""Results derived from objects that are never changed in place, remembered by identity.

``serve`` reads again only the files that changed: unchanged entries and catalogs are the very
same objects from one reload to the next, so what was derived from them need not be derived
again. A result is forgotten when its object is freed (a weak reference's callback), so the
memo neither keeps old catalogs alive nor confuses a new object with a freed one at its address.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class IdentityMemo(Generic[T, R]):
    def __init__(self, function: Callable[..., R]):
        self.function = function
        self.results: dict[tuple[Hashable, ...], tuple[weakref.ref[T], R]] = {}

    def __call__(self, source: T, *options: Hashable) -> R:
        key = (id(source), *options)
        hit = self.results.get(key)
        if hit is not None and hit[0]() is source:
            return hit[1]
        return self.remember(source, self.function(source, *options), *options)

    def remember(self, source: T, result: R, *options: Hashable) -> R:
        """Take ``result`` as what the function gives for ``source`` (made another way, cheaper)."""
        key = (id(source), *options)
        self.results[key] = (weakref.ref(source, lambda _, key=key: self.results.pop(key, None)), result)
        return result
