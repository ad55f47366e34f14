"""The one writer of the site: builds into a fresh folder beside ``public/``, then swaps it in.

Until the swap, the previous site stays complete and served; a failed or killed build leaves
it untouched. On Linux the swap is a single atomic ``renameat2(RENAME_EXCHANGE)``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path, PurePosixPath
from types import TracebackType

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SiteWriter:
    def __init__(self, out: Path):
        self.out = out.resolve()
        self.temp = self.out.parent / f".{self.out.name}.build-{os.getpid()}"
        self.folders: set[Path] = set()  # made already: not asked of the file system again

    def __enter__(self) -> SiteWriter:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.remove_stale()
        shutil.rmtree(self.temp, ignore_errors=True)
        self.temp.mkdir()
        return self

    def remove_stale(self) -> None:
        """Folders left by builds that were killed: delete them, the site itself is intact."""
        for old in sorted(self.out.parent.glob(f".{self.out.name}.old-*")):
            if not self.out.exists():
                os.rename(old, self.out)  # killed between the two renames of a non-atomic swap
            else:
                shutil.rmtree(old, ignore_errors=True)
        for stale in self.out.parent.glob(f".{self.out.name}.build-*"):
            pid = stale.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or not _pid_alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)

    def _target(self, relative: str) -> Path:
        """Where ``relative`` goes; checked by its parts, since the writer alone fills ``temp``
        and puts no links there (resolving every path cost a system call per folder level)."""
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
            raise ValueError(f"refusing to write outside the output folder: {relative}")
        path = self.temp.joinpath(*parts)
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        return path

    def write(self, relative: str, data: bytes) -> None:
        self._target(relative).write_bytes(data)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if kind is not None:
            shutil.rmtree(self.temp, ignore_errors=True)
            return
        if self.out.exists() and _exchange(self.temp, self.out):
            shutil.rmtree(self.temp, ignore_errors=True)  # now holds the previous site
        elif self.out.exists():
            old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
            os.rename(self.out, old)
            os.rename(self.temp, self.out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.temp, self.out)
