"""site.yaml: languages, fallback chains, currencies, themes, and their errors."""

from __future__ import annotations

import pytest

from catalogue.content.config import load_config
from catalogue.core.problems import CatalogueError

from .conftest import ROOT, SITE_YAML


def problems_of(make_site, text: str) -> list[str]:
    root = make_site({"content/site.yaml": text})
    with pytest.raises(CatalogueError) as caught:
        load_config(root)
    return [str(p) for p in caught.value.problems]


def test_sample_site_languages_and_chains():
    config = load_config(ROOT)
    assert list(config.languages) == ["vi", "en", "fr", "zh-Hans", "zh-Hant", "ko", "ja"]
    assert config.chain("zh-Hant") == ("zh-Hant", "zh-Hans", "en", "vi")
    assert config.chain("vi") == ("vi",)
    assert config.languages["zh-Hans"].folder == "zh-hans"
    assert config.languages["zh-Hans"].catalog_name == "zh_Hans"
    assert config.theme == ("default",)


def test_title_falls_back_along_the_chain(make_site):
    config = load_config(make_site({"content/site.yaml": SITE_YAML.replace("title: {vi: Thử, en: Test}", "title: {vi: Thử}")}))
    assert config.title_in("en") == ("Thử", "vi")


def test_theme_may_be_a_list(make_site):
    config = load_config(make_site({"content/site.yaml": SITE_YAML + "theme: [mine, default]\n"}))
    assert config.theme == ("mine", "default")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  en: {name: English, currency: USD}", "  en: {name: English, currency: JPY}"),
            "content/site.yaml:6:23: error: languages.en.currency: no exchange rate for JPY in exchange_rates",
        ),
        (("USD: {vnd", "ABC: {vnd"), "content/site.yaml:8:3: error: exchange_rates.ABC: 'ABC' is not a known currency"),
        (("  en: {name", "  xx: {name"), "content/site.yaml:6:3: error: languages.xx: 'xx' is not a language Babel knows (CLDR)"),
        (
            ("source_language: vi", "source_language: fr"),
            "content/site.yaml:3:1: error: source_language: 'fr' is not one of the site's languages (vi, en)",
        ),
        (
            ("base_url: https://example.org/", "base_url: example.org"),
            "content/site.yaml:2:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'example.org'",
        ),
        (
            ("  en: {name: English, currency: USD}", "  en: {name: English, currency: USD, url: vi}"),
            "content/site.yaml:6:38: error: languages.en.url: the URL folder vi/ is already vi's: two languages cannot share one",
        ),
        (
            ("base_url: https://example.org/", "base_url: https://example.org/?ref=x#top"),
            "content/site.yaml:2:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'https://example.org/?ref=x#top'",
        ),
        (("vnd: 25000", "vnd: .inf"), "content/site.yaml:8:14: error: exchange_rates.USD.vnd: must be a finite number, got .inf"),
        (("languages:", "langauges:"), "content/site.yaml:4:1: error: langauges: unknown key (did you mean 'languages'?)"),
    ],
)
def test_site_errors(make_site, change, expected):
    assert expected in problems_of(make_site, SITE_YAML.replace(*change))


def test_missing_site_file(tmp_path):
    with pytest.raises(CatalogueError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "content/site.yaml: error: not found: a site needs content/site.yaml"
