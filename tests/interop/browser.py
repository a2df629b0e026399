"""A JsSIP peer (or the Plivo Browser SDK: ``kind="plivo"``, plivo_page.html) in Debian's
headless Chromium, driven from asyncio tests.

``BrowserPeer.start()`` runs ``node harness.mjs`` (playwright-core launching
``/usr/bin/chromium``), which loads ``jssip_page.html`` with an esbuild bundle of the
``jssip`` npm package. Commands go to the page's ``window.peer`` functions over the
harness's stdin; everything the page emits (JsSIP session events, DTMF, ICE state) comes
back as ``(name, data)`` events. ``tests/rig/ensure_browser.sh`` installs what it needs.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
HARNESS = HERE / "harness.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


JSSIP_PACKAGES = ("jssip", "playwright-core", "esbuild")
PLIVO_PACKAGES = ("plivo-browser-sdk", "playwright-core")


def require_browser(packages: tuple[str, ...] = JSSIP_PACKAGES) -> str:
    """The node binary; fails under CI and skips elsewhere when a piece (Chromium, or one
    of the npm *packages* the page needs) is missing."""
    node = shutil.which("node")
    missing = []
    if node is None:
        missing.append("node")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"chromium ({CHROMIUM})")
    for package in packages:
        if not (HERE / "node_modules" / package / "package.json").is_file():
            missing.append(f"npm package {package}")
    if missing or node is None:
        message = f"browser interop rig incomplete: {', '.join(missing)} missing " + (
            "(run tests/rig/ensure_browser.sh)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


async def wait_for(predicate: Any, timeout: float = 15, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


class BrowserPeer:
    """One Chromium page with one JsSIP user agent (*kind* ``"jssip"``) or one Plivo
    Browser SDK client (``"plivo"``, plivo_page.html)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.log: collections.deque[str] = collections.deque(maxlen=200)
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader = asyncio.create_task(self._read_stdout(), name="browser-stdout")
        self._drain = asyncio.create_task(self._read_stderr(), name="browser-stderr")

    @classmethod
    async def start(cls, timeout: float = 20, kind: str = "jssip") -> BrowserPeer:
        node = require_browser(PLIVO_PACKAGES if kind == "plivo" else JSSIP_PACKAGES)
        process = await asyncio.create_subprocess_exec(
            node,
            str(HARNESS),
            kind,
            cwd=HERE,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        peer = cls(process)
        try:
            await peer.seen("ready", timeout=timeout)
        except BaseException:
            await peer.close()
            raise
        return peer

    async def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            line = raw.decode(errors="replace").strip()
            if not line.startswith("{"):
                self.log.append(line)
                continue
            message = json.loads(line)
            if "event" in message:
                self.events.append((message["event"], message.get("data") or {}))
                continue
            future = self._pending.pop(message["id"], None)
            if future is None or future.done():
                continue
            if message["ok"]:
                future.set_result(message["result"])
            else:
                future.set_exception(RuntimeError(f"page: {message['error']}"))
        for future in self._pending.values():
            if not future.done():
                future.set_exception(RuntimeError(f"harness exited: {self.diagnostics()}"))

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            self.log.append(raw.decode(errors="replace").rstrip())

    def diagnostics(self) -> str:
        return "\n".join(self.log)

    async def request(self, fn: str, *args: Any, timeout: float = 15) -> Any:
        """Calls ``window.peer[fn](*args)`` in the page and returns its (awaited) result."""
        assert self.process.stdin is not None
        if self.process.returncode is not None:
            raise RuntimeError(f"harness exited: {self.diagnostics()}")
        ident = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        self.process.stdin.write(json.dumps({"id": ident, "fn": fn, "args": args}).encode())
        self.process.stdin.write(b"\n")
        await self.process.stdin.drain()
        return await asyncio.wait_for(future, timeout)

    def names(self) -> list[str]:
        return [n for n, _ in self.events]

    def of(self, name: str) -> list[dict[str, Any]]:
        return [d for n, d in self.events if n == name]

    async def seen(self, name: str, count: int = 1, timeout: float = 15) -> None:
        def done() -> bool:
            if self.process.returncode is not None and self._reader.done():
                raise AssertionError(f"harness exited waiting for {name}:\n{self.diagnostics()}")
            return len(self.of(name)) >= count

        try:
            await wait_for(done, timeout=timeout, what=f"browser event {name!r} x{count}")
        except AssertionError as error:
            tail = "\n".join(list(self.log)[-40:])
            raise AssertionError(f"{error}\nevents: {self.events}\nharness log:\n{tail}") from None

    async def received_rms(self, window: float = 0.6) -> tuple[int, float]:
        """(inbound RTP packets, RMS of the audio Chrome decoded during *window* s)."""
        first = await self.request("stats")
        await asyncio.sleep(window)
        last = await self.request("stats")
        if not first or not last or not first["inbound"] or not last["inbound"]:
            return 0, 0.0
        a, b = first["inbound"], last["inbound"]
        energy = b["totalAudioEnergy"] - a["totalAudioEnergy"]
        duration = b["totalSamplesDuration"] - a["totalSamplesDuration"]
        rms = (energy / duration) ** 0.5 if duration > 0 and energy > 0 else 0.0
        return int(b["packetsReceived"]), rms

    async def close(self) -> None:
        if self.process.returncode is None:
            assert self.process.stdin is not None
            with contextlib.suppress(ConnectionError):
                self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        for task in (self._reader, self._drain):
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(task, 2)
