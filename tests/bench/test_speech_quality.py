"""PESQ-WB of speech through a real call: espeak-ng speech sent as a WAV by one Webphone
(``webphone-cli --play``, a process of its own), through the demo service, to a second
client whose far-end audio is played by a device thread pulling every 10 ms (as a
PortAudio callback does) and recorded there.

Two receive pipelines in the same run, on the same sender (Opus at the default 48 kb/s):
ours (pass-through receive buffer + adaptive playout queue with concealment) and stock
aiortc's (its default jitter buffer, frames played in arrival order, silence when there are
none) — with no loss and with 3 % seeded random packet loss on receive. The recording is
aligned to the original by cross-correlation before scoring.

Targets (issue #4): PESQ-WB >= 4.2 at 48 kb/s without loss, >= 3.6 with 3 % loss.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pesq import pesq
from report import table, write_report
from scipy.signal import correlate, resample_poly
from tests.rig.playout_probe import Device, Fifo, Playout, ReceiveLoss, StockReceiveClient, mono

from webphone.audio.playout import PlayoutQueue
from webphone.demo import DemoService
from webphone.sdk import Client

TEXT = (
    "The quick brown fox jumps over the lazy dog. A softphone lives or dies by its audio. "
    "Please call me back on Thursday at half past four, and bring the blue folder with you. "
    "Seven silver swans swam silently seaward."
)
LEAD_IN = 1.0  # seconds of silence before the speech (call settling)
TARGETS = {0.0: 4.2, 0.03: 3.6}
PASSWORD = "pesq-pw"


def speech(tmp: Path) -> tuple[Path, np.ndarray]:
    """(WAV to send, the same audio at 16 kHz as the PESQ reference)."""
    assert shutil.which("espeak-ng"), "espeak-ng is needed (apt-get install espeak-ng)"
    raw = tmp / "speech-raw.wav"
    subprocess.run(["espeak-ng", "-w", str(raw), TEXT], check=True)
    with wave.open(str(raw), "rb") as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    padded = np.concatenate(
        [np.zeros(int(LEAD_IN * rate), np.int16), samples, np.zeros(rate // 2, np.int16)]
    )
    path = tmp / "speech.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(padded.tobytes())
    reference = resample_poly(padded.astype(np.float64), 16000, rate)
    return path, reference


def score(reference: np.ndarray, recording: np.ndarray) -> float:
    """PESQ-WB of the 48 kHz *recording* against the 16 kHz *reference*, aligned first."""
    degraded = resample_poly(recording.astype(np.float64), 1, 3)
    lags = correlate(degraded, reference, mode="valid", method="fft")
    start = int(np.argmax(lags))
    degraded = degraded[start : start + len(reference)]
    return float(pesq(16000, reference, degraded, "wb"))


async def one_call(
    demo: DemoService, tag: str, wav: Path, seconds: float, *, ours: bool, loss: float
) -> dict[str, Any]:
    """One call from a sender process (webphone-cli --play) to a client in this process,
    which plays and records what it hears. The measured process holds only the hearing
    end, as a softphone does (the demo service here only signals)."""
    sender, hearer_name = f"send-{tag}", f"hear-{tag}"
    demo.accounts[sender] = demo.accounts[hearer_name] = PASSWORD
    kind = Client if ours else StockReceiveClient
    hearer = kind(
        {"debug": "ERROR"}, server=demo.url, domain=demo.domain, allowed_addresses=["127.0.0.1"]
    )
    playout: Playout = PlayoutQueue() if ours else Fifo()
    hearer.remote_audio_listeners.append(lambda frame: playout.push(mono(frame), frame.pts))
    answered = asyncio.Event()

    async def answer(*_: object) -> None:
        assert await hearer.answer()
        answered.set()

    hearer.on("onIncomingCall", lambda *a: asyncio.ensure_future(answer()))
    try:
        assert await hearer.login(hearer_name, PASSWORD)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "webphone.cli.main",
            f"--server={demo.url}",
            f"--domain={demo.domain}",
            f"--user={sender}",
            "--media-address=127.0.0.1",
            f"--play={wav}",
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "WEBPHONE_PASSWORD": PASSWORD},
        )
        assert process.stdin is not None
        process.stdin.write(f"call {hearer_name}\nsleep {seconds + 2}\nhangup\nquit\n".encode())
        await process.stdin.drain()
        await asyncio.wait_for(answered.wait(), 30)
        session = hearer.calls.current
        assert session is not None and session.media is not None
        transport = session.media.pc.getTransceivers()[0].receiver.transport
        dropper = ReceiveLoss(transport, rate=loss, seed=11)
        device = Device(playout, seconds)
        device.start()
        await asyncio.sleep(seconds)
        device.stop()
        await asyncio.wait_for(process.wait(), 30)
    finally:
        await hearer.close()
    result: dict[str, Any] = {
        "recording": device.recording[: device.played],
        "packets": dropper.received,
        "dropped": len(dropper.dropped_at),
    }
    if isinstance(playout, PlayoutQueue):
        stats = playout.stats
        result["playout"] = {
            "underruns": stats.underruns,
            "concealed_ms": stats.concealed_ms,
            "dropped_ms": stats.dropped_ms,
        }
    return result


@pytest.mark.timeout(300)
async def test_speech_quality_pesq_wb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wav, reference = speech(tmp_path)
    seconds = len(reference) / 16000 + 1.5
    results: dict[str, dict[str, Any]] = {}
    async with DemoService() as demo:
        # one call at a time: on a shared machine, concurrent calls disturb each other
        for loss in TARGETS:
            for name, ours in (("webphone", True), ("aiortc", False)):
                tag = f"{name}{int(loss * 100)}"
                call = await one_call(demo, tag, wav, seconds, ours=ours, loss=loss)
                recording = call.pop("recording")
                call["pesq_wb"] = score(reference, recording)
                call["target"] = TARGETS[loss]
                results[f"{name}, {loss:.0%} loss"] = {"loss": loss, **call}
    path = write_report(
        "speech_quality",
        {
            "bitrate": 48000,
            "speech_seconds": len(reference) / 16000,
            "results": results,
            "peer": "stock aiortc receive: default jitter buffer, frames played as they come",
        },
    )
    rows = [("pipeline", "PESQ-WB", "target", "packets", "lost", "underruns", "concealed ms")]
    for name, r in results.items():
        playout = r.get("playout", {})
        rows.append(
            (
                name,
                f"{r['pesq_wb']:.2f}",
                f"{r['target']:.1f}",
                str(r["packets"]),
                str(r["dropped"]),
                str(playout.get("underruns", "-")),
                f"{playout['concealed_ms']:.0f}" if playout else "-",
            )
        )
    with capsys.disabled():
        print("\n" + table(rows))
        print(f"written to {path}")
    for r in results.values():
        assert r["packets"] > 40 * (seconds - 2), "audio flowed for the whole call"
        assert r["loss"] == 0 or r["dropped"] > 0
