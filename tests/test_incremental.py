"""``extract`` and ``status`` with their records (``.cache/extract/``) give, after any sequence
of edits, exactly the bytes and counts a run without them gives, while merging again only the
messages the edits reach."""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from catalogue.content import entrycache
from catalogue.core.engine import engine_version
from catalogue.core.problems import CatalogueError
from catalogue.core.workers import in_workers
from catalogue.i18n import extract as extract_module
from catalogue.i18n import incremental, records
from catalogue.i18n import status as status_module
from catalogue.i18n.extract import extract
from catalogue.i18n.status import site_status

from .conftest import SITES, replace_once

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
PRODUCT = "content/products/vai-thieu.md"
TABLE = "\n\n| Mùa | Giá |\n| --- | --- |\n| Hè | Cao |\n\n> Ngọt.\n>\n> Thơm.\n"


def locales(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()}


def status_of(root: Path) -> list[dict]:
    return [status.as_dict() | {"where": dict(status.where)} for status in site_status(root)[1]]


@pytest.fixture
def pair(tmp_path: Path, monkeypatch) -> tuple[Path, Path, list[bool]]:
    """Two copies of the multilingual site: one keeps its records, the other never has any;
    and the list of splices tried (True: the catalog was spliced, not merged whole)."""
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for root in (warm, cold):
        shutil.copytree(SITES / "multilingual", root, ignore=shutil.ignore_patterns("public"))
    spliced: list[bool] = []
    splice = incremental.ContentCatalogs._splice_catalog

    def spy(self, *args, **kwargs):
        result = splice(self, *args, **kwargs)
        spliced.append(result is not None)
        return result

    monkeypatch.setattr(incremental.ContentCatalogs, "_splice_catalog", spy)
    return warm, cold, spliced


def same_after(warm: Path, cold: Path, edit: Callable[[Path], None], now: dt.datetime = NOW, spliced: list | None = None) -> int:
    """Edit both sites, extract, compare; how many catalogs were spliced in the site with records."""
    for root in (warm, cold):
        edit(root)
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    before = len(spliced or [])
    warm_report = extract(warm, now)
    count = len(spliced or []) - before
    cold_report = extract(cold, now)
    assert locales(warm) == locales(cold)
    assert warm_report == cold_report
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    assert status_of(warm) == status_of(cold)
    return count


def replace(name: str, old: str, new: str) -> Callable[[Path], object]:
    return lambda root: replace_once(root, name, old, new)


