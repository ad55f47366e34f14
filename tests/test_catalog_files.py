"""Catalogs as translators' tools see them: context (msgctxt, notes, addresses, lengths), the
headers and file modes tools leave, and wrapping exactly as gettext does it."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po

from catalogue.commands.cli import main
from catalogue.i18n.extract import extract
from catalogue.i18n.pofiles import catalog_path, state_of, theme_catalog_path

from .conftest import ROOT, require_tool

THEME = ROOT / "themes/default"  # the theme's own catalogs
NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)


def read(path: Path, locale: str | None = None):
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def test_one_english_id_with_two_meanings_has_two_contexts():
    template = read(THEME / "locales/messages.pot")
    assert template.get("tour", context="price unit") is not None
    assert template.get("Tour", context="experience kind") is not None
    assert template.get("Search", context="button") is not None and template.get("Search") is not None
    assert {m.context for m in template if m.id == "All"} == {"any group", "any star rating", "any region", "any producer", "any tag"}
    assert template.get("tour") is None and template.get("Tour") is None


def test_translator_comments_reach_the_template():
    template = read(THEME / "locales/messages.pot")
    assert template.get("Main").auto_comments == ['the name screen readers give the site\'s main navigation ("Main navigation").']
    assert "not a plant pot" in template.get("jar", context="price unit").auto_comments[0]
    assert "not a jar" in template.get("pot", context="price unit").auto_comments[0]
    assert "a noun" in template.get("Stops").auto_comments[0]


def test_reviewed_translations_survived_the_move_under_their_context():
    for name in ("en", "fr", "zh_Hans", "ko", "ja"):
        catalog = read(theme_catalog_path(THEME, name), name)
        for msgid, context in (("tour", "price unit"), ("Tour", "experience kind"), ("jar", "price unit"), ("All", "any region")):
            assert state_of(catalog.get(msgid, context=context)) == "reviewed", (name, msgid)
    french = read(theme_catalog_path(THEME, "fr"), "fr")
    assert french.get("tour", context="price unit").string == "circuit"
    assert french.get("Tour", context="experience kind").string == "Circuit"


def test_pages_show_each_meaning_in_its_context(sample_public):
    listing = (sample_public / "fr/experiences/index.html").read_text(encoding="utf-8")
    assert "Circuit" in listing  # the kind of experience, through pgettext("experience kind", ...)
    products = "".join(p.read_text(encoding="utf-8") for p in (sample_public / "fr/products").glob("*/index.html"))
    assert "/ kg" in products and "/ pot" in products
    assert "Rechercher" in (sample_public / "fr/index.html").read_text(encoding="utf-8")


def test_content_notes_give_the_page_address_and_a_length_note(multilingual):
    extract(multilingual, NOW)
    template = read(multilingual / "locales/content.pot")
    name = template["Mỳ Chũ"]
    assert name.auto_comments[0] == "products/my-chu: name (https://test.example.org/shop/vi/products/my-chu/)"
    assert name.auto_comments[1].startswith("a name, shown in lists") and "(6 characters)" in name.auto_comments[1]
    alt = template["Bó mỳ khô"]
    assert "alt text, read aloud by screen readers" in alt.auto_comments[-1]
    paragraph = template["Mỳ làm từ **gạo** Bao thai."]
    assert paragraph.auto_comments == ["products/my-chu: body ¶1 (https://test.example.org/shop/vi/products/my-chu/)"]


def test_a_page_entry_address_has_no_section_folder(multilingual):
    page = multilingual / "content/pages/gioi-thieu.md"
    page.write_text("---\ntitle: Giới thiệu\n---\nMột đoạn.\n", encoding="utf-8")
    extract(multilingual, NOW)
    assert (
        read(multilingual / "locales/content.pot")["Giới thiệu"].auto_comments[0]
        == "pages/gioi-thieu: title (https://test.example.org/shop/vi/gioi-thieu/)"
    )


def test_headers_added_by_tools_survive_extract(multilingual):
    path = catalog_path(multilingual, "fr", "content")
    text = path.read_text(encoding="utf-8")
    added = '"X-Generator: Poedit 3.4.2\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"\n"X-Weblate-Flags: no-wrap\\n"\n'
    text = text.replace('"Content-Transfer-Encoding: 8bit\\n"\n', '"Content-Transfer-Encoding: 8bit\\n"\n' + added, 1)
    text = text.replace("Language-Team: ", "Language-Team: French team <https://hosted.weblate.org/projects/ocop/fr/> ", 1)
    path.write_text(text, encoding="utf-8")
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    extract(multilingual, NOW)
    after = path.read_text(encoding="utf-8")
    assert "Một đoạn mới." in after  # the file was rewritten
    assert added in after and "Language-Team: French team <https://hosted.weblate.org/projects/ocop/fr/> " in after
    assert extract(multilingual, NOW + dt.timedelta(days=1)).written == ()  # and nothing flips back and forth


def test_catalogs_keep_their_mode_and_new_ones_follow_the_umask(multilingual):
    path = catalog_path(multilingual, "fr", "content")
    path.chmod(0o664)
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    new = catalog_path(multilingual, "en", "content")
    new.unlink()
    old_umask = os.umask(0o027)
    try:
        extract(multilingual, NOW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert stat.S_IMODE((multilingual / "locales/content.pot").stat().st_mode) != 0o600


def test_comments_are_never_wrapped_and_references_fold_as_gettext_folds_them(multilingual):
    msgmerge = require_tool("msgmerge")
    path = catalog_path(multilingual, "fr", "content")
    text = path.read_text(encoding="utf-8")
    long_comment = "# " + "Ghi chú của người dịch rất dài " * 6
    text = text.replace('msgid "Mỳ Chũ"', long_comment + '\nmsgid "Mỳ Chũ"', 1)
    path.write_text(text, encoding="utf-8")
    for index in range(4):  # the same text in many files: a long "#:" line
        (multilingual / f"content/products/mot-san-pham-co-ten-rat-dai-{index}.md").write_text(
            f"---\nname: Sản phẩm {index}\nstars: 3\ncategory: food\nproducer: htx-thu\n---\nMỳ làm từ **gạo** Bao thai.\n",
            encoding="utf-8",
        )
    extract(multilingual, NOW)
    written = path.read_text(encoding="utf-8")
    assert long_comment.rstrip() in written.split("\n")
    assert all(len(line) <= 79 for line in written.split("\n") if line.startswith("#: "))
    assert any(line.startswith("#. ") and len(line) > 79 for line in written.split("\n"))
    merged = subprocess.run(
        [msgmerge, "--no-wrap", "--previous", "-q", str(path), str(multilingual / "locales/content.pot"), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    body = [line for line in written.split("\n") if line.startswith("#")]
    assert body == [line for line in merged.split("\n") if line.startswith("#")]


def test_status_for_some_languages(multilingual, capsys):
    assert main(["--root", str(multilingual), "status", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "\nfr " in out and "\nen " not in out
    assert main(["--root", str(multilingual), "status", "--lang", "fr", "--min-coverage", "99"]) == 1
    assert main(["--root", str(multilingual), "status", "--lang", "en", "--format", "json"]) == 0
    assert '"language": "fr"' not in capsys.readouterr().out
    assert main(["--root", str(multilingual), "status", "--lang", "de"]) == 2
    assert "not a language of the site: de" in capsys.readouterr().err


def test_a_catalog_wrapped_by_gettext_tools_is_read(multilingual):
    """msgcat, msgmerge and Poedit wrap long header fields over two strings (Plural-Forms often)."""
    msgcat = require_tool("msgcat")
    path = catalog_path(multilingual, "fr", "content")
    text = path.read_text(encoding="utf-8")
    french = '"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"'
    text = re.sub(r'"Plural-Forms: [^"]*"', lambda _: french, text)
    path.write_text(text, encoding="utf-8")
    subprocess.run([msgcat, "-w", "60", str(path), "-o", str(path)], check=True)
    wrapped = path.read_text(encoding="utf-8")
    assert any(line.startswith('"Plural-Forms') and "1000000" not in line for line in wrapped.split("\n"))  # really wrapped
    assert main(["--root", str(multilingual), "check"]) == 0
