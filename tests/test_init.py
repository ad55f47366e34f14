"""``catalogue init``, the theme's own catalogs, and a theme that knows no sample."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from catalogue.commands.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_WORDS = ("lychee", "Lục Ngạn", "Bắc Giang", "vải thiều", "rice noodles", "sample catalogue", "mỳ Chũ")


def init(folder: Path, *extra: str) -> int:
    return main(["init", str(folder), "--title", "Đặc sản Lâm Đồng", "--base-url", "https://dalat.example.org/", *extra])


def publish_examples(site: Path, product_lines: str = "") -> None:
    """Make init's example producer and product published entries (``product_lines`` added)."""
    for path in (site / "content/producers/vi-du-hop-tac-xa.md", site / "content/products/vi-du-san-pham.md"):
        extra = product_lines if "products" in path.parts else ""
        path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", extra), encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_workflow_keeps_the_build_cache_from_run_to_run(tmp_path):
    """Without it every deploy makes every social card, QR code and image rendition again
    (1,000 synthetic products: 117 s cold, 82 s with the last run's cache)."""
    site = tmp_path / "site"
    assert init(site, "--languages", "vi,en") == 0
    steps = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]["deploy"]["steps"]
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, step in enumerate(steps) if "catalogue build" in step.get("run", ""))
    assert cache < build
    assert steps[cache]["with"]["path"] == ".cache"
    assert steps[cache]["with"]["restore-keys"] == "catalogue-"  # a new commit starts from the last run's cache


