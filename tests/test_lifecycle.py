"""The translation lifecycle through real edits: outdated drafts are never published, restored
texts get their translations back, obsolete entries keep their state, and text is NFC."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.i18n.extract import extract
from catalogue.i18n.glossary import load_glossary
from catalogue.i18n.lifecycle import MACHINE_NOTE, state_of
from catalogue.i18n.pofiles import catalog_path
from catalogue.i18n.status import site_status
from catalogue.mt.translate import Options, translate
from catalogue.publish.pipeline import build_site

from .conftest import require_tool
from .lifecycle_site import NOW, TODAY, catalog, review, write_site

TEA_LINE = "Trà từ cây cổ thụ trên núi cao."
PRICE_LINE = "Giá 120.000 đồng một hộp, xem [bảng giá](https://lc.example.net/gia)."


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = write_site(tmp_path / "site")
    extract(root, NOW)
    review(root)
    extract(root, NOW)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def draft(root: Path, *languages: str) -> None:
    translate(root, Options(languages=languages, engine="pseudo"), NOW, show_progress=False)


def build(root: Path) -> Path:
    out = root / "public"
    build_site(root, out, today=TODAY, search=False)
    return out


def page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def states(root: Path, lang: str) -> dict[str, str]:
    return {message.id: state_of(message) for message in catalog(root, lang) if message.id}


def test_a_draft_whose_source_changed_is_outdated_and_never_published(site):
    draft(site, "en")
    assert states(site, "en")[PRICE_LINE] == "draft"
    changed = PRICE_LINE.replace("120.000", "150.000").replace("/gia", "/bang-gia")
    edit(site, "products/tra-shan-tuyet.md", PRICE_LINE, changed)
    extract(site, NOW)
    assert states(site, "en")[changed] == "outdated"
    _, statuses = site_status(site)
    assert next(s for s in statuses if s.code == "en").total.messages["outdated"] == 1
    text = page(build(site), "en/products/tra-shan-tuyet").get_text()  # the URL change does not stop the build
    assert "120.000" not in text and "150.000" in text  # the Vietnamese source, not the old draft


def test_an_outdated_draft_stays_outdated_when_a_tool_drops_the_previous_source(site):
    """msgmerge without --previous drops '#|' lines: the draft's note still knows its source."""
    msgmerge = require_tool("msgmerge")
    draft(site, "en")
    changed = PRICE_LINE.replace("120.000", "150.000")
    edit(site, "products/tra-shan-tuyet.md", PRICE_LINE, changed)
    extract(site, NOW)
    po = catalog_path(site, "en", "content")
    subprocess.run([msgmerge, "--no-wrap", "-q", "-U", "--backup=off", str(po), str(site / "locales/content.pot")], check=True)
    assert "#| msgid" not in po.read_text(encoding="utf-8")
    assert states(site, "en")[changed] == "outdated"
    assert "150.000" in page(build(site), "en/products/tra-shan-tuyet").get_text()


