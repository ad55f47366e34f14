"""Characters no published text may hold: control characters (a line break in a title would
inject lines into a catalog header; most controls make XML malformed), lone surrogates (no
UTF-8 for them) and the two non-characters XML forbids. YAML's escapes ("\\x1b", "\\u0085")
and raw bytes can bring any of them in, so text is checked where it is read."""

from __future__ import annotations

import re

_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
CONTROL = re.compile(f"[{_FORBIDDEN}]")  # forbidden everywhere: line breaks and tabs are allowed
CONTROL_OR_BREAK = re.compile(f"[{_FORBIDDEN}\t\n\r\u2028\u2029]")  # forbidden in one-line values


def describe(char: str) -> str:
    """How a message names a character nobody can see: "the control character U+001B"."""
    names = {
        "\n": " (a line break)",
        "\t": " (a tab)",
        "\r": " (a carriage return)",
        "\u2028": " (a line separator)",
        "\u2029": " (a paragraph separator)",
    }
    kind = "the non-character" if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff" else "the control character"
    return f"{kind} U+{ord(char):04X}{names.get(char, '')}"


def control_problem(text: str, one_line: bool = False) -> str:
    """'' when ``text`` may be published, else what is wrong with it."""
    found = (CONTROL_OR_BREAK if one_line else CONTROL).search(text)
    if found is None:
        return ""
    where = "must be one line: it holds" if one_line and found.group() in "\t\n\r\u2028\u2029" else "holds"
    return f"{where} {describe(found.group())}; remove it"
