"""``webphone-cli check``: the network check (:mod:`webphone.sdk.checks.network_check`) for the
server and account a call would use, printed as its shareable text report.

It takes the call options (``--server``, ``--user``, ``--ca-file``, ``--ice-server``, ...)
plus ``--echo DEST`` (the echo destination; the demo service's ``echo`` bot without
``--server``) and ``--echo-seconds``. Each step is printed as it finishes, then the
report. Exit status 0 when the verdict is good or usable, 1 when calls will not work or
sound poor, 2 for unusable options.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from .. import __version__
from ..sdk.checks.network_check import (
    ECHO_SECONDS,
    CheckTarget,
    NetworkCheck,
    Status,
    StepResult,
    render_report,
    step_title,
)
from ..session import DEMO_USER
from .ice import ice_servers_from_args
from .secrets import NoSecret, find_secret
from .stop import until_signalled

COMMAND = "check"


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The check's own options, on top of the call options of ``webphone-cli``."""
    parser.prog = "webphone-cli check"
    parser.description = (
        "Check the connection to the server: DNS, TLS, WebSocket, REGISTER, STUN/TURN "
        "and a test call to an echo destination; prints a report to share."
    )
    parser.add_argument(
        "--echo",
        metavar="DEST",
        help="echo destination for the test call (default with the demo service: echo; "
        "with --server: none, the call is skipped)",
    )
    parser.add_argument(
        "--echo-seconds",
        type=float,
        default=ECHO_SECONDS,
        metavar="S",
        help=f"length of the test call (default {ECHO_SECONDS:.0f})",
    )
    return parser


def _progress(result: StepResult) -> None:
    mark = {Status.OK: "ok", Status.WARN: "warn", Status.FAIL: "FAIL", Status.SKIPPED: "skip"}
    print(f"... {step_title(result.step)}: {mark[result.status]}", file=sys.stderr, flush=True)


async def _run(args: argparse.Namespace) -> int:
    ice_servers = ice_servers_from_args(args.ice_server, args.ice_username)
    if args.echo_seconds <= 0 or args.echo_seconds > 120:
        raise ValueError("--echo-seconds must be between 0 and 120")
    demo = None
    if args.server is None:
        # Imported here: the demo service (and its bots' media stack) only when used.
        from ..demo.environment import start_demo

        demo = await start_demo()
        user = args.user or DEMO_USER
        target = CheckTarget(
            server=demo.url,
            user=user,
            secret=demo.password(user),
            domain=demo.domain,
            ice_servers=ice_servers,
            allowed_addresses=args.media_address or list(demo.client_kwargs()["allowed_addresses"]),
            echo_destination=args.echo or "echo",
            echo_seconds=args.echo_seconds,
        )
    else:
        if not args.user and not args.token:
            raise ValueError("--user is required with --server")
        domain = args.domain
        if args.token:
            secret = find_secret("token", env_var="WEBPHONE_TOKEN", kind="token")
        else:
            from urllib.parse import urlsplit

            entry = f"{args.user}@{domain or urlsplit(args.server).hostname}"
            secret = find_secret(entry, env_var="WEBPHONE_PASSWORD", kind="password")
        target = CheckTarget(
            server=args.server,
            user=args.user or "",
            secret=secret,
            domain=domain,
            token=args.token,
            ca_file=args.ca_file,
            insecure_tls=args.insecure,
            ice_servers=ice_servers,
            allowed_addresses=args.media_address,
            echo_destination=args.echo,
            echo_seconds=args.echo_seconds,
        )
    try:
        report = await NetworkCheck(target, on_step=_progress).run()
    finally:
        if demo is not None:
            await demo.stop()
    print(render_report(report, __version__), end="", flush=True)
    return 1 if report.verdict.level is Status.FAIL else 0


def main(argv: list[str], parser: argparse.ArgumentParser) -> int:
    """``webphone-cli check [options]``; *parser* has the call options already."""
    args = add_arguments(parser).parse_args(argv)
    try:
        return asyncio.run(until_signalled(_run(args)))
    except (NoSecret, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
