"""translate: our LibreTranslate (and MyMemory) clients against our own server on 127.0.0.1,
with faults injected there. Drafts are marked, reviewed text is never touched."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from catalogue.commands.cli import main
from catalogue.i18n.extract import extract
from catalogue.i18n.lifecycle import MACHINE_NOTE, state_of
from catalogue.i18n.pofiles import catalog_path, write_catalog
from catalogue.mt.translate import Options, translate

from .libre_server import FakeTranslationServer, fake_translation

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)


def options(server: FakeTranslationServer, **changes) -> Options:
    settings = {"engine": "libre", "env": {"LIBRETRANSLATE_URL": server.url}, "timeout": 0.5, "attempts": 3, "backoff": 0.01}
    return Options(**(settings | changes))


def catalog(root: Path, name: str, domain: str = "content"):
    return read_po(io.BytesIO(catalog_path(root, name, domain).read_bytes()), locale=name)


def by_id(root: Path, name: str, domain: str = "content") -> dict:
    return {m.id: m for m in catalog(root, name, domain) if m.id}


def undraft(root: Path, name: str, domain: str = "content") -> None:
    """Turn a catalog's drafts back into missing entries (as before any translate run)."""
    path = catalog_path(root, name, domain)
    current = catalog(root, name, domain)
    for message in current:
        if message.id and state_of(message) == "draft":
            message.string, message.user_comments = "", []
            message.flags.discard("fuzzy")
    write_catalog(path, current)


def without_conversion(root: Path) -> None:
    site = root / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(
        text.replace("    zh-Hant: {from: zh-Hans, config: s2twp}\n", "    {}\n").replace("  convert:\n    {}\n", "  convert: {}\n"),
        encoding="utf-8",
    )


def test_fills_every_missing_zh_hant_entry_and_keeps_reviewed_ones(sample_copy, translation_server):
    without_conversion(sample_copy)  # the machine engine itself, not OpenCC
    undraft(sample_copy, "zh_Hant")
    extract(sample_copy, NOW)
    assert not (sample_copy / "locales/zh_Hant/LC_MESSAGES/messages.po").exists()  # the theme's catalogs translate its strings
    ui_missing = 0
    before = by_id(sample_copy, "zh_Hant")
    reviewed = {key: m.string for key, m in before.items() if state_of(m) == "reviewed"}
    missing = [key for key, m in before.items() if state_of(m) == "missing"]
    assert reviewed and missing
    report = translate(sample_copy, options(translation_server, languages=("zh-Hant",)), NOW, show_progress=False)
    after = by_id(sample_copy, "zh_Hant")
    assert report.drafted["zh-Hant"] == len(missing) + ui_missing and not report.failed
    assert {key: after[key].string for key in reviewed} == reviewed
    for key in missing:
        message = after[key]
        assert state_of(message) == "draft" and message.fuzzy
        assert message.user_comments[-1].startswith(f"{MACHINE_NOTE} libre 2026-11-29 source:")
    # LibreTranslate 1.6 names Traditional Chinese zh-Hant (its /languages says so)
    assert {(r["source"], r["target"]) for r in translation_server.requests} - {("en", "zh-Hant")} == {("vi", "zh-Hant")}


def test_drafts_keep_markup_numbers_and_links(multilingual, translation_server):
    translate(multilingual, options(translation_server, languages=("fr",)), NOW, show_progress=False)
    drafted = by_id(multilingual, "fr")["Mỳ làm từ **gạo** Bao thai."]
    assert drafted.string == "(fr) MỲ LÀM TỪ **GẠO** BAO THAI."
    sent = [r["q"] for r in translation_server.requests]
    assert "Bó mỳ khô" in sent


def test_token_protection_on_the_wire(multilingual, translation_server):
    product = multilingual / "content/products/vai-thieu.md"
    product.write_text(
        product.read_text(encoding="utf-8") + "\nGiá 45.000 đồng/kg tại [cửa hàng](https://shop.example.com/v) `mã`.\n", encoding="utf-8"
    )
    translate(multilingual, options(translation_server, languages=("fr",)), NOW, show_progress=False)
    assert "Giá {0} đồng/kg tại [cửa hàng]{1} {2}." in [r["q"] for r in translation_server.requests]
    drafted = by_id(multilingual, "fr")["Giá 45.000 đồng/kg tại [cửa hàng](https://shop.example.com/v) `mã`."]
    assert drafted.string == "(fr) GIÁ 45\u202f000 ĐỒNG/KG TẠI [CỬA HÀNG](https://shop.example.com/v) `mã`."


