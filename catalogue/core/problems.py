"""Problems found in user input, collected so that every one is reported at once.

A problem always names the file and, when known, the line, column and field, and prints
as ``path:line:column: severity: field: message`` so editors and CI annotations can jump to it.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    message: str = ""
    severity: str = "error"

    def order(self) -> tuple[str, int, int, str, str, str]:
        """A sort key: by file, line and column, a missing line or column first."""
        return (self.path, self.line or 0, self.column or 0, self.field, self.message, self.severity)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"


@dataclass(frozen=True)
class Location:
    """Where a value came from: the file (relative to the site root) and its line."""

    path: str
    line: int | None = None
    column: int | None = None

    def problem(self, field_name: str, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, self.column, field_name, message, severity)


class CatalogueError(Exception):
    """Raised at the end of a stage that found problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=Problem.order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        """Pickled with its problems (a worker's error reaches the build whole)."""
        return (CatalogueError, (self.problems,))


@dataclass
class Problems:
    """A collector: stages add problems and raise them together at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise CatalogueError(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" suffix for unknown keys and references, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def relative(path: Path, root: Path) -> str:
    """Paths in messages are relative to the site root, with forward slashes. A path under the
    root is cut as a string (``Path.relative_to`` costs ten times more, once per entry file)."""
    whole, start = str(path), os.path.join(str(root), "")
    if whole.startswith(start) and len(whole) > len(start):
        return whole[len(start) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
