"""The lifecycle rules under any sequence of editorial and translation work (hypothesis).

Editors edit, revert, delete, restore, hide (``draft: true``) and re-save entries in NFD;
translators review through polib, accept machine drafts, and run ``msgmerge --no-wrap`` as
Weblate's add-on does; the engine drafts; ``extract`` runs. After every step: every catalog
passes ``msgfmt -c``; no reviewed translation is lost or changed; no page shows a translation
of a source that is no longer the current one; no draft reaches French (reviewed only), none
reaches an English page without the machine notice; and the build fails exactly when
``check`` reports an error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import polib
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from catalogue.commands.check import check
from catalogue.content.config import load_config
from catalogue.content.model import texts
from catalogue.content.sources import load_catalogue
from catalogue.core.problems import CatalogueError
from catalogue.i18n.extract import extract
from catalogue.i18n.lifecycle import state_of
from catalogue.i18n.pofiles import catalog_path, read_catalog
from catalogue.mt.translate import Options, translate
from catalogue.publish.pipeline import build_site

from .conftest import require_tool
from .lifecycle_site import FILES, NOW, TODAY, review, write_site

PRODUCTS = ("content/products/tra-shan-tuyet.md", "content/products/man-bac-ha.md")
PARAGRAPHS = {  # a block of each product that editors change
    PRODUCTS[0]: "Trà từ cây cổ thụ trên núi cao.",
    PRODUCTS[1]: "Quả giòn, vị chua ngọt.",
}
LANGUAGES = ("en", "fr")
PSEUDO_LETTERS = set("ĥţŕšžɱƀĝķļþǫṽŵẋƒð")  # letters of pseudo drafts that Vietnamese and French never use
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """A translation as a page shows it in text: link text without address, no emphasis marks."""
    return " ".join(LINK.sub(r"\1", text).replace("**", "").split())


class Lifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.msgfmt, self.msgmerge = require_tool("msgfmt"), require_tool("msgmerge")
        self.folder = Path(tempfile.mkdtemp(prefix="lifecycle-"))
        self.root = write_site(self.folder / "site")
        extract(self.root, NOW)
        review(self.root)
        extract(self.root, NOW)
        self.reviewed = {  # (language, msgid) -> what a translator approved
            (lang, message.id): message.string
            for lang in LANGUAGES
            for message in read_catalog(catalog_path(self.root, lang, "content"), self.root, lang) or ()
            if message.id and state_of(message) == "reviewed"
        }
        self.texts = {name: FILES[name] for name in PRODUCTS}  # what each product file holds (when present)
        self.present = dict.fromkeys(PRODUCTS, True)
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # editors

    def _save(self, name: str) -> None:
        (self.root / name).write_text(self.texts[name], encoding="utf-8")

    @rule(name=st.sampled_from(PRODUCTS), version=st.integers(1, 2))
    def edit_block(self, name: str, version: int) -> None:
        original = PARAGRAPHS[name]
        current = next(line for line in self.texts[name].split("\n") if line.startswith(original[:-1]))
        self.texts[name] = self.texts[name].replace(current, f"{original[:-1]} (lần {version}).")
        if self.present[name]:
            self._save(name)

    @rule(name=st.sampled_from(PRODUCTS))
    def revert(self, name: str) -> None:
        hidden = "draft: true\n" in self.texts[name]
        self.texts[name] = FILES[name].replace("stars:", "draft: true\nstars:", 1) if hidden else FILES[name]
        if self.present[name]:
            self._save(name)

    @rule(name=st.sampled_from(PRODUCTS))
    def delete_entry(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)
        self.present[name] = False

    @rule(name=st.sampled_from(PRODUCTS))
    def restore_entry(self, name: str) -> None:
        self.present[name] = True
        self._save(name)

    @rule(name=st.sampled_from(PRODUCTS), hidden=st.booleans())
    def set_draft(self, name: str, hidden: bool) -> None:
        text = self.texts[name].replace("draft: true\n", "")
        self.texts[name] = text.replace("stars:", "draft: true\nstars:", 1) if hidden else text
        if self.present[name]:
            self._save(name)

    @rule(name=st.sampled_from(PRODUCTS))
    def resave_in_nfd(self, name: str) -> None:
        if self.present[name]:
            (self.root / name).write_text(unicodedata.normalize("NFD", self.texts[name]), encoding="utf-8")

    # translators and the engine

    @rule(lang=st.sampled_from(LANGUAGES))
    def draft_with_pseudo(self, lang: str) -> None:
        translate(self.root, Options(languages=(lang,), engine="pseudo"), NOW, show_progress=False)

    def _polib(self, lang: str) -> polib.POFile:
        return polib.pofile(str(catalog_path(self.root, lang, "content")), wrapwidth=0)

    @rule(lang=st.sampled_from(LANGUAGES))
    def accept_a_draft(self, lang: str) -> None:
        path = catalog_path(self.root, lang, "content")
        drafts = [m.id for m in read_catalog(path, self.root, lang) or () if m.id and state_of(m) == "draft"]
        if drafts:
            po = self._polib(lang)
            entry = po.find(drafts[0])
            entry.flags.remove("fuzzy")
            po.save()
            self.reviewed[(lang, entry.msgid)] = unicodedata.normalize("NFC", entry.msgstr)

    @rule(lang=st.sampled_from(LANGUAGES), pick=st.integers(0, 20))
    def translate_with_polib(self, lang: str, pick: int) -> None:
        po = self._polib(lang)
        entries = [entry for entry in po if entry.msgid]  # active ones
        entry = entries[pick % len(entries)]
        self.counter += 1
        entry.msgstr = f"{lang} bản dịch số {self.counter} đã duyệt"
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        po.save()
        self.reviewed[(lang, entry.msgid)] = entry.msgstr

    @rule(lang=st.sampled_from(LANGUAGES))
    def merge_with_msgmerge(self, lang: str) -> None:
        po, pot = catalog_path(self.root, lang, "content"), self.root / "locales/content.pot"
        subprocess.run([self.msgmerge, "--no-wrap", "-q", "-U", "--backup=off", str(po), str(pot)], check=True)

    @rule()
    def run_extract(self) -> None:
        extract(self.root, NOW)

    # what must hold after every step

    @invariant()
    def every_catalog_passes_msgfmt(self) -> None:
        for path in sorted((self.root / "locales").rglob("*.po")):
            result = subprocess.run([self.msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr

    @invariant()
    def no_reviewed_translation_is_lost_or_changed(self) -> None:
        for (lang, msgid), string in self.reviewed.items():
            catalog = read_catalog(catalog_path(self.root, lang, "content"), self.root, lang)
            assert catalog is not None
            found = catalog.get(msgid) or next((m for m in catalog.obsolete.values() if m.id == msgid), None)
            assert found is not None, f"{lang}: lost {msgid!r}"
            assert (found.string, state_of(found)) == (string, "reviewed"), f"{lang}: {msgid!r}"

    @invariant()
    def pages_show_only_current_publishable_text_and_build_agrees_with_check(self) -> None:
        errors = [problem for problem in check(self.root, TODAY) if problem.severity == "error"]
        try:
            build_site(self.root, self.root / "public", today=TODAY, search=False)
        except CatalogueError as error:
            assert errors, f"build refused what check passes: {error.problems}"
            return
        assert not errors, f"check reports what build accepts: {errors}"
        self._pages_are_right()

    def _pages_are_right(self) -> None:
        config = load_config(self.root)
        current = {text.source for entry in load_catalogue(self.root).entries() for text in texts(entry)}
        catalogs = {lang: read_catalog(catalog_path(self.root, lang, "content"), self.root, lang) for lang in LANGUAGES}
        shown = {lang: self._page_texts(config.languages[lang].folder) for lang in LANGUAGES}
        publishable, stale, drafts, reviewed = set(), set(), set(), set()
        for catalog in catalogs.values():
            for message in (*catalog, *catalog.obsolete.values()):
                if not message.id or not message.string:
                    continue
                text, active = plain(message.string), message.id in current and catalog.get(message.id) is message
                if active and state_of(message) in ("reviewed", "draft"):
                    publishable.add(text)
                    (drafts if state_of(message) == "draft" else reviewed).add(text)
                elif len(text) > 12:
                    stale.add(text)
        stale = {text for text in stale if not any(text in other for other in publishable | current)}
        for lang, pages in shown.items():
            for page, (text, notice) in pages.items():
                assert not [s for s in stale if s in text], f"{page} shows a translation of an old source"
                if lang == "fr":  # pseudo text there must be a draft someone accepted
                    residue = text
                    for accepted in sorted(reviewed, key=len, reverse=True):
                        residue = residue.replace(accepted, "")
                    assert not PSEUDO_LETTERS & set(residue), f"{page}: a machine draft shown in French"
                elif [d for d in drafts if d in text]:
                    assert notice, f"{page} shows a machine draft without the notice"

    def _page_texts(self, folder: str) -> dict[str, tuple[str, bool]]:
        pages = {}
        for path in sorted((self.root / "public" / folder / "products").glob("*/index.html")):  # the product pages
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            pages[path.parent.name] = (" ".join(soup.get_text(" ").split()), soup.select_one(".notice.machine") is not None)
        return pages


Lifecycle.TestCase.settings = settings(
    max_examples=int(os.environ.get("LIFECYCLE_EXAMPLES", "4")),  # more for a deeper search
    stateful_step_count=int(os.environ.get("LIFECYCLE_STEPS", "6")),
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking: a failure prints its steps, CI time stays bounded
    suppress_health_check=[HealthCheck.too_slow],
)
TestLifecycle = Lifecycle.TestCase
