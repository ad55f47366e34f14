"""Knowing when a rebuild has nothing to do: a fingerprint of every input of the build
(content, catalogs, themes, the engine itself, the build date and options), kept beside the
caches. An unchanged fingerprint and an existing output mean the output is already right.

The fingerprint hashes what every file holds, not its size and modification time: copies
that keep both (``cp -p``, ``rsync -a``, a checkout of an older commit by some tools) change
a site without changing either. Reading the inputs of a 1,000-product site costs tens of
milliseconds, far less than the build it saves.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path

from ..core.files import atomic_write

ENGINE = Path(__file__).resolve().parents[1]
INPUTS = ("content", "locales", "themes")


class Fingerprint:
    def __init__(self, root: Path, out: Path, options: str):
        self.root, self.out = root, out.resolve()
        self.path = root / ".cache" / "build" / (hashlib.sha256(str(self.out).encode()).hexdigest()[:16] + ".stamp")
        self.options = options

    @cached_property
    def current(self) -> str:
        """The names and bytes of every input file, read once: as they were when the build
        started (a file saved during the build makes the next one run)."""
        digest = hashlib.sha256(self.options.encode())
        folders = [self.root / name for name in INPUTS] + [ENGINE, ENGINE.parent / "themes"]
        for folder in folders:
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.is_file() and "__pycache__" not in path.parts:
                    content = hashlib.sha256(path.read_bytes()).digest()
                    digest.update(f"{path}\0".encode() + content)
        return digest.hexdigest()

    def unchanged(self) -> bool:
        try:
            return self.out.is_dir() and self.path.read_text(encoding="ascii") == self.current
        except OSError:
            return False

    def forget(self) -> None:
        """Before the output changes: a build killed after its swap must not leave the stamp of
        the build before it, which would call the new output up to date whatever it holds."""
        self.path.unlink(missing_ok=True)

    def save(self) -> None:
        atomic_write(self.path, self.current.encode("ascii"))
