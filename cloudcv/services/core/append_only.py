"""Append-only tables, enforced by the database itself (migration 0009_append_only).

``audit_event`` and ``consent_record`` are history: proof of what was done and of what a
visitor chose. The ORM guards in services/core/audit.py and services/privacy/consent.py stop a Session
from changing them by accident; triggers on SQLite and PostgreSQL also stop plain SQL
(a console, a script, a future query that forgets):

- UPDATE is refused unless it changes nothing but the one link column, and only to NULL:
  ``audit_event.subject_user_id`` and ``consent_record.user_id`` (erasure anonymises,
  registry ``on_erasure="anonymise"``). ``consent_record.user_id`` may also be filled in when
  it is still NULL (``consent.link_user`` on login). Every other column must stay as it was.
- DELETE is refused unless this transaction holds a grant for that table in
  ``append_only_grant``, and then only for rows created before the grant's cutoff. The
  retention sweep takes the grant with ``deleting_expired`` for one batch: the row is
  inserted, the expired rows are deleted, the row is removed again, all before the commit,
  so no other connection ever sees a grant and a grant never outlives its batch.
- ``TRUNCATE`` (PostgreSQL, used by the test fixtures) fires no row triggers.

Whoever can write to ``append_only_grant`` or drop triggers (the database owner) can still
rewrite history; these triggers stop mistakes and application-level bypasses, not the DBA.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import delete, event, insert
from sqlmodel import Session

from ...models import AppendOnlyGrant

# table -> the one column an UPDATE may change (to NULL); True: it may also fill a NULL
APPEND_ONLY: dict[str, tuple[str, bool]] = {
    "audit_event": ("subject_user_id", False),
    "consent_record": ("user_id", True),
}


def refuse_session_changes(model: type, error: type[Exception], message: str) -> None:
    """Refuse any UPDATE or DELETE of ``model`` rows through a Session, at flush time.

    The ORM half of the guard (the triggers above are the database half): registers a
    ``before_flush`` listener on every Session that raises ``error(message)`` when a row of
    ``model`` is dirty or deleted. Called once, at import, by the module that owns the table
    (``audit.py`` for ``AuditEvent``).
    """

    @event.listens_for(Session, "before_flush")
    def _refuse_changes(session, _ctx, _instances):
        for obj in list(session.dirty) + list(session.deleted):
            if isinstance(obj, model):
                raise error(message)


@contextmanager
def deleting_expired(session: Session, table: str, cutoff: datetime):
    """Let this transaction DELETE rows of ``table`` created before ``cutoff``.

    For the retention sweep (services/privacy/retention.py), inside its own transaction; nothing
    else takes a grant. Other tables pass straight through. On an exception the grant is not removed
    here: the caller rolls the transaction back, and the grant row with it.
    """
    if table not in APPEND_ONLY:
        yield
        return
    grants = AppendOnlyGrant.__table__
    session.exec(insert(grants).values(table_name=table, cutoff=cutoff))
    yield
    session.exec(delete(grants).where(grants.c.table_name == table))
