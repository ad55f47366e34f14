"""A strict line check of .po files, before Babel reads them.

Babel's reader is forgiving: it silently cuts an unterminated string and keeps only one of
two entries with the same msgid. A translator deserves to hear about both, with the line.
"""

from __future__ import annotations

import re

from ..core.controls import CONTROL, describe
from ..core.problems import Problem

KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def _string_value(quoted: str) -> str:
    return quoted.strip()[1:-1]


def po_syntax_problems(text: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    context, msgid, msgid_line, field = "", None, 0, ""

    def finish() -> None:
        if msgid is not None and msgid != "" or (msgid == "" and context):
            key = (context, msgid or "")
            if key in seen:
                problems.append(Problem(path, msgid_line, None, "", f"duplicate message (first on line {seen[key]})"))
            else:
                seen[key] = msgid_line

    for number, line in enumerate(text.split("\n"), start=1):
        if control := CONTROL.search(line):
            problems.append(Problem(path, number, None, "", f"holds {describe(control.group())}: remove it"))
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = KEYWORD.match(stripped)
        if match:
            keyword, quoted = match.groups()
            if not STRING.match(quoted):
                problems.append(Problem(path, number, None, "", f"{keyword}: the string is not closed by a double quote"))
            if keyword in ("msgctxt", "msgid") and field.startswith("msgstr"):
                finish()
                context, msgid = "", None
            if keyword == "msgctxt":
                context = _string_value(quoted)
            elif keyword == "msgid":
                msgid, msgid_line = _string_value(quoted), number
            field = keyword
        elif stripped.startswith('"'):
            if not STRING.match(stripped):
                problems.append(Problem(path, number, None, "", "the string is not closed by a double quote"))
            elif field == "msgid" and msgid is not None:
                msgid += _string_value(stripped)
            elif field == "msgctxt":
                context += _string_value(stripped)
            elif not field:
                problems.append(Problem(path, number, None, "", "a string continues nothing (expected msgid, msgstr...)"))
        else:
            problems.append(Problem(path, number, None, "", f"not a .po line: {stripped[:40]!r}"))
    finish()
    return problems