def move(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: (root / old).rename(root / new)


def translate(old: str, new: str) -> Callable[[Path], None]:
    """A translator's edit of the English catalog, outside ``extract``."""
    return replace("locales/en/LC_MESSAGES/content.po", f'msgstr "{old}"', f'msgstr "{new}"')


def test_edits_reverts_deletions_and_renames_give_what_a_run_without_records_gives(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)  # the first run makes the records
    steps = [
        replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, rất ngọt."),  # outdated, with the old text as #|
        replace(PRODUCT, "Cùi dày, rất ngọt.", "Cùi dày, ngọt."),  # reverted: back as it was
        replace(PRODUCT, "name: Vải thiều", "name: Vải thiều Lục Ngạn"),
        move(PRODUCT, "content/products/vai-thieu-luc-ngan.md"),  # every note of the entry changes
        move("content/products/vai-thieu-luc-ngan.md", PRODUCT),
        replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, ngọt." + TABLE),  # units of a table and a quote
        replace(PRODUCT, "---\nVải chín đỏ.", "draft: true\n---\nVải chín đỏ."),  # a draft leaves the catalogs
        replace(PRODUCT, "draft: true\n", ""),
        lambda root: (root / PRODUCT).unlink(),
        lambda root: shutil.copyfile(SITES / "multilingual" / PRODUCT, root / PRODUCT),
        lambda root: shutil.copyfile(SITES / "multilingual" / PRODUCT, root / "content/products/vai-thieu-2.md"),  # shared texts
        lambda root: (root / "content/products/vai-thieu-2.md").unlink(),
    ]
    for step in steps:
        same_after(warm, cold, step)
    assert spliced and all(spliced)  # every one of them without a whole merge
    times = {path: path.stat().st_mtime_ns for path in (warm / "locales").rglob("*.po*")}
    assert extract(warm, LATER).written == ()  # nothing changed: nothing is written, whatever the date
    assert {path: path.stat().st_mtime_ns for path in (warm / "locales").rglob("*.po*")} == times


def test_the_entries_read_since_the_store_are_kept_aside_until_there_are_many(pair, monkeypatch):
    """An edit re-reads only the entry it changed and writes it to the small file of recent
    entries; the store (19 MB at 10,000 products) is written again only past the limit."""
    warm, cold, _ = pair
    monkeypatch.setattr(entrycache, "RECENT_LIMIT", 3)  # an edit counts twice: its new text read, its old one unused
    monkeypatch.setattr(entrycache, "SETTLED", -(10**12))  # every file stamped, however recent its change
    read: list[str] = []
    real = entrycache._read
    monkeypatch.setattr(entrycache, "_read", lambda section, path, *rest: read.append(path) or real(section, path, *rest))

    def warm_reads(step: Callable[[Path], object]) -> list[str]:
        read.clear()
        same_after(warm, cold, step)
        return sorted(path.relative_to(warm).as_posix() for path in read if path.is_relative_to(warm))

    store, recent = warm / entrycache.STORE, warm / entrycache.RECENT
    assert len(warm_reads(lambda root: None)) == 5  # the first run reads every entry
    whole = store.read_bytes()
    assert warm_reads(lambda root: None) == []  # then none: all come from the store
    assert warm_reads(replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, rất ngọt.")) == [PRODUCT]
    assert store.read_bytes() == whole and recent.is_file()
    assert warm_reads(replace(PRODUCT, "Cùi dày, rất ngọt.", "Cùi dày, ngọt.")) == []  # reverted: the store's again
    other = "content/producers/htx-thu.md"
    assert warm_reads(replace(other, "---\n", "---\n# một ghi chú\n")) == [other]
    assert store.read_bytes() == whole
    experience = "content/experiences/lang-nghe.md"
    assert warm_reads(lambda root: (root / PRODUCT).unlink()) == []
    assert store.read_bytes() == whole  # one new to the store, two unused: at the limit
    assert warm_reads(replace(experience, "---\n", "---\n# một ghi chú\n")) == [experience]
    assert store.read_bytes() != whole and not recent.exists()  # past it: the store is written whole
    assert warm_reads(lambda root: None) == []
    replace_once(warm, "content/products/my-chu.md", "stars: 4", "stars: 9")  # a problem is kept too
    problems = []
    for _ in range(2):
        read.clear()
        with pytest.raises(CatalogueError) as error:
            extract(warm, NOW)
        problems.append(error.value.problems)
    assert read == [] and problems[0] == problems[1] and [(p.line, p.column) for p in problems[1]] == [(4, 8)]


def test_an_entry_file_whose_stamp_is_kept_is_not_even_opened(pair, monkeypatch):
    """A file's lstat (size, times, inode) kept with the digest of its bytes stands for them: a
    run after nothing changed opens no entry file. An edit that keeps the size and sets the
    modification time back (``cp -p``, ``touch -r``) still changes the status-change time, and
    is seen; a file changed just before it was read gets no stamp, and is read the next time."""
    warm, cold, _ = pair
    monkeypatch.setattr(entrycache, "SETTLED", -(10**12))  # every file stamped, however recent its change
    opened: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: opened.append(path) or real(path))

    def entries_opened(step: Callable[[Path], object]) -> list[str]:
        opened.clear()
        same_after(warm, cold, step)
        return [path.name for path in opened if path.is_relative_to(warm / "content") and path.suffix == ".md"]

    assert len(entries_opened(lambda root: None)) == 5
    assert entries_opened(lambda root: None) == []

    def same_size_same_time(root: Path) -> None:
        path = root / PRODUCT
        before = path.stat()
        replace_once(root, PRODUCT, "Cùi dày, ngọt.", "Cùi dày, ngọn.")  # as many bytes
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    assert entries_opened(same_size_same_time) == ["vai-thieu.md"]
    assert "Cùi dày, ngọn." in (warm / EN).read_text(encoding="utf-8")
    assert entries_opened(lambda root: None) == []
    monkeypatch.setattr(entrycache, "SETTLED", 10**18)  # every file changed "just now": none stamped
    replace_once(warm, PRODUCT, "Cùi dày, ngọn.", "Cùi dày, ngọt.")
    replace_once(cold, PRODUCT, "Cùi dày, ngọn.", "Cùi dày, ngọt.")
    assert entries_opened(lambda root: None) == ["vai-thieu.md"]
    assert entries_opened(lambda root: None) == ["vai-thieu.md"]  # still no stamp of its own: read again


def test_extract_and_status_hold_the_garbage_collector_and_release_it(pair, monkeypatch):
    """Their objects live to the end: the collector's passes would only walk them again."""
    warm, _, _ = pair
    enabled: list[bool] = []
    for module in (extract_module, status_module):
        monkeypatch.setattr(module, "load_config", lambda root, real=module.load_config: enabled.append(gc.isenabled()) or real(root))
    assert gc.isenabled()
    extract(warm, NOW)
    site_status(warm)
    assert enabled == [False, False] and gc.isenabled()


def test_a_translators_edit_is_spliced_and_new_settings_are_merged_whole_then_spliced_again(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)
    english = (warm / "locales/en/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    old = english.split('msgstr "', 3)[2].split('"', 1)[0]
    assert same_after(warm, cold, translate(old, old + " (corrected)"), spliced=spliced) == 2  # English too
    fuzzy_off = replace("content/site.yaml", "source_language: vi", "source_language: vi\ntranslation: {fuzzy_matching: false}")
    assert same_after(warm, cold, fuzzy_off, spliced=spliced) == 0  # records made with other settings are not used
    assert same_after(warm, cold, replace(PRODUCT, "Vải chín đỏ.", "Vải chín đỏ au."), now=LATER, spliced=spliced) == 2
    assert all(spliced)


def test_random_edit_sequences(pair):
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)
    rng = random.Random(16)
    sentences = ["Vải chín đỏ.", "Cùi dày, ngọt.", "Quả to.", "Hái lúc sáng sớm.", "Cùi dày, ngọt lịm."]
    for _ in range(12):
        body = "\n\n".join(rng.sample(sentences, rng.randint(1, 4)))
        head = (SITES / "multilingual" / PRODUCT).read_text(encoding="utf-8").split("---\n", 2)
        text = f"---\n{head[1]}---\n{body}\n"
        same_after(warm, cold, lambda root, text=text: (root / PRODUCT).write_text(text, encoding="utf-8"))
    assert spliced and all(spliced)


def test_catalogs_written_by_forked_workers_are_those_written_one_after_another(pair, monkeypatch):
    """A large site writes each language's catalog (and its record) in a worker of its own."""
    warm, cold, spliced = pair
    forked: list[int] = []

    def counted(tasks, job):
        forked.append(len(tasks))
        return in_workers(tasks, job)

    monkeypatch.setattr(extract_module, "in_workers", counted)
    steps = [
        lambda root: None,
        replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, rất ngọt."),
        translate("Lychee", "Thieu lychee"),
        lambda root: (root / PRODUCT).unlink(),
    ]
    for step in steps:
        for root in (warm, cold):
            step(root)
        shutil.rmtree(cold / ".cache", ignore_errors=True)
        monkeypatch.setattr(extract_module, "PARALLEL", 0)  # the site counts as large
        warm_report = extract(warm, NOW)
        monkeypatch.setattr(extract_module, "PARALLEL", 10**9)
        assert extract(cold, NOW) == warm_report
        assert locales(warm) == locales(cold)
        shutil.rmtree(cold / ".cache", ignore_errors=True)
        assert status_of(warm) == status_of(cold)
    assert len(forked) == len(steps) and min(forked) >= 2
    monkeypatch.setattr(extract_module, "PARALLEL", 0)
    assert extract(warm, LATER).written == ()
    # The records the workers made are the catalogs' own: the next edit, in this process, splices.
    monkeypatch.setattr(extract_module, "PARALLEL", 10**9)
    restored = same_after(warm, cold, lambda root: shutil.copyfile(SITES / "multilingual" / PRODUCT, root / PRODUCT), spliced=spliced)
    assert restored == 2
    assert all(spliced)


def test_the_records_of_the_catalogs_keep_their_messages_once(pair):
    """The msgids and template signatures, the same in the .pot and every catalog, are one file
    that the records name; the last run's is kept beside this run's, older ones removed."""
    warm, cold, _ = pair
    same_after(warm, cold, lambda root: None)
    shared = sorted((warm / records.SHARED).glob("*.pickle"))
    assert len(shared) == 1
    keys, signatures = pickle.loads(shared[0].read_bytes())
    assert len(keys) == len(signatures) > 10
    kept = sorted((warm / records.RECORDS).glob("*.pickle"))
    assert len(kept) == 3  # the .pot, English and French
    assert all(keys[0].encode() not in record.read_bytes() for record in kept)
    for old, new in [
        ("Cùi dày, ngọt.", "Cùi dày, rất ngọt."),
        ("Vải chín đỏ.", "Vải chín đỏ au."),
        ("name: Vải thiều", "name: Vải thiều Lục Ngạn"),
    ]:
        same_after(warm, cold, replace(PRODUCT, old, new))
        assert len(list((warm / records.SHARED).glob("*.pickle"))) == 2


def test_a_record_keeps_equal_facts_as_one_object_through_a_splice(pair):
    """A record pickles a message's facts once per distinct value, the rest as references:
    after a whole merge, and after a splice that kept the others' facts as they were read."""
    warm, cold, spliced = pair

    def unshared(root: Path) -> tuple[int, int]:
        """How many more objects than values: facts, and the entries in them."""
        settings = records.settings(engine_version(), "content", "en", True)
        record = records.load_record(root, root / EN, settings)
        assert record is not None and len(record.facts) > 10
        entries = [facts[2] for facts in record.facts]
        return len({*map(id, record.facts)}) - len({*record.facts}), len({*map(id, entries)}) - len({*entries})

    same_after(warm, cold, lambda root: None)
    assert unshared(warm) == (0, 0)
    assert same_after(warm, cold, replace(PRODUCT, "Cùi dày, ngọt.", "Cùi dày, rất ngọt."), spliced=spliced) == 2
    assert max(unshared(warm)) <= 2  # only the messages merged again: the edited one, and the first (always)


EN = "locales/en/LC_MESSAGES/content.po"


def test_translators_edits_in_place_are_spliced_anything_else_is_merged_whole(pair):
    """A translator's save (translations, flags, comments, the header as Poedit rewrites it),
    alone or with an editor's change, costs a splice; an edited obsolete message, a changed
    msgid or a moved message mean the whole merge. Every time, the bytes and counts of a run
    without records."""
    warm, cold, spliced = pair
    same_after(warm, cold, lambda root: None)
    english = (warm / EN).read_text(encoding="utf-8")
    block, other = english.split("\n\n")[3], english.split("\n\n")[5]  # two messages' blocks
    msgid = block.split('msgid "', 1)[1].split('"', 1)[0]

    def header(root: Path) -> None:  # as Poedit saves: its date and name in the header
        path = root / EN
        text = path.read_text(encoding="utf-8").replace("Last-Translator: ", "Last-Translator: An, ", 1)
        path.write_text(re.sub(r"PO-Revision-Date: [^\\]*", "PO-Revision-Date: 2026-12-01 09:30+0700", text, count=1), encoding="utf-8")

    def poedit(root: Path) -> None:  # a translation made a draft again, with a note, and the header rewritten
        header(root)
        replace_once(root, EN, block, "# checked with the producer\n#, fuzzy\n" + block.replace('msgstr "', 'msgstr "Now: ', 1))

    def with_product(root: Path) -> None:  # another translation corrected, and an entry changed
        header(root)
        replace_once(root, EN, other, other.replace('msgstr "', 'msgstr "Also: ', 1))
        replace_once(root, PRODUCT, "Vải chín đỏ.", "Vải chín đỏ au.")

    for edit, splices in ((header, 2), (poedit, 2), (with_product, 2)):
        before = [path.read_bytes() for path in sorted((warm / "locales").rglob("content.po"))]
        assert same_after(warm, cold, edit, spliced=spliced) == splices
        assert before != [path.read_bytes() for path in sorted((warm / "locales").rglob("content.po"))] or edit is header
    assert all(spliced)
    whole = [
        replace(EN, f'msgid "{msgid}"', f'msgid "{msgid} "'),  # a msgid changed: not this message any more
        lambda root: (root / EN).write_text(  # two messages swapped
            "\n\n".join([*(parts := (root / EN).read_text(encoding="utf-8").split("\n\n"))[:2], parts[3], parts[2], *parts[4:]]),
            encoding="utf-8",
        ),
    ]
    for edit in whole:
        assert same_after(warm, cold, edit, spliced=spliced) == 1  # French spliced, English merged whole
    same_after(warm, cold, replace(PRODUCT, "Vải chín đỏ au.", "Vải chín."))  # an obsolete message appears
    obsolete = (warm / EN).read_text(encoding="utf-8").split('#~ msgstr "', 1)[1].split('"', 1)[0]
    assert same_after(warm, cold, replace(EN, f'#~ msgstr "{obsolete}"', f'#~ msgstr "{obsolete}!"'), spliced=spliced) == 1


def test_status_after_a_translators_save_reads_only_the_messages_that_changed(pair, monkeypatch):
    warm, cold, _ = pair
    same_after(warm, cold, lambda root: None)
    block, before = (warm / EN).read_text(encoding="utf-8").split("\n\n")[3], status_of(warm)
    for root in (warm, cold):  # a reviewed translation made a draft again, before any extract
        replace_once(root, EN, block, "#, fuzzy\n" + block.replace('msgstr "', 'msgstr "Now: ', 1))
    shutil.rmtree(cold / ".cache", ignore_errors=True)
    read = []
    reader = status_module.read_catalog
    monkeypatch.setattr(status_module, "read_catalog", lambda path, *args: read.append(path.name) or reader(path, *args))
    assert status_of(warm) == status_of(cold)
    assert read.count("content.po") == 2  # the cold site's two; the warm site's from their records
    assert status_of(warm) != before
