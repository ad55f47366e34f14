"""The command line as users run it: python build.py, the catalogue command, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from catalogue.commands.cli import main

from .conftest import ROOT, write_files


def run(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True)


def test_build_from_the_site_folder(multilingual):
    result = run(cwd=multilingual)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Built 186 pages in 3 languages")
    assert (multilingual / "public/en/products/my-chu/index.html").is_file()


def test_quiet_build_with_root_and_out(multilingual, tmp_path):
    result = run("build", "--root", str(multilingual), "--out", str(tmp_path / "site"), "-q", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "site/index.html").is_file()


def test_problems_exit_1_without_traceback(multilingual):
    write_files(multilingual, {"content/products/bad.md": "---\nname: X\n---\n"})
    result = run(cwd=multilingual)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/products/bad.md:2:1: error: stars: is required" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("frobnicate", cwd=tmp_path).returncode == 2


def test_installed_command_has_the_same_arguments(multilingual):
    command = shutil.which("catalogue")
    args = [command] if command else [sys.executable, "-m", "catalogue"]
    result = subprocess.run([*args, "--root", str(multilingual), "extract"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("Extracted ")


def test_a_rebuild_with_nothing_changed_does_nothing(multilingual):
    assert run("-q", cwd=multilingual).returncode == 0
    index = multilingual / "public/en/index.html"
    before = index.stat().st_mtime_ns
    again = run(cwd=multilingual)
    assert again.returncode == 0 and "Nothing changed since the last build" in again.stderr
    assert index.stat().st_mtime_ns == before
    product = multilingual / "content/products/my-chu.md"
    product.write_text(product.read_text(encoding="utf-8").replace("stars: 4", "stars: 5"), encoding="utf-8")
    changed = run(cwd=multilingual)
    assert changed.stderr.strip().splitlines()[-1].startswith("Built ")
    assert 'aria-label="5 stars"' in (multilingual / "public/en/products/my-chu/index.html").read_text(encoding="utf-8")
    assert run("build", "--force", cwd=multilingual).stderr.strip().splitlines()[-1].startswith("Built ")


def test_a_missing_site_folder_is_named(tmp_path, capsys):
    assert main(["build", "--root", str(tmp_path / "nowhere")]) == 1
    assert (
        capsys.readouterr().err
        == f"{tmp_path / 'nowhere'}: error: no such folder (the site folder, given by --root or the current folder)\n"
    )


def test_a_coverage_over_100_percent_is_refused(multilingual, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--root", str(multilingual), "status", "--min-coverage", "101"])
    assert stop.value.code == 2 and "must be a percentage from 0 to 100" in capsys.readouterr().err


def test_extract_counts_the_files_it_changed_in_words(multilingual):
    assert run("extract", cwd=multilingual).returncode == 0
    assert run("extract", cwd=multilingual).stderr.rstrip().endswith("; 0 files changed.")
    catalog = multilingual / "locales/en/LC_MESSAGES/content.po"
    catalog.write_bytes(catalog.read_bytes().rstrip(b"\n"))  # an editor that drops the last newline
    assert run("extract", cwd=multilingual).stderr.rstrip().endswith("; 1 file changed.")


@pytest.mark.parametrize("command", ["extract", "status"])
def test_a_translators_command_does_not_load_the_build_or_the_server(multilingual, command):
    """Each command imports what it runs: ``extract`` and ``status`` start without the build's
    pipeline, the server or the machine-translation services (0.3 s of every run)."""
    code = (
        "import sys; from catalogue.commands.cli import main; "
        f"code = main([{command!r}, '--root', {str(multilingual)!r}, '-q']); "
        "print(sorted(m for m in ('catalogue.publish.pipeline', 'catalogue.commands.serve', 'catalogue.mt.translate') if m in sys.modules)); "
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
