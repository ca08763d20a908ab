"""Sealed columns: sensitive values are stored encrypted (§5 of the statement, promise P28).

A model names its sealed attributes with ``@sealed(column="kind", ...)``; the column is a
``sealed_column()`` (binary). ORM events make it transparent: in memory the attribute holds
the plain value (``date`` / ``str`` / JSON list or dict / ``bytes``), in the database the
column holds a ``keys`` blob (AES-256-GCM) whose associated data is
``"<table>|<column>|<primary key>"``, so a value copied to another row or column does not
open.

- INSERT: the primary key is unknown before the row exists, so ``before_insert`` writes an
  empty placeholder and ``after_insert`` seals the values with an UPDATE on the same
  connection, in the same transaction (the placeholder never commits).
- UPDATE: ``before_update`` seals the changed values; ``after_update`` puts the plain value
  back without making the object dirty.
- Loading (``load`` / ``refresh``, also an expired attribute read after a commit) opens them.
  A value that does not open raises ``keys.SealError`` naming table, column and row: never
  garbage, never a silent plaintext fallback.
- Every value is sealed, empty ones too, and short values are padded to a multiple of
  ``PAD`` bytes: the database shows neither whether a field is filled nor how long it is
  ("man" and "vrouw" would otherwise differ by two bytes). Only ``bytes`` values (photos,
  PDFs) are not padded: their size is not what they reveal.

Writes that bypass the ORM (``update(CV).values(...)``, bulk inserts) are not sealed: code
writes sealed columns through model objects only. Code that reads rows through Core
(``services/privacy/export.py``) opens them with ``open_row``. Key rotation
(``services/core/key_rotation.py``, ``cloudcv keys rotate``) walks ``SEALED``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Column, LargeBinary, event, inspect
from sqlalchemy.orm.attributes import set_committed_value

from .. import keys

PAD = 64
PLACEHOLDER = b""
_PENDING = "cloudcv.sealed.pending"

# table name -> {column: kind}; filled by the decorator (models/__init__.py imports them all)
SEALED: dict[str, dict[str, str]] = {}


def _pad(raw: bytes) -> bytes:
    raw += b"\x80"
    return raw + b"\x00" * (-len(raw) % PAD)


def _unpad(raw: bytes) -> bytes:
    body = raw.rstrip(b"\x00")
    if not body.endswith(b"\x80"):
        raise keys.SealError("sealed value has malformed padding")
    return body[:-1]


def _date_out(value: date | None) -> bytes:
    return b"" if value is None else value.isoformat().encode()


def _date_in(raw: bytes) -> date | None:
    return date.fromisoformat(raw.decode()) if raw else None


def _json_out(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


# kind -> (plain value -> bytes, bytes -> plain value, padded)
KINDS: dict[str, tuple[Callable[[Any], bytes], Callable[[bytes], Any], bool]] = {
    "date": (_date_out, _date_in, True),
    "text": (lambda v: (v or "").encode(), lambda raw: raw.decode(), True),
    "json": (_json_out, lambda raw: json.loads(raw.decode()), True),
    # JSON, deflated before sealing: a whole document kept many times (CV versions)
    "zjson": (lambda v: zlib.compress(_json_out(v), 9),
              lambda raw: json.loads(zlib.decompress(raw).decode()), True),
    "bytes": (lambda v: bytes(v or b""), bytes, False),
}


def sealed_column() -> Column:
    """The column type of a sealed attribute: binary, never NULL once written."""
    return Column(LargeBinary, nullable=False)


def aad(table: str, column: str, pk: Any) -> bytes:
    """Where a value belongs: the associated data it is sealed with."""
    return f"{table}|{column}|{pk}".encode()


def seal_value(kind: str, table: str, column: str, pk: Any, value: Any) -> bytes:
    """Seal one plain value for one place (the ORM events, the migration and rotation)."""
    out, _, padded = KINDS[kind]
    raw = out(value)
    return keys.keyring().seal(_pad(raw) if padded else raw, aad(table, column, pk))


def open_value(kind: str, table: str, column: str, pk: Any, blob: bytes | None) -> Any:
    """Open one stored value; ``keys.SealError`` (naming the place) when it does not open."""
    _, decode, padded = KINDS[kind]
    try:
        if blob is None:
            raise keys.SealError("the value is NULL, not sealed")
        raw = keys.keyring().open(blob, aad(table, column, pk))
        return decode(_unpad(raw) if padded else raw)
    except keys.SealError as exc:
        raise keys.SealError(f"{table}.{column} of row {pk} does not open: {exc}") from exc


def kind_of(table: str, column: str) -> str | None:
    """The kind of a sealed column, or None when the column is stored in clear."""
    return SEALED.get(table, {}).get(column)


def open_row(table: str, row: dict, pk_column: str = "id") -> dict:
    """A Core row (mapping) with its sealed columns opened; the row must include the key."""
    columns = SEALED.get(table, {})
    if not columns.keys() & row.keys():
        return row
    out = dict(row)
    for column, kind in columns.items():
        if column in out:
            out[column] = open_value(kind, table, column, row[pk_column], out[column])
    return out


def sealed(**columns: str):
    """Class decorator: ``@sealed(birth_date="date", photo="bytes")`` seals those columns.

    Kinds: ``date``, ``text``, ``json``, ``zjson`` (deflated JSON), ``bytes`` (see ``KINDS``). The model must have a
    single-column primary key; each named column must be a ``sealed_column()``.
    """
    for kind in columns.values():
        if kind not in KINDS:
            raise ValueError(f"unknown sealed kind {kind!r}")

    def wrap(cls):
        table = cls.__tablename__
        mapper = inspect(cls)
        if len(mapper.primary_key) != 1:
            raise ValueError(f"{table}: sealed columns need a single-column primary key")
        for column in columns:
            if not isinstance(cls.__table__.c[column].type, LargeBinary):
                raise ValueError(f"{table}.{column} must be a sealed_column()")
        SEALED[table] = dict(columns)
        _listen(cls, table, dict(columns))
        return cls

    return wrap


def _pk(target) -> Any:
    return inspect(target).mapper.primary_key_from_instance(target)[0]


def _listen(cls, table: str, columns: dict[str, str]) -> None:
    sa_table = cls.__table__
    pk_col = list(sa_table.primary_key.columns)[0]

    def before_insert(_mapper, _conn, target):
        pending = {c: getattr(target, c) for c in columns}
        inspect(target).info[_PENDING] = pending
        for column in columns:
            setattr(target, column, PLACEHOLDER)

    def after_insert(_mapper, conn, target):
        pending = inspect(target).info.pop(_PENDING)
        pk = _pk(target)
        conn.execute(sa_table.update().where(pk_col == pk).values(
            {c: seal_value(kind, table, c, pk, pending[c]) for c, kind in columns.items()}))
        for column, value in pending.items():
            set_committed_value(target, column, value)

    def before_update(_mapper, _conn, target):
        state = inspect(target)
        pk = _pk(target)
        pending = {}
        for column, kind in columns.items():
            if state.attrs[column].history.has_changes():
                pending[column] = getattr(target, column)
                setattr(target, column, seal_value(kind, table, column, pk, pending[column]))
        state.info[_PENDING] = pending

    def after_update(_mapper, _conn, target):
        for column, value in inspect(target).info.pop(_PENDING, {}).items():
            set_committed_value(target, column, value)

    def opened(target, attrs=None):
        pk = _pk(target)
        loaded = target.__dict__
        for column, kind in columns.items():
            if column in loaded and (attrs is None or column in attrs):
                set_committed_value(target, column,
                                    open_value(kind, table, column, pk, loaded[column]))

    event.listen(cls, "before_insert", before_insert)
    event.listen(cls, "after_insert", after_insert)
    event.listen(cls, "before_update", before_update)
    event.listen(cls, "after_update", after_update)
    event.listen(cls, "load", lambda target, _ctx: opened(target))
    event.listen(cls, "refresh", lambda target, _ctx, attrs: opened(target, attrs))
