"""Results derived from objects that are never changed in place, remembered by identity.

``serve`` reads again only the files that changed: unchanged entries and catalogs are the very
same objects from one reload to the next, so what was derived from them need not be derived
again. Each result holds its object, so an identity cannot be reused by another object while
it is remembered; the oldest results are dropped beyond ``size``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class IdentityMemo(Generic[T, R]):
    def __init__(self, function: Callable[..., R], size: int):
        self.function = function
        self.size = size
        self.results: dict[tuple[int, ...], tuple[T, R]] = {}

    def __call__(self, source: T, *options: Hashable) -> R:
        key = (id(source), *map(hash, options))
        hit = self.results.get(key)
        if hit is not None and hit[0] is source:
            return hit[1]
        result = self.function(source, *options)
        self.results[key] = (source, result)
        if len(self.results) > self.size:
            del self.results[next(iter(self.results))]
        return result
