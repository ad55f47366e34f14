"""Emphasis that works in Chinese, Japanese and Korean text.

CommonMark decides whether ``*`` or ``_`` opens or closes emphasis from the characters on either
side, assuming words separated by spaces: in "**注意：**在…" the closing ``**`` stands between a
full-width colon and a letter, so it closes nothing and the reader sees the asterisks. As the
CJK-friendly amendment to CommonMark proposes, a CJK character beside a run of delimiters counts
here as punctuation does; text without CJK characters beside its delimiters is parsed exactly
as CommonMark says (the spec's examples check it).
"""

from __future__ import annotations

import re

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, StateInline

CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)


def _punctuation(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char) or bool(CJK.match(char))


def _scan(state: StateInline, start: int, can_split_word: bool) -> tuple[bool, bool, int]:
    """markdown-it's ``scanDelims``, with CJK characters beside the run counted as punctuation."""
    marker, end = state.src[start], start
    while end < state.posMax and state.src[end] == marker:
        end += 1
    last = state.src[start - 1] if start > 0 else " "
    following = state.src[end] if end < state.posMax else " "
    last_punct, next_punct = _punctuation(last), _punctuation(following)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return can_open, can_close, end - start


def tokenize(state: StateInline, silent: bool) -> bool:
    """The emphasis rule of markdown-it (each marker a text token and a delimiter), with ``_scan``."""
    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    can_open, can_close, length = _scan(state, start, marker == "*")
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(marker=ord(marker), length=length, token=len(state.tokens) - 1, end=-1, open=can_open, close=can_close)
        )
    state.pos += length
    return True
