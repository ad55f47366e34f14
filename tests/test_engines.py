"""The service clients against our own server on 127.0.0.1 speaking DeepL's, MyMemory's,
LibreTranslate's, Microsoft's and Google's current APIs, with faults injected there: header
authentication, POST, byte limits, the server's own language list, retries and timeouts."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.mt.engines import Translator, chunks
from catalogue.mt.http import TranslationFailed
from catalogue.mt.services import utf8_bytes
from catalogue.mt.translate import Options, translate

from .libre_server import DEEPL_KEY, FakeTranslationServer, fake_translation

NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
VIETNAMESE = "Vải thiều Lục Ngạn chín đỏ, cùi dày, hạt nhỏ, ngọt đậm và thơm. "


def translator(server: FakeTranslationServer, engine: str, source: str, target: str, **changes) -> Translator:
    env = {
        "DEEPL_API_KEY": DEEPL_KEY,
        "DEEPL_SERVER_URL": server.url,
        "MYMEMORY_URL": server.url,
        "LIBRETRANSLATE_URL": server.url,
        "GOOGLE_TRANSLATE_URL": server.url + "m",
        "MICROSOFT_TRANSLATOR_KEY": "ms-key",
        "MICROSOFT_TRANSLATOR_URL": server.url,
    }
    settings = {"env": env, "timeout": 0.5, "attempts": 3, "backoff": 0.01} | changes
    return Translator(engine, source, target, **settings)


# -- DeepL ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "code"), [("ko", "KO"), ("zh-Hant", "ZH-HANT"), ("zh-Hans", "ZH-HANS"), ("en", "EN-US"), ("en-GB", "EN-GB"), ("fr", "FR")]
)
def test_deepl_current_api_header_key_post_and_its_targets(translation_server, target, code):
    assert translator(translation_server, "deepl", "en", target).translate("Fresh lychee") == fake_translation("Fresh lychee", code)
    request = translation_server.requests[-1]
    assert (request["source"], request["target"], request["texts"]) == ("EN", code, "1")


def test_deepl_refuses_a_wrong_key_and_the_run_gives_up_at_once(translation_server):
    deepl = translator(translation_server, "deepl", "en", "ko")
    deepl.env = dict(deepl.env, DEEPL_API_KEY="wrong")
    with pytest.raises(TranslationFailed) as failure:
        deepl.translate("Fresh lychee")
    assert failure.value.reason == "the service refused the key (403)" and failure.value.fatal
    assert "wrong" not in failure.value.reason


def test_deepl_has_no_vietnamese_so_a_pivot_goes_through_english_with_another_engine(multilingual, translation_server):
    site = multilingual / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + "translation:\n  pivot: en\n  pivot_engines: {first: libre, second: deepl}\n", encoding="utf-8"
    )
    assert not translator(translation_server, "deepl", "vi", "fr").supported()
    options = Options(engine="deepl", languages=("fr",), limit=2, env=translator(translation_server, "deepl", "vi", "fr").env, attempts=1)
    report = translate(multilingual, options, NOW, show_progress=False)
    assert report.drafted["fr"] == 2, report.failed
    legs = [(r["source"], r["target"]) for r in translation_server.requests]
    assert legs == [("vi", "en"), ("EN", "FR")] * 2  # LibreTranslate to English, then DeepL to French
    text = (multilingual / "locales/fr/LC_MESSAGES/content.po").read_text(encoding="utf-8")
    assert "# machine-translation: libre+deepl 2026-11-29" in text


def test_deepl_counts_its_limit_in_bytes():
    assert chunks("é" * 70_000, 120_000, utf8_bytes) == ["é" * 60_000, "é" * 10_000]


# -- MyMemory ---------------------------------------------------------------------------------


def test_mymemory_pieces_fit_500_bytes_not_500_characters(translation_server):
    text = (VIETNAMESE * 8).strip()  # ~520 characters, ~700 bytes of UTF-8
    assert len(text) > 500 and utf8_bytes(text) > 650
    answer = translator(translation_server, "mymemory", "vi", "fr").translate(text)
    sent = [r for r in translation_server.requests]
    assert all(utf8_bytes(r["q"]) <= 500 for r in sent) and not any(r.get("refused") for r in sent)
    assert len(sent) == 2 and answer.count("(fr-FR)") == 2
    assert {(r["source"], r["target"]) for r in sent} == {("vi-VN", "fr-FR")}


def test_a_474_character_vietnamese_piece_is_cut_for_mymemory():
    piece = (VIETNAMESE * 8)[:474]
    assert utf8_bytes(piece) > 600
    assert all(utf8_bytes(part) <= 500 for part in chunks(piece, 500, utf8_bytes))


@given(st.text(alphabet=st.sampled_from(list("aé漢ệ .!\n")), max_size=400), st.integers(min_value=4, max_value=60))
@settings(max_examples=300, deadline=None)
def test_pieces_fit_and_nothing_is_lost(text, limit):
    parts = chunks(text, limit, utf8_bytes)
    assert all(utf8_bytes(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())


def test_mymemory_quota_used_up_gives_up_at_once(translation_server):
    translation_server.faults.append("quota")
    with pytest.raises(TranslationFailed) as failure:
        translator(translation_server, "mymemory", "vi", "fr").translate("Vải thiều")
    assert failure.value.fatal and "quota" in failure.value.reason


def test_mymemory_sends_the_email_that_raises_its_quota(translation_server):
    mymemory = translator(translation_server, "mymemory", "vi", "fr")
    mymemory.env = dict(mymemory.env, MYMEMORY_EMAIL="team@example.org")
    mymemory.translate("Vải thiều")
    assert translation_server.requests[-1]["de"] == "team@example.org"


# -- LibreTranslate -----------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "hans", "hant"), [("1.6", "zh-Hans", "zh-Hant"), ("1.5", "zh", "zt")])
def test_libre_codes_come_from_the_servers_own_languages(version, hans, hant):
    with FakeTranslationServer(libre_version=version) as server:
        assert translator(server, "libre", "vi", "zh-Hans").codes() == ("vi", hans)
        assert translator(server, "libre", "vi", "zh-Hant").codes() == ("vi", hant)
        assert translator(server, "libre", "vi", "de").codes() == ("vi", None)  # this server has no German
        translator(server, "libre", "vi", "zh-Hant").translate("Vải")
        assert server.requests[-1]["target"] == hant


# -- Google, Microsoft ----------------------------------------------------------------------


def test_google_web_endpoint(translation_server):
    assert translator(translation_server, "google", "vi", "zh-Hant").translate("Vải & nhãn") == "(zh-TW) VẢI & NHÃN"


def test_microsoft_v3(translation_server):
    assert translator(translation_server, "microsoft", "vi", "zh-Hant").translate("Vải") == "(zh-Hant) VẢI"
    assert translation_server.requests[-1]["key"] == "ms-key"


# -- faults, for every service ---------------------------------------------------------------

ENGINES = [("deepl", "en", "ko"), ("mymemory", "vi", "fr"), ("libre", "vi", "fr"), ("google", "vi", "fr"), ("microsoft", "vi", "fr")]


@pytest.mark.parametrize(("engine", "source", "target"), ENGINES)
def test_passing_faults_are_retried_by_the_session(translation_server, engine, source, target):
    translation_server.faults.extend(["429", "503"])
    assert "VẢI" in translator(translation_server, engine, source, target).translate("vải")
    assert len(translation_server.requests) == 3


@pytest.mark.parametrize(("engine", "source", "target"), ENGINES)
@pytest.mark.parametrize(
    ("faults", "reason"),
    [
        (["500"] * 3, "server error (500), 3 attempts"),
        (["429"] * 3, "rate limited (429), 3 attempts"),
        (["slow"] * 3, "no answer within 0.3 s, 3 attempts"),
        (["garbage"], "garbage answer"),
        (["huge"], "garbage answer"),
    ],
)
def test_lasting_faults_are_reported(translation_server, engine, source, target, faults, reason):
    translation_server.faults.extend(faults)
    with pytest.raises(TranslationFailed) as failure:
        translator(translation_server, engine, source, target, timeout=0.3).translate("vải thiều chín đỏ")
    assert failure.value.reason == reason and not failure.value.fatal


def test_retry_after_is_honoured(translation_server):
    translation_server.faults.append("retry-after")
    started = time.monotonic()
    translator(translation_server, "deepl", "en", "ko").translate("lychee")
    assert time.monotonic() - started >= 0.9


def test_no_monkeypatching_of_requests():
    import requests

    before = requests.sessions.Session.request
    with FakeTranslationServer() as server:
        translator(server, "libre", "vi", "fr").translate("vải")
    assert requests.sessions.Session.request is before
