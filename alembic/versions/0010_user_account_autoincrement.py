"""user_account ids are never reused (SQLite AUTOINCREMENT)

Without AUTOINCREMENT SQLite gives a new row max(rowid)+1, so deleting the newest account
and registering again hands out the same id; after a restore, that account's erasure
tombstone (a keyed hash of the id) would then erase the new, unrelated account. SQLite can
only add AUTOINCREMENT by rebuilding the table (batch mode); env.py switches foreign keys
off around the migrations for that and runs ``PRAGMA foreign_key_check`` before committing.
PostgreSQL sequences never reuse values: nothing to do there.

The copied rows set ``sqlite_sequence`` to the current highest id. Ids of accounts deleted
before this migration that were higher than every remaining id can still come back once;
``erasure.reapply_tombstones`` is only run after a restore, against a backup's own ids.

Revision ID: 0010_user_autoincrement
Revises: 0009_append_only
Create Date: 2026-12-01 19:10:00
"""
from typing import Sequence, Union

from alembic import op


revision: str = '0010_user_autoincrement'
down_revision: Union[str, None] = '0009_append_only'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("user_account", recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
