"""After ``Client.close()`` nothing of the client runs on (issue 17): no asyncio task of
webphone code (its keepalive, wake watch, call watches, an event listener still
awaiting), no live peer connection, no thread, no file descriptor beyond those there
were before it was made."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import weakref
from pathlib import Path

import pytest
from scripted_phone import Phone, answered_call
from scripted_server import wait_for
from tests.rig.pulse import PulseServer

import webphone
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(60)

PACKAGE = str(Path(webphone.__file__).parent)
#: Threads that are the process's, not a client's: the one that terminates PortAudio at
#: exit (started once, when PortAudio is first loaded) and the event loop's default
#: executor (asyncio.to_thread), which the loop owns and shuts down.
PROCESS_WIDE = ("portaudio-exit", "asyncio_")


def ours(tasks: set[asyncio.Task[object]], far_end: object) -> list[str]:
    """The tasks among *tasks* still running webphone code (by their coroutine's file),
    but for those of the far end's media (the scripted phone's, in this process too)."""
    found = []
    for task in tasks:
        coro = task.get_coro()
        code, frame = getattr(coro, "cr_code", None), getattr(coro, "cr_frame", None)
        if task.done() or code is None or not code.co_filename.startswith(PACKAGE):
            continue
        if frame is not None and frame.f_locals.get("self") is far_end:
            continue
        found.append(task.get_name())
    return found


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def test_close_mid_call_leaves_no_task_peer_connection_thread_or_fd() -> None:
    before_tasks = asyncio.all_tasks()
    before_threads = set(threading.enumerate())
    before_fds = fds()
    phone = Phone()
    async with phone.server:
        client, _ = await answered_call(phone)
        listening = asyncio.Event()
        listener_tasks: list[asyncio.Task[object]] = []

        async def slow_listener(*_: object) -> None:
            listener_tasks.extend(filter(None, [asyncio.current_task()]))
            listening.set()
            await asyncio.Event().wait()  # an app's listener still busy when we quit

        client.on("onDtmfReceived", slow_listener)
        client._emit("onDtmfReceived", {"tone": "1", "duration": 100})
        await asyncio.wait_for(listening.wait(), 5)
        session = client.calls.current
        assert session is not None and session.media is not None
        pc = weakref.ref(session.media.pc)
        media = weakref.ref(session.media)
        del session
        assert ours(asyncio.all_tasks() - before_tasks, phone.media), "the call runs tasks of ours"

        await client.close()

        left = ours(asyncio.all_tasks() - before_tasks, phone.media)
        assert left == [], f"still running after close(): {left}"
        assert listener_tasks[0].cancelled(), "the event listener's task outlived close()"
        gc.collect()
        assert pc() is None and media() is None, "our peer connection outlived close()"
        await phone.media.close()
    # The far end (in this process too) is gone now; everything else must be back.
    await wait_for(lambda: asyncio.all_tasks() - before_tasks <= {asyncio.current_task()})
    await wait_for(lambda: set(threading.enumerate()) <= before_threads)
    await wait_for(lambda: fds() <= before_fds)


async def test_close_mid_call_on_sound_devices_ends_the_audio_threads(
    pulse: PulseServer,
) -> None:
    """On real sound devices (a private PulseAudio, PortAudio streams) a call runs the
    capture chain's thread and the device backend's; close() ends every one of them."""
    before = set(threading.enumerate())
    phone = Phone()
    async with phone.server:
        client = Client(
            server=phone.server.url,
            domain="example.com",
            keepalive_interval=3600,
            allowed_addresses=["127.0.0.1"],
            audio_backend="pulse",
        )
        answered = asyncio.Event()
        client.on("onCallAnswered", lambda *_: answered.set())
        try:
            assert await client.login("alice", "pw-alice")
            assert await client.call("bob")
            await asyncio.wait_for(answered.wait(), 10)
            await phone.hears_audio()
            running = {t.name for t in set(threading.enumerate()) - before}
            assert "capture-chain" in running, running
        finally:
            await client.close()
            await phone.media.close()

        def audio_threads() -> list[str]:
            new = [t.name for t in set(threading.enumerate()) - before if t.is_alive()]
            return [name for name in new if not name.startswith(PROCESS_WIDE)]

        try:
            await wait_for(lambda: not audio_threads(), timeout=10)
        except AssertionError:
            raise AssertionError(f"threads left after close(): {audio_threads()}") from None
