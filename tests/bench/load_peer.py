"""The far ends of the call-load bench, in a process of their own, so the measured
process holds only its own leg of each call (as a softphone does).

``python load_peer.py echo N``: a demo service with N echoing callees ``load-b<i>`` and N
caller accounts ``load-a<i>`` (password ``load-pw``); prints ``{"url", "domain"}`` as one
JSON line, serves until stdin closes.

``python load_peer.py aiortc N SECONDS``: the peer measurement — N stock aiortc
peer-connection pairs on loopback (no Webphone code imported, so none of our patches;
aioice is only told to gather 127.0.0.1, which it skips by default), sending a tone both
ways; prints ``{"cpu_per_leg_second", "realtime_ratio"}`` (frames received per leg
against real time: a peer whose media did not flow measures nothing).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

PASSWORD = "load-pw"


async def serve_echo(count: int) -> None:
    from webphone.demo import DemoService
    from webphone.media.tracks import EchoTrack
    from webphone.sdk import Client

    async with DemoService() as demo:
        callees = []
        for i in range(count):
            demo.accounts[f"load-a{i}"] = demo.accounts[f"load-b{i}"] = PASSWORD
            callee = Client(
                {"debug": "ERROR"},
                server=demo.url,
                domain=demo.domain,
                allowed_addresses=["127.0.0.1"],
            )
            callee.audio_source_factory = EchoTrack
            callee.on("onIncomingCall", lambda *_a, _c=callee: asyncio.ensure_future(_c.answer()))
            assert await callee.login(f"load-b{i}", PASSWORD)
            callees.append(callee)
        print(json.dumps({"url": demo.url, "domain": demo.domain}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        for callee in callees:
            await callee.close()


async def stock_aiortc(count: int, seconds: float) -> None:
    import fractions

    import aioice.ice
    import numpy as np
    from aiortc import RTCConfiguration, RTCPeerConnection
    from aiortc.mediastreams import MediaStreamTrack
    from av import AudioFrame

    class Tone(MediaStreamTrack):
        kind = "audio"

        def __init__(self) -> None:
            super().__init__()
            self.pts = 0
            self.start = time.monotonic()
            t = np.arange(960) / 48000
            self.samples = (np.sin(2 * np.pi * 440 * t) * 6000).astype(np.int16).reshape(1, -1)

        async def recv(self) -> AudioFrame:
            delay = self.start + self.pts / 48000 - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            frame = AudioFrame.from_ndarray(self.samples, format="s16", layout="mono")
            frame.sample_rate, frame.pts = 48000, self.pts
            frame.time_base = fractions.Fraction(1, 48000)
            self.pts += 960
            return frame

    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []
    received = [0]

    async def drain(track: Any) -> None:
        while True:
            try:
                await track.recv()
            except Exception:
                return
            received[0] += 1

    pcs: list[RTCPeerConnection] = []
    for _ in range(count):
        a, b = (RTCPeerConnection(RTCConfiguration(iceServers=[])) for _ in range(2))
        for pc in (a, b):
            pc.addTrack(Tone())
            pc.on("track", lambda track: asyncio.ensure_future(drain(track)))
        await a.setLocalDescription(await a.createOffer())
        await b.setRemoteDescription(a.localDescription)
        await b.setLocalDescription(await b.createAnswer())
        await a.setRemoteDescription(b.localDescription)
        pcs += [a, b]
    await asyncio.sleep(2.0)
    cpu, wall, frames = time.process_time(), time.perf_counter(), received[0]
    await asyncio.sleep(seconds)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    frames = received[0] - frames
    result = {
        "cpu_per_leg_second": cpu / (2 * count * wall),
        "realtime_ratio": frames / (2 * count) / (wall / 0.02),
    }
    print(json.dumps(result), flush=True)
    for pc in pcs:
        await pc.close()


if __name__ == "__main__":
    mode, count = sys.argv[1], int(sys.argv[2])
    if mode == "echo":
        asyncio.run(serve_echo(count))
    else:
        asyncio.run(stock_aiortc(count, float(sys.argv[3])))
