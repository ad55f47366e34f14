"""The bad-input corpus: tests/sites/invalid/<case>/ changes tests/sites/minimal in one way
(files/ to add or replace, delete to remove). Each case must give exactly one clear
path:line message (its expected file), exit 1 with no traceback, and leave the published
public/ and every catalog byte-for-byte as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalogue.commands.cli import main

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
    assert len(CASES) + len(GENERATED) >= 60


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
    def make(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


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
    "language-url-short-links": (SITE, "    currency: USD", "    currency: USD\n    url: p", "content/site.yaml:12:5: error: languages.en.url: the URL folder p/ is the site's own (404.html, _redirects, _translations, assets, images, p, pagefind, qr, robots.txt, sitemap.xml); choose another"),
    "language-url-images": (SITE, "    currency: USD", "    currency: USD\n    url: images", "content/site.yaml:12:5: error: languages.en.url: the URL folder images/ is the site's own (404.html, _redirects, _translations, assets, images, p, pagefind, qr, robots.txt, sitemap.xml); choose another"),
    "language-url-search-index": (SITE, "    currency: USD", "    currency: USD\n    url: pagefind", "content/site.yaml:12:5: error: languages.en.url: the URL folder pagefind/ is the site's own (404.html, _redirects, _translations, assets, images, p, pagefind, qr, robots.txt, sitemap.xml); choose another"),
    "language-url-taken": (SITE, "    currency: USD", "    currency: USD\n    url: vi", "content/site.yaml:12:5: error: languages.en.url: the URL folder vi/ is already vi's: two languages cannot share one"),
    "theme-second-unknown": (SITE, "exchange_rates:", "theme: [default, nope]\nexchange_rates:", "content/site.yaml:12:18: error: theme[1]: unknown theme 'nope': no themes/nope/templates/ folder"),
    "po-nplurals-text": (PO, "nplurals=2;", "nplurals=abc;", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (got 'abc'), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-nplurals-zero": (PO, "nplurals=2;", "nplurals=0;", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: nplurals must be a whole number from 1 to 6 (got '0'), e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-plural-expression": (PO, "plural=(n != 1)", "plural=(n !!= 1)", "locales/en/LC_MESSAGES/messages.po:14: error: Plural-Forms: the plural expression is not one gettext understands, got '(n !!= 1)', e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""),
    "po-charset": (PO, "charset=utf-8", "charset=klingon", "locales/en/LC_MESSAGES/messages.po:16: error: Content-Type: the charset must be UTF-8 (catalogs are UTF-8 text), got 'klingon'"),
    "content-po-charset": ("locales/en/LC_MESSAGES/content.po", "charset=utf-8", "charset=latin-1", "locales/en/LC_MESSAGES/content.po:16: error: Content-Type: the charset must be UTF-8 (catalogs are UTF-8 text), got 'latin-1'"),
    "producer-draft": ("content/producers/htx-mau.md", "kind:", "draft: true\nkind:", "content/experiences/vuon-vai.md:8:1: error: producer: producer 'htx-mau' is a draft (content/producers/htx-mau.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too\ncontent/products/mat-ong.md:6:1: error: producer: producer 'htx-mau' is a draft (content/producers/htx-mau.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too"),
    "experience-draft": ("content/experiences/vuon-vai.md", "---\nname:", "---\ndraft: true\nname:", "content/products/mat-ong.md:20:15: error: experiences[0]: experience 'vuon-vai' is a draft (content/experiences/vuon-vai.md has draft: true), so this entry cannot be published; publish it, or mark this entry as a draft too"),
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
