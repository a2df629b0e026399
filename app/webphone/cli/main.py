"""``webphone-cli``: log in to a server (or the embedded demo service) and print events.

With no ``--server`` it starts the local demo service and logs in to its first demo
account, so it works out of the box. Each event is printed as one line:
``<time> <event> <json payload>``. Commands on stdin: ``status``, ``call <dest>``,
``answer``, ``reject``, ``ignore``, ``hangup``, ``dtmf <digit>``, ``mute``, ``unmute``,
``sleep <seconds>``, ``register``, ``unregister``, ``logout``, ``quit``. Ctrl-C and
SIGTERM end calls and unregister before exiting (:mod:`.stop`).

``webphone-cli history`` and ``webphone-cli insights CALL_UUID`` show the local call
insights instead (:mod:`.insights`); ``webphone-cli check`` checks the connection
(:mod:`.check`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from typing import Any

from ..media.wavfile import WavError
from ..sdk import EVENT_NAMES, Client
from ..session import Service, Session, SessionConfig
from . import check, insights
from .ice import ice_servers_from_args
from .secrets import NoSecret, find_secret
from .selftest import run_self_test
from .stop import bounded, until_signalled

CLI_EVENTS = sorted(EVENT_NAMES - {"volume"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="webphone-cli",
        description="Headless Webphone: log in and show registration state and events.",
        epilog="Passwords come from $WEBPHONE_PASSWORD, the OS keyring or a prompt; "
        "tokens from $WEBPHONE_TOKEN; a TURN credential from $WEBPHONE_TURN_CREDENTIAL, the "
        "OS keyring (entry turn:USER@HOST) or a prompt. Never pass secrets on the command line. "
        "'webphone-cli history' and 'webphone-cli insights CALL_UUID' show recorded calls; "
        "'webphone-cli check' checks the connection to the server.",
    )
    parser.add_argument("--server", help="ws:// or wss:// URL (default: embedded demo service)")
    parser.add_argument("--domain", help="SIP domain (default: the server's host)")
    parser.add_argument("--user", help="SIP username (default with the demo service: alice)")
    parser.add_argument(
        "--token", action="store_true", help="log in with the JWT in $WEBPHONE_TOKEN"
    )
    parser.add_argument("--ca-file", help="CA bundle that verifies the wss:// server")
    parser.add_argument(
        "--insecure", action="store_true", help="skip TLS verification (development only)"
    )
    parser.add_argument(
        "--media-address",
        action="append",
        help="IP address or interface ICE may use (repeatable; demo service: 127.0.0.1)",
    )
    parser.add_argument(
        "--ice-server",
        action="append",
        metavar="URL",
        help="STUN or TURN server for calls through NAT (repeatable): stun:HOST[:PORT], "
        "turn:[USER@]HOST[:PORT][?transport=udp|tcp], turns:HOST[:PORT]",
    )
    parser.add_argument("--ice-username", metavar="NAME", help="user name on the TURN server")
    parser.add_argument("--play", help="16-bit PCM WAV file to send into calls")
    parser.add_argument("--record", help="WAV file to record what the far end sends")
    parser.add_argument("--options", help="seed options as JSON, or @file.json")
    parser.add_argument(
        "--audio",
        choices=("auto", "pulse", "portaudio", "null"),
        default="null",
        help="sound devices for calls: auto = the sound server or PortAudio (microphone and "
        "speaker); null (default) = headless, silence unless --play",
    )
    parser.add_argument(
        "--exit-after-login", action="store_true", help="print the outcome and exit"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {Client.version}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end (demo service, echo call) and exit",
    )
    return parser


def _print(event: str, *args: Any) -> None:
    payload = json.dumps(list(args), default=str) if args else ""
    print(f"{time.strftime('%H:%M:%S')} {event} {payload}".rstrip(), flush=True)


def _load_options(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    if text.startswith("@"):
        with open(text[1:], encoding="utf-8") as handle:
            text = handle.read()
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("--options must be a JSON object")
    return value


async def run(args: argparse.Namespace) -> int:
    # Before the demo service starts: a bad URL or a missing credential ends here.
    ice_servers = ice_servers_from_args(args.ice_server, args.ice_username)
    if args.server is not None and not args.user and not args.token:
        print("error: --user is required with --server", file=sys.stderr)
        return 2
    config = SessionConfig(
        service=Service.DEMO if args.server is None else Service.SERVER,
        server=args.server,
        domain=args.domain,
        user=args.user,
        token=args.token,
        ca_file=args.ca_file,
        insecure_tls=args.insecure,
        ice_servers=ice_servers,
        allowed_addresses=args.media_address,
        audio_backend=args.audio,
        options=_load_options(args.options),
        play=args.play,
        record=args.record,
    )
    session = await Session.start(config, _print, CLI_EVENTS)
    client = session.client
    if session.demo is not None:
        for line in session.demo.describe():
            print(line)
    crashes = client.capture_crashes(asyncio.get_running_loop())
    try:
        ok = await session.login(_find_secret)
        if args.exit_after_login or not ok:
            if client.last_error:
                print(f"error: {client.last_error}", file=sys.stderr)
            return 0 if ok else 1
        await _command_loop(client)
        return 0
    finally:
        crashes.uninstall()
        # Also after Ctrl-C or SIGTERM (:mod:`.stop`): calls get their BYE or CANCEL and
        # the registration its un-REGISTER before the process goes, within a bound.
        async with bounded("ending the session"):
            await session.close()


def _find_secret(entry: str, kind: str) -> str:
    env_var = "WEBPHONE_TOKEN" if kind == "token" else "WEBPHONE_PASSWORD"
    return find_secret(entry, env_var=env_var, kind=kind)


async def _command_loop(client: Client) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        command = line.decode().strip()
        if command in ("quit", "exit"):
            return
        if command == "status":
            _print(
                "status",
                {
                    "connected": client.is_connected(),
                    "registered": client.is_registered(),
                    "loggedIn": client.is_logged_in,
                    "contact": client.get_contact_uri(),
                },
            )
        elif command.startswith("sleep "):
            await asyncio.sleep(float(command[6:]))
        elif command.startswith("call "):
            _print("call", await client.call(command[5:].strip()))
        elif command == "answer":
            _print("answer", await client.answer())
        elif command == "reject":
            _print("reject", client.reject())
        elif command == "ignore":
            _print("ignore", client.ignore())
        elif command == "hangup":
            _print("hangup", await client.hangup())
        elif command.startswith("dtmf "):
            _print("dtmf", await client.send_dtmf(command[5:].strip()))
        elif command in ("mute", "unmute"):
            _print(command, client.mute() if command == "mute" else client.unmute())
        elif command == "register":
            _print("register", await client.register())
        elif command == "unregister":
            _print("unregister", await client.unregister())
        elif command == "logout":
            _print("logout", await client.logout())
        elif command:
            print(
                f"unknown command {command!r} (status, call <dest>, answer, reject, ignore, "
                "hangup, dtmf <digit>, mute, unmute, register, unregister, logout, quit)"
            )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in insights.COMMANDS:
        return insights.run(argv)
    if argv and argv[0] == check.COMMAND:
        return check.main(argv[1:], build_parser())
    args = build_parser().parse_args(argv)
    if args.self_test:
        return run_self_test()
    try:
        return asyncio.run(until_signalled(run(args)))
    except (NoSecret, WavError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError, RuntimeError) as exc:  # RuntimeError: --audio unusable
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
