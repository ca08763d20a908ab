"""sealed fields: sensitive CV details, photos, shared PDFs and mail bodies encrypted (P28)

Every value of the columns below is sealed in place with ``cloudcv/keys.py`` (AES-256-GCM,
bound to table, column and row: ``cloudcv/models/sealed.py``). Columns that held dates,
text or JSON become binary: a sealed copy is added, filled in batches, the clear column
dropped and the copy renamed (one table rebuild on SQLite). Photos and shared PDFs were
binary already and are sealed where they are. Downgrade opens everything again.

Revision ID: 0014_sealed_fields
Revises: 0013_marketing
Create Date: 2026-12-02 01:20:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from cloudcv.models.sealed import open_value, seal_value

revision: str = '0014_sealed_fields'
down_revision: Union[str, None] = '0013_marketing'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 500
# table -> column -> (sealed kind, clear type, clear column nullable)
RETYPED = {
    "cv": {
        "birth_date": ("date", sa.Date(), True),
        "nationality": ("text", sa.String(length=60), False),
        "gender": ("text", sa.String(length=40), False),
        "marital_status": ("text", sa.String(length=40), False),
        "driving_licence": ("json", sa.JSON(), True),
    },
    "outbox_mail": {
        "body_text": ("text", sa.String(), False),
        "body_html": ("text", sa.String(), False),
        "headers": ("json", sa.JSON(), True),
    },
}
IN_PLACE = {"photo": {"data": "bytes"}, "share_snapshot": {"pdf": "bytes"}}
EMPTY = {"date": None, "text": "", "json": None, "bytes": b""}


def _copy(table: str, columns: dict, *, source: dict, target: dict, convert) -> None:
    """Read ``source`` columns (name -> type), write ``convert(...)`` into ``target`` columns,
    BATCH rows at a time in id order."""
    conn = op.get_bind()
    t = sa.table(table, sa.column("id", sa.Integer()),
                 *(sa.column(n, ty) for n, ty in {**source, **target}.items()))
    last = 0
    while True:
        rows = conn.execute(sa.select(t.c.id, *(t.c[n] for n in source)).where(t.c.id > last)
                            .order_by(t.c.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            values = {dst: convert(columns[col], table, col, row.id, getattr(row, src))
                      for col, src, dst in zip(columns, source, target)}
            conn.execute(t.update().where(t.c.id == row.id).values(values))
        last = rows[-1].id


def _seal(kind, table, column, pk, value):
    return seal_value(kind, table, column, pk, EMPTY[kind] if value is None else value)


def _open(kind, table, column, pk, blob):
    return open_value(kind, table, column, pk, blob)


def upgrade() -> None:
    for table, columns in RETYPED.items():
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.add_column(sa.Column(f"{column}__sealed", sa.LargeBinary(), nullable=True))
        _copy(table, {c: k for c, (k, _, _) in columns.items()},
              source={c: ty for c, (_, ty, _) in columns.items()},
              target={f"{c}__sealed": sa.LargeBinary() for c in columns}, convert=_seal)
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
                batch_op.alter_column(f"{column}__sealed", new_column_name=column,
                                      existing_type=sa.LargeBinary(), nullable=False)
    for table, columns in IN_PLACE.items():
        _copy(table, columns, source={c: sa.LargeBinary() for c in columns},
              target={c: sa.LargeBinary() for c in columns}, convert=_seal)


def downgrade() -> None:
    for table, columns in IN_PLACE.items():
        _copy(table, columns, source={c: sa.LargeBinary() for c in columns},
              target={c: sa.LargeBinary() for c in columns}, convert=_open)
    for table, columns in RETYPED.items():
        with op.batch_alter_table(table) as batch_op:
            for column, (_, clear_type, _) in columns.items():
                batch_op.add_column(sa.Column(f"{column}__clear", clear_type, nullable=True))
        _copy(table, {c: k for c, (k, _, _) in columns.items()},
              source={c: sa.LargeBinary() for c in columns},
              target={f"{c}__clear": ty for c, (_, ty, _) in columns.items()}, convert=_open)
        with op.batch_alter_table(table) as batch_op:
            for column, (_, clear_type, nullable) in columns.items():
                batch_op.drop_column(column)
                batch_op.alter_column(f"{column}__clear", new_column_name=column,
                                      existing_type=clear_type, nullable=nullable)
