"""``webphone-cli --self-test``: what an installer runs to prove the installation."""

from __future__ import annotations

import subprocess
import sys

import pytest

import webphone
from webphone.cli import selftest


def test_self_test_passes_and_says_what_it_checked() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "webphone.cli.main", "--self-test"],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Webphone {webphone.__version__} self-test"
    assert any(line.startswith("imported ") and "modules" in line for line in lines)
    assert "logged in as alice" in lines
    assert any(line.startswith("echo call: audio came back") for line in lines)
    assert lines[-1] == "self-test passed"


def test_a_module_that_does_not_import_fails_the_self_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = selftest.importlib.import_module

    def broken(name: str) -> object:
        if name == "webphone.sdk.core.transfer":
            raise ImportError("left out of the build")
        return real(name)

    monkeypatch.setattr(selftest.importlib, "import_module", broken)
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert lines[-1] == (
        "SELF-TEST FAILED: cannot import webphone.sdk.core.transfer: "
        "ImportError('left out of the build')"
    )
