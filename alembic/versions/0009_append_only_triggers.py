"""append-only audit log and consent records, enforced by database triggers

The ORM guards only stop a Session; these triggers also stop plain SQL. What they let
through, and why, is described in cloudcv/services/append_only.py:

- UPDATE: only the link column to NULL (erasure), or consent_record.user_id from NULL to an
  account (login links the visitor's consent); every other column unchanged.
- DELETE: only rows created before the cutoff of a grant row in ``append_only_grant`` that
  the same transaction holds (the retention sweep, per batch).

Revision ID: 0009_append_only
Revises: 0008_mydata
Create Date: 2026-12-01 19:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0009_append_only'
down_revision: Union[str, None] = '0008_mydata'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# table -> (the link column an UPDATE may empty, may it also fill a NULL?, the other columns)
TABLES = {
    "audit_event": ("subject_user_id", False,
                    ("id", "actor_user_id", "actor_role", "action", "details", "ip", "created_at")),
    "consent_record": ("user_id", True,
                       ("id", "consent_id", "accepted", "refused", "method", "banner_revision",
                        "text_sha256", "lang", "ip_truncated", "user_agent", "created_at")),
}


def _sqlite_up() -> None:
    for table, (link, may_fill, others) in TABLES.items():
        same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in others)
        allowed = f"NEW.{link} IS NULL" + (f" OR OLD.{link} IS NULL" if may_fill else "")
        op.execute(f"""
            CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
            WHEN NOT ({same} AND ({allowed}))
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: only {link} may be emptied'); END""")
        op.execute(f"""
            CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
            WHEN NOT EXISTS (SELECT 1 FROM append_only_grant g
                             WHERE g.table_name = '{table}' AND OLD.created_at < g.cutoff)
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: no retention grant for this row'); END""")


def _postgresql_up() -> None:
    # one function for both tables: TG_ARGV[0] = link column, TG_ARGV[1] = 'fill' if it may
    # also be filled in. Comparing the rows as jsonb minus the link column covers every
    # column, also ones added later.
    op.execute("""
        CREATE FUNCTION cloudcv_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            link text := TG_ARGV[0];
            new_row jsonb;
            old_row jsonb := to_jsonb(OLD);
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                new_row := to_jsonb(NEW);
                IF (new_row - link) = (old_row - link)
                   AND (new_row -> link = 'null'::jsonb
                        OR (TG_ARGV[1] = 'fill' AND old_row -> link = 'null'::jsonb)) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '% is append-only: only % may be emptied', TG_TABLE_NAME, link
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF EXISTS (SELECT 1 FROM append_only_grant g
                       WHERE g.table_name = TG_TABLE_NAME AND OLD.created_at < g.cutoff) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '% is append-only: no retention grant for this row', TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END $$""")
    for table, (link, may_fill, _others) in TABLES.items():
        op.execute(f"""
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION cloudcv_append_only('{link}', '{"fill" if may_fill else "-"}')""")


def upgrade() -> None:
    op.create_table('append_only_grant',
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('cutoff', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('table_name')
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_up()
    elif dialect == "postgresql":
        _postgresql_up()
    else:
        raise NotImplementedError(f"append-only triggers for {dialect}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS cloudcv_append_only()")
    op.drop_table('append_only_grant')
