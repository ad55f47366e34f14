"""Bad input: every problem reported at once as path:line:column: error: field: message,
exit status 1, no traceback, and the previous output left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.commands.cli import main
from catalogue.publish.writer import MARKER, MARKER_TEXT

from .conftest import PRODUCT, SITE_YAML

CASES = {
    "broken YAML": (
        {"content/products/my-chu.md": "---\nname: Mỳ Chũ\nstars: [4\ncategory: food\n---\n"},
        ["content/products/my-chu.md:4:9: error: invalid YAML: while parsing a flow sequence expected ',' or ']', but got ':'"],
    ),
    "tab indentation": (
        {"content/products/my-chu.md": "---\nname: Mỳ Chũ\norigin:\n\tcommune: X\n---\n"},
        [
            "content/products/my-chu.md:4:1: error: invalid YAML: while scanning for the next token found character '\\t' that cannot start any token"
        ],
    ),
    "unknown key with a suggestion": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\nstar: 5")},
        ["content/products/my-chu.md:4:1: error: star: unknown key (did you mean 'stars'?)"],
    ),
    "unknown nested key": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\norigin: {comune: Nam Dương}")},
        ["content/products/my-chu.md:4:10: error: origin.comune: unknown key (did you mean 'commune'?)"],
    ),
    "wrong type": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: four")},
        ["content/products/my-chu.md:3:8: error: stars: expected 3, 4 or 5 (OCOP stars), got str 'four'"],
    ),
    "stars outside 3-5": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 6")},
        ["content/products/my-chu.md:3:8: error: stars: must be from 3 to 5, got 6"],
    ),
    "two stars": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 2")},
        ["content/products/my-chu.md:3:8: error: stars: must be from 3 to 5, got 2"],
    ),
    "unknown group": (
        {"content/products/my-chu.md": PRODUCT.replace("category: food", "category: fod")},
        [
            "content/products/my-chu.md:4:11: error: category: unknown value 'fod' (did you mean 'food'?); "
            "expected one of food, beverages, herbal, handicrafts, ornamental, tourism"
        ],
    ),
    "missing producer": (
        {"content/products/my-chu.md": PRODUCT.replace("producer: htx-a", "producer: htx-b")},
        ["content/products/my-chu.md:5:1: error: producer: no producer 'htx-b' in content/producers/ (did you mean 'htx-a'?)"],
    ),
    "missing experience": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\nexperiences: [tour-vai]")},
        ["content/products/my-chu.md:4:15: error: experiences[0]: no experience 'tour-vai' in content/experiences/"],
    ),
    "duplicate slug": (
        {"content/products/luc-ngan/my-chu.md": PRODUCT},
        ["content/products/my-chu.md: error: duplicate slug 'my-chu': content/products/luc-ngan/my-chu.md has the same file name"],
    ),
    "missing image": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\nimages: [{src: my.jpg, alt: Mỳ}]")},
        ["content/products/my-chu.md:4:11: error: images[0].src: image not found: content/images/my.jpg"],
    ),
    "image path escaping the content folder": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\nimages: [{src: ../site.yaml, alt: x}]")},
        ["content/products/my-chu.md:4:16: error: images[0].src: expected a file name under content/images/, got '../site.yaml'"],
    ),
    "missing required field": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4\n", "")},
        ["content/products/my-chu.md:2:1: error: stars: is required"],
    ),
    "duplicate key": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 4\nstars: 5")},
        ["content/products/my-chu.md:4:1: error: stars: duplicate key (first written on line 3)"],
    ),
    "impossible date": (
        {
            "content/products/my-chu.md": PRODUCT.replace(
                "stars: 4", "stars: 4\ncertificate: {number: A1, issuer: UBND, issued: 2025-02-30}"
            )
        },
        ["content/products/my-chu.md:4:49: error: certificate.issued: '2025-02-30' is not a real date"],
    ),
    "expiry before issue": (
        {
            "content/products/my-chu.md": PRODUCT.replace(
                "stars: 4", "stars: 4\ncertificate: {number: A1, issuer: UBND, issued: 2025-02-03, expires: 2024-01-01}"
            )
        },
        ["content/products/my-chu.md:4:14: error: certificate.expires: must be after issued (2025-02-03)"],
    ),
    "unknown fallback language": (
        {
            "content/site.yaml": "title: {vi: T}\nbase_url: https://e.org/\nsource_language: vi\nlanguages:\n  vi: {name: V}\n  en: {name: E, fallback: [fr]}\n"
        },
        ["content/site.yaml:6:28: error: languages.en.fallback[0]: 'fr' is not one of the site's languages"],
    ),
    "alias": (
        {"content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: &s 4\nfeatured: *s")},
        ["content/products/my-chu.md:4:11: error: invalid YAML: aliases (*name) are not allowed in entries"],
    ),
}


def run(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err.strip().splitlines()


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_with_file_and_line(case, make_site, capsys):
    files, expected = CASES[case]
    root = make_site()
    public = root / "public"
    public.mkdir()
    (public / "index.html").write_text("previous site", encoding="utf-8")
    (public / MARKER).write_bytes(MARKER_TEXT)  # a previous build
    make_site(files)
    status, lines = run(root, capsys)
    assert status == 1
    assert lines[:-1] == expected
    assert lines[-1].endswith("nothing was written.")
    assert sorted(p.name for p in public.iterdir()) == [MARKER, "index.html"]
    assert (public / "index.html").read_text(encoding="utf-8") == "previous site"


def test_not_utf8_names_the_line(make_site, capsys):
    root = make_site()
    (root / "content/products/my-chu.md").write_bytes(b"---\nname: M\xf9\n---\n")
    status, lines = run(root, capsys)
    assert status == 1
    assert lines[0] == "content/products/my-chu.md:2: error: is not UTF-8 text (save it as UTF-8)"


def test_every_problem_is_reported_at_once(make_site, capsys):
    root = make_site(
        {
            "content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 7").replace("category: food", "category: fruit"),
            "content/products/vai.md": PRODUCT.replace("producer: htx-a", "producer: nobody"),
            "content/producers/htx-a.md": "---\nname: A\nkind: coop\n---\n",
        }
    )
    status, lines = run(root, capsys)
    assert status == 1
    assert len(lines) == 5  # four problems in three files, then the summary
    assert lines[-1] == "4 problems found; nothing was written."
    assert {line.split(":")[0] for line in lines[:-1]} == {
        "content/products/my-chu.md",
        "content/products/vai.md",
        "content/producers/htx-a.md",
    }


def test_broken_catalog_is_reported_with_its_line(multilingual, capsys):
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    lines_before = po.read_text(encoding="utf-8").count("\n")
    status, lines = run(multilingual, capsys)
    assert status == 1
    assert lines[0] == f"locales/en/LC_MESSAGES/content.po:{lines_before}: error: msgstr: the string is not closed by a double quote"


def test_duplicate_message_in_a_catalog(multilingual, capsys):
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    text = po.read_text(encoding="utf-8")
    first = text.split("\n").index('msgid "Vải thiều"') + 1
    po.write_text(text + '\nmsgid "Vải thiều"\nmsgstr "Litchi"\n', encoding="utf-8")
    status, lines = run(multilingual, capsys)
    assert status == 1
    assert lines[0] == f"locales/en/LC_MESSAGES/content.po:{text.count(chr(10)) + 2}: error: duplicate message (first on line {first})"


def test_unknown_theme(make_site, capsys):
    root = make_site({"content/site.yaml": SITE_YAML + "theme: nope\n"})
    status, lines = run(root, capsys)
    assert status == 1
    assert lines[0] == "content/site.yaml:9:1: error: theme: unknown theme 'nope': no themes/nope/templates/ folder"
