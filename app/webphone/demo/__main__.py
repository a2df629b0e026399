"""``python -m webphone.demo``: run the local demo service on its own."""

import argparse
import asyncio
import contextlib

from .service import serve_forever

parser = argparse.ArgumentParser(prog="python -m webphone.demo", description=__doc__)
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8088)
args = parser.parse_args()
with contextlib.suppress(KeyboardInterrupt):
    asyncio.run(serve_forever(args.host, args.port))
