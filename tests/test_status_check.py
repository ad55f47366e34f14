"""status (counts, coverage, JSON, the translators' page) and check (catalog consistency)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from catalogue.commands.check import check
from catalogue.commands.cli import main
from catalogue.publish.pipeline import build_site

from .conftest import require_tool


def test_status_counts_per_language_and_entry(multilingual, capsys):
    assert main(["--root", str(multilingual), "status", "--format", "json"]) == 0
    report = {item["language"]: item for item in json.loads(capsys.readouterr().out)["languages"]}
    fr = report["fr"]["domains"]["content"]["messages"]
    assert fr == {"reviewed": 1, "draft": 0, "outdated": 1, "missing": 16}
    assert report["en"]["domains"]["content"]["messages"]["missing"] == 1
    entry = report["en"]["entries"]["products/vai-thieu"]
    assert entry["messages"] == {"reviewed": 3, "draft": 0, "outdated": 0, "missing": 1}
    assert entry["po"].startswith("locales/en/LC_MESSAGES/content.po:")
    assert report["vi"]["total"]["coverage"] < 100  # the fixture's Vietnamese theme strings are mostly missing


def test_status_table_and_minimum_coverage(multilingual, capsys):
    assert main(["--root", str(multilingual), "status", "--entries", "--min-coverage", "90"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["language", "reviewed", "draft", "outdated", "missing", "words", "coverage"]
    assert any(line.startswith("  products/vai-thieu") and "1 missing" in line for line in lines)
    assert "fr: " in captured.err and "below 90%" in captured.err
    assert main(["--root", str(multilingual), "status", "--min-coverage", "0"]) == 0


def test_translators_page_is_built_but_not_linked(multilingual):
    public = multilingual / "public"
    build_site(multilingual, public)
    page = BeautifulSoup((public / "_translations/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("a", href="/shop/_translations/fr/") is not None  # each language's entries on pages of their own
    french = BeautifulSoup((public / "_translations/fr/index.html").read_text(encoding="utf-8"), "html.parser")
    assert french.select_one("#lang-fr") is not None
    assert french.find("a", href="/shop/fr/products/vai-thieu/") is not None
    assert french.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    linked = [p for p in public.rglob("*.html") if "_translations" in p.read_text(encoding="utf-8") and "_translations" not in str(p)]
    assert linked == []


def test_check_is_clean_on_the_fixture(multilingual):
    assert [p for p in check(multilingual) if p.severity == "error"] == []


def _set_translation(root, old: str, new: str) -> int:
    po = root / "locales/en/LC_MESSAGES/content.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    index = lines.index(f'msgstr "{old}"')
    lines[index] = f'msgstr "{new}"'
    po.write_text("\n".join(lines), encoding="utf-8")
    return index  # the msgid line, one above (1-based: index)


def test_check_finds_markup_numbers_and_glossary_problems(multilingual, capsys):
    line = _set_translation(multilingual, "Noodles made from Bao thai **rice**.", "Noodles made from Bao thai rice.")
    (multilingual / "locales/glossary.yaml").write_text("OCOP: keep\n", encoding="utf-8")
    _set_translation(multilingual, "OCOP is the One Commune One Product programme.", "The One Commune One Product programme.")
    status = main(["--root", str(multilingual), "check"])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert (
        f"locales/en/LC_MESSAGES/content.po:{line}: error: markup, link or placeholder differs from the source (lost ['**', '**'], added [])"
        in err
    )
    assert any("warning: glossary: 'OCOP' should read 'OCOP'" in e for e in err)


def test_check_reports_lost_numbers_as_warnings(make_site):
    root = make_site(
        {"content/products/my-chu.md": "---\nname: Mỳ\nstars: 4\ncategory: food\nproducer: htx-a\n---\nGiá 45.000 đồng năm 2025.\n"}
    )
    main(["--root", str(root), "extract", "-q"])
    po = root / "locales/en/LC_MESSAGES/content.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "Giá 45.000 đồng năm 2025."\nmsgstr ""', 'msgid "Giá 45.000 đồng năm 2025."\nmsgstr "Price 45,000 dong in 2024."'
        ),
        encoding="utf-8",
    )
    found = [str(p) for p in check(root)]
    assert any("warning: numbers of the source missing in the translation: 2025" in f for f in found)
    assert not any("45000" in f for f in found)  # separators differ, the number is the same


def test_check_finds_false_format_flags_and_fuzzy_headers(multilingual):
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8").replace('msgid "Vải chín đỏ."', '#, python-format\nmsgid "Vải chín đỏ."')
    po.write_text(text.replace('msgid ""\nmsgstr ""', '#, fuzzy\nmsgid ""\nmsgstr ""', 1), encoding="utf-8")
    messages = [p.message for p in check(multilingual)]
    assert "content carries a false python-format flag (content is plain text)" in messages
    assert "the header is marked fuzzy: gettext tools would skip the whole file; remove the fuzzy mark" in messages


def test_check_runs_msgfmt(multilingual):
    require_tool("msgfmt")
    po = multilingual / "locales/fr/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "about %(amount)s"\nmsgstr ""', 'msgid "about %(amount)s"\nmsgstr "environ \\q %(amount)s"'
        ),  # an escape only gettext knows to be wrong
        encoding="utf-8",
    )
    assert any(p.message.startswith("msgfmt: ") and p.path == "locales/fr/LC_MESSAGES/messages.po" for p in check(multilingual))


def test_pseudo_build(multilingual):
    public = multilingual / "public-pseudo"
    report = build_site(multilingual, public, pseudo=True)
    assert report.languages == 5
    rtl = BeautifulSoup((public / "ar-xb/products/my-chu/index.html").read_text(encoding="utf-8"), "html.parser")
    assert (rtl.html["lang"], rtl.html["dir"]) == ("ar-XB", "rtl")
    accented = BeautifulSoup((public / "en-xa/products/my-chu/index.html").read_text(encoding="utf-8"), "html.parser")
    assert accented.h1.text.startswith("[Ṁỳ Çĥũ")
    assert accented.select_one(".description strong").text.startswith("ĝạö")  # markup survived
    assert "[Þŕöðûçéŕš" in accented.select_one("nav").text  # theme strings too
    assert not (multilingual / "locales/en_XA").exists()
