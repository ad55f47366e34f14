"""Reliability and security: builds killed at random keep the previous site; builds are
byte-identical whatever the hash seed; hostile text in content, Markdown and catalogs never
runs in the pages; keys never leak."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.commands.cli import main
from catalogue.publish.writer import SiteWriter

from .conftest import PAYLOAD, PRODUCT, ROOT, SITE_YAML

OWN_SCRIPTS = ("/assets/", "/pagefind/")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1781481600", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(root), "-q", "build", "--out", str(out)],
        env=environment,
        capture_output=True,
        text=True,
    )


def test_builds_are_byte_identical_whatever_the_hash_seed(sample_copy, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(sample_copy, first, PYTHONHASHSEED="1").returncode == 0
    assert build(sample_copy, second, PYTHONHASHSEED="4242").returncode == 0
    assert tree(first) == tree(second)


def _kill_when(command: list[str], ready) -> bool:
    """Run ``command`` and kill -9 it the moment ``ready(pid)`` holds; False if it ended first."""
    process = subprocess.Popen(command, env=dict(os.environ, SOURCE_DATE_EPOCH="1781481600"), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if ready(process.pid):
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    process.kill()
    process.wait()
    return False


def test_a_build_killed_while_writing_or_just_after_the_swap_leaves_a_complete_site(sample_copy):
    """Killed at two chosen moments (each must land, or the test fails): while its pages are
    written, and between the swap and the removal of the previous site."""
    public = sample_copy / "public"
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(sample_copy), "-q", "build", "--force", "--no-search"]
    assert subprocess.run(command, env=dict(os.environ, SOURCE_DATE_EPOCH="1781481600")).returncode == 0
    before = tree(public)
    writing = _kill_when(command, lambda pid: (sample_copy / f".public.build-{pid}/en/products").is_dir())
    assert writing and tree(public) == before
    inode = public.stat().st_ino
    swapped = _kill_when(command, lambda pid: public.stat().st_ino != inode)
    assert swapped and (sample_copy / "public/en/products").is_dir()
    assert subprocess.run([c for c in command if c != "--force"], env=dict(os.environ, SOURCE_DATE_EPOCH="1781481600")).returncode == 0
    assert tree(public) == before
    assert not list(sample_copy.glob(".public.*"))  # leftovers of killed builds were cleaned


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from catalogue.publish import writer
from catalogue.commands.cli import main
writer._exchange = lambda a, b: False  # a system without renameat2: the swap is two renames
rename = os.rename
def rename_then_die(source, target):
    rename(source, target)
    if ".old-" in str(target):  # the site moved aside, the new one not yet in place
        os.kill(os.getpid(), signal.SIGKILL)
writer.os.rename = rename_then_die
sys.exit(main(sys.argv[1:]))
"""


def test_a_build_killed_between_the_two_renames_of_a_plain_swap_is_repaired(make_site):
    root = make_site()
    public = root / "public"
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    before = tree(public)
    command = [sys.executable, "-c", KILL_BETWEEN_RENAMES, "--root", str(root), "-q", "build", "--force", "--no-search"]
    killed = subprocess.run(command, cwd=ROOT, capture_output=True)
    assert killed.returncode == -signal.SIGKILL and not public.exists() and list(root.glob(".public.old-*"))
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0  # up to date: it only puts the site back
    assert tree(public) == before and not list(root.glob(".public.*"))


