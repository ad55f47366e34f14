"""zh-Hant from zh-Hans: the opencc engine drafts a language from the reviewed text of another
script, marked as a draft like any engine's, for any pair OpenCC supports."""

from __future__ import annotations

import datetime as dt

import opencc
import pytest

from catalogue.commands.cli import main
from catalogue.i18n.lifecycle import MACHINE_NOTE, state_of
from catalogue.mt.translate import Options, translate

from .test_translate import by_id, options, undraft

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)


def test_the_sample_zh_hant_drafts_come_from_reviewed_zh_hans(sample_copy, translation_server):
    undraft(sample_copy, "zh_Hant")
    before = by_id(sample_copy, "zh_Hant")
    missing = [key for key, m in before.items() if state_of(m) == "missing"]
    reviewed = {key: m.string for key, m in before.items() if state_of(m) == "reviewed"}
    simplified = by_id(sample_copy, "zh_Hans")
    report = translate(sample_copy, options(translation_server, languages=("zh-Hant",)), NOW, show_progress=False)
    assert report.drafted["zh-Hant"] == len(missing) > 200 and not report.failed
    assert translation_server.requests == []  # OpenCC did it all: no machine translation needed
    after = by_id(sample_copy, "zh_Hant")
    convert = opencc.OpenCC("s2twp").convert
    for key in missing:
        assert state_of(after[key]) == "draft" and after[key].fuzzy
        assert after[key].string == convert(simplified[key].string)
        assert after[key].user_comments[-1].startswith(f"{MACHINE_NOTE} opencc 2026-11-29 source:")
    assert {key: after[key].string for key in reviewed} == reviewed
    assert after["Mua sản phẩm OCOP như thế nào?"].string == "如何購買OCOP產品？"


def test_only_reviewed_text_is_converted_and_the_engine_drafts_the_rest(sample_copy, translation_server):
    undraft(sample_copy, "zh_Hant")
    title = "Mua sản phẩm OCOP như thế nào?"
    path = sample_copy / "locales/zh_Hans/LC_MESSAGES/content.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'msgid "{title}"', f'#, fuzzy\nmsgid "{title}"', 1), encoding="utf-8")  # no longer reviewed
    report = translate(sample_copy, options(translation_server, languages=("zh-Hant",)), NOW, show_progress=False)
    assert [r["q"] for r in translation_server.requests] == ["Mua sản phẩm {0} như thế nào?"]  # OCOP: a glossary term
    assert by_id(sample_copy, "zh_Hant")[title].user_comments[-1].startswith(f"{MACHINE_NOTE} libre ")
    assert report.drafted["zh-Hant"] > 200


def test_engine_opencc_alone_and_for_a_language_without_a_rule(sample_copy, capsys):
    undraft(sample_copy, "zh_Hant")
    assert main(["--root", str(sample_copy), "translate", "--engine", "opencc", "--lang", "zh-Hant,ko"]) == 0
    err = capsys.readouterr().err
    assert "zh-Hant: 222 drafted" in err
    assert "opencc drafts only the languages of translation.convert, not ko" not in err  # ko has nothing missing
    undraft(sample_copy, "zh_Hant")
    korean = sample_copy / "locales/ko/LC_MESSAGES/content.po"
    text = korean.read_text(encoding="utf-8")
    start = text.index('msgid "Mua sản phẩm OCOP như thế nào?"\nmsgstr "')
    end = text.index("\n", text.index("msgstr", start))
    korean.write_text(text[:start] + 'msgid "Mua sản phẩm OCOP như thế nào?"\nmsgstr ""' + text[end:], encoding="utf-8")  # ko misses one
    assert main(["--root", str(sample_copy), "translate", "--engine", "opencc"]) == 0  # every language with a rule, no other
    err = capsys.readouterr().err
    assert "zh-Hant: 222 drafted" in err and "not fr" not in err
    undraft(sample_copy, "zh_Hant")
    site = sample_copy / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("zh-Hant: {from: zh-Hans, config: s2twp}", "ja: {from: zh-Hans}"), encoding="utf-8"
    )
    report = translate(sample_copy, Options(engine="opencc", languages=("zh-Hant",)), NOW, show_progress=False)
    assert report.failed[-1].message == "opencc drafts only the languages of translation.convert, not zh-Hant"


def test_any_pair_opencc_supports(make_site):
    site = make_site()
    config = site / "content/site.yaml"
    text = config.read_text(encoding="utf-8")
    assert "zh-Hant" not in text
    languages = "  zh-Hans: {name: 简体中文}\n  zh-Hant: {name: 繁體中文, fallback: [zh-Hans]}\n"
    text = (
        text.replace("languages:\n", "languages:\n" + languages, 1)
        + "translation:\n  convert:\n    zh-Hans: {from: zh-Hant, config: tw2sp}\n"
    )
    config.write_text(text, encoding="utf-8")
    from catalogue.i18n.extract import extract

    extract(site, NOW)
    traditional = by_id(site, "zh_Hant")
    source = next(key for key in traditional if key)
    path = site / "locales/zh_Hant/LC_MESSAGES/content.po"
    po = path.read_text(encoding="utf-8")
    path.write_text(po.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "滑鼠和軟體"', 1), encoding="utf-8")
    report = translate(site, Options(engine="opencc", languages=("zh-Hans",)), NOW, show_progress=False)
    assert report.drafted["zh-Hans"] == 1
    assert by_id(site, "zh_Hans")[source].string == "鼠标和软件"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("zh-Hant: {from: de}", "'de' is not one of the site's languages"),
        ("zh-Hant: {from: zh-Hans, config: s2x}", "s2x"),
        ("de: {from: zh-Hans}", "'de' is not one of the site's languages"),
    ],
)
def test_a_wrong_conversion_rule_is_an_error_with_its_line(sample_copy, capsys, rule, message):
    site = sample_copy / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("zh-Hant: {from: zh-Hans, config: s2twp}", rule), encoding="utf-8")
    assert main(["--root", str(sample_copy), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/site.yaml:" in err and message in err and "Traceback" not in err
