"""The one writer of the site: builds into a fresh folder beside ``public/``, then swaps it in.

Until the swap, the previous site stays complete and served; a failed or killed build leaves
it untouched, and its folder is removed by the next build (a live build holds a lock on its
own folder, so a process id reused by another program never keeps a dead build's folder).
On Linux the swap is a single atomic ``renameat2(RENAME_EXCHANGE)``. The swap
deletes what the output folder held, so it only ever replaces an empty folder or an earlier
build (which carries a marker file): never the site's own sources, nor a folder of the user's.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
from pathlib import Path, PurePosixPath
from types import TracebackType

from ..core.files import naming
from ..core.problems import CatalogueError, Problem, relative

MARKER = ".catalogue-build"  # in every output folder: what a later build may replace
MARKER_TEXT = b"Written by catalogue build: the next build replaces everything in this folder.\n"
SOURCES = ("content", "locales", "themes")
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


def _in_use(folder: Path) -> bool:
    """Whether a live build holds ``folder`` (its lock ends with its process, whatever reuses
    the process id later)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def refuse_unsafe_output(root: Path, out: Path, earlier_build: bool = False) -> None:
    """Raise unless ``out`` may be replaced by a build: a folder that does not exist yet, an empty
    one, or an earlier build (it holds the marker; ``earlier_build`` when the build remembers it)."""
    root, out = root.resolve(), out.resolve()
    name = relative(out, root)
    problem: str | None = None
    if out == root or root.is_relative_to(out):
        problem = "is the site's own folder (or holds it): the build would replace content/, locales/ and themes/"
    elif any(out.is_relative_to(root / source) for source in SOURCES):
        problem = "is inside content/, locales/ or themes/: the build would replace what is there"
    elif out.exists() and not out.is_dir():
        problem = "is a file, not a folder"
    elif out.is_dir() and not (out / MARKER).is_file() and not earlier_build and any(out.iterdir()):
        problem = f"holds files that no build wrote (no {MARKER} marker): the build would delete them; empty it or choose another --out"
    elif not os.access(out if out.exists() else out.parent, os.W_OK):
        problem = "is read-only: the build could not replace it (nothing was changed)"
    if problem:
        raise CatalogueError([Problem(name, None, None, "--out", problem)])


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
        self.lock = os.open(self.temp, os.O_RDONLY | os.O_DIRECTORY)  # held until the build ends, or dies
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            self.write(MARKER, MARKER_TEXT)
        except BaseException:
            os.close(self.lock)
            shutil.rmtree(self.temp, ignore_errors=True)  # __exit__ is not called when __enter__ fails
            raise
        return self

    def remove_stale(self) -> None:
        """Folders left by builds that were killed: delete them, the site itself is intact."""
        for old in sorted(self.out.parent.glob(f".{self.out.name}.old-*")):
            if not self.out.exists():
                os.rename(old, self.out)  # killed between the two renames of a non-atomic swap
            else:
                shutil.rmtree(old, ignore_errors=True)
        for stale in self.out.parent.glob(f".{self.out.name}.build-*"):
            if not _in_use(stale):
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
        target = self._target(relative)
        with naming(target):
            target.write_bytes(data)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            self._finish(kind)
        finally:
            os.close(self.lock)

    def _finish(self, kind: type[BaseException] | None) -> None:
        if kind is not None:
            shutil.rmtree(self.temp, ignore_errors=True)
            return
        try:
            self._swap()
        except BaseException:
            shutil.rmtree(self.temp, ignore_errors=True)  # the swap failed (a read-only folder): the old site stays
            raise

    def _swap(self) -> None:
        if self.out.exists() and _exchange(self.temp, self.out):
            shutil.rmtree(self.temp, ignore_errors=True)  # now holds the previous site
        elif self.out.exists():
            old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
            os.rename(self.out, old)
            try:
                os.rename(self.temp, self.out)
            except BaseException:
                os.rename(old, self.out)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.temp, self.out)
