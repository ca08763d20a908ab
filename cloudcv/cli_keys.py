"""``cloudcv keys status`` and ``cloudcv keys rotate [--batch N]`` (the sealed columns' keys).

``status`` prints, per key id, how many stored values it seals (current key marked); a key
that seals nothing can be removed from ``CLOUDCV_ENCRYPTION_KEYS`` / ``data/encryption_keys``.
``rotate`` re-seals every value under the current key (``services/privacy/key_rotation.py``):
with ``CLOUDCV_ENCRYPTION_KEYS`` put the new key first, then run it; the embedded default
adds a new key itself. It takes the retention lease, prints one line per batch, and can be
run again after a crash to finish. Exit codes: 0 done, 3 the lease is busy (a sweep or
another rotation runs; a crashed one's lease frees up after five minutes).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from . import keys
from .services.core import db
from .services.privacy import key_rotation

COMMANDS = ("keys",)


def add_parsers(sub) -> None:
    """Add the ``keys`` subcommands to the ``cloudcv`` parser."""
    p_keys = sub.add_parser("keys", help="encryption keys of the sealed columns")
    act = p_keys.add_subparsers(dest="action", required=True)
    act.add_parser("status", help="how many stored values each key seals")
    p_rot = act.add_parser("rotate", help="re-seal every value under the current key")
    p_rot.add_argument("--batch", type=int, default=key_rotation.BATCH,
                       help=f"rows per transaction (default {key_rotation.BATCH})")


def _print_status(columns: dict[str, Counter], out=None) -> None:
    out = out or sys.stdout
    ring = keys.keyring()
    totals = sum(columns.values(), Counter())
    for key_id in (*ring.ids, *sorted(set(totals) - set(ring.ids))):
        mark = " (current)" if key_id == ring.current else ""
        if key_id not in ring.ids:
            mark = " (NOT CONFIGURED: these values do not open)"
        elif not totals.get(key_id) and key_id != ring.current:
            mark = " (seals nothing: may be removed)"
        print(f"{key_id}{mark}: {totals.get(key_id, 0)} values", file=out)
    for name, counts in sorted(columns.items()):
        per_key = ", ".join(f"{k}={n}" for k, n in sorted(counts.items())) or "empty"
        print(f"  {name}: {per_key}", file=out)


def run(args: argparse.Namespace) -> int:
    """Run a ``keys`` command; returns the exit code (0 fine, 3 lease busy)."""
    if args.action == "status":
        _print_status(db.run(key_rotation.status))
        return 0

    def progress(table: str, column: str, count: int) -> None:
        print(f"re-sealed {count} values of {table}.{column}", flush=True)

    report = db.run(key_rotation.rotate, batch_size=max(1, args.batch), on_batch=progress)
    if report is None:
        print("busy: a retention sweep or another rotation holds the lease; try again later",
              file=sys.stderr)
        return 3
    if report.added:
        print(f"added key {report.added} to {keys.key_file()}")
    print(f"done: {report.resealed} values re-sealed under {report.current}", flush=True)
    return 0
