"""Knowing when a rebuild has nothing to do: a fingerprint of every input of the build
(content, catalogs, themes, the engine itself, the build date and options), kept beside the
caches. An unchanged fingerprint and an existing output mean the output is already right."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..core.files import atomic_write

ENGINE = Path(__file__).resolve().parents[1]
INPUTS = ("content", "locales", "themes")


class Fingerprint:
    def __init__(self, root: Path, out: Path, options: str):
        self.root, self.out = root, out.resolve()
        self.path = root / ".cache" / "build" / (hashlib.sha256(str(self.out).encode()).hexdigest()[:16] + ".stamp")
        self.options = options

    def fingerprint(self) -> str:
        """Sizes and modification times of every input file (cheap to read, like make)."""
        digest = hashlib.sha256(self.options.encode())
        folders = [self.root / name for name in INPUTS] + [ENGINE, ENGINE.parent / "themes"]
        for folder in folders:
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.is_file() and "__pycache__" not in path.parts:
                    stat = path.stat()
                    digest.update(f"{path}\\0{stat.st_size}\\0{stat.st_mtime_ns}\\n".encode())
        return digest.hexdigest()

    def unchanged(self) -> bool:
        try:
            return self.out.is_dir() and self.path.read_text(encoding="ascii") == self.fingerprint()
        except OSError:
            return False

    def save(self) -> None:
        atomic_write(self.path, self.fingerprint().encode("ascii"))
