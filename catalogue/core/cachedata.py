"""Cache files read back as data only. Anything under ``.cache/`` may come from whoever can write
to the site's folder (a contributed branch that commits one, a CI cache restored from another
run), and plain ``pickle.loads`` runs whatever function a crafted file names. Each store names
the classes its files hold; a file naming anything else is refused like a damaged one, and
what it held is made again from the sources.
"""

from __future__ import annotations

import io
import pickle

Allowed = frozenset[tuple[str, str]]  # (module, name) of each class a store's files may hold

DATES = frozenset({("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone")})


class _DataOnly(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: Allowed):
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> object:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not data of this cache")
        return super().find_class(module, name)


def load_data(data: bytes, allowed: Allowed) -> object:
    """What ``data`` holds, if it names no class but ``allowed``; raises pickle.UnpicklingError
    (or the errors of a damaged file: EOFError, ValueError...) otherwise."""
    return _DataOnly(data, allowed).load()
