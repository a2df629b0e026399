"""The Linux installer end to end: build the one-folder app and the .deb, install it on
this machine, run ``webphone --version`` and ``--self-test`` from the installed files,
check the desktop integration, and remove it without leftovers."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import webphone

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(1800)


def _need(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def _run(*command: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def deb() -> Path:
    _need(shutil.which("dpkg-deb") is not None, "dpkg-deb is needed to build the .deb")
    built = _run("bash", str(ROOT / "packaging" / "build-linux.sh"), cwd=ROOT, timeout=1500)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    arch = _run("dpkg", "--print-architecture").stdout.strip()
    path = ROOT / "dist" / f"webphone_{webphone.__version__}_{arch}.deb"
    assert path.is_file(), f"{path} was not built"
    return path


def test_the_deb_installs_runs_and_removes_cleanly(deb: Path) -> None:
    _need(os.geteuid() == 0, "installing the .deb needs root")
    info = _run("dpkg-deb", "--field", str(deb), "Package", "Version", "Depends")
    assert "Package: webphone" in info.stdout
    assert f"Version: {webphone.__version__}" in info.stdout
    assert "libportaudio2" in info.stdout

    installed = _run("dpkg", "-i", str(deb))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        version = _run("/usr/bin/webphone", "--version", env=env, timeout=60)
        assert version.returncode == 0, version.stderr
        assert version.stdout.strip() == f"webphone {webphone.__version__}"
        selftest = _run("/usr/bin/webphone", "--self-test", env=env, timeout=120)
        assert selftest.returncode == 0, selftest.stdout + selftest.stderr
        assert selftest.stdout.strip().splitlines()[-1] == "self-test passed"
        assert "echo call: audio came back" in selftest.stdout

        desktop = Path("/usr/share/applications/webphone.desktop").read_text(encoding="utf-8")
        for scheme in ("tel", "sip", "sips", "callto"):
            assert f"x-scheme-handler/{scheme};" in desktop
        assert "Exec=webphone %u" in desktop
        for size in (16, 48, 256):
            assert Path(f"/usr/share/icons/hicolor/{size}x{size}/apps/webphone.png").is_file()
        shipped = Path("/opt/webphone/_internal/share/webphone")
        assert (shipped / "resources" / "tones" / "ringtone.wav").is_file()
        assert (shipped / "translations" / "webphone_de.qm").is_file()
    finally:
        removed = _run("dpkg", "--purge", "webphone")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not Path("/opt/webphone").exists()
    assert not Path("/usr/bin/webphone").exists()
    assert not Path("/usr/share/applications/webphone.desktop").exists()
    listed = _run("dpkg-query", "-W", "-f=${Status}", "webphone")
    assert "install ok installed" not in listed.stdout
