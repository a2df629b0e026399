"""webphone-cli as a user runs it: a real subprocess, secrets from the environment."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
from scripted_server import ScriptedServer

CLI = [sys.executable, "-m", "webphone.cli.main"]


async def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: bytes = b""
) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEBPHONE_")}
    environment["PYTHONPATH"] = os.pathsep.join(["app", environment.get("PYTHONPATH", "")])
    environment.update(env or {})
    process = await asyncio.create_subprocess_exec(
        *CLI,
        *args,
        env=environment,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_login_to_a_server_with_password_from_environment() -> None:
    async with ScriptedServer() as server:
        code, out, err = await run_cli(
            "--server",
            server.url,
            "--domain",
            "example.com",
            "--user",
            "alice",
            "--exit-after-login",
            env={"WEBPHONE_PASSWORD": "pw-from-env"},
        )
    assert code == 0, err
    lines = out.splitlines()
    assert any(line.split()[1:2] == ["onLogin"] for line in lines), out
    assert any('"state": "connected"' in line for line in lines)
    assert "pw-from-env" not in out + err


async def test_no_password_and_no_terminal_is_a_clear_error() -> None:
    async with ScriptedServer() as server:
        code, _out, err = await run_cli("--server", server.url, "--user", "alice")
    assert code == 2
    assert "WEBPHONE_PASSWORD" in err and "keyring" in err


async def test_status_and_quit_commands() -> None:
    async with ScriptedServer() as server:
        code, out, err = await run_cli(
            "--server",
            server.url,
            "--domain",
            "example.com",
            "--user",
            "alice",
            env={"WEBPHONE_PASSWORD": "pw"},
            stdin=b"status\nbogus\nquit\n",
        )
    assert code == 0, err
    assert '"registered": true' in out
    assert "unknown command 'bogus'" in out


@pytest.mark.parametrize("options", ["{not json", "[1, 2]"])
async def test_bad_options_json_is_reported(options: str) -> None:
    code, _out, err = await run_cli(
        "--server",
        "ws://127.0.0.1:9",
        "--user",
        "a",
        "--options",
        options,
        env={"WEBPHONE_PASSWORD": "pw"},
    )
    assert code == 2 and err.startswith("error:")


async def test_demo_service_by_default() -> None:
    code, out, err = await run_cli("--exit-after-login")
    assert code == 0, err
    assert "Local demo service" in out
    assert any(line.split()[1:2] == ["onLogin"] for line in out.splitlines()), out


async def test_play_a_wav_into_an_echo_call_and_record_it(tmp_path) -> None:
    import wave

    import numpy as np

    tone = tmp_path / "tone.wav"
    with wave.open(str(tone), "wb") as wav:  # 1 s of 660 Hz at 16 kHz stereo
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        t = np.arange(16000) / 16000
        mono = (np.sin(2 * np.pi * 660 * t) * 12000).astype(np.int16)
        wav.writeframes(np.repeat(mono, 2).tobytes())
    out = tmp_path / "call.wav"
    code, stdout, err = await run_cli(
        "--play",
        str(tone),
        "--record",
        str(out),
        stdin=b"call echo\nsleep 3\nhangup\nquit\n",
    )
    assert code == 0, err
    assert "onCallAnswered" in stdout and "onCallTerminated" in stdout
    with wave.open(str(out), "rb") as wav:
        assert wav.getframerate() == 48000 and wav.getnchannels() == 1
        heard = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    assert len(heard) > 48000, "at least a second of the call was recorded"
    peak = np.abs(heard.astype(np.int32)).max()
    assert peak > 3000, "our tone came back from the echo bot"


async def test_unreadable_wav_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("not a wav")
    code, _, err = await run_cli("--play", str(bad), "--exit-after-login")
    assert code == 2 and "cannot read WAV" in err
