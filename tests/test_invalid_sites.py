"""The bad-input corpus: tests/sites/invalid/<case>/ changes tests/sites/minimal in one way
(files/ to add or replace, delete to remove); GENERATED cases are made by code, EDITS replace
one text in one file. Each case must give its clear path:line messages (one, or one per entry
the fault touches), exit 1 with no traceback, and leave the published public/ and every
catalog byte-for-byte as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalogue.commands.cli import main

from .conftest import replace_once

SITES = Path(__file__).parent / "sites"
CASES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.is_dir())


def snapshot(root: Path) -> dict[str, bytes]:
    files = [p for p in [*(root / "public").rglob("*"), *(root / "locales").rglob("*.po*")] if p.is_file()]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory) -> Path:
    """tests/sites/minimal, built once; each case starts from a copy of it."""
    root = tmp_path_factory.mktemp("minimal") / "site"
    shutil.copytree(SITES / "minimal", root)
    assert main(["--root", str(root), "-q", "build"]) == 0
    return root


def apply(case: Path, root: Path) -> None:
    overlay = case / "files"
    for path in sorted(overlay.rglob("*")) if overlay.is_dir() else ():
        if path.is_file():
            target = root / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    deletes = case / "delete"
    for name in deletes.read_text(encoding="utf-8").split() if deletes.is_file() else ():
        (root / name).unlink()


def check_case(root: Path, expected: str, capsys) -> None:
    before = snapshot(root)
    status = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert status == 1
    messages = expected.split("\n")  # one, or one per entry the fault touches
    count = f"{len(messages)} problem{'s' if len(messages) > 1 else ''} found; nothing was written."
    assert lines == [*messages, count], err
    assert snapshot(root) == before


def test_the_corpus_is_large_enough():
    assert len(CASES) + len(GENERATED) + len(EDITS) >= 140


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    folder = SITES / "invalid" / case
    apply(folder, root)
    check_case(root, (folder / "expected").read_text(encoding="utf-8").strip(), capsys)


def _huge(root: Path) -> None:
    product = root / "content/products/mat-ong.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nMật ong. " * 200_000, encoding="utf-8")


def _symlink_entry(root: Path) -> None:
    outside = root / "outside.md"
    shutil.copyfile(root / "content/products/mat-ong.md", outside)
    (root / "content/products/mat-ong.md").unlink()
    os.symlink(outside, root / "content/products/mat-ong.md")


def _symlink_image(root: Path) -> None:
    (root / "content/images/mat-ong.svg").unlink()
    os.symlink(root / "content/site.yaml", root / "content/images/mat-ong.svg")


GENERATED = {
    "huge-file": (_huge, "content/products/mat-ong.md: error: is too large (2,400,597 bytes, at most 1,000,000)"),
    "symlinked-entry-outside-content": (
        _symlink_entry,
        "content/products/mat-ong.md: error: is a link to a file outside content/: copy the file instead",
    ),
    "symlinked-image-outside-images": (
        _symlink_image,
        "content/products/mat-ong.md:18:5: error: images[0].src: 'mat-ong.svg' leads outside content/images/",
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_invalid_case(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    make, expected = GENERATED[case]
    make(root)
    check_case(root, expected, capsys)


# Hostile files: images, control characters, links out of the site, nesting and dates that
# crashed the build. Each is reported by `build` (and by `check` where marked) in one line.


def _image(name: str, data: bytes):
    def make(root: Path) -> None:
        (root / "content/images" / name).write_bytes(data)
        product = root / "content/products/mat-ong.md"
        product.write_text(product.read_text(encoding="utf-8").replace("src: mat-ong.svg", f"src: {name}"), encoding="utf-8")

    return make


def _png(width: int, height: int) -> bytes:
    """A PNG header announcing width × height pixels (a decompression bomb needs no more)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _photo(kind: str) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, kind)
    return out.getvalue()


def _svg(text: str):
    def make(root: Path) -> None:
        (root / "content/images/mat-ong.svg").write_text(text, encoding="utf-8")

    return make


def _replace(path: str, old: str, new: str):
    return lambda root: replace_once(root, path, old, new)


def _link(path: str, target: str):
    def make(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).unlink(missing_ok=True)
        os.symlink(target, root / path)

    return make


