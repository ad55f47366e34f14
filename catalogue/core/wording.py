"""Counts said in words in the commands' messages: "1 file changed", "2 files changed"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """The number and the noun, plural (an ``s``) unless the number is 1."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