def test_a_build_that_dies_after_its_swap_leaves_no_stamp_calling_it_up_to_date(make_site, monkeypatch, capsys):
    """Inputs X built; Y swapped in but never stamped; back to X: X must be built again."""
    from catalogue.publish.fingerprint import Fingerprint

    root = make_site()
    product = root / "content/products/my-chu.md"
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    product.write_text(PRODUCT.replace("Mô tả.", "Mô tả mới."), encoding="utf-8")

    def interrupted(self) -> None:  # as if killed between the swap and the stamp
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Fingerprint, "save", interrupted)
        assert main(["--root", str(root), "-q", "build", "--no-search"]) == 130
    assert "Mô tả mới." in (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")
    product.write_text(PRODUCT, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build", "--no-search"]) == 0
    assert "Nothing changed" not in capsys.readouterr().err
    assert "Mô tả mới." not in (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")


def _children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (zombies are dead: only their entry is left)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_build_leaves_no_worker_behind(sample_copy):
    if not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2:
        pytest.skip("needs /proc to see processes, and two cores for the build to start workers")
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(sample_copy), "-q", "build", "--force"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline, workers = time.monotonic() + 60, set()
    while not workers and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.01)
    assert workers, "the build started no worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]


def _named(pids: set[int], prefix: str) -> set[int]:
    found = set()
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/comm").read_text().startswith(prefix):
                found.add(pid)
        except OSError:
            pass
    return found


def test_a_build_killed_while_indexing_leaves_no_indexer_behind(sample_copy):
    """Pagefind is stopped first, so that only the kernel can end it: an orphan would stay."""
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(sample_copy), "-q", "build", "--force"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline, indexers = time.monotonic() + 120, set()
    while not indexers and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)  # Pagefind runs in the build's workers, or in the build itself
        indexers = _named(workers | {child for worker in workers for child in _children(worker)}, "pagefind")
        time.sleep(0.005)
    assert indexers, "the build never ran Pagefind"
    try:
        for pid in indexers:
            os.kill(pid, signal.SIGSTOP)
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, indexers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in indexers if _alive(pid)], "Pagefind outlived the build"
    finally:
        for pid in indexers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10  # the workers die with the build, but may finish a write first
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    SiteWriter(sample_copy / "public").remove_stale()  # nothing holds the dead build's folder any more
    assert not list(sample_copy.glob(".public.*"))


def test_nothing_hostile_reaches_the_pages(hostile_site):
    checked = 0
    for page in hostile_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            src = script.get("src", "")
            assert script.get("type") == "application/ld+json" or src.startswith(OWN_SCRIPTS), (page, script)
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (page, element)
                if name in ("href", "src", "action", "data"):
                    assert not str(value).strip().lower().startswith(("javascript:", "data:", "vbscript:")), (page, element)
        assert not soup.find_all(["iframe", "object", "embed", "style", "svg"]), page
        checked += 1
    assert checked > 500


def test_json_ld_cannot_be_closed_by_text(hostile_site):
    html = (hostile_site / "en/products/vai-thieu-luc-ngan/index.html").read_text(encoding="utf-8")
    blocks = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    product = next(json.loads(b.string) for b in blocks if '"Product"' in b.string)
    assert product["name"] == PAYLOAD  # the text is kept as text
    assert "</script><script>" not in html.split('type="application/ld+json"', 1)[1].split("</script>", 1)[0]


CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def test_every_page_carries_a_content_security_policy(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    policies = {page: CSP.search(page.read_text(encoding="utf-8")) for page in pages}
    assert len(pages) > 500
    assert [page for page, found in policies.items() if not found or "script-src 'self'" not in html.unescape(found.group(1))] == []


def test_hostile_translations_are_refused(multilingual, capsys):
    for path, msgid in (("locales/en/LC_MESSAGES/content.po", "Vải thiều"), ("locales/fr/LC_MESSAGES/messages.po", "Products")):
        po = multilingual / path
        original = po.read_text(encoding="utf-8")
        lines = original.split("\n")
        index = lines.index(f'msgid "{msgid}"')
        lines[index + 1] = 'msgstr "<script>alert(1)</script>"'
        po.write_text("\n".join(lines), encoding="utf-8")
        assert main(["--root", str(multilingual), "build"]) == 1
        err = capsys.readouterr().err
        assert (
            f"{path}:{index + 1}: error: markup, link or placeholder differs from the source (lost [], added ['</script>', '<script>'])"
            in err
        )
        po.write_text(original, encoding="utf-8")


def test_attribute_breakout_in_a_translation_is_escaped(multilingual):
    po = multilingual / "locales/en/LC_MESSAGES/content.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "A bundle of dried noodles"', 'msgstr "\\" onmouseover=\\"alert(1)\\" x=\\""'),
        encoding="utf-8",
    )
    assert main(["--root", str(multilingual), "-q", "build"]) == 0
    soup = BeautifulSoup((multilingual / "public/en/products/my-chu/index.html").read_text(encoding="utf-8"), "html.parser")
    img = soup.select_one(".product figure img")
    assert img["alt"] == '" onmouseover="alert(1)" x="' and "onmouseover" not in img.attrs


