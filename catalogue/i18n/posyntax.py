"""A strict line check of .po files, before Babel reads them.

Babel's reader is forgiving: it silently cuts an unterminated string and keeps only one of
two entries with the same msgid. A translator deserves to hear about both, with the line.
"""

from __future__ import annotations

import gettext
import re

from ..core.controls import CONTROL, describe
from ..core.problems import Problem

HEADER = re.compile(r"^(Plural-Forms|Content-Type):(.*)$")
NPLURALS = re.compile(r"\bnplurals\s*=\s*([^;\\]*)")
PLURAL = re.compile(r"\bplural\s*=\s*([^;\\]*)")
CHARSET = re.compile(r"\bcharset\s*=\s*([^;\\\s]*)")
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

    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
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
    if not path.endswith(".pot"):  # templates say nplurals=INTEGER
        for number, field in _header_fields(lines):
            if header := HEADER.match(field):
                problems.extend(_header_problems(*header.groups(), path, number))
    return problems


def _header_fields(lines: list[str]) -> list[tuple[int, str]]:
    """The header's fields with the line each starts on. A field may run over several quoted
    strings: msgmerge, msgcat and Poedit wrap long ones (Plural-Forms often)."""
    fields: list[tuple[int, str]] = []
    state, start, current = "", 0, ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if state == "msgstr":
                break
            continue
        if state == "":
            if stripped != 'msgid ""':
                return []
            state = "msgid"
        elif state == "msgid":
            if stripped != 'msgstr ""':
                return []
            state = "msgstr"
        elif STRING.match(stripped):
            for piece in re.split(r"(\\n)", _string_value(stripped)):
                if piece == "\\n":
                    fields.append((start, current))
                    current = ""
                    continue
                if piece and not current:
                    start = number
                current += piece
        else:
            break
    if current:
        fields.append((start, current))
    return fields


def _header_problems(name: str, value: str, path: str, number: int) -> list[Problem]:
    """The header fields that Babel and gettext read with a bare int(), codec lookup or plural
    parser (and a traceback): Plural-Forms and the Content-Type's charset."""
    if name == "Content-Type":
        charset = CHARSET.search(value)
        if charset is None or charset.group(1).lower().replace("_", "-") in ("utf-8", "utf8"):
            return []
        message = f"Content-Type: the charset must be UTF-8 (catalogs are UTF-8 text), got {charset.group(1)!r}"
        return [Problem(path, number, None, "", message)]
    count, plural = NPLURALS.search(value), PLURAL.search(value)
    written = count.group(1).strip() if count else ""
    example = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    if not (written.isdigit() and 1 <= int(written) <= 6):
        got = f"got {written!r}" if count else "it is missing"
        return [Problem(path, number, None, "", f"Plural-Forms: nplurals must be a whole number from 1 to 6 ({got}), e.g. {example}")]
    try:
        gettext.c2py(plural.group(1).strip() if plural else "")
    except (ValueError, RecursionError):
        got = repr(plural.group(1).strip()) if plural else "nothing"
        message = f"Plural-Forms: the plural expression is not one gettext understands, got {got}, e.g. {example}"
        return [Problem(path, number, None, "", message)]
    return []
