"""``cloudcv retention run [--dry-run]`` and ``cloudcv register export [--out DIR]``.

``retention run`` takes the same database lease as the background task (it never runs
next to a sweep in progress, but does not wait for the resting interval). ``--dry-run``
deletes nothing (its run is logged, marked dry): per rule it prints how many rows would go
now, how many are kept by a hold, and when the next one falls due.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .i18n import LANGS, t
from .services.core import db
from .services.privacy import register, retention, rounds

COMMANDS = ("retention", "register")


def add_parsers(sub) -> None:
    """Add the ``retention`` and ``register`` subcommands to the ``cloudcv`` parser."""
    p_ret = sub.add_parser("retention", help="retention periods")
    ret = p_ret.add_subparsers(dest="action", required=True)
    p_run = ret.add_parser("run", help="apply every retention period now")
    p_run.add_argument("--dry-run", action="store_true",
                       help="only report what would go and when the next items fall due")
    p_reg = sub.add_parser("register", help="processing register (GDPR art. 30)")
    reg = p_reg.add_subparsers(dest="action", required=True)
    p_exp = reg.add_parser("export", help="write the register as Markdown and JSON")
    p_exp.add_argument("--out", default="register", help="output directory (default: register/)")
    p_exp.add_argument("--lang", choices=LANGS, default="nl")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _print_report(report: retention.SweepReport, out=sys.stdout) -> None:
    verb = "would go" if report.dry_run else "deleted"
    print(f"{'rule':<20} {'after':<18} {'period':>9} {verb:>9} {'held':>5} {'asked':>5}  next due",
          file=out)
    for r in report.rules:
        period = "-" if r.period is None else str(r.period)
        line = (f"{r.rule:<20} {r.after:<18} {period:>9} {r.deleted:>9} {r.held:>5} "
                f"{r.prompted:>5}  {_when(r.next_due)}")
        if r.details:
            line += "  " + ", ".join(f"{k}={v}" for k, v in sorted(r.details.items()))
        if r.error:
            line += f"  ERROR {r.error}"
        print(line, file=out)


def run(args: argparse.Namespace) -> int:
    """Run a ``retention`` or ``register`` command; returns the exit code.

    0 fine; 1 a rule failed; 3 another worker is sweeping right now (``error.retention_busy``).
    """
    if args.cmd == "retention":
        if args.dry_run:
            report = db.run(retention.sweep, dry_run=True)
        else:
            report = db.run(rounds.retention_job, force=True)
            if report is None:
                print(t("error.retention_busy", "en"), file=sys.stderr)
                return 3
        _print_report(report)
        return 1 if any(r.error for r in report.rules) else 0
    md, js = db.run(register.export, out_dir=Path(args.out), lang=args.lang)
    print(f"wrote {md}\nwrote {js}")
    return 0