def test_keys_never_reach_pages_or_catalogs(multilingual, translation_server, monkeypatch, capsys):
    """The key is used (the server received it) by translate, then nothing shows it."""
    monkeypatch.setenv("LIBRETRANSLATE_URL", translation_server.url)
    monkeypatch.setenv("DEEPL_API_KEY", "deepl-secret-987")
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "libre-secret-654")
    assert main(["--root", str(multilingual), "translate", "--engine", "libre", "--lang", "fr", "--limit", "3"]) == 0
    assert {request.get("api_key") for request in translation_server.requests} == {"libre-secret-654"}
    assert main(["--root", str(multilingual), "build"]) == 0
    assert main(["--root", str(multilingual), "status"]) == 0
    out = capsys.readouterr()
    every = (
        out.out
        + out.err
        + "".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in multilingual.rglob("*")
            if p.is_file() and p.suffix in (".html", ".po", ".pot", ".json", ".xml", ".csv")
        )
    )
    assert "secret" not in every


# Nothing outside the output is ever touched; faults and hostile files end in one line.


def _all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        (".", ".: error: --out: is the site's own folder (or holds it): the build would replace content/, locales/ and themes/"),
        ("..", "error: --out: is the site's own folder (or holds it)"),
        ("content", "content: error: --out: is inside content/, locales/ or themes/: the build would replace what is there"),
        ("content/products", "content/products: error: --out: is inside content/, locales/ or themes/"),
        ("locales/en", "locales/en: error: --out: is inside content/, locales/ or themes/"),
        ("themes", "themes: error: --out: is inside content/, locales/ or themes/"),
        ("README.md", "README.md: error: --out: is a file, not a folder"),
        ("docs", "docs: error: --out: holds files that no build wrote (no .catalogue-build marker): the build would delete them"),
    ],
)
def test_build_out_never_deletes_what_it_did_not_write(out, expected, make_site, capsys):
    root = make_site({"README.md": "# Read me\n", "docs/guide.md": "A guide.\n", "themes/mine/static/x.css": "a{}\n"})
    before = _all_files(root)
    assert main(["--root", str(root), "build", "--no-search", "--out", str(root / out)]) == 1
    err = capsys.readouterr().err
    assert expected in err.splitlines()[0] and "Traceback" not in err, err
    assert _all_files(root) == before
    assert not list(root.parent.glob(".*.build-*")) and not list(root.glob(".*.build-*"))


def test_build_out_replaces_an_empty_folder_and_its_own_builds(make_site, tmp_path):
    root = make_site()
    out = tmp_path / "site-out"
    out.mkdir()
    for _ in range(2):  # empty, then a build of its own (marked)
        assert main(["--root", str(root), "-q", "build", "--no-search", "--force", "--out", str(out)]) == 0
        assert (out / ".catalogue-build").is_file() and (out / "vi/index.html").is_file()


