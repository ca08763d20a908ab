"""``cloudcv backup [--dir DIR]`` and ``cloudcv restore FILE [--dir DIR]`` (docs/backup.md).

``backup`` takes the same database lease as the scheduled backup (never two at once), writes
one encrypted copy and keeps the newest ``CLOUDCV_BACKUP_KEEP``. ``restore`` replaces the
database with the backup and re-applies every journalled erasure and unsubscribe; stop the
app first. A file that does not verify is refused (exit code 2) and nothing changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import settings
from .i18n import t
from .services.core import db
from .services.privacy import backups

COMMANDS = ("backup", "restore")


def add_parsers(sub) -> None:
    """Add the ``backup`` and ``restore`` subcommands to the ``cloudcv`` parser."""
    p_backup = sub.add_parser("backup", help="take an encrypted backup now")
    p_backup.add_argument("--dir", type=Path, help="backup directory (default CLOUDCV_BACKUP_DIR)")
    p_restore = sub.add_parser("restore", help="restore a backup and re-apply erasures")
    p_restore.add_argument("file", type=Path)
    p_restore.add_argument("--dir", type=Path,
                           help="directory of the erasure journal (default CLOUDCV_BACKUP_DIR)")


def run(args: argparse.Namespace) -> int:
    """Run ``backup`` or ``restore``; returns the exit code.

    0 done; 2 refused (``BackupError``: the message says why, the database is unchanged);
    3 another worker is taking a backup right now.
    """
    try:
        if args.cmd == "backup":
            path = db.run(backups.backup_job, force=True, directory=args.dir)
            if path is None:
                print(t("backup.error.busy", "en"), file=sys.stderr)
                return 3
            print(f"wrote {path}")
            return 0
        report = backups.restore(settings().db_url, args.file, directory=args.dir)
    except backups.BackupError as exc:
        print(t(exc.key, "en", **exc.params), file=sys.stderr)
        return 2
    print(f"restored the backup of {report.header.get('created')}; erased again: "
          f"{report.erased}, unsubscribed again: {report.unsubscribed}, recipients forgotten "
          f"again: {report.recipients}")
    return 0