@pytest.mark.parametrize("how", ["delete", "draft", "revert"])
def test_a_text_that_comes_back_gets_its_reviewed_translation_back(site, how):
    product = site / "content/products/tra-shan-tuyet.md"
    original = product.read_text(encoding="utf-8")
    if how == "delete":
        product.unlink()
    elif how == "draft":
        product.write_text(original.replace("stars: 4\n", "stars: 4\ndraft: true\n"), encoding="utf-8")
    else:
        edit(site, "products/tra-shan-tuyet.md", TEA_LINE, "Trà từ cây cổ thụ trên núi rất cao.")
    extract(site, NOW)
    po = catalog_path(site, "fr", "content").read_text(encoding="utf-8")
    assert f'#~ msgid "{TEA_LINE}"' in po  # remembered
    product.write_text(original, encoding="utf-8")
    extract(site, NOW)
    fr = catalog(site, "fr")
    assert fr[TEA_LINE].string == "Thé d'arbres centenaires de haute montagne." and state_of(fr[TEA_LINE]) == "reviewed"
    assert not any(message.id == TEA_LINE for message in fr.obsolete.values())  # never active and obsolete at once
    msgfmt = require_tool("msgfmt")
    for lang in ("en", "fr"):
        path = catalog_path(site, lang, "content")
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_obsolete_drafts_keep_their_mark_and_comments_through_msgmerge(site):
    msgmerge = require_tool("msgmerge")
    draft(site, "fr")
    product = site / "content/products/man-bac-ha.md"
    original = product.read_text(encoding="utf-8")
    product.unlink()
    extract(site, NOW)
    po = catalog_path(site, "fr", "content")
    text = po.read_text(encoding="utf-8")
    block = text[text.index('#~ msgid "Mận chín vào tháng 6."') - 300 : text.index('#~ msgid "Mận chín vào tháng 6."')]
    assert (
        "#, fuzzy" in block and MACHINE_NOTE in block and "#. products/man-bac-ha" in block and "#: content/products/man-bac-ha.md" in block
    )
    product.write_text(original, encoding="utf-8")
    extract(site, NOW)
    assert states(site, "fr")["Mận chín vào tháng 6."] == "draft"
    # the same restore done by gettext's msgmerge (as Weblate's add-on runs it), then extract
    product.unlink()
    extract(site, NOW)
    product.write_text(original, encoding="utf-8")
    extract(site, NOW)  # writes the new template
    subprocess.run([msgmerge, "--no-wrap", "-q", "-U", "--backup=off", str(po), str(site / "locales/content.pot")], check=True)
    extract(site, NOW)
    fr = catalog(site, "fr")
    message = fr["Mận chín vào tháng 6."]
    assert state_of(message) == "draft" and any(c.startswith(MACHINE_NOTE) for c in message.user_comments)
    assert message.string not in page(build(site), "fr/products/man-bac-ha").get_text()  # French publishes no drafts


def test_drafts_are_shown_only_where_the_readers_language_allows_them(site):
    """English publishes drafts, French does not: French readers never get English machine text
    through their fallback, neither in content nor in theme strings."""
    draft(site, "en")
    out = build(site)
    english = page(out, "en/products/man-bac-ha")
    assert "\u00b7\u00b7" in english.get_text() and english.select_one(".notice.machine") is not None
    for path in ("fr/products/man-bac-ha", "fr/products/tra-shan-tuyet", "fr/producers/htx-ban-pho", "fr"):
        french = page(out, path)
        assert "\u00b7\u00b7" not in french.get_text(), path  # pseudo drafts stretch words with "··"
        assert french.select_one(".notice.machine") is None
    plum = page(out, "fr/products/man-bac-ha")
    assert plum.h1.text == "Prunes de Bắc Hà"  # reviewed French
    assert plum.find(string="Quả giòn, vị chua ngọt.") is None and "Crisp, sweet and sour." in plum.get_text()  # reviewed English


def nfd(path: Path) -> None:
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_file_saved_in_nfd_changes_nothing(site):
    before = (build(site) / "fr/products/man-bac-ha/index.html").read_text(encoding="utf-8")
    for name in ("content/products/man-bac-ha.md", "content/site.yaml", "locales/fr/LC_MESSAGES/content.po"):
        nfd(site / name)
    assert extract(site, NOW).written == ("locales/fr/LC_MESSAGES/content.po",)  # written back in NFC, nothing else
    assert unicodedata.is_normalized("NFC", catalog_path(site, "fr", "content").read_text(encoding="utf-8"))
    assert states(site, "fr")["Mận Bắc Hà"] == "reviewed"
    nfd(site / "locales/fr/LC_MESSAGES/content.po")  # a catalog in NFD still matches its sources
    after = (build(site) / "fr/products/man-bac-ha/index.html").read_text(encoding="utf-8")
    assert after == before and "Prunes de Bắc Hà" in after and unicodedata.is_normalized("NFC", after)


def test_glossary_terms_written_in_nfd_are_recognised(site):
    (site / "locales/glossary.yaml").write_text(unicodedata.normalize("NFD", "Bắc Hà: {en: Bac Ha}\n"), encoding="utf-8")
    assert load_glossary(site).terms == {"Bắc Hà": {"en": "Bac Ha"}}


def test_a_catalog_of_obsolete_messages_only_keeps_them(site):
    """Every entry gone at once (a catalog with no active message left), then back."""
    originals = {path: path.read_text(encoding="utf-8") for path in (site / "content").rglob("*.md")}
    before = states(site, "fr")
    for path in originals:
        path.unlink()
    extract(site, NOW)
    extract(site, NOW)
    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")
    extract(site, NOW)
    assert states(site, "fr") == before
