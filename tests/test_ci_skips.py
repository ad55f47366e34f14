"""Under CI=true no test passes by skipping: tests/conftest.py turns every skip into a failure."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

SKIPPING = """\
import pytest

from tests.conftest import require_tool


def test_needs_a_tool():
    require_tool("no-such-tool-anywhere")


@pytest.mark.skipif(True, reason="a mark")
def test_marked():
    pass


def test_runs():
    pass
"""


def run(tmp_path, ci: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_skipping.py").write_text(SKIPPING, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", "--rootdir", str(tmp_path)]
    environment = {**os.environ, "CI": ci, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*command, str(tmp_path / "test_skipping.py")], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_a_skip_passes_on_a_laptop(tmp_path):
    result = run(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout


def test_a_skip_fails_under_ci(tmp_path):
    result = run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed, 1 error" in result.stdout  # a skip mark acts in setup: an error
    assert "skipped under CI=true, which must run every test: no-such-tool-anywhere is not installed" in result.stdout
    assert "skipped under CI=true, which must run every test: a mark" in result.stdout
