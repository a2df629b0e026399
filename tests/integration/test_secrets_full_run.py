"""A full run at debug level ALL leaves no secret in any file it wrote.

``full_run_child.py`` runs as its own process with HOME and every XDG directory in a
scratch directory: the GUI's log file, crash capture, settings with a TURN server, a
password (digest) login, an echo call through a real TURN relay, a crash, feedback POSTed
with the console logs, a token login. Then every file under the scratch directory — logs,
settings, the insights database with its WAL, what the feedback server received — and the
process's stdout/stderr are searched for each secret: the password, every digest
``response``/``cnonce`` the client sent, the token (and its payload and signature), the
TURN credential. The files must also be private (0600, directories 0700).

``webphone-cli`` gets the same search: a password login with a TURN server given as
``--ice-server``/``--ice-username`` and ``$WEBPHONE_TURN_CREDENTIAL``, an echo call, and
a ``--token`` login, at debug level ALL, each in a scratch HOME.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tests.rig.coturn import Coturn

from webphone.demo.accounts import DEMO_ACCOUNTS, DEMO_JWT_SECRET
from webphone.demo.environment import DEMO_USER
from webphone.sdk.core.token import make_demo_token

CHILD = Path(__file__).with_name("full_run_child.py")
# Directories Webphone creates for the user (platformdirs' names on Linux).
OWN_DIRS = ("config/webphone", "data/webphone", "state/webphone")

pytestmark = pytest.mark.timeout(90)


def _scratch_env(scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEBPHONE_")}
    env.update(
        HOME=str(scratch / "home"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_DATA_HOME=str(scratch / "data"),
        XDG_STATE_HOME=str(scratch / "state"),
        XDG_CACHE_HOME=str(scratch / "cache"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONPATH=os.pathsep.join(
            [str(Path("app").resolve()), str(Path(".").resolve()), env.get("PYTHONPATH", "")]
        ),
    )
    return env


def _leaks(scratch: Path, secrets: dict[str, list[str]], *outputs: bytes) -> list[str]:
    """Each secret found in a file under *scratch* or in the process's *outputs*."""
    blobs = {str(p.relative_to(scratch)): p.read_bytes() for p in scratch.rglob("*") if p.is_file()}
    blobs.update({f"<output {n}>": output for n, output in enumerate(outputs)})
    return [
        f"{kind} {value[:6]}… in {where}"
        for kind, values in secrets.items()
        for value in values
        for where, blob in blobs.items()
        if value.encode() in blob
    ]


def _assert_private(scratch: Path) -> None:
    for own in OWN_DIRS:
        directory = scratch / own
        if not directory.exists():
            continue
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, own
        for path in directory.rglob("*"):
            expected = 0o700 if path.is_dir() else 0o600
            assert stat.S_IMODE(path.stat().st_mode) == expected, str(path)


def test_no_secret_in_any_file_of_a_full_debug_run(tmp_path: Path, coturn: Coturn) -> None:
    scratch, out = tmp_path / "scratch", tmp_path / "out"
    scratch.mkdir()
    out.mkdir()
    turn = coturn.ice_server("udp")
    result = subprocess.run(
        [sys.executable, str(CHILD), str(scratch), str(out), json.dumps(turn)],
        env=_scratch_env(scratch),
        capture_output=True,
        timeout=80,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-4000:]
    secrets: dict[str, list[str]] = json.loads((out / "secrets.json").read_text())

    written = sorted(p for p in scratch.rglob("*") if p.is_file())
    names = {str(p.relative_to(scratch)) for p in written}
    # What the run must have written, or the search below proves little.
    assert "config/webphone/settings.json" in names
    assert "data/webphone/insights.sqlite3" in names
    assert any(n.startswith("state/webphone/log/webphone.log") for n in names), names
    assert any(n.startswith("feedback-received/") for n in names), "the POST arrived"
    log_text = "".join(p.read_text(errors="replace") for p in written if "webphone.log" in p.name)
    assert "REGISTER sip:" in log_text and "INVITE sip:echo@" in log_text, "level ALL dumps SIP"
    assert "Bearer" in log_text and "Digest" in log_text, "both logins were logged"
    assert "Unhandled exception" in log_text, "the crash was logged"

    assert _leaks(scratch, secrets, result.stdout, result.stderr) == []
    _assert_private(scratch)


def test_no_secret_in_any_file_of_a_cli_debug_run(tmp_path: Path, coturn: Coturn) -> None:
    turn = coturn.ice_server("udp")
    token = make_demo_token(DEMO_JWT_SECRET, sub=DEMO_USER, iss="full-run")
    secrets = {
        "password": [DEMO_ACCOUNTS[DEMO_USER]],
        "token": [token, *token.split(".")[1:]],
        "turn": [str(turn["credential"])],
    }
    common = ["-m", "webphone.cli.main", "--options", '{"debug": "ALL"}']
    runs = [
        [
            *common,
            "--ice-server",
            str(turn["urls"][0]),  # type: ignore[index]
            "--ice-username",
            str(turn["username"]),
        ],
        [*common, "--token", "--exit-after-login"],
    ]
    outputs: list[bytes] = []
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = _scratch_env(scratch)
    env.update(WEBPHONE_TURN_CREDENTIAL=str(turn["credential"]), WEBPHONE_TOKEN=token)
    for args in runs:
        result = subprocess.run(
            [sys.executable, *args],
            env=env,
            input=b"call echo\nsleep 2\nhangup\nsleep 0.5\nquit\n",
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")[-4000:]
        outputs += [result.stdout, result.stderr]
    assert b"onCallAnswered" in outputs[0] and b"onCallTerminated" in outputs[0]
    assert b"onLogin" in outputs[2], "the token login worked"
    assert (scratch / "data/webphone/insights.sqlite3").exists(), "the call was recorded"
    assert _leaks(scratch, secrets, *outputs) == []
    _assert_private(scratch)
