"""``webphone-cli history`` and ``webphone-cli insights CALL_UUID``: the local call insights.

Read-only views of the insights database (:mod:`webphone.quality.insights`), as a table
or, with ``--json``, as JSON. ``--db PATH`` (or ``$WEBPHONE_INSIGHTS_DB``) picks the
database; a database that does not exist yet is never created by reading it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..quality.insights import InsightsError, InsightsStore, default_path

COMMANDS = ("history", "insights")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="webphone-cli", description="Local call insights recorded by Webphone."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    history = commands.add_parser("history", help="the latest calls, newest first")
    history.add_argument("--limit", type=int, default=50, help="how many calls (default 50)")
    insights = commands.add_parser("insights", help="one call's samples, warnings, feedback")
    insights.add_argument("call_uuid", metavar="CALL_UUID")
    for sub in (history, insights):
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")
        sub.add_argument(
            "--db", type=Path, help="insights database (default: $WEBPHONE_INSIGHTS_DB or "
            "the user's data directory)",
        )  # fmt: skip
    return parser


def _when(epoch: float | None) -> str:
    if epoch is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _number(value: float | None, decimals: int = 2) -> str:
    return "-" if value is None else f"{value:.{decimals}f}"


def _text(value: object) -> str:
    # One line per row: a newline or tab typed into a field must not break the table.
    return "-" if value is None or value == "" else " ".join(str(value).split())


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain fixed-width table."""
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def history_table(calls: list[dict[str, Any]]) -> str:
    headers = ["started", "direction", "from", "to", "duration", "outcome", "codec",
               "MOS min", "MOS avg", "warnings", "rating", "call UUID"]  # fmt: skip
    rows = [
        [
            _when(c["started_at"]),
            _text(c["direction"]),
            _text(c["src"]),
            _text(c["dest"]),
            _duration(c["duration"]),
            _text(c["outcome"]),
            _text(c["codec"]),
            _number(c["mos_min"]),
            _number(c["mos_avg"]),
            str(c["warnings"]),
            _text(c["rating"]),
            _text(c["call_uuid"]),
        ]
        for c in calls
    ]
    return table(headers, rows)


def insights_table(record: dict[str, Any]) -> str:
    summary = [
        ("call UUID", _text(record["call_uuid"])),
        ("direction", _text(record["direction"])),
        ("from", _text(record["src"])),
        ("to", _text(record["dest"])),
        ("started", _when(record["started_at"])),
        ("ended", _when(record["ended_at"])),
        ("duration", _duration(record["duration"])),
        ("outcome", _text(record["outcome"])),
        ("cause", _text(record["cause"])),
        ("codec", _text(record["codec"])),
        ("bitrate", _text(record["bitrate"])),
        ("MOS min / avg", f"{_number(record['mos_min'])} / {_number(record['mos_avg'])}"),
    ]
    parts = ["\n".join(f"{name + ':':<15}{value}" for name, value in summary)]
    samples = [
        [
            _number(s["t"], 1),
            _number(s["jitter_local_ms"], 1),
            _number(s["jitter_remote_ms"], 1),
            _number(s["rtt_ms"], 1),
            _number(s["loss_local"], 3),
            _number(s["loss_remote"], 3),
            _number(s["audio_level_local_db"], 1),
            _number(s["audio_level_remote_db"], 1),
            _number(s["mos"]),
        ]
        for s in record["samples"]
    ]
    sample_headers = ["t s", "jitter local ms", "jitter remote ms", "rtt ms", "loss local",
                      "loss remote", "level local dB", "level remote dB", "MOS"]  # fmt: skip
    parts.append(f"samples ({len(samples)}):\n" + table(sample_headers, samples))
    warnings = [
        [_when(w["at"]), _text(w.get("type")), _text(w.get("stream")),
         "raised" if w.get("active") else "cleared", _text(w.get("value"))]
        for w in record["warnings"]
    ]  # fmt: skip
    parts.append(
        f"warnings ({len(warnings)}):\n"
        + table(["at", "type", "stream", "state", "value"], warnings)
    )
    feedback = [
        [_when(f["at"]), str(f["rating"]), _text(",".join(f["issues"])), _text(f["note"])]
        for f in record["feedback"]
    ]
    parts.append(
        f"feedback ({len(feedback)}):\n" + table(["at", "rating", "issues", "note"], feedback)
    )
    return "\n\n".join(parts)


def run(argv: list[str]) -> int:
    """Run ``history`` / ``insights`` with *argv* (the command first); the exit status."""
    args = build_parser().parse_args(argv)
    path: Path = args.db or default_path()
    if not path.exists():
        if args.command == "history":
            print("[]" if args.json else f"No calls recorded yet ({path} does not exist).")
            return 0
        print(f"error: no call {args.call_uuid!r}: {path} does not exist", file=sys.stderr)
        return 1
    try:
        with InsightsStore(path) as store:
            if args.command == "history":
                calls = store.history(limit=args.limit)
                print(_json(calls) if args.json else history_table(calls))
                return 0
            record = store.insights(args.call_uuid)
    except InsightsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if record is None:
        print(f"error: no call {args.call_uuid!r} in {path}", file=sys.stderr)
        return 1
    print(_json(record) if args.json else insights_table(record))
    return 0


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