def test_csv_cells_never_start_a_formula(make_site):
    product = PRODUCT.replace("name: Mỳ Chũ", 'name: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"')
    product = product.replace("stars: 4", 'summary: "@SUM(1+1)"\nstars: 4')
    root = make_site({"content/products/my-chu.md": product})
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    import csv

    rows = list(csv.DictReader((root / "public/vi/catalogue.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["name"] == '\'=HYPERLINK("https://evil.example","x")' and rows[0]["summary"] == "'@SUM(1+1)"
    from catalogue.site.exports import neutralised

    assert [neutralised(c) for c in ("+1 day", "-x", "\tx", "\rx", "-21.5", "12", "a=b")] == [
        "'+1 day",
        "'-x",
        "'\tx",
        "'\rx",
        "-21.5",
        "12",
        "a=b",
    ]


SVG_WITH_EXTRAS = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 40 30" inkscape:version="1.3" data-x="1">
  <metadata><rdf>private notes</rdf></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <title>Hũ &amp; mật</title>
  <rect id="r" width="5" height="5" fill="url(#g)" style="fill: url(#g)"/><use xlink:href="#r" x="10"/>
  <text xml:space="preserve" sodipodi:role="line" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd">OCOP</text>
</svg>
"""


def test_images_are_published_decoded_and_rewritten_never_as_they_came(make_site):
    import io

    from PIL import Image

    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # metadata a published photo must not carry
    Image.new("RGB", (64, 48), "green").save(photo, "JPEG", exif=exif.tobytes())
    root = make_site(
        {
            "content/products/my-chu.md": PRODUCT.replace(
                "producer: htx-a", "producer: htx-a\nimages: [{src: a.svg, alt: Hũ}, {src: b.jpg, alt: Ảnh}]"
            ),
        }
    )
    (root / "content/images").mkdir()
    (root / "content/images/a.svg").write_text(SVG_WITH_EXTRAS, encoding="utf-8")
    (root / "content/images/b.jpg").write_bytes(photo.getvalue())
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    images = root / "public/images"
    svg = (images / "a.svg").read_text(encoding="utf-8")
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><defs><linearGradient id="g"><stop offset="0" stop-color="red">'
        '</stop></linearGradient></defs><title>Hũ &amp; mật</title><rect id="r" width="5" height="5" fill="url(#g)" style="fill: url(#g)">'
        '</rect><use href="#r" x="10"></use><text xml:space="preserve">OCOP</text></svg>\n'
    )
    assert sorted(p.name for p in images.iterdir()) == ["a.svg", "b-jpg-64.jpg", "b-jpg-64.webp"]
    assert b"Camera maker" not in (images / "b-jpg-64.jpg").read_bytes() and (images / "b-jpg-64.jpg").read_bytes() != photo.getvalue()
    page = (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")
    assert 'src="/images/a.svg" alt="Hũ" width="40" height="30"' in page


def test_the_content_security_policy_is_also_a_headers_file(make_site):
    from catalogue.site.headers import CONTENT_SECURITY_POLICY

    root = make_site()
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    headers = (root / "public/_headers").read_text(encoding="utf-8").splitlines()
    assert headers[1:] == [
        "/*",
        f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}; frame-ancestors 'self'",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "/images/*",
        "  Content-Security-Policy: default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    ]
    page = (root / "public/vi/index.html").read_text(encoding="utf-8")
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page.replace("&#39;", "'")


def test_every_xml_file_of_the_hostile_site_is_well_formed(hostile_site):
    import defusedxml.ElementTree

    files = [*hostile_site.rglob("*.xml"), *hostile_site.rglob("*.svg")]
    for path in files:
        defusedxml.ElementTree.parse(path)
    assert len(files) > 40


def test_editor_lock_files_are_not_entries(make_site, capsys):
    root = make_site()
    os.symlink("user@host.4242:1700000000", root / "content/products/.#my-chu.md")  # Emacs's lock: a link to nowhere
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    os.symlink("missing.md", root / "content/products/gone.md")
    os.symlink("loop.md", root / "content/products/loop.md")
    assert main(["--root", str(root), "build", "--no-search", "--force"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/products/gone.md: error: is a link to a file that does not exist: remove the link",
        "content/products/loop.md: error: is a link that leads back to itself (a loop): remove it",
        "2 problems found; nothing was written.",
    ]


@pytest.mark.parametrize(
    ("argv", "env", "expected", "status"),
    [
        (["build"], {"SOURCE_DATE_EPOCH": "999999999999"}, "SOURCE_DATE_EPOCH: error: 999999999999 seconds is beyond the year 9999", 1),
        (["check"], {"SOURCE_DATE_EPOCH": "999999999999"}, "SOURCE_DATE_EPOCH: error: 999999999999 seconds is beyond the year 9999", 1),
        (["schema", "--out", "README.md"], {}, "README.md: error: --out: is a file, not a folder: choose a folder", 1),
        (["serve", "--port", "70000"], {}, "catalogue serve: error: argument --port: a port is from 0 to 65535, got 70000", 2),
        (
            ["new", "product", "Táo\nname: x"],
            {},
            "new: error: NAME: must be one line: it holds the control character U+000A (a line break)",
            1,
        ),
    ],
)
def test_wrong_settings_are_one_line(argv, env, expected, status, make_site, monkeypatch, capsys):
    root = make_site({"README.md": "# Read me\n"})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        assert main(["--root", str(root), *argv]) == status
    except SystemExit as exit:  # argparse's usage errors
        assert exit.code == status
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err
    assert (root / "README.md").read_text(encoding="utf-8") == "# Read me\n"


def test_a_port_in_use_is_one_line(make_site, capsys):
    import socket

    root = make_site()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(root), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}: error: cannot serve there: Address already in use (--port 0 picks a free port)" in err


def _no_space(after: int):
    """Path.write_bytes that fills the disk after ``after`` files written in a build's folder
    (a failed write() names no file, as the kernel's ENOSPC does not)."""
    import errno
    import pathlib

    write = pathlib.Path.write_bytes
    count = [0]

    def write_bytes(self, data):
        if ".build-" in str(self):
            count[0] += 1
            if count[0] > after:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write(self, data)

    return write_bytes


def test_a_full_disk_during_build_is_one_line_and_keeps_the_site(make_site, monkeypatch, capsys):
    import pathlib

    root = make_site()
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    before = tree(root / "public")
    monkeypatch.setattr(pathlib.Path, "write_bytes", _no_space(after=5))
    assert main(["--root", str(root), "build", "--no-search", "--force"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(".public.build-") and lines[0].endswith(": error: No space left on device"), lines
    assert tree(root / "public") == before
    assert not list(root.glob(".public.*"))


def test_a_read_only_output_is_one_line_and_leaves_no_folder(make_site, monkeypatch, capsys):
    root = make_site()
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    before = tree(root / "public")
    for path in [root / "public", *(root / "public").rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    if os.geteuid() == 0:  # root may write anywhere: ask the mode bits, as the kernel would for a user
        real = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: real(path, mode) and bool(os.stat(path).st_mode & 0o200))
    try:
        assert main(["--root", str(root), "build", "--no-search", "--force"]) == 1
    finally:
        for path in [root / "public", *(root / "public").rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert capsys.readouterr().err.strip().splitlines() == [
        "public: error: --out: is read-only: the build could not replace it (nothing was changed)",
        "1 problem found; nothing was written.",
    ]
    assert tree(root / "public") == before
    assert not list(root.glob(".public.*"))


def test_a_file_size_limit_during_extract_is_one_line_and_loses_nothing(multilingual):
    import resource

    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")  # every catalog changes
    before = {p: p.read_bytes() for p in (multilingual / "locales").rglob("*.po*")}

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(multilingual), "extract"],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and lines[0].endswith(": error: File too large"), result.stderr
    assert lines[0].startswith("locales/")
    assert {p: p.read_bytes() for p in (multilingual / "locales").rglob("*.po*")} == before
    assert not [p for p in (multilingual / "locales").rglob("*.tmp")]


def test_a_page_that_fails_in_a_worker_is_one_line(make_site, monkeypatch, capsys):
    from catalogue.render.maker import Maker

    make = Maker.make

    def failing(self, route):
        if route.kind == "product" and route.language == "en":
            raise ZeroDivisionError("division by zero")
        return make(self, route)

    root = make_site()
    monkeypatch.setattr(Maker, "make", failing)
    assert main(["--root", str(root), "build", "--no-search"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "content/products/my-chu.md:2:1: error: /en/products/my-chu/ could not be made (ZeroDivisionError: division by zero); "
        "this is a bug in catalogue, please report it",
        "1 problem found; nothing was written.",
    ]
    assert not (root / "public").exists() and not list(root.glob(".public.*"))


@pytest.mark.parametrize("value", ["yesterday", "2026-06-15", "1.5e9", "１２３", "--5"])  # a year past 9999: above
def test_a_build_date_that_is_not_one_is_an_error(make_site, monkeypatch, capsys, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    root = make_site()
    for command in ("build", "check", "extract"):
        assert main(["--root", str(root), "-q", command]) == 1
        err = capsys.readouterr().err
        assert err.startswith("SOURCE_DATE_EPOCH: error: must be the build date in whole seconds since 1970") and "Traceback" not in err
    assert not (root / "public").exists() and not (root / "locales").exists()


def test_a_bidirectional_override_is_warned_of_with_its_line(make_site, capsys):
    root = make_site({"content/products/my-chu.md": PRODUCT.replace("name: Mỳ Chũ", "name: Mỳ \u202eũhC")})
    assert main(["--root", str(root), "check"]) == 0
    assert "content/products/my-chu.md:2:10: warning: invisible U+202E RIGHT-TO-LEFT OVERRIDE" in capsys.readouterr().err
    assert main(["--root", str(root), "check", "--strict"]) == 1


def test_two_photos_of_one_name_keep_their_own_renditions(make_site):
    from PIL import Image

    photos = {"red": (200, 0, 0), "blue": (0, 0, 200)}
    second = PRODUCT.replace("name: Mỳ Chũ", "name: Gạo").replace("\n---\n", "\nimages:\n  - {src: x.jpg, alt: Gạo}\n---\n", 1)
    first = PRODUCT.replace("\n---\n", "\nimages:\n  - {src: x.png, alt: Mỳ}\n---\n", 1)
    root = make_site({"content/products/my-chu.md": first, "content/products/gao.md": second})
    (root / "content/images").mkdir()
    Image.new("RGB", (600, 400), photos["red"]).save(root / "content/images/x.png")
    Image.new("RGB", (600, 400), photos["blue"]).save(root / "content/images/x.jpg")
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
    for slug, colour in (("my-chu", "red"), ("gao", "blue")):
        page = BeautifulSoup((root / f"public/vi/products/{slug}/index.html").read_text(encoding="utf-8"), "html.parser")
        for source in page.select("main picture source, main picture img"):
            for candidate in (source.get("srcset") or source["src"]).split(","):
                name = candidate.split()[0].rsplit("/", 1)[-1]
                with Image.open(root / "public/images" / name) as image:
                    red, _, blue = image.convert("RGB").getpixel((10, 10))
                    assert (red > blue) == (colour == "red"), (slug, name)


def test_two_routes_at_one_file_name_both_origins(make_site, monkeypatch):
    import datetime as dt

    import catalogue.site.routes as routes
    from catalogue.core.problems import CatalogueError
    from catalogue.site.assemble import prepare

    yaml = SITE_YAML.replace("currency: USD}", "currency: USD, url: p}")
    root = make_site({"content/site.yaml": yaml, "content/products/search.md": PRODUCT})
    monkeypatch.setattr(routes, "SHARED_NAMES", {"qr"})  # as if the language folder check let p/ through
    with pytest.raises(CatalogueError) as caught:
        routes.route_table(prepare(root, dt.date(2026, 6, 15)))
    assert str(caught.value) == (
        "content/products/search.md:2:1: error: the short link of content/products/search.md would be written at "
        "p/search/index.html, where the en search page (content/site.yaml:6) is written; rename one of them"
    )


def test_an_edit_that_keeps_size_and_time_is_built(make_site, capsys):
    """cp -p and rsync -a keep a file's size and modification time: only its bytes tell."""
    root = make_site()
    assert main(["--root", str(root), "build", "--no-search"]) == 0
    product = root / "content/products/my-chu.md"
    before = product.stat()
    product.write_text(PRODUCT.replace("Mô tả.", "Mô tẻ."), encoding="utf-8")
    os.utime(product, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert product.stat().st_size == before.st_size
    capsys.readouterr()
    assert main(["--root", str(root), "build", "--no-search"]) == 0
    assert "Nothing changed" not in capsys.readouterr().err
    assert "Mô tẻ." in (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")


def test_a_dead_builds_folder_is_cleaned_even_when_its_pid_is_reused(make_site):
    import fcntl

    root = make_site()
    dead = root / ".public.build-1"  # pid 1 is alive (init): a reused pid
    (dead / "en").mkdir(parents=True)
    live = root / f".public.build-{os.getpid()}x"
    live.mkdir()
    handle = os.open(live, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX)  # what a running build holds
    try:
        assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0
        assert not dead.exists() and live.is_dir()
    finally:
        os.close(handle)
    assert main(["--root", str(root), "-q", "build", "--no-search"]) == 0  # up to date: cleans too
    assert not live.exists()
