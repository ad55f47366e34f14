"""Vietnam's administrative units as engine data: the commune-level units of today and the
district-level units that were abolished in July 2025, with the word each language uses.

A place names a unit by (type, name): the editor writes the name alone ("Lâm Viên") and its
type (``phuong``); the word ("phường", "ward") comes from here, translated like every theme
string, so it is never written twice. A name that already starts with its word is accepted,
the word taken as its type, with a warning that says which field to use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .ocop import N_


@dataclass(frozen=True)
class UnitType:
    code: str  # as written in entries: "phuong"
    word: str  # the Vietnamese word that starts a full name: "phường"
    label: str  # English message id, translated per language: "%(name)s ward"


COMMUNE_TYPES = {
    unit.code: unit
    for unit in (
        UnitType("xa", "xã", N_("%(name)s commune")),
        UnitType("phuong", "phường", N_("%(name)s ward")),
        UnitType("dac_khu", "đặc khu", N_("%(name)s special zone")),
    )
}
DISTRICT_TYPES = {  # district-level units before July 2025: shown as former
    unit.code: unit
    for unit in (
        UnitType("huyen", "huyện", N_("former %(name)s district")),
        UnitType("thi_xa", "thị xã", N_("former %(name)s town")),
        UnitType("thanh_pho", "thành phố", N_("former %(name)s city")),
        UnitType("quan", "quận", N_("former %(name)s urban district")),
    )
}
PROVINCE = UnitType("tinh", "tỉnh", N_("%(name)s province"))
FORMER_PROVINCE = UnitType("tinh", "tỉnh", N_("former %(name)s province"))
PROVINCES = {PROVINCE.code: PROVINCE}


def split_type(name: str, types: dict[str, UnitType]) -> tuple[str, str]:
    """("phuong", "Lâm Viên") from "Phường Lâm Viên"; ("", name) when no word starts it.
    The longest word is tried first, so "Thị xã X" is a thị xã, not a xã."""
    folded = unicodedata.normalize("NFC", name).casefold()
    for unit in sorted(types.values(), key=lambda unit: -len(unit.word)):
        if folded.startswith(unit.word + " ") and name[len(unit.word) + 1 :].strip():
            return unit.code, name[len(unit.word) + 1 :].strip()
    return "", name
