"""``cloudcv`` console script: operator commands.

    cloudcv create-admin EMAIL [--name NAME]   create or promote an admin
    cloudcv migrate                           apply database migrations
    cloudcv send-mail                         deliver queued mail once (needs CLOUDCV_SMTP_URL)
    cloudcv retention run [--dry-run]         apply every retention period now (dry: report only)
    cloudcv register export [--out DIR]       write the Art. 30 register as Markdown + JSON
    cloudcv keys status | rotate [--batch N]  values per key / re-seal under the current key
    cloudcv backup | restore FILE             encrypted backup now / restore (docs/backup.md)

A new admin's password is read from CLOUDCV_ADMIN_PASSWORD or asked for interactively. With
CLOUDCV_ADMIN_TOTP (a base32 secret, as an authenticator app takes it) the admin's second
factor is set too; without, the admin turns it on at /beveiliging before /beheer opens.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from . import cli_backup, cli_keys, cli_retention
from .i18n import t
from .services.accounts import accounts
from .services.core import db, mail
from .services.core.errors import DomainError


def main(argv: list[str] | None = None) -> int:
    """Run one operator command; returns the exit code (2: create-admin refused the input).

    Operators with shell access only: no admin guard applies here.
    """
    parser = argparse.ArgumentParser(prog="cloudcv")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_admin = sub.add_parser("create-admin", help="create or promote an admin account")
    p_admin.add_argument("email")
    p_admin.add_argument("--name")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("send-mail", help="deliver queued mail once")
    cli_retention.add_parsers(sub)
    cli_keys.add_parsers(sub)
    cli_backup.add_parsers(sub)
    args = parser.parse_args(argv)

    if args.cmd in cli_backup.COMMANDS:
        return cli_backup.run(args)
    if args.cmd in cli_retention.COMMANDS:
        return cli_retention.run(args)
    if args.cmd in cli_keys.COMMANDS:
        return cli_keys.run(args)
    if args.cmd == "migrate":
        db.migrate()
        return 0
    if args.cmd == "send-mail":
        print(db.run(mail.deliver_due), "sent")
        return 0
    # create-admin
    existing = db.run(lambda s: accounts.by_email(s, args.email) is not None)
    password = None
    if not existing:
        password = os.environ.get("CLOUDCV_ADMIN_PASSWORD")
        if password is None:
            password = getpass.getpass("Password for the new admin: ")
    try:
        user, created = db.run(accounts.create_admin, email=args.email, name=args.name,
                               password=password, totp_secret=os.environ.get("CLOUDCV_ADMIN_TOTP"))
    except DomainError as exc:
        print(t(exc.key, "en", **exc.params), file=sys.stderr)
        return 2
    except ValueError as exc:  # a CLOUDCV_ADMIN_TOTP that is no base32 secret
        print(exc, file=sys.stderr)
        return 2
    print(f"{'created' if created else 'promoted'} admin {user.email}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
