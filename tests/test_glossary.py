"""The glossary for translators' tools: TBX and CSV exports, notes, and terms that tell
translators without being kept from machine translation."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from catalogue.commands.cli import main
from catalogue.content.config import load_config
from catalogue.i18n.glossary import load_glossary
from catalogue.i18n.glossary_export import csv_for, tbx
from catalogue.mt.tokens import protect

from .conftest import ROOT

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entries(data: bytes) -> dict[str, dict[str, str]]:
    """term (source) -> language -> term, read back from TBX."""
    root = ET.fromstring(data)
    assert root.tag == "martif" and root.get("type") == "TBX"
    found = {}
    for entry in root.iter("termEntry"):
        terms = {language_set.get(XML_LANG): language_set.find("tig/term").text for language_set in entry.iter("langSet")}
        note = entry.find("descrip[@type='definition']")
        found[terms["vi"]] = terms | {"note": note.text if note is not None else ""}
    return found


def test_the_sample_glossary_has_the_administrative_vocabulary():
    glossary = load_glossary(ROOT)
    for term, english in (("xã", "commune"), ("phường", "ward"), ("tỉnh", "province"), ("sao", "stars"), ("Tết", "Tết")):
        assert glossary.rendering(term, "en") == english
        assert glossary.notes[term]
    assert glossary.rendering("Tết", "zh-Hant") == "春節"


def test_tbx_has_every_term_in_every_language():
    config, glossary = load_config(ROOT), load_glossary(ROOT)
    found = entries(tbx(glossary, config))
    assert set(found) == set(glossary.terms)
    assert set(found["Bắc Giang"]) - {"note"} == set(config.languages)
    assert found["Bắc Giang"]["zh-Hans"] == "北江" and found["Bắc Giang"]["fr"] == "Bắc Giang"  # not named: kept as written
    assert found["xã"]["fr"] == "commune" and "commune" in found["xã"]["note"]
    assert "keep as written in every language" in found["OCOP"]["note"]


def test_csv_for_one_language():
    rows = list(csv.DictReader(io.StringIO(csv_for(load_glossary(ROOT), "ko"))))
    assert list(rows[0]) == ["source", "target", "developer_comments"]
    assert {row["source"]: row["target"] for row in rows}["Lục Ngạn"] == "룩응안"
    assert {row["source"]: row["target"] for row in rows}["Tết"] == "뗏"


def test_command_writes_tbx_and_a_csv_per_language(sample_copy, tmp_path, capsys):
    (sample_copy / "locales").exists()
    out = tmp_path / "export"
    assert main(["--root", str(sample_copy), "glossary", "--out", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["glossary.tbx"] + [f"glossary.{lang}.csv" for lang in ("en", "fr", "zh-Hans", "zh-Hant", "ko", "ja")]
    )
    assert main(["--root", str(sample_copy), "glossary"]) == 0
    assert (sample_copy / "glossary-export/glossary.tbx").is_file()


def test_an_unprotected_term_is_translated_as_any_word():
    glossary = load_glossary(ROOT)
    assert protect("Hợp tác xã Hồng Xuân ở xã Lục Ngạn", glossary, "en").text == "Hợp tác xã Hồng Xuân ở xã {0}"
    assert protect("Sản phẩm 4 sao của tỉnh Bắc Giang", glossary, "en").text == "Sản phẩm {0} sao của tỉnh {1}"
    assert protect("Mứt Tết", glossary, "ko").restored == ("뗏",)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("xã: {en: commune, protect: maybe}", "locales/glossary.yaml:1:"),
        ("xã: {en: commune, notes: typo}", "expected a language code, note or protect, got 'notes'"),
        ("xã: [commune]", "locales/glossary.yaml:1:"),
    ],
)
def test_a_wrong_glossary_entry_is_an_error_with_its_line(sample_copy, capsys, entry, message):
    (sample_copy / "locales/glossary.yaml").write_text(entry + "\n", encoding="utf-8")
    assert main(["--root", str(sample_copy), "glossary", "--out", str(sample_copy / "x")]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (sample_copy / "x").exists()
