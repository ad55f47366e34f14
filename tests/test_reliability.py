"""Reliability and security: builds killed at random keep the previous site; builds are
byte-identical whatever the hash seed; hostile text in content, Markdown and catalogs never
runs in the pages; keys never leak."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue.commands.cli import main

from .conftest import PAYLOAD, ROOT

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


def test_a_killed_build_leaves_the_previous_site_complete(sample_copy):
    public = sample_copy / "public"
    assert build(sample_copy, public).returncode == 0
    before = tree(public)
    rng = random.Random(7)
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(sample_copy), "-q", "build", "--force"]
    for _ in range(4):
        process = subprocess.Popen(command, env=dict(os.environ, SOURCE_DATE_EPOCH="1781481600"), stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree(public) == before  # the same inputs: complete, and the same bytes
    assert build(sample_copy, public).returncode == 0
    assert tree(public) == before
    assert not list(sample_copy.glob(".public.*"))  # leftovers of killed builds were cleaned


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


def test_every_page_carries_a_content_security_policy(hostile_site):
    for page in list(hostile_site.rglob("*.html"))[:200]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if page.name != "index.html" or "_translations" not in str(page):
            assert policy is not None and "script-src 'self'" in policy["content"], page


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


def test_keys_never_reach_pages_or_catalogs(multilingual, monkeypatch, capsys):
    monkeypatch.setenv("DEEPL_API_KEY", "deepl-secret-987")
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "libre-secret-654")
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