def test_init_writes_a_site_that_builds_at_once_with_a_translated_interface(tmp_path):
    site = tmp_path / "site"
    assert init(site, "--languages", "vi,en,ko") == 0
    for name in (
        "content/site.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/experiences/.gitkeep",
        "content/images/.gitkeep",
    ):
        assert (site / name).is_file(), name
    example = (site / "content/products/vi-du-san-pham.md").read_text(encoding="utf-8")
    assert "EXAMPLE" in example and "draft: true" in example
    assert "public/" in (site / ".gitignore").read_text(encoding="utf-8")
    assert "deploy-pages" in (site / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "# " in (site / "content/site.yaml").read_text(encoding="utf-8")  # commented
    assert main(["check", "--root", str(site)]) == 0
    assert main(["build", "--root", str(site)]) == 0
    vi, ko = soup(site / "public/vi/index.html"), soup(site / "public/ko/index.html")
    assert [a.text for a in vi.select("nav[aria-label] ul a")][:3] == ["Sản phẩm", "Nhà sản xuất", "Lịch mùa vụ"]
    assert [a.text for a in ko.select("nav[aria-label] ul a")][:3] == [
        "제품",
        "생산자",
        "제철 달력",
    ]  # no experiences yet: no menu entry for them
    assert main(["status", "--root", str(site), "--min-coverage", "100"]) == 0  # the theme translates it all


def test_init_refuses_a_folder_with_something_in_it(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert init(tmp_path) == 1
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine" and not (tmp_path / "content").exists()


def test_init_refuses_an_unknown_language(tmp_path, capsys):
    assert init(tmp_path / "s", "--languages", "vi,xx-Nope") == 1
    assert "--languages: error: 'xx-Nope' is not a language code Babel knows" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_init_asks_on_a_terminal(tmp_path, monkeypatch):
    answers = iter(["vi,fr", "Sản phẩm OCOP Lào Cai", "https://laocai.example.org/"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["init", str(tmp_path / "s")]) == 0
    text = (tmp_path / "s/content/site.yaml").read_text(encoding="utf-8")
    assert 'vi: "Sản phẩm OCOP Lào Cai"' in text and "base_url: https://laocai.example.org/" in text and "  fr:" in text


def test_init_without_a_terminal_needs_title_and_address(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["init", str(tmp_path / "s")]) == 2


def test_extract_writes_only_what_the_site_adds_or_overrides(tmp_path):
    site = tmp_path / "site"
    init(site, "--languages", "vi,en,ru")  # the theme has no Russian catalog
    theme = site / "themes/mine/templates"
    theme.mkdir(parents=True)
    (theme / "extra.html").write_text('{{ _("Opening hours") }}', encoding="utf-8")
    config = site / "content/site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme: default", "theme: [mine, default]"), encoding="utf-8")
    assert main(["extract", "--root", str(site)]) == 0
    pot = (site / "locales/messages.pot").read_text(encoding="utf-8")
    assert 'msgid "Opening hours"' in pot and 'msgid "Products"' not in pot
    en = site / "locales/en/LC_MESSAGES/messages.po"
    assert 'msgid "Opening hours"' in en.read_text(encoding="utf-8") and 'msgid "Products"' not in en.read_text(encoding="utf-8")
    ru = (site / "locales/ru/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert 'msgid "Products"' in ru  # no theme catalog for ru: the site translates the theme itself
    # an override, written by a person, stays active through extract
    en.write_text(en.read_text(encoding="utf-8") + '\nmsgid "Products"\nmsgstr "Our products"\n', encoding="utf-8")
    assert main(["extract", "--root", str(site)]) == 0
    text = en.read_text(encoding="utf-8")
    assert 'msgid "Products"\nmsgstr "Our products"' in text and '#~ msgid "Products"' not in text
    assert main(["build", "--root", str(site)]) == 0
    assert [a.text for a in soup(site / "public/en/index.html").select("nav[aria-label] ul a")][:2] == ["Our products", "Producers"]


def test_the_theme_knows_no_sample(tmp_path):
    site = tmp_path / "site"
    init(site, "--languages", "vi,en")
    publish_examples(site)
    assert main(["build", "--root", str(site)]) == 0
    pages = sorted((site / "public").rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for word in SAMPLE_WORDS:
            assert word.lower() not in text.lower(), f"{page}: {word}"
    home = soup(site / "public/en/index.html")
    assert home.select_one("#featured") is None  # nothing marked featured: no section, no product picked
    assert home.select_one("#site-search").get("placeholder") is None
    notices = [p.text for p in soup(site / "public/en/producers/vi-du-hop-tac-xa/index.html").select(".notice")]
    assert "These contact details are examples, not real ones." in notices


def test_search_suggestions_come_from_site_yaml_or_featured_products(tmp_path):
    site = tmp_path / "site"
    init(site, "--languages", "vi,en")
    publish_examples(site, "featured: true\n")
    main(["build", "--root", str(site)])
    assert soup(site / "public/vi/index.html").select_one("#site-search")["placeholder"] == "Sản phẩm ví dụ…"
    config = site / "content/site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "search:\n  examples: {vi: 'chè, cà phê…', en: 'tea, coffee…'}\n", encoding="utf-8"
    )
    main(["build", "--root", str(site)])
    assert soup(site / "public/en/index.html").select_one("#site-search")["placeholder"] == "tea, coffee…"
    assert soup(site / "public/en/search/index.html").select_one("#search-input")["placeholder"] == "tea, coffee…"


def test_an_installed_copy_carries_the_theme_catalogs(tmp_path):
    """A wheel built here, installed into a fresh environment outside the repository, starts
    and builds a site whose interface is translated."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], check=True, timeout=300)
    wheel = next(wheels.glob("catalogue-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "catalogue/bundled_themes/default/locales/zh_Hant/LC_MESSAGES/messages.po" in names
    environment = tmp_path / "env"
    venv.create(environment, system_site_packages=True, with_pip=False)
    python = environment / "bin/python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
        check=True,
        timeout=300,
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run([python, "-c", "import catalogue; print(catalogue.__file__)"], cwd=work, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(environment)), where.stdout + where.stderr
    command = [environment / "bin/catalogue"]
    subprocess.run(
        [*command, "init", "s", "--languages", "vi,zh-Hant", "--title", "Thử", "--base-url", "https://t.example.org/"],
        cwd=work,
        env=env,
        check=True,
    )
    subprocess.run([*command, "build", "--root", "s", "--no-search"], cwd=work, env=env, check=True)
    nav = [a.text for a in soup(work / "s/public/zh-hant/index.html").select("nav[aria-label] ul a")][:3]
    assert nav == ["產品", "生產者", "產季日曆"]


@pytest.mark.parametrize("word", ["lychee", "sample catalogue", "placeholders in this sample"])
def test_no_sample_wording_in_the_engine_or_theme(word):
    for folder in (ROOT / "catalogue", ROOT / "themes"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".py", ".html", ".js", ".css", ".po", ".pot"):
                assert word not in path.read_text(encoding="utf-8"), f"{path}: {word}"


def test_featured_never_shows_an_expired_certificate(tmp_path):
    site = tmp_path / "site"
    init(site, "--languages", "vi,en")
    publish_examples(site, "featured: true\ncertificate: {number: 1/QĐ, issuer: UBND, issued: 2020-01-01}\n")
    assert main(["build", "--root", str(site), "--no-search"]) == 0
    assert soup(site / "public/en/index.html").select_one("#featured") is None  # expired since 2022: not featured


def test_check_on_a_new_site_names_the_installed_command(tmp_path, capsys):
    """A site made by init has no build.py: messages name the `catalogue` command."""
    site = tmp_path / "site"
    assert init(site, "--languages", "vi,en") == 0
    (site / "content/products/vi-du-san-pham.md").write_text(
        (site / "content/products/vi-du-san-pham.md").read_text(encoding="utf-8").replace("stars: 3", "stars: 6"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["check", "--root", str(site)]) == 1
    err = capsys.readouterr().err
    assert "missing: run `catalogue extract`" in err and "build.py" not in err
    assert err.strip().splitlines()[-1] == "1 error, 1 warning."
    assert "build.py" not in (site / "content/products/vi-du-san-pham.md").read_text(encoding="utf-8")
    assert main(["new", "--root", str(site), "product", "Chè Cầu Đất"]) == 0
    assert "build.py" not in (site / "content/products/che-cau-dat.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--base-url",
            "https://a.example.org/?lang=vi",
            "--base-url: error: base_url: expected an http(s) URL without ?query or #fragment",
        ),
        ("--title", "Sản phẩm\x1b[31m", "--title: error: title.vi: holds the control character U+001B; remove it"),
        ("--title", "Sản phẩm " * 20, "--title: error: title.vi: "),
    ],
)
def test_init_refuses_what_the_site_would_refuse(tmp_path, capsys, option, value, message):
    """init checks its answers as site.yaml will be checked: it never writes a site that does not build."""
    options = {"--title": "Đặc sản Lâm Đồng", "--base-url": "https://dalat.example.org/", option: value}
    assert main(["init", str(tmp_path / "s"), "--languages", "vi,en", *(x for pair in options.items() for x in pair)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 2 and not (tmp_path / "s").exists()


def test_init_writes_right_to_left_languages_and_names_those_the_theme_does_not_translate(tmp_path, capsys):
    site = tmp_path / "s"
    assert init(site, "--languages", "vi,en,ar") == 0
    out = capsys.readouterr().err
    assert "ar: the theme has no translation" in out and "locales/ar/LC_MESSAGES/messages.po" in out
    assert "README.md says" not in out and "catalogue new product" in out
    assert "requirements.txt: write the address of the engine's repository" in out  # a test run is no install from git
    assert "    dir: rtl" in (site / "content/site.yaml").read_text(encoding="utf-8")
    assert main(["build", "--root", str(site), "--no-search"]) == 0
    assert soup(site / "public/ar/index.html").html["dir"] == "rtl"


def test_the_root_page_names_a_title_once_when_only_the_source_language_has_one(tmp_path):
    site = tmp_path / "s"
    assert init(site, "--languages", "vi,en,ja") == 0
    assert main(["build", "--root", str(site), "--no-search"]) == 0
    root = soup(site / "public/index.html")
    assert root.title.text == "Đặc sản Lâm Đồng"
    assert root.find("meta", attrs={"name": "description"})["content"] == "Đặc sản Lâm Đồng"
    items = [li.get_text(" ", strip=True) for li in root.select(".language-list li")]
    assert items == ["Tiếng Việt Đặc sản Lâm Đồng", "English", "日本語"]


def test_the_home_page_of_a_site_without_experiences_offers_none(tmp_path):
    site = tmp_path / "s"
    assert init(site, "--languages", "vi,en") == 0
    assert main(["build", "--root", str(site), "--no-search"]) == 0
    home = soup(site / "public/vi/index.html")
    assert home.find(id="experiences") is None and not home.select('.hero a[href$="/experiences/"]')
    assert not home.select('header nav a[href$="/experiences/"]')  # no menu entry for an empty list
    (site / "content/experiences/doi-che.md").write_text("---\nname: Đồi chè Cầu Đất\nkind: site\n---\n", encoding="utf-8")
    assert main(["build", "--root", str(site), "--no-search"]) == 0
    home = soup(site / "public/vi/index.html")
    assert home.find(id="experiences") is not None and home.select('.hero a[href$="/experiences/"]')
    assert home.select('header nav a[href$="/experiences/"]')
    assert "Đồi chè Cầu Đất" in home.find(id="experiences").find_parent("section").text