def _theme_link(name: str):
    def make(root: Path) -> None:
        (root / "themes/mine/templates").mkdir(parents=True)
        _link(f"themes/mine/{name}", "/etc/passwd")(root)
        _replace("content/site.yaml", "title:", "theme: [mine, default]\ntitle:")(root)

    return make


def _nested(opening: str, closing: str):
    def make(root: Path) -> None:
        product = root / "content/products/mat-ong.md"
        product.write_text(product.read_text(encoding="utf-8").replace("stars: 3", "stars: " + opening * 10_000 + closing * 10_000, 1))

    return make


def _po_control(root: Path) -> None:
    po = root / "locales/en/LC_MESSAGES/content.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    index = lines.index('msgid "Mật ong hoa vải"') + 1
    lines[index] = 'msgstr "Lychee\x01honey"'
    po.write_text("\n".join(lines), encoding="utf-8")


def _po_folder(root: Path) -> None:
    (root / "locales/en/LC_MESSAGES/messages.po").unlink(missing_ok=True)
    (root / "locales/en/LC_MESSAGES/messages.po").mkdir()


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">\n'
HOSTILE = {  # name: (make, the one line expected from build, also from check)
    "image-0-bytes": (_image("x.png", b""), "content/images/x.png: error: is empty (0 bytes), not an image", True),
    "image-text-named-png": (
        _image("x.png", b"hello\n"),
        "content/images/x.png: error: is not a JPEG, PNG or WebP image: its bytes are not a picture Pillow knows",
        True,
    ),
    "image-corrupt-webp": (
        _image("x.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x13" * 24),
        "content/images/x.webp: error: cannot be decoded as an image: could not create decoder object",
        True,
    ),
    "image-truncated-png": (
        _image("x.png", _photo("PNG")[:60]),
        "content/images/x.png: error: cannot be decoded as an image: image file is truncated",
        True,
    ),
    "image-truncated-jpg": (
        _image("x.jpg", _photo("JPEG")[:-200]),
        "content/images/x.jpg: error: cannot be decoded as an image: Truncated File Read",
        True,
    ),
    "image-png-bomb-20000x20000": (
        _image("x.png", _png(20_000, 20_000)),
        "content/images/x.png: error: has too many pixels (over 89 million, at most 60,000,000): refused as a possible decompression bomb",
        True,
    ),
    "image-png-too-many-pixels": (
        _image("x.png", _png(9_000, 8_000)),
        "content/images/x.png: error: has too many pixels (9000 × 8000, at most 60,000,000 in all)",
        True,
    ),
    "image-named-html": (
        _image("x.html", b"<script>alert(1)</script>"),
        "content/products/mat-ong.md:18:5: error: images[0].src: 'x.html' is not an image file: use .jpg, .jpeg, .png, .webp, .svg",
        True,
    ),
    "svg-script": (
        _svg(SVG_HEAD + "<script>alert(1)</script></svg>"),
        "content/images/mat-ong.svg:2: error: <script> is not allowed in an image (it can run or load content): remove it",
        True,
    ),
    "svg-onload": (
        _svg('<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>'),
        "content/images/mat-ong.svg:1: error: <svg> has an event handler (onload): remove it",
        True,
    ),
    "svg-javascript-link": (
        _svg(SVG_HEAD + '<a href="javascript:alert(1)"><rect width="4" height="4"/></a></svg>'),
        "content/images/mat-ong.svg:2: error: <a> is not allowed in an image (it can run or load content): remove it",
        True,
    ),
    "svg-outside-reference": (
        _svg(SVG_HEAD + '<use href="https://evil.example/x.svg#a"/></svg>'),
        "content/images/mat-ong.svg:2: error: <use> links to 'https://evil.example/x.svg#a': an image may only refer to its own parts (#id)",
        True,
    ),
    "svg-foreign-object": (
        _svg(SVG_HEAD + "<foreignObject><p>x</p></foreignObject></svg>"),
        "content/images/mat-ong.svg:2: error: <foreignObject> is not allowed in an image (it can run or load content): remove it",
        True,
    ),
    "svg-style-import": (
        _svg(SVG_HEAD + "<style>@import url(https://evil.example/x.css);</style></svg>"),
        "content/images/mat-ong.svg:2: error: <style>: imports and outside addresses are not allowed in an image",
        True,
    ),
    "svg-entities": (
        _svg('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'),
        "content/images/mat-ong.svg:2: error: declares entities or outside references, which an image may not",
        True,
    ),
    "svg-not-well-formed": (
        _svg(SVG_HEAD + "<rect></svg>"),
        "content/images/mat-ong.svg:2: error: is not well-formed XML: mismatched tag",
        True,
    ),
    "svg-html-inside": (
        _svg("<html><body><script>alert(1)</script></body></html>"),
        "content/images/mat-ong.svg:1: error: is not an SVG image (its first element is not <svg> in the SVG namespace)",
        True,
    ),
    "svg-viewbox-400-digits": (
        _svg(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {"9" * 400} 10"/>'),
        "content/images/mat-ong.svg:1: error: viewBox: expected four finite numbers, got '0 0 999999999999999999999999999999999999'",
        True,
    ),
    "svg-viewbox-dots": (
        _svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 . ."/>'),
        "content/images/mat-ong.svg:1: error: viewBox: expected four finite numbers, got '0 0 . .'",
        True,
    ),
    "title-newline": (
        _replace("content/site.yaml", "vi: Sản phẩm mẫu", 'vi: "Sản phẩm\\nmsgid \\"x\\""'),
        "content/site.yaml:2:7: error: title.vi: must be one line: it holds the control character U+000A (a line break); remove it",
        True,
    ),
    "name-control-escape": (
        _replace("content/products/mat-ong.md", "name: Mật ong hoa vải", 'name: "Mật ong\\x1b[31m"'),
        "content/products/mat-ong.md:2:7: error: name: holds the control character U+001B; remove it",
        True,
    ),
    "summary-next-line-escape": (
        _replace("content/products/mat-ong.md", "summary: Mật ong từ hoa vải.", 'summary: "Mật ong\\u0085từ hoa vải."'),
        "content/products/mat-ong.md:3:10: error: summary: holds the control character U+0085; remove it",
        True,
    ),
    "summary-lone-surrogate": (
        _replace("content/products/mat-ong.md", "summary: Mật ong từ hoa vải.", 'summary: "Mật ong\\ud800"'),
        "content/products/mat-ong.md:3:10: error: summary: holds the non-character U+D800; remove it",
        True,
    ),
    "body-control-character": (
        _replace("content/products/mat-ong.md", "thơm mùi hoa vải.", "thơm\x0bmùi hoa vải."),
        "content/products/mat-ong.md:25: error: holds the control character U+000B: remove it",
        True,
    ),
    "po-control-character": (
        _po_control,
        "locales/en/LC_MESSAGES/content.po:24: error: holds the control character U+0001: remove it",
        True,
    ),
    "po-linked-to-etc-passwd": (
        _link("locales/en/LC_MESSAGES/content.po", "/etc/passwd"),
        "locales/en/LC_MESSAGES/content.po: error: is a link to a file outside locales/: copy the file instead",
        True,
    ),
    "po-is-a-folder": (_po_folder, "locales/en/LC_MESSAGES/messages.po: error: cannot be read: Is a directory", True),
    "site-yaml-linked-outside": (
        _link("content/site.yaml", "/etc/hostname"),
        "content/site.yaml: error: is a link to a file outside the site: copy the file instead",
        True,
    ),
    "theme-static-linked-to-etc-passwd": (
        _theme_link("static/leak.txt"),
        "themes/mine/static/leak.txt: error: is a link to a file outside themes/: copy the file instead",
        True,
    ),
    "theme-template-linked-to-etc-passwd": (
        _theme_link("templates/page.html"),
        "themes/mine/templates/page.html: error: is a link to a file outside themes/: copy the file instead",
        True,
    ),
    "yaml-10000-open-brackets": (
        _nested("[", ""),
        "content/products/mat-ong.md:4: error: invalid YAML: values nested more than 64 levels deep",
        True,
    ),
    "yaml-10000-nested-lists": (
        _nested("[", "]"),
        "content/products/mat-ong.md:4: error: invalid YAML: values nested more than 64 levels deep",
        True,
    ),
    "certificate-issued-9998-no-expiry": (
        _replace("content/products/mat-ong.md", "issued: 2025-03-01", "issued: 9998-06-01"),
        "content/products/mat-ong.md:16:11: error: certificate.issued: must be from the year 1900 to 2200, got 9998-06-01",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    make, expected, checked = HOSTILE[case]
    make(root)
    check_case(root, expected, capsys)
    if checked:  # check finds it too: what stops the build never passes check
        assert main(["--root", str(root), "-q", "check"]) == 1
        err = capsys.readouterr().err
        assert expected in err.splitlines() and "Traceback" not in err and "root:" not in err, err


# Edits of tests/sites/minimal in one line: file, text, its replacement, the one message expected.
SITE = "content/site.yaml"
PO = "locales/en/LC_MESSAGES/messages.po"
# fmt: off
EDITS = {
    "base-url-query": (SITE, "minimal.example.org/", "minimal.example.org/?ref=x", "content/site.yaml:4:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'https://minimal.example.org/?ref=x'"),
    "base-url-fragment": (SITE, "minimal.example.org/", "minimal.example.org/#top/en/", "content/site.yaml:4:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'https://minimal.example.org/#top/en/'"),
    "rate-infinite": (SITE, "vnd: 25000", "vnd: .inf", "content/site.yaml:13:14: error: exchange_rates.USD.vnd: must be a finite number, got .inf"),
    "rate-not-a-number": (SITE, "vnd: 25000", "vnd: .nan", "content/site.yaml:13:14: error: exchange_rates.USD.vnd: must be a finite number, got .nan"),
    "language-url-short-links": (SITE, "    currency: USD", "    currency: USD\n    url: p", "content/site.yaml:12:5: error: languages.en.url: the URL folder p/ is one the whole site uses (for short links, QR codes, images, search…); choose another"),
    "language-url-images": (SITE, "    currency: USD", "    currency: USD\n    url: images", "content/site.yaml:12:5: error: languages.en.url: the URL folder images/ is one the whole site uses (for short links, QR codes, images, search…); choose another"),
    "language-url-search-index": (SITE, "    currency: USD", "    currency: USD\n    url: pagefind", "content/site.yaml:12:5: error: languages.en.url: the URL folder pagefind/ is one the whole site uses (for short links, QR codes, images, search…); choose another"),
    "language-url-taken": (SITE, "    currency: USD", "    currency: USD\n    url: vi", "content/site.yaml:12:5: error: languages.en.url: the URL folder vi/ is already vi's: two languages cannot share one"),
    "theme-second-unknown": (SITE, "exchange_rates:", "theme: [default, nope]\nexchange_rates:", "content/site.yaml:12:18: error: theme[1]: unknown theme 'nope': no themes/nope/templates/ folder"),
    "po-nplurals-text": (PO, "nplurals=2;", "nplurals=abc;", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (got 'abc'), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-nplurals-zero": (PO, "nplurals=2;", "nplurals=0;", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (got '0'), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-plural-expression": (PO, "plural=(n != 1)", "plural=(n !!= 1)", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: the plural expression is not one gettext understands, got '(n !!= 1)', e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-charset": (PO, "charset=utf-8", "charset=klingon", "locales/en/LC_MESSAGES/messages.po:16: error: Content-Type: the charset must be UTF-8 (catalogs are UTF-8 text), got 'klingon'"),
    "content-po-charset": ("locales/en/LC_MESSAGES/content.po", "charset=utf-8", "charset=latin-1", "locales/en/LC_MESSAGES/content.po:16: error: Content-Type: the charset must be UTF-8 (catalogs are UTF-8 text), got 'latin-1'"),
    "producer-draft": ("content/producers/htx-mau.md", "kind:", "draft: true\nkind:", "content/experiences/vuon-vai.md:8:1: error: producer: producer 'htx-mau' is a draft (content/producers/htx-mau.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too\ncontent/products/mat-ong.md:6:1: error: producer: producer 'htx-mau' is a draft (content/producers/htx-mau.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too"),
    "experience-draft": ("content/experiences/vuon-vai.md", "---\nname:", "---\ndraft: true\nname:", "content/products/mat-ong.md:20:15: error: experiences[0]: experience 'vuon-vai' is a draft (content/experiences/vuon-vai.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too"),
    "site-title-empty": (SITE, "title:\n  vi: Sản phẩm mẫu\n  en: Sample products", "title: {}", "content/site.yaml:1:1: error: title: needs a title in the source language 'vi'"),
    "site-languages-empty": (SITE, "languages:\n  vi:\n    name: Tiếng Việt\n  en:\n    name: English\n    currency: USD", "languages: {}", "content/site.yaml:2:3: error: title.vi: 'vi' is not one of the site's languages ()\ncontent/site.yaml:3:3: error: title.en: 'en' is not one of the site's languages ()\ncontent/site.yaml:5:1: error: source_language: 'vi' is not one of the site's languages ()"),
    "site-language-name-list": (SITE, "name: English", "name: [English]", "content/site.yaml:10:11: error: languages.en.name: expected a text, got a list"),
    "site-currency-lowercase": (SITE, "currency: USD", "currency: usd", "content/site.yaml:11:15: error: languages.en.currency: expected an ISO 4217 currency code, got 'usd'"),
    "site-rate-negative": (SITE, "vnd: 25000", "vnd: -5", "content/site.yaml:13:14: error: exchange_rates.USD.vnd: must be from 1e-09 to inf, got -5"),
    "site-rate-date-impossible": (SITE, "date: 2026-01-15", "date: 2026-02-30", "content/site.yaml:13:27: error: exchange_rates.USD.date: '2026-02-30' is not a real date"),
    "site-base-url-javascript": (SITE, "https://minimal.example.org/", "javascript:alert(1)", "content/site.yaml:4:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'javascript:alert(1)'"),
    "site-base-url-space": (SITE, "https://minimal.example.org/", "'https://minimal example.org/'", "content/site.yaml:4:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'https://minimal example.org/'"),
    "site-base-url-ftp": (SITE, "https://minimal.example.org/", "ftp://minimal.example.org/", "content/site.yaml:4:11: error: base_url: expected an http(s) URL without ?query or #fragment (pages are found under it), got 'ftp://minimal.example.org/'"),
    "site-source-language-list": (SITE, "source_language: vi", "source_language: [vi]", "content/site.yaml:5:18: error: source_language: expected a language code, got a list"),
    "site-dir-sideways": (SITE, "    currency: USD", "    currency: USD\n    dir: sideways", "content/site.yaml:12:10: error: languages.en.dir: unknown value 'sideways'; expected one of ltr, rtl"),
    "site-publish-always": (SITE, "    currency: USD", "    currency: USD\n    publish: always", "content/site.yaml:12:14: error: languages.en.publish: unknown value 'always'; expected one of reviewed, drafts"),
    "site-engine-unknown": (SITE, "exchange_rates:", "translation: {engine: babelfish}\nexchange_rates:", "content/site.yaml:12:23: error: translation.engine: unknown value 'babelfish'; expected one of google, deepl, microsoft, libre, mymemory, pseudo, opencc"),
    "site-batch-zero": (SITE, "exchange_rates:", "translation: {batch: 0}\nexchange_rates:", "content/site.yaml:12:22: error: translation.batch: must be from 1 to 1000, got 0"),
    "site-libre-url-file": (SITE, "exchange_rates:", "translation: {libre_url: 'file:///etc/passwd'}\nexchange_rates:", "content/site.yaml:12:26: error: translation.libre_url: expected an http(s) URL, got 'file:///etc/passwd'"),
    "site-theme-dotdot": (SITE, "exchange_rates:", "theme: ../../etc\nexchange_rates:", "content/site.yaml:12:8: error: theme: expected a theme name, got '../../etc'"),
    "site-title-unknown-language": (SITE, "  en: Sample products", "  en: Sample products\n  xx: X", "content/site.yaml:4:3: error: title.xx: 'xx' is not one of the site's languages (vi, en)"),
    "site-rate-not-mapping": (SITE, "USD: {vnd: 25000, date: 2026-01-15}", "USD: 5", "content/site.yaml:13:8: error: exchange_rates.USD: expected a mapping, got int 5"),
    "site-pivot-unknown": (SITE, "exchange_rates:", "translation: {pivot: de}\nexchange_rates:", "content/site.yaml:12:15: error: translation.pivot: 'de' is not one of the site's languages"),
    "stars-bool": ("content/products/mat-ong.md", "stars: 3", "stars: true", "content/products/mat-ong.md:4:8: error: stars: expected 3, 4 or 5 (OCOP stars), got bool True"),
    "stars-quoted": ("content/products/mat-ong.md", "stars: 3", "stars: \"5\"", "content/products/mat-ong.md:4:8: error: stars: expected 3, 4 or 5 (OCOP stars), got str '5'"),
    "category-capitalised": ("content/products/mat-ong.md", "category: food", "category: Food", "content/products/mat-ong.md:5:11: error: category: unknown value 'Food' (did you mean 'food'?); expected one of food, beverages, herbal, handicrafts, ornamental, tourism"),
    "price-min-text": ("content/products/mat-ong.md", "min: 150000", "min: nhiều", "content/products/mat-ong.md:12:14: error: price.min: expected a whole number, got str 'nhiều'"),
    "price-currency-lowercase": ("content/products/mat-ong.md", "currency: VND", "currency: vnd", "content/products/mat-ong.md:12:45: error: price.currency: expected an ISO 4217 currency code, got 'vnd'"),
    "price-infinite": ("content/products/mat-ong.md", "max: 200000", "max: .inf", "content/products/mat-ong.md:12:27: error: price.max: expected a whole number, got float inf"),
    "geo-not-a-number": ("content/products/mat-ong.md", "geo: [21.38, 106.55]", "geo: [.nan, 106.55]", "content/products/mat-ong.md:10:9: error: origin.geo[0]: must be a finite number, got .nan"),
    "season-text": ("content/products/mat-ong.md", "season: [3, 4]", "season: \"3\"", "content/products/mat-ong.md:11:9: error: season: expected a list of a month number, got str '3'"),
    "image-src-empty": ("content/products/mat-ong.md", "src: mat-ong.svg", "src: \"\"", "content/products/mat-ong.md:18:10: error: images[0].src: must not be empty"),
    "image-src-backslash": ("content/products/mat-ong.md", "src: mat-ong.svg", "src: \"..\\\\..\\\\site.yaml\"", "content/products/mat-ong.md:18:10: error: images[0].src: expected a file name under content/images/, got '..\\\\..\\\\site.yaml'"),
    "image-src-url": ("content/products/mat-ong.md", "src: mat-ong.svg", "src: https://evil.example/x.png", "content/products/mat-ong.md:18:10: error: images[0].src: expected a file name under content/images/, got 'https://evil.example/x.png'"),
    "image-alt-empty": ("content/products/mat-ong.md", "alt: Hũ mật ong", "alt: \"  \"", "content/products/mat-ong.md:19:10: error: images[0].alt: must not be empty"),
    "certificate-issued-text": ("content/products/mat-ong.md", "issued: 2025-03-01", "issued: đầu năm", "content/products/mat-ong.md:16:11: error: certificate.issued: expected a date written YYYY-MM-DD, got str 'đầu năm'"),
    "shop-url-data": ("content/products/mat-ong.md", "url: https://shop.example.com/mat-ong", "url: 'data:text/html,<script>alert(1)</script>'", "content/products/mat-ong.md:23:10: error: shops[0].url: expected an http(s) URL, got 'data:text/html,<script>alert(1)</script>'"),
    "shop-url-protocol-relative": ("content/products/mat-ong.md", "url: https://shop.example.com/mat-ong", "url: //evil.example/x", "content/products/mat-ong.md:23:10: error: shops[0].url: expected an http(s) URL, got '//evil.example/x'"),
    "producer-list": ("content/products/mat-ong.md", "producer: htx-mau", "producer: [htx-mau]", "content/products/mat-ong.md:6:11: error: producer: expected a slug (lowercase ASCII letters, digits and hyphens), got a list"),
    "experiences-text": ("content/products/mat-ong.md", "experiences: [vuon-vai]", "experiences: vuon-vai", "content/products/mat-ong.md:20:14: error: experiences: expected a list of a slug (lowercase ASCII letters, digits and hyphens), got str 'vuon-vai'"),
    "name-spaces": ("content/products/mat-ong.md", "name: Mật ong hoa vải", "name: \"   \"", "content/products/mat-ong.md:2:7: error: name: must not be empty"),
    "name-null": ("content/products/mat-ong.md", "name: Mật ong hoa vải", "name: null", "content/products/mat-ong.md:2:7: error: name: expected a text, got nothing"),
    "summary-too-long": ("content/products/mat-ong.md", "summary: Mật ong từ hoa vải.", "summary: " + "Mật ong. " * 200, "content/products/mat-ong.md:3:10: error: summary: is too long (1799 characters, at most 400)"),
    "stars-misspelt": ("content/products/mat-ong.md", "stars: 3", "stras: 3", "content/products/mat-ong.md:2:1: error: stars: is required\ncontent/products/mat-ong.md:4:1: error: stras: unknown key (did you mean 'stars'?)"),
    "featured-yes-text": ("content/products/mat-ong.md", "stars: 3", "stars: 3\nfeatured: 'yes'", "content/products/mat-ong.md:5:11: error: featured: expected true or false, got str 'yes'"),
    "producer-kind-coop": ("content/producers/htx-mau.md", "kind: cooperative", "kind: co-op", "content/producers/htx-mau.md:3:7: error: kind: unknown value 'co-op'; expected one of cooperative, company, household, enterprise"),
    "producer-website-javascript": ("content/producers/htx-mau.md", "website: https://mau.example.com", "website: javascript:alert(1)", "content/producers/htx-mau.md:7:12: error: contact.website: expected an http(s) URL, got 'javascript:alert(1)'"),
    "producer-phone-list": ("content/producers/htx-mau.md", "phone: \"+84 000 000 000\"", "phone: [1, 2]", "content/producers/htx-mau.md:5:10: error: contact.phone: expected a phone number, got a list"),
    "experience-kind-unknown": ("content/experiences/vuon-vai.md", "kind: site", "kind: party", "content/experiences/vuon-vai.md:3:7: error: kind: unknown value 'party'; expected one of site, tour, festival, itinerary"),
    "experience-season-month-0": ("content/experiences/vuon-vai.md", "season: [6]", "season: [0]", "content/experiences/vuon-vai.md:4:10: error: season[0]: must be from 1 to 12, got 0"),
    "po-msgstr-missing": (PO, "msgid \"Page not found\"\nmsgstr \"\"", "msgid \"Page not found\"", "locales/en/LC_MESSAGES/messages.po:20: error: invalid .po file: missing msgstr for msgid 'Page not found'"),
    "po-msgctxt-unclosed": (PO, "msgid \"Page not found\"", "msgctxt \"x\nmsgid \"Page not found\"", "locales/en/LC_MESSAGES/messages.po:21: error: msgctxt: the string is not closed by a double quote"),
    "po-nplurals-missing": (PO, "nplurals=2; plural=(n != 1);", "plural=(n != 1);", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (it is missing), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-nplurals-seven": (PO, "nplurals=2;", "nplurals=7;", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (got '7'), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-garbage-line": (PO, "msgid \"Page not found\"", "hello\nmsgid \"Page not found\"", "locales/en/LC_MESSAGES/messages.po:21: error: not a .po line: 'hello'"),
    "content-po-garbage-line": ("locales/en/LC_MESSAGES/content.po", "msgid \"\"", "bonjour\nmsgid \"\"", "locales/en/LC_MESSAGES/content.po:5: error: not a .po line: 'bonjour'"),
    "po-plural-expression-python": (PO, "plural=(n != 1)", "plural=__import__('os').system('id')", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: the plural expression is not one gettext understands, got \"__import__('os').system('id')\", e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
}
# fmt: on


@pytest.mark.parametrize("case", sorted(EDITS))
def test_edited_invalid_case(case, built_minimal, tmp_path, capsys):
    root = tmp_path / "site"
    shutil.copytree(built_minimal, root, symlinks=True)
    name, old, new, expected = EDITS[case]
    text = (root / name).read_text(encoding="utf-8")
    assert old in text, f"{case}: {old!r} is not in {name}"
    (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    check_case(root, expected, capsys)
