"""Invisible bidirectional controls (U+202A-U+202E, U+2066-U+2069) in text people wrote.

An override such as U+202E shows the text after it reversed ("Trojan Source"): a name can
read as another one on the page, in a catalog or in a review. Such a control is almost never
meant in a product catalogue, so ``check`` warns of each with its line and column.
"""

from __future__ import annotations

import re
import unicodedata

from .problems import Problem

CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_problems(text: str, path: str) -> list[Problem]:
    """A warning for every bidirectional control character in ``text``, at its line and column."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for found in CONTROLS.finditer(line):
            name = unicodedata.name(found.group())
            message = f"invisible U+{ord(found.group()):04X} {name} changes how the text around it reads; remove it"
            problems.append(Problem(path, number, found.start() + 1, "", message, "warning"))
    return problems
