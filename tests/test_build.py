"""End to end on tests/sites/multilingual: pages per language, fallback, hreflang,
formatting per locale, certificate status, determinism and the atomic output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.core.problems import CatalogueError
from catalogue.publish.pipeline import build_site

BASE = "https://test.example.org/shop/"


def build(root: Path, day: dt.date = dt.date(2026, 12, 5)) -> Path:
    build_site(root, root / "public", today=day)
    return root / "public"


def page(public: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((public / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_entry_exists_in_every_language(multilingual):
    public = build(multilingual)
    for lang in ("vi", "en", "fr"):
        for path in (
            "",
            "products/my-chu/",
            "products/vai-thieu/",
            "producers/htx-thu/",
            "experiences/lang-nghe/",
            "about-ocop/",
            "categories/food/",
            "stars/4/",
            "regions/luc-ngan/",
            "products/",
            "producers/",
            "experiences/",
        ):
            assert (public / lang / path / "index.html").is_file(), f"{lang}/{path}"
        assert (public / lang / "404.html").is_file()
    assert (public / "index.html").is_file() and (public / "404.html").is_file()
    assert (public / "images/my.svg").is_file()


def test_html_lang_and_dir(multilingual):
    html = page(build(multilingual), "fr/products/my-chu/").html
    assert (html["lang"], html["dir"]) == ("fr", "ltr")


def test_fallback_text_carries_its_own_language(multilingual):
    public = build(multilingual)
    en = page(public, "en/products/vai-thieu/")
    paragraphs = en.select(".description p")
    assert [(p.get("lang"), p.text) for p in paragraphs] == [(None, "Ripe red lychees."), ("vi", "Cùi dày, ngọt.")]
    fr = page(public, "fr/products/my-chu/")
    assert fr.h1.text == "Nouilles de Chũ" and fr.h1.span is None  # reviewed French
    lead = fr.select_one(".lead span")
    assert (lead["lang"], lead.text) == ("en", "Sun-dried rice noodles.")  # the fuzzy French is not published


def test_hreflang_lists_exactly_the_published_languages(multilingual):
    public = build(multilingual)
    for lang in ("vi", "en", "fr"):
        soup = page(public, f"{lang}/products/my-chu/")
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert alternates == {
            "vi": BASE + "vi/products/my-chu/",
            "en": BASE + "en/products/my-chu/",
            "x-default": BASE + "p/my-chu/",  # the short address picks the visitor's language
        }
    vai = page(public, "en/products/vai-thieu/")
    assert [link["hreflang"] for link in vai.select('link[rel="alternate"][hreflang]')] == ["vi", "x-default"]
    assert vai.select_one('link[rel="canonical"]')["href"] == BASE + "vi/products/vai-thieu/"
    assert page(public, "fr/products/my-chu/").select_one('link[rel="canonical"]')["href"] == BASE + "en/products/my-chu/"
    assert page(public, "en/products/my-chu/").select_one('link[rel="canonical"]')["href"] == BASE + "en/products/my-chu/"
    home = page(public, "fr/")
    assert [link["hreflang"] for link in home.select('link[rel="alternate"][hreflang]')] == ["vi", "en", "fr", "x-default"]
    assert home.select_one('link[hreflang="x-default"]')["href"] == BASE


def test_switcher_keeps_the_page(multilingual):
    soup = page(build(multilingual), "en/products/my-chu/")
    links = {a["hreflang"]: a["href"] for a in soup.select(".languages a")}
    assert links == {"vi": "/shop/vi/products/my-chu/", "en": "/shop/en/products/my-chu/", "fr": "/shop/fr/products/my-chu/"}
    assert soup.select_one(".languages a[aria-current]")["hreflang"] == "en"


@pytest.mark.parametrize(
    ("lang", "amount", "approximate", "months"),
    [
        ("vi", "40.000\xa0₫ – 50.000\xa0₫", "", "thg 12\u2009–\u2009thg 2"),
        ("en", "₫40,000 – ₫50,000", "about US$1.60 – US$2.00", "Dec\u2009–\u2009Feb"),  # a season across the new year is one range
        ("fr", "40\u202f000\xa0₫ – 50\u202f000\xa0₫", "environ 1,45\xa0€ – 1,82\xa0€", "déc.–févr."),
    ],
)
def test_prices_and_months_are_formatted_per_locale(multilingual, lang, amount, approximate, months):
    soup = page(build(multilingual), f"{lang}/products/my-chu/")
    assert soup.select_one(".price-line .price").text.startswith(amount)
    assert (
        soup.select_one(".price-line .approx").text.strip("()") == approximate
        if approximate
        else soup.select_one(".price-line .approx") is None
    )
    assert months in soup.select_one(".facts").text


def test_rate_date_is_shown_with_the_conversion(multilingual):
    soup = page(build(multilingual), "en/products/my-chu/")
    assert "Approximate conversion at the rate of January 15, 2026." in soup.select_one(".facts").text


@pytest.mark.parametrize(("day", "status"), [(dt.date(2025, 10, 20), "valid"), (dt.date(2025, 10, 21), "expired")])
def test_certificate_status_as_of_the_build_date(multilingual, day, status):
    soup = page(build(multilingual, day), "en/products/my-chu/")
    assert soup.select_one(".certificate .status")["class"] == ["status", status]


def test_certificate_expiry_defaults_to_36_months(multilingual):
    soup = page(build(multilingual), "en/products/vai-thieu/")
    assert "January 9, 2028" in soup.select_one(".certificate").text


def test_build_date_comes_from_source_date_epoch(multilingual, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 10, 21, tzinfo=dt.UTC).timestamp())))
    build_site(multilingual, multilingual / "public")
    soup = page(multilingual / "public", "en/products/my-chu/")
    assert soup.select_one(".certificate .status")["class"] == ["status", "expired"]


def test_home_shows_what_is_in_season(multilingual):
    december = page(build(multilingual, dt.date(2026, 12, 5)), "en/")
    assert "In season now: December" in december.text
    assert [a.text.strip() for a in december.select("section[aria-labelledby=season] .cards h3")] == ["Chũ noodles"]
    july = page(build(multilingual, dt.date(2026, 7, 1)), "en/")
    assert [a.text.strip() for a in july.select("section[aria-labelledby=season] .cards h3")] == ["Lychee"]


def test_ui_strings_come_from_the_site_then_the_theme_then_the_chain(multilingual):
    po = multilingual / "locales/fr/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Produits"', 'msgstr "Nos produits"'), encoding="utf-8")
    theme_fr = multilingual / "themes/mine/locales/fr/LC_MESSAGES/messages.po"
    theme_fr.parent.mkdir(parents=True)
    theme_fr.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Producers"\nmsgstr "Fabricants"\n', encoding="utf-8"
    )
    (multilingual / "themes/mine/templates").mkdir()
    config = multilingual / "content/site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: [mine, default]\n", encoding="utf-8")
    fr = page(build(multilingual), "fr/products/my-chu/")
    nav = [a.text for a in fr.select("nav[aria-label] ul a")][:3]
    assert nav[0] == "Nos produits"  # the site's own fr/messages.po overrides the theme's
    assert nav[1] == "Fabricants"  # the first theme's catalog
    assert nav[2] == "Expériences"  # the engine's default theme's catalog


def test_two_builds_give_identical_bytes(multilingual, tmp_path):
    """Two real builds (forced, into two folders): the fingerprint must not skip the second."""
    day = dt.date(2026, 12, 5)
    reports = [build_site(multilingual, tmp_path / name, today=day, force=True) for name in ("one", "two")]
    assert all(report.pages > 0 and not report.up_to_date for report in reports)
    one, two = (
        {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} for out in (tmp_path / "one", tmp_path / "two")
    )
    assert one == two and len(one) > 100


def test_failed_build_leaves_the_previous_site(multilingual):
    public = build(multilingual)
    before = {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()}
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("stars: 4", "stars: 9"), encoding="utf-8")
    with pytest.raises(CatalogueError):
        build(multilingual)
    assert {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()} == before
    assert not list(multilingual.glob(".public.*"))


def test_root_chooser_lists_languages_by_their_own_names(multilingual):
    soup = BeautifulSoup((build(multilingual) / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [(a["lang"], a.select_one(".language-name").text, a["href"]) for a in soup.select(".language-list a")]
    assert links == [("vi", "Tiếng Việt", "/shop/vi/"), ("en", "English", "/shop/en/"), ("fr", "Français", "/shop/fr/")]


def test_a_site_theme_overrides_one_template(multilingual):
    site = multilingual / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "theme: [mine, default]\n", encoding="utf-8")
    override = multilingual / "themes/mine/templates/page.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% extends "base.html" %}{% block title %}T{% endblock %}{% block main %}<p class="mine">{{ title|t }}</p>{% endblock %}'
    )
    public = build(multilingual)
    assert page(public, "en/about-ocop/").select_one(".mine").text == "About OCOP"
    assert page(public, "en/products/my-chu/").h1.text == "Chũ noodles"  # the rest comes from default


def test_template_error_names_the_template_and_line(multilingual):
    site = multilingual / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "theme: [mine, default]\n", encoding="utf-8")
    override = multilingual / "themes/mine/templates/page.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}\n{% block main %}\n{{ nonexistent.field }}\n{% endblock %}')
    with pytest.raises(CatalogueError) as caught:
        build(multilingual)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("themes/mine/templates/page.html", 3)
    assert "'nonexistent' is undefined" in problem.message


def _draft_everything_in_french(root: Path) -> None:
    """Turn every missing French content message into a machine draft, as translate would."""
    import io

    from babel.messages.pofile import read_po

    from catalogue.i18n.lifecycle import MACHINE_NOTE
    from catalogue.i18n.pofiles import catalog_path, write_catalog

    path = catalog_path(root, "fr", "content")
    catalog = read_po(io.BytesIO(path.read_bytes()), locale="fr")
    for message in catalog:
        if message.id and not message.string:
            message.string = f"[fr] {message.id}"
            message.flags.add("fuzzy")
            message.user_comments.append(f"{MACHINE_NOTE} libre 2026-11-29")
    write_catalog(path, catalog)


def _set_french(root: Path, settings: str) -> None:
    site = root / "content/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "    fallback: [en]\n    currency: EUR", f"    fallback: [en]\n    currency: EUR\n{settings}"
        ),
        encoding="utf-8",
    )


def test_drafts_are_hidden_under_the_reviewed_policy(multilingual):
    _draft_everything_in_french(multilingual)
    soup = page(build(multilingual), "fr/products/vai-thieu/")
    assert soup.h1.text == "Lychee" and soup.h1.span["lang"] == "en"
    assert soup.select_one(".notice.machine") is None


def test_drafts_policy_shows_labelled_drafts_kept_out_of_hreflang(multilingual):
    _draft_everything_in_french(multilingual)
    _set_french(multilingual, "    publish: drafts\n")
    soup = page(build(multilingual), "fr/products/vai-thieu/")
    assert soup.h1.text == "[fr] Vải thiều" and soup.h1.span is None
    notice = soup.select_one(".notice.machine")
    assert notice.a["href"] == "/shop/vi/products/vai-thieu/"
    assert [link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')] == ["vi", "x-default"]
    my_chu = page(multilingual / "public", "fr/products/my-chu/")
    assert my_chu.select_one(".lead").text == "Sun-dried rice noodles."  # outdated French is never published


def test_drafts_may_be_listed_as_translations_when_configured(multilingual):
    _draft_everything_in_french(multilingual)
    _set_french(multilingual, "    publish: drafts\n    drafts_in_hreflang: true\n")
    soup = page(build(multilingual), "fr/products/vai-thieu/")
    assert [link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')] == ["vi", "fr", "x-default"]
