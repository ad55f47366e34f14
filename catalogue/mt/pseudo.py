"""Pseudo-localisation: fake translations that show untranslated strings and fragile layouts.

``en-XA`` turns text into accented look-alikes about 40% longer, in brackets:
"Products" -> "[Ƥŕöðûçţš ·····]". ``ar-XB`` also sets the text right to left. Tokens
(markup, placeholders, numbers) pass through unchanged, exactly as in machine translation.
"""

from __future__ import annotations

from .tokens import TOKEN, protect

ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
RLO, PDF = "\u202e", "\u202c"  # right-to-left override, pop directional formatting

PSEUDO_LANGUAGES = {
    # code: (name, text direction, CLDR locale used for numbers and dates)
    "en-XA": ("[Ƥšéûðö]", "ltr", "en"),
    "ar-XB": ("[Ƥšéûðö RTL]", "rtl", "ar"),
}


def _stretch(run: str) -> str:
    """Accented and longer; the padding goes inside a closing ``]``, which must stay next to
    the link address that follows it."""
    letters = sum(character.isalpha() for character in run)
    body = run.rstrip("]")
    return body.translate(ACCENTS) + ("·" * round(letters * 0.4) if letters else "") + run[len(body) :]


def pseudo(text: str, rtl: bool = False) -> str:
    """The pseudo-translation of ``text``; tokens survive, so markup and placeholders do too."""
    protected = protect(text)
    parts = TOKEN.split(protected.text)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append("{" + part + "}")
        elif part.strip():
            out.append(f"{RLO}{_stretch(part)}{PDF}" if rtl else _stretch(part))
        else:
            out.append(part)
    return "[" + protected.restore("".join(out)) + "]"
