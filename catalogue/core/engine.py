"""What identifies the engine's code, for caches that any change to it must invalidate.

A digest of every source file of the package and of the versions of the libraries whose
output it keeps (Babel's catalogs, markdown-it's tokens, PyYAML's parse): a cache entry made
by other code is never read, whatever the version number says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import babel
import markdown_it
import yaml

PACKAGE = Path(__file__).resolve().parents[1]


def engine_version() -> str:
    digest = hashlib.sha256()
    for library in (babel, markdown_it, yaml):
        digest.update(f"{library.__name__} {library.__version__}\0".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(f"{path.relative_to(PACKAGE)}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:32]
