"""extract: templates and catalogs with Babel; idempotent, lossless, checked by msgfmt -c."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po

from catalogue.i18n.extract import extract
from catalogue.i18n.lifecycle import MACHINE_NOTE, state_of

from .conftest import ROOT, require_tool

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)


def read(path: Path, locale: str | None = None):
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po*"))}


def test_extract_is_idempotent(multilingual):
    extract(multilingual, NOW)  # brings the fixture's theme strings up to date
    before = snapshot(multilingual)
    report = extract(multilingual, NOW + dt.timedelta(days=3))
    assert report.written == ()
    assert snapshot(multilingual) == before


def test_unchanged_content_rewrites_no_content_catalog(multilingual):
    before = snapshot(multilingual)
    extract(multilingual, NOW + dt.timedelta(days=3))
    after = snapshot(multilingual)
    assert [name for name in before if "content" in name and before[name] != after[name]] == []


def fresh_template(root: Path, domain: str):
    """The template ``extract`` writes now (not the one committed with the fixture)."""
    (root / f"locales/{domain}.pot").unlink()
    assert f"locales/{domain}.pot" in extract(root, NOW).written
    return read(root / f"locales/{domain}.pot")


def test_content_template_has_every_field_and_block(multilingual):
    template = fresh_template(multilingual, "content")
    ids = [m.id for m in template if m.id]
    assert ids[:7] == [
        "Mỳ Chũ",
        "Mỳ gạo phơi nắng.",
        "UBND tỉnh Bắc Giang",
        "Bó mỳ khô",
        "Mỳ làm từ **gạo** Bao thai.",
        "Cách nấu",
        "Trần qua nước sôi.",
    ]
    name = template["Mỳ Chũ"]
    assert name.locations == [("content/products/my-chu.md", None)]
    assert name.auto_comments[0] == "products/my-chu: name (https://test.example.org/shop/vi/products/my-chu/)"


def test_messages_template_has_theme_and_ocop_strings(multilingual):
    extract(multilingual, NOW)
    assert read(multilingual / "locales/messages.pot").get("Skip to content") is None  # the site adds no theme string of its own
    template = read(ROOT / "themes/default/locales/messages.pot")  # the theme's own template
    assert template["Skip to content"].locations == [("themes/default/templates/base.html", None)]
    assert template["Medicinal herbs and herbal products"].locations == [("catalogue/content/ocop.py", None)]
    plural = template[("%(num)d product", "%(num)d products")]
    assert "python-format" in plural.flags


def test_changed_source_keeps_the_old_translation_as_fuzzy(multilingual):
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("Trần qua nước sôi.", "Trần qua nước thật sôi."), encoding="utf-8")
    extract(multilingual, NOW)
    catalog = read(multilingual / "locales/en/LC_MESSAGES/content.po", "en")
    message = catalog["Trần qua nước thật sôi."]
    assert message.string == "Blanch in boiling water."
    assert message.fuzzy
    assert state_of(message) == "outdated"
    text = (multilingual / "locales/en/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert '#| msgid "Trần qua nước sôi."' in text


def test_removed_source_becomes_obsolete_not_lost(multilingual):
    (multilingual / "content/pages/about-ocop.md").unlink()
    extract(multilingual, NOW)
    text = (multilingual / "locales/en/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert '#~ msgid "Về OCOP"\n#~ msgstr "About OCOP"' in text


def test_percent_in_content_is_not_a_format_flag(multilingual):
    product = multilingual / "content/products/vai-thieu.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nGiảm 20% cho 5 sản phẩm.\n", encoding="utf-8")
    extract(multilingual, NOW)
    for path in ("locales/content.pot", "locales/en/LC_MESSAGES/content.po", "locales/fr/LC_MESSAGES/content.po"):
        assert "python-format" not in (multilingual / path).read_text(encoding="utf-8"), path


def test_accepting_a_machine_draft_drops_its_engine_note(multilingual):
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Cùi dày, ngọt."', f'# {MACHINE_NOTE} libre 2026-11-01\nmsgid "Cùi dày, ngọt."'), encoding="utf-8")
    extract(multilingual, NOW)
    assert MACHINE_NOTE not in po.read_text(encoding="utf-8")  # not fuzzy: a reviewer accepted it


def test_new_language_gets_catalogs_with_a_clean_header(multilingual):
    site = multilingual / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("exchange_rates:", "  ja:\n    name: 日本語\n    fallback: [en]\nexchange_rates:"),
        encoding="utf-8",
    )
    extract(multilingual, NOW)
    catalog = read(multilingual / "locales/ja/LC_MESSAGES/content.po", "ja")
    assert not catalog.fuzzy
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    assert all(not m.string for m in catalog if m.id)


def test_msgfmt_accepts_every_catalog(multilingual):
    msgfmt = require_tool("msgfmt")
    paths = [*sorted((multilingual / "locales").rglob("*.po")), *sorted((ROOT / "locales").rglob("*.po"))]
    paths += sorted((ROOT / "themes/default/locales").rglob("*.po"))
    assert len(paths) >= 5 + 6 + 7
    for path in paths:
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, f"{path}: {result.stderr}"


def test_a_template_with_a_syntax_error_is_reported_not_skipped(multilingual):
    import pytest

    from catalogue.core.problems import CatalogueError

    site = multilingual / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "theme: [mine, default]\n", encoding="utf-8")
    broken = multilingual / "themes/mine/templates/page.html"
    broken.parent.mkdir(parents=True)
    broken.write_text("{% extends 'base.html' %}\n{% block main %}\n{{ _('Hello') }\n{% endblock %}\n")
    with pytest.raises(CatalogueError) as caught:
        extract(multilingual, NOW)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("themes/mine/templates/page.html", 3)


def test_fuzzy_matching_can_be_turned_off(multilingual):
    site = multilingual / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "translation:\n  fuzzy_matching: false\n", encoding="utf-8")
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("Trần qua nước sôi.", "Trần qua nước thật sôi."), encoding="utf-8")
    extract(multilingual, NOW)
    text = (multilingual / "locales/en/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert 'msgid "Trần qua nước thật sôi."\nmsgstr ""' in text
    assert '#~ msgid "Trần qua nước sôi."\n#~ msgstr "Blanch in boiling water."' in text  # kept, as obsolete


def test_long_lines_are_never_wrapped(multilingual):
    long = "Mỳ " * 60 + "ngon."
    product = multilingual / "content/products/vai-thieu.md"
    product.write_text(product.read_text(encoding="utf-8") + f"\n{long}\n", encoding="utf-8")
    extract(multilingual, NOW)
    for path in ("locales/content.pot", "locales/fr/LC_MESSAGES/content.po"):
        assert f'msgid "{long}"\n' in (multilingual / path).read_text(encoding="utf-8")


def test_previous_source_survives_later_extracts(multilingual):
    """Babel reads '#| msgid' lines back as comments and drops them on update: we keep them."""
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("Trần qua nước sôi.", "Trần qua nước thật sôi."), encoding="utf-8")
    extract(multilingual, NOW)
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    first = po.read_text(encoding="utf-8")
    assert extract(multilingual, NOW + dt.timedelta(days=1)).written == ()
    assert po.read_text(encoding="utf-8") == first
    assert '#, fuzzy\n#| msgid "Trần qua nước sôi."\nmsgid "Trần qua nước thật sôi."' in first
    assert "# |" not in first


def test_a_long_previous_source_stays_on_one_valid_line(multilingual):
    """Babel wraps '#|' lines at 76 columns inside the quotes (invalid for gettext): not here."""
    long_old = "Mỳ làm từ **gạo** Bao thai, phơi trên giàn tre dưới nắng sớm của làng Thủ Dương, rồi bó thành từng nắm."
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("Mỳ làm từ **gạo** Bao thai.", long_old), encoding="utf-8")
    extract(multilingual, NOW)
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(f'msgid "{long_old}"\nmsgstr ""', f'msgid "{long_old}"\nmsgstr "Noodles, long."'),
        encoding="utf-8",
    )
    product.write_text(product.read_text(encoding="utf-8").replace(long_old, long_old.replace("nắm.", "nắm nhỏ.")), encoding="utf-8")
    extract(multilingual, NOW)
    text = po.read_text(encoding="utf-8")
    assert f'#| msgid "{long_old}"\n' in text
    assert extract(multilingual, NOW).written == ()
    msgfmt = require_tool("msgfmt")
    assert subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(po)], capture_output=True).returncode == 0
