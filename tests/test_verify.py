"""Check and build agree on catalogs: whatever ``check`` calls an error, the build refuses with
the same path and line, including what ``msgfmt -c`` rejects and theme translations that
rendering could not fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.commands.check import check
from catalogue.core.problems import CatalogueError
from catalogue.i18n.extract import extract
from catalogue.publish.pipeline import build_site

from .conftest import require_tool
from .lifecycle_site import NOW, TODAY, write_site

FR_MESSAGES = "locales/fr/LC_MESSAGES/messages.po"
PRODUCERS = 'msgid "Producers"\nmsgstr ""'
PLURAL = 'msgid "%(num)d product"\nmsgid_plural "%(num)d products"\nmsgstr[0] ""\nmsgstr[1] ""'


FR_HEADER = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'

EN_HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The site, with a French theme catalog of its own holding two messages it overrides
    (the theme's catalogs translate the rest)."""
    root = write_site(tmp_path / "site")
    extract(root, NOW)
    path = root / FR_MESSAGES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{FR_HEADER}\n{PRODUCERS}\n\n#, python-format\n{PLURAL}\nmsgstr[2] ""\n', encoding="utf-8")
    english = root / "locales/en/LC_MESSAGES/messages.po"
    english.parent.mkdir(parents=True, exist_ok=True)
    english.write_text(f"{EN_HEADER}\n{PRODUCERS}\n", encoding="utf-8")
    return root


def replace_in(root: Path, name: str, old: str, new: str) -> int:
    """Replace text in a file; the line where the new text starts."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def errors_of_check(root: Path) -> set[tuple[str, int | None]]:
    return {(p.path, p.line) for p in check(root, TODAY) if p.severity == "error"}


def errors_of_build(root: Path) -> set[tuple[str, int | None]]:
    try:
        build_site(root, root / "public", today=TODAY, search=False)
    except CatalogueError as error:
        return {(p.path, p.line) for p in error.problems}
    return set()


def assert_both_refuse(root: Path, line: int) -> None:
    from_check = errors_of_check(root)
    assert (FR_MESSAGES, line) in from_check
    assert errors_of_build(root) == from_check


@pytest.mark.parametrize(
    "translation",
    ["100% producteurs", "%d producteurs", "{% producteurs %}", "Producteurs %(name)s", "Producteurs %s", "Producteurs 100 %"],
)
def test_a_percent_rendering_cannot_fill_in_is_an_error_for_both(site, translation):
    line = replace_in(site, FR_MESSAGES, PRODUCERS, f'msgid "Producers"\nmsgstr "{translation}"')
    assert_both_refuse(site, line)


def test_a_literal_percent_written_as_two_is_fine(site):
    replace_in(site, FR_MESSAGES, PRODUCERS, 'msgid "Producers"\nmsgstr "Producteurs à 100%%"')
    assert errors_of_check(site) == set() == errors_of_build(site)
    assert "Producteurs à 100%" in (site / "public/fr/producers/index.html").read_text(encoding="utf-8")


def test_a_machine_draft_with_a_percent_is_an_error_for_both(site):
    """English publishes drafts: a draft that would crash rendering stops check and build."""
    name = "locales/en/LC_MESSAGES/messages.po"
    line = replace_in(
        site, name, PRODUCERS, '# machine-translation: libre 2026-11-29\n#, fuzzy\nmsgid "Producers"\nmsgstr "100% producers"'
    )
    from_check = errors_of_check(site)
    assert (name, line + 2) in from_check and errors_of_build(site) == from_check


def test_msgfmt_errors_stop_both_whatever_gettexts_message_format(site):
    require_tool("msgfmt")
    line = replace_in(site, FR_MESSAGES, PRODUCERS, 'msgid "Producers"\nmsgstr "Pro\\qduits"') + 1
    assert_both_refuse(site, line)


@pytest.mark.parametrize("first", ["", "   "])
def test_an_empty_or_blank_plural_form_is_an_error_for_both(site, first):
    """Not "1 produit" published as nothing."""
    new = f'msgid "%(num)d product"\nmsgid_plural "%(num)d products"\nmsgstr[0] "{first}"\nmsgstr[1] "%(num)d produits"'
    assert_both_refuse(site, replace_in(site, FR_MESSAGES, PLURAL, new))


def test_a_blank_translation_is_an_error_for_both(site):
    line = replace_in(site, FR_MESSAGES, PRODUCERS, 'msgid "Producers"\nmsgstr "  "')
    assert_both_refuse(site, line)


def test_a_message_both_active_and_obsolete_is_an_error_for_both(site):
    path = site / FR_MESSAGES
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n#~ msgid "Producers"\n#~ msgstr "Producteurs"\n', encoding="utf-8")
    line = text.count("\n") + 2
    assert_both_refuse(site, line)


def test_translate_does_not_write_a_theme_draft_rendering_could_not_fill_in(site, monkeypatch):
    """An engine that answers "100% …" for a theme string: reported, not written."""
    from catalogue.mt import engines
    from catalogue.mt.translate import Options, translate

    monkeypatch.setattr(engines.Translator, "translate", lambda self, text: "100% " + text)
    translate(site, Options(languages=("fr",), engine="pseudo"), NOW, show_progress=False)
    # the theme's own catalog translates French: the site's catalog keeps no untranslated theme string to draft
    assert "100% " not in (site / FR_MESSAGES).read_text(encoding="utf-8")
    assert errors_of_check(site) == set() == errors_of_build(site)
