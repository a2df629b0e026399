"""Started by test_first_call.py as a fresh process: logs in to the demo service at
``argv[1]`` and times two calls to the echo bot, from ``call()`` to the answer and to the
media being connected; prints them as JSON. The first call of a fresh process is the one
that used to pay for importing the media stack."""

from __future__ import annotations

import asyncio
import json
import sys
import time

from webphone.sdk import Client


async def one_call(client: Client, events: asyncio.Queue[str]) -> dict[str, float]:
    start = time.perf_counter()
    assert await client.call("echo")
    times: dict[str, float] = {}
    while len(times) < 2:
        name = await asyncio.wait_for(events.get(), 20)
        key = {"onCallAnswered": "answered_s", "onMediaConnected": "media_s"}.get(name)
        if key:
            times[key] = time.perf_counter() - start
    assert await client.hangup()
    return times


async def main(url: str, warm_wait: float) -> None:
    client = Client(
        {"debug": "ERROR"},
        server=url,
        domain="demo.webphone.local",
        allowed_addresses=["127.0.0.1"],
    )
    events: asyncio.Queue[str] = asyncio.Queue()
    for name in ("onCallAnswered", "onMediaConnected"):
        client.on(name, lambda *_a, _n=name: events.put_nowait(_n))
    assert await client.login("alice", "alice-demo")
    # A user looks at the window for a moment before the first call.
    await asyncio.sleep(warm_wait)
    first = await one_call(client, events)
    second = await one_call(client, events)
    await client.close()
    print(json.dumps({"first": first, "second": second}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