def test_rate_limits_and_server_errors_are_retried(multilingual, translation_server):
    translation_server.faults.extend(["429", "500", "garbage"])
    report = translate(multilingual, options(translation_server, languages=("fr",), limit=1), NOW, show_progress=False)
    # three faults and three attempts: the one message failed, reported with file and line
    assert report.drafted["fr"] == 0
    assert report.failed[0].message.endswith(": garbage answer")  # 429 and 500 were retried, garbage is not
    assert report.failed[0].path.startswith("locales/fr/LC_MESSAGES/") and report.failed[0].line


def test_a_passing_fault_is_recovered(multilingual, translation_server):
    translation_server.faults.extend(["429", "503"])
    report = translate(multilingual, options(translation_server, languages=("fr",), limit=2), NOW, show_progress=False)
    assert report.drafted["fr"] == 2 and not report.failed


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("slow", "no answer within 0.3 s, 2 attempts"),
        ("500", "server error (500), 2 attempts"),
        ("empty", "garbage answer"),
    ],
)
def test_persistent_faults_are_reported_and_the_language_given_up(multilingual, translation_server, fault, reason):
    translation_server.faults.extend([fault] * 20)
    report = translate(multilingual, options(translation_server, languages=("fr",), timeout=0.3, attempts=2), NOW, show_progress=False)
    assert report.drafted["fr"] == 0
    assert [p.message.split(": ", 1)[1] for p in report.failed[:3]] == [reason] * 3
    assert report.failed[3].message == f"gave up on fr for this run: {reason}"


def test_refused_connection(multilingual):
    closed = FakeTranslationServer()
    url = closed.url
    closed.httpd.server_close()
    settings = options(closed, languages=("fr",))
    settings.env = {"LIBRETRANSLATE_URL": url}
    report = translate(multilingual, settings, NOW, show_progress=False)
    assert "cannot connect to the service" in report.failed[0].message


def test_a_draft_with_broken_tokens_is_not_written(multilingual, translation_server):
    product = multilingual / "content/products/vai-thieu.md"
    text = "Xem [trang](https://example.org/a)."
    product.write_text(product.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    translation_server.faults.extend(["drop-tokens"] * 50)
    report = translate(multilingual, options(translation_server, languages=("fr",), attempts=1), NOW, show_progress=False)
    assert any("tokens not intact" in p.message for p in report.failed)
    assert state_of(by_id(multilingual, "fr")[text]) == "missing"


def test_dry_run_sends_and_writes_nothing(multilingual, translation_server):
    files = {p: p.read_bytes() for p in (multilingual / "locales").rglob("*.po")}
    report = translate(multilingual, options(translation_server, dry_run=True), NOW, show_progress=False)
    assert report.planned["fr"] > 0 and report.characters > 0
    assert translation_server.requests == []
    assert {p: p.read_bytes() for p in files} == files


def test_limit(multilingual, translation_server):
    report = translate(multilingual, options(translation_server, languages=("fr",), limit=3), NOW, show_progress=False)
    assert report.drafted["fr"] == 3 and report.skipped["over --limit"] > 0


def test_outdated_and_earlier_drafts_are_never_overwritten(multilingual, translation_server):
    translate(multilingual, options(translation_server, languages=("fr",), limit=2), NOW, show_progress=False)
    first = {k: (m.string, m.user_comments) for k, m in by_id(multilingual, "fr").items() if state_of(m) in ("draft", "outdated")}
    translate(multilingual, options(translation_server, languages=("fr",)), NOW + dt.timedelta(days=1), show_progress=False)
    again = by_id(multilingual, "fr")
    assert {k: (again[k].string, again[k].user_comments) for k in first} == first


def test_mymemory_through_its_http_api(multilingual, translation_server):
    env = {"MYMEMORY_URL": translation_server.url}
    report = translate(
        multilingual, Options(engine="mymemory", env=env, languages=("fr",), limit=2, timeout=2, attempts=1), NOW, show_progress=False
    )
    assert report.drafted["fr"] == 2, report.failed
    assert {(r["source"], r["target"]) for r in translation_server.requests} == {("vi-VN", "fr-FR")}


def test_missing_configuration_is_a_clear_failure(multilingual):
    report = translate(multilingual, Options(engine="libre", env={}, languages=("fr",)), NOW, show_progress=False)
    assert report.failed[-1].message == "gave up on fr for this run: set LIBRETRANSLATE_URL or translation.libre_url in site.yaml"


def test_command_line_summary_and_key_never_printed(multilingual, translation_server, monkeypatch, capsys):
    monkeypatch.setenv("LIBRETRANSLATE_URL", translation_server.url)
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "secret-key-123")
    status = main(["--root", str(multilingual), "translate", "--engine", "libre", "--lang", "fr", "--limit", "4"])
    err = capsys.readouterr().err
    assert status == 0
    assert "fr: 4 drafted" in err and "drafted 4; skipped" in err
    assert translation_server.requests[0]["api_key"] == "secret-key-123"
    assert "secret-key-123" not in err
    assert not any("secret-key-123" in p.read_text(encoding="utf-8") for p in (multilingual / "locales").rglob("*.po"))


