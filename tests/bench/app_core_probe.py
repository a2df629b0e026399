"""The measured process of test_call_soak.py and test_long_call.py: the desktop app's core
as the app runs it, without a window.

The app's ``webphone-core`` worker thread and its asyncio loop (``ui.bridge.CoreThread``),
the app's session opener (``ui.account.open_session``: the sdk Client on the sound-device
backend, every sdk event to one sink) with the app's options (``ui.settings.Settings``
defaults), and the app's cycle collector on the main thread. Logged in as alice on the demo
service whose URL the test passes, with an account as the login dialog makes it; calls go
to the service's ``echo`` bot. The main thread places and hangs up calls on the core loop
and waits for the sdk's events, as the window does through the Bridge (whose Qt-signal
plumbing is left out: it needs a window's event loop and is the window's business).
Every result is a JSON line on stdout::

    python app_core_probe.py soak URL DOMAIN PASSWORD TONE_WAV CALLS SECONDS
    python app_core_probe.py long URL DOMAIN PASSWORD SECONDS

``soak``: CALLS consecutive calls, each held SECONDS after its media connected; after
each one a ``call`` line with whether it worked (media connected, the echo's audio
decoded, ended by our hang-up) and, once its media is torn down, the process's RSS, open
fds, threads, asyncio tasks of the core loop and live aiortc objects (counted via gc
after a collection); then it waits for a line on stdin before the next call, so the
test can count the far end's objects between calls.

``long``: one call of SECONDS with a marker source (a 1 kHz burst every 0.5 s), the far
end's decoded audio played out through the app's playout queue by a simulated sound
card (a thread pulling 10 ms blocks on its own clock, as a PortAudio callback does);
every 10 s a ``tick`` line: RSS, RTP packets received and frames decoded in those 10 s,
the marker round trip (what the user hears of their own voice back from the echo: both
directions, both jitter buffers and decoders, and our playout queue) and the queue's own
depth.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import os
import queue
import statistics
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "app"), str(ROOT)]

import av  # noqa: E402
from tests.rig.playout_probe import BLOCK, RATE, MarkerTrack  # noqa: E402

from webphone.audio.engine import queue_far_end  # noqa: E402
from webphone.audio.playout import PlayoutQueue  # noqa: E402
from webphone.sdk import Client  # noqa: E402
from webphone.session import Session  # noqa: E402
from webphone.ui.account import AccountConfig, AccountKind, open_session  # noqa: E402
from webphone.ui.bridge import CoreThread  # noqa: E402
from webphone.ui.collector import MainThreadCollector  # noqa: E402
from webphone.ui.settings import Settings  # noqa: E402

#: What a call's media is made of (aiortc's classes, and ours around them).
MEDIA_TYPES = (
    "RTCPeerConnection",
    "RTCDtlsTransport",
    "RTCIceTransport",
    "RTCIceGatherer",
    "RTCRtpTransceiver",
    "RTCRtpSender",
    "RTCRtpReceiver",
    "RTCSctpTransport",
    "MediaSession",
)
CALL_TIMEOUT_S = 30.0
SETTLE_S = 3.0
SETTLE_POLL_S = 0.05
TICK_S = 10.0
_T = TypeVar("_T")
#: A burst is heard when the played block is this loud after 100 ms of quiet.
LOUD = 4000


def emit(kind: str, **data: Any) -> None:
    print(json.dumps({"kind": kind, **data}), flush=True)


def process_figures() -> dict[str, float]:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mb": int(fields["VmRSS"].split()[0]) / 1024,
        "threads": int(fields["Threads"]),
        "fds": len(os.listdir("/proc/self/fd")),
    }


def live_media() -> dict[str, int]:
    """Live objects of each :data:`MEDIA_TYPES` after a full collection, and how many of
    the peer connections are not closed yet (``open_pcs``)."""
    gc.collect()
    counts = dict.fromkeys(MEDIA_TYPES, 0)
    counts["open_pcs"] = 0
    for item in gc.get_objects():
        name = type(item).__name__
        if name in counts:
            counts[name] += 1
            if name == "RTCPeerConnection" and item.connectionState != "closed":
                counts["open_pcs"] += 1
    return counts


class SoundCard(threading.Thread):
    """Plays the playout queue 10 ms at a time on absolute deadlines; notes the marker
    bursts it plays (their delay from when the source sent them) and the queue's depth."""

    def __init__(self, queue: PlayoutQueue, source: MarkerTrack) -> None:
        super().__init__(name="simulated-sound-card", daemon=True)
        self.queue = queue
        self.source = source
        # Swapped out by the reader for each window (a list's append and a swap are
        # atomic under the GIL).
        self.delays: list[float] = []  # seconds, appended as heard
        self.depths: list[float] = []  # ms, every block
        self._halt = threading.Event()
        self._quiet = 0

    def run(self) -> None:
        block = np.zeros(BLOCK, dtype=np.int16)
        deadline = time.monotonic()
        while not self._halt.is_set():
            now = time.monotonic()
            self.queue.pull(BLOCK, block)
            self.depths.append(self.queue.delay_ms)
            loud = np.flatnonzero(np.abs(block) > LOUD)
            if len(loud) and self._quiet >= 10 * BLOCK and self.source.start is not None:
                # matched to the latest burst sent (the round trip is shorter than 0.5 s)
                onset = now + loud[0] / RATE
                index = int((onset - self.source.sent_at(0)) // self.source.interval)
                self.delays.append(onset - self.source.sent_at(index))
            self._quiet = BLOCK - 1 - loud[-1] if len(loud) else self._quiet + BLOCK
            deadline += BLOCK / RATE
            time.sleep(max(0.0, deadline - time.monotonic()))

    def stop(self) -> None:
        self._halt.set()
        self.join(5)


class Probe:
    """The app's core thread and session, driven from the main thread as the window
    drives them (commands submitted to the core loop, events queued back)."""

    def __init__(self, url: str, domain: str, password: str) -> None:
        self.qt = QCoreApplication([sys.argv[0]])
        # As WebphoneApp: cycle collection on the main thread only, set up before the
        # core thread starts (see webphone.ui.collector); pumped by wait().
        self.collector = MainThreadCollector()
        self.core = CoreThread()
        self.core.start()
        self.account = AccountConfig(kind=AccountKind.SIP, server=url, domain=domain)
        self.password = password
        self.events: queue.Queue[tuple[str, tuple[Any, ...]]] = queue.Queue()
        self.session: Session | None = None
        self.frames = 0  # far-end frames decoded (counted on the core thread)
        self.on_frame: Callable[[Any], None] | None = None
        self._collected = time.monotonic()

    # -- plumbing ----
    def on_core(self, work: Coroutine[Any, Any, _T], timeout: float = 30) -> _T:
        result: _T = self.core.submit(work).result(timeout)
        return result

    def command(self, action: Callable[[Client], Any], timeout: float = 30) -> Any:
        async def run() -> Any:
            assert self.session is not None
            result = action(self.session.client)
            return await result if inspect.isawaitable(result) else result

        return self.on_core(run(), timeout)

    def wait(self, names: set[str], timeout: float) -> tuple[str, tuple[Any, ...]] | None:
        """The next of the sdk events *names* within *timeout* s (others are dropped),
        or None; runs the main-thread collector meanwhile as the app's timer does."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if time.monotonic() - self._collected >= 1.0:
                self.collector.collect()
                self._collected = time.monotonic()
            try:
                name, args = self.events.get(timeout=min(left, 0.2))
            except queue.Empty:
                continue
            if name in names:
                return name, args
        return None

    def _sink(self, name: str, *args: Any) -> None:
        self.events.put((name, args))

    def _heard(self, frame: Any) -> None:
        self.frames += 1
        if self.on_frame is not None:
            self.on_frame(frame)

    # -- the session ----
    def open(self, play: str | None, source: Callable[[], Any] | None = None) -> None:
        async def run() -> Session:
            options = Settings().effective_options
            session = await open_session(self.account, self.password, self._sink, options, play)
            session.client.remote_audio_listeners.append(self._heard)
            if source is not None:
                session.client.audio_source_factory = source
            return session

        self.session = self.on_core(run())
        if self.wait({"onLogin", "onLoginFailed"}, 30) != ("onLogin", ()):
            emit("error", error="login failed")
            raise SystemExit(2)

    def close(self) -> None:
        started = time.monotonic()
        if self.session is not None:
            self.on_core(self.session.close())
        self.core.stop()
        emit("done", shutdown_s=time.monotonic() - started)

    def call(self, hold_s: float, during: Callable[[], None] | None = None) -> dict[str, Any]:
        """One echo call held *hold_s* after its media connected (*during* runs every
        :data:`TICK_S` meanwhile); what became of it."""
        frames = self.frames
        ended = {"onCallFailed", "onCallTerminated"}
        if not self.command(lambda client: client.call("echo")):
            return {"ok": False, "cause": "call() refused"}
        got = self.wait({"onMediaConnected", *ended}, CALL_TIMEOUT_S)
        if got is None or got[0] != "onMediaConnected":
            self.command(lambda client: client.hangup())
            return {"ok": False, "cause": f"no media: {got}"}
        until = time.monotonic() + hold_s
        while (left := until - time.monotonic()) > 0:
            got = self.wait(ended, min(left, TICK_S))
            if got is not None:
                return {"ok": False, "cause": f"ended early: {got}"}
            if during is not None and left > TICK_S:
                during()
        self.command(lambda client: client.hangup())
        got = self.wait(ended, CALL_TIMEOUT_S)
        heard = self.frames - frames
        how = got[1][0] if got and got[0] == "onCallTerminated" else {}
        ok = how.get("originator") == "local" and heard > 0
        return {"ok": ok, "cause": f"{how or got}", "heard": heard}

    def settled(self) -> dict[str, Any]:
        """Figures once the last call's media is torn down (its peer connection closes
        in a task of its own after the BYE's answer), or after :data:`SETTLE_S`. Closed
        but still referenced media is counted: that is what a leak leaves behind."""
        ended = time.monotonic()
        while (media := live_media())["open_pcs"] and time.monotonic() - ended < SETTLE_S:
            self.wait(set(), SETTLE_POLL_S)
        return {
            "settle_s": time.monotonic() - ended,
            "tasks": self.on_core(_tasks()),
            **process_figures(),
            **media,
        }

    def packets_received(self) -> int:
        async def count(client: Client) -> int:
            pc = client.get_peer_connection()["pc"]
            if pc is None:
                return 0
            report = await pc.getStats()
            return sum(s.packetsReceived for s in report.values() if s.type == "inbound-rtp")

        return int(self.command(count))


async def _tasks() -> int:
    return len(asyncio.all_tasks()) - 1  # not this one


def soak(probe: Probe, play: str, calls: int, hold_s: float) -> None:
    probe.open(play)
    emit("ready", **process_figures())
    for n in range(1, calls + 1):
        outcome = probe.call(hold_s)
        more = n < calls
        emit("call", n=n, **outcome, **probe.settled(), awaits_next=more)
        if more:
            sys.stdin.readline()  # the test has counted the far end's side of this call


def long_call(probe: Probe, seconds: float) -> None:
    source = MarkerTrack()
    playout = PlayoutQueue()
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    card = SoundCard(playout, source)
    probe.on_frame = lambda frame: queue_far_end(playout, resampler, frame)
    probe.open(None, source=lambda: source)
    card.start()  # silence until the call's audio arrives, as an open speaker plays
    emit("ready", **process_figures())
    last: dict[str, Any] = {"t": time.monotonic(), "frames": 0, "packets": 0}

    def tick() -> None:
        now: dict[str, Any] = {
            "t": time.monotonic(),
            "frames": probe.frames,
            "packets": probe.packets_received(),
        }
        # This window's figures only: two hours of them would weigh on the RSS measured.
        delays, card.delays = card.delays, []
        depths, card.depths = card.depths, []
        emit(
            "tick",
            seconds=now["t"] - last["t"],
            frames=now["frames"] - last["frames"],
            packets=now["packets"] - last["packets"],
            round_trip_ms=statistics.median(delays) * 1000 if delays else None,
            markers=len(delays),
            queue_ms=statistics.median(depths) if depths else None,
            **process_figures(),
        )
        last.update(now)

    outcome = probe.call(seconds, during=tick)
    card.stop()
    emit("call", n=1, **outcome, **probe.settled())


def main(argv: list[str]) -> int:
    mode, url, domain, password, *rest = argv
    probe = Probe(url, domain, password)
    if mode == "soak":
        play, calls, hold = rest
        soak(probe, play, int(calls), float(hold))
    else:
        (seconds,) = rest
        long_call(probe, float(seconds))
    probe.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