def test_unknown_language_is_a_usage_error(multilingual, capsys):
    assert main(["--root", str(multilingual), "translate", "--lang", "de", "--dry-run"]) == 2
    assert "not a language of the site: de" in capsys.readouterr().err


def test_a_machine_draft_reaches_the_page_labelled_where_drafts_are_published(multilingual, translation_server):
    site = multilingual / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("    currency: EUR", "    currency: EUR\n    publish: drafts"), encoding="utf-8"
    )
    translate(multilingual, options(translation_server, languages=("fr",)), NOW, show_progress=False)
    assert main(["--root", str(multilingual), "-q", "build", "--no-search"]) == 0
    page = (multilingual / "public/fr/products/my-chu/index.html").read_text(encoding="utf-8")
    assert fake_translation("Bó mỳ khô", "fr") in page and 'class="notice machine"' in page


def test_percent_signs_do_not_become_format_flags(multilingual, translation_server):
    product = multilingual / "content/products/vai-thieu.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nGiảm 20% cho 5 sản phẩm.\n", encoding="utf-8")
    translate(multilingual, options(translation_server, languages=("fr",)), NOW, show_progress=False)
    assert "python-format" not in catalog_path(multilingual, "fr", "content").read_text(encoding="utf-8")


def test_killed_midway_loses_nothing_and_the_next_run_completes(sample_copy):
    import os
    import signal
    import subprocess
    import sys
    import time

    from catalogue.i18n.posyntax import po_syntax_problems

    from .conftest import ROOT

    without_conversion(sample_copy)
    undraft(sample_copy, "zh_Hant")
    site = sample_copy / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("translation:\n", "translation:\n  batch: 5\n"), encoding="utf-8")
    reviewed = {k: m.string for k, m in by_id(sample_copy, "zh_Hant").items() if state_of(m) == "reviewed"}
    with FakeTranslationServer(delay=0.01) as server:
        env = dict(os.environ, LIBRETRANSLATE_URL=server.url)
        command = [
            sys.executable,
            str(ROOT / "build.py"),
            "--root",
            str(sample_copy),
            "-q",
            "translate",
            "--engine",
            "libre",
            "--lang",
            "zh-Hant",
        ]
        target = catalog_path(sample_copy, "zh_Hant", "content")
        # Killed once while starting, then just after a batch landed, however slow the machine is.
        for wait_for_batch, pause in ((False, 0.3), (True, 0.0), (True, 0.05), (True, 0.15)):
            process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
            before, deadline = target.stat().st_mtime_ns, time.monotonic() + 60
            while wait_for_batch and target.stat().st_mtime_ns == before and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(pause)
            process.send_signal(signal.SIGKILL)
            process.wait()
            for path in (sample_copy / "locales").rglob("*.po"):
                assert po_syntax_problems(path.read_text(encoding="utf-8"), str(path)) == []
                read_po(io.BytesIO(path.read_bytes()))
            now = by_id(sample_copy, "zh_Hant")
            assert {k: now[k].string for k in reviewed} == reviewed
        partly = sum(state_of(m) == "draft" for m in by_id(sample_copy, "zh_Hant").values())
        assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    final = by_id(sample_copy, "zh_Hant")
    assert 0 < partly < sum(state_of(m) == "draft" for m in final.values())
    assert not [k for k, m in final.items() if state_of(m) == "missing"]
    assert {k: final[k].string for k in reviewed} == reviewed


@pytest.mark.parametrize(("fault", "reason"), [("inject", "the answer added or lost markup"), ("huge", "garbage answer")])
def test_hostile_or_oversized_answers_are_not_written(multilingual, translation_server, fault, reason):
    translation_server.faults.extend([fault] * 50)
    report = translate(multilingual, options(translation_server, languages=("fr",), attempts=1, limit=2), NOW, show_progress=False)
    assert report.drafted["fr"] == 0 and reason in report.failed[0].message
    text = catalog_path(multilingual, "fr", "content").read_text(encoding="utf-8")
    assert "<script>" not in text and "onerror" not in text
