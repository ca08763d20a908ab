"""The data export (Art. 20 / §7): one ZIP with everything we hold about a user.

- ``data.json``: every registered table's rows for the user (driven by the personal-data
  registry; ``secret_fields`` left out, datetimes ISO 8601 UTC). Schema: docs/export-schema.md
  and docs/export-schema.json.
- ``cv/<id>-<title>.pdf``: each CV as PDF; ``foto/foto-<id>.jpg``: each photo;
- ``overzicht.pdf``: what we hold, why, on which basis and how long, in words.

``build_zip`` is CPU/DB-bound: run it off the event loop (``in_session``). ``prepare``
writes the ZIP, sealed with ``cloudcv/keys.py``, to a private directory
(``<data dir>/exports``, never the public upload dir) for ``READY_FOR``; the download
route (cloudcv/api_mydata.py) hands it out once with ``take`` and deletes it. Files are swept when stale and removed with the account.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
import zipfile
from collections.abc import Callable
from typing import IO
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from ... import keys
from ...config import settings
from ...models import CV, Photo, User, metadata, sealed
from ..core import audit, clock
from ..cv import jsonresume, rendering
from . import holdings, overview_pdf

SCHEMA_ID = "https://cloudcv.nl/schemas/export-v1.json"
SCHEMA_VERSION = 1
READY_FOR = timedelta(minutes=10)
# Categories that are data about *other* people (§7: "tenzij deze informatie ook
# persoonsgegevens bevat over andere personen"); see docs/export-schema.md.
ABOUT_OTHERS = frozenset({"recipients", "share_views"})
_TOKEN = re.compile(r"^[0-9a-f]{32}$")

Progress = Callable[[int, int], None]
ROWS_PER_BATCH = 500  # rows read from the database at a time while data.json is written
WRITE_CHUNK = 1 << 16  # characters of data.json handed to the ZIP stream at a time
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(row, ensure_ascii=False), built once


def iso(value: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` (e.g. ``2026-11-25T22:07:00Z``); a naive value counts as
    UTC. Any caller."""
    if value.tzinfo is None or value.tzinfo is UTC:  # as the database hands them back
        return value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# A copy of a mail must not carry a live credential: users pass their export on (Art. 20),
# and a reset or keep-account link in it would be a key to the account. Link tokens and the
# /verzoek code are replaced by this marker; everything else in the mail stays.
REDACTED = "[verwijderd]"
_LINK_TOKEN = re.compile(r"([?&](?:token|t)=|/gedeeld/)[^\s&\"'<>/]+")
_CODE_TEMPLATES = {"request_code"}
_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def redact_mail(row: dict) -> dict:
    """An outbox mail as exported: link tokens (and a /verzoek code) replaced. Any caller; the
    row is copied, not changed."""
    out = dict(row)
    for key in ("subject", "body_text", "body_html"):
        value = out.get(key)
        if isinstance(value, str):
            value = _LINK_TOKEN.sub(lambda m: m.group(1) + REDACTED, value)
            if out.get("template") in _CODE_TEMPLATES:
                value = _CODE.sub(REDACTED, value)
            out[key] = value
    if isinstance(out.get("headers"), dict):
        out["headers"] = {k: _LINK_TOKEN.sub(lambda m: m.group(1) + REDACTED, v)
                          if isinstance(v, str) else v for k, v in out["headers"].items()}
    return out


def _value(value):
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _binary(table: str, column) -> bool:
    """Bytes never go into JSON (photos travel as files in the ZIP). A sealed column is
    binary in the database; what counts is the kind of value it holds."""
    kind = sealed.kind_of(table, column.name)
    if kind is not None:
        return kind == "bytes"
    try:
        return column.type.python_type is bytes
    except NotImplementedError:
        return False


def _rule(entry) -> dict:
    rule = entry.retention
    period = holdings._period(entry)
    return {"period": None if period is None else {"amount": period.amount, "unit": period.unit},
            # kept from schema v1: the period in days when it is given in days, else null
            "days": period.amount if period is not None and period.unit == "days" else None,
            "after": rule.after, "from_field": rule.from_field,
            "unless": rule.unless, "legal_override": rule.legal_override}


def _tables(session: Session, user_id: int):
    """(table name, description without rows, rows iterator | None) per registry entry, in
    registry order; ``None`` rows for a table that is counted, not exported. The rows are
    read lazily, in batches, each one opened (sealed columns), datetimes as ISO strings."""
    for entry in holdings.order():
        table = metadata.tables[entry.table]
        where = table.c[entry.subject] == user_id
        if not entry.exported:
            count = session.execute(select(func.count()).select_from(table).where(where)).scalar_one()
            yield entry.table, {"categories": list(entry.categories), "rows": count}, None
            continue
        columns = [c for c in table.columns if c.name not in entry.secret_fields
                   and not _binary(entry.table, c)]
        omitted = [c.name for c in table.columns if c not in columns]
        described = {
            "purpose": entry.purpose, "clause": entry.clause, "basis": entry.basis,
            "categories": list(entry.categories), "retention": _rule(entry),
            "about_others": bool(ABOUT_OTHERS & set(entry.categories)),
            "omitted_fields": omitted,
        }
        query = (select(*columns).where(where).order_by(*table.primary_key.columns)
                 .execution_options(yield_per=ROWS_PER_BATCH))
        yield entry.table, described, _rows(session, entry.table, columns, query)


def _rows(session: Session, table: str, columns, query):
    names = [c.name for c in columns]
    dated = [c.name for c in columns if _is_dated(table, c)]
    for row in session.execute(query):  # plain tuples: a mapping per row costs more than the rest
        out = sealed.open_row(table, dict(zip(names, row)))
        for name in dated:
            out[name] = _value(out[name])
        yield _exported_row(table, out)


def _exported_row(table: str, row: dict) -> dict:
    return redact_mail(row) if table == "outbox_mail" else row


def _is_dated(table: str, column) -> bool:
    """Whether the column's values are datetimes or dates (converted to ISO strings)."""
    kind = sealed.kind_of(table, column.name)
    if kind is not None:
        return kind == "date"
    kind = getattr(column.type, "impl_instance", column.type)  # a TypeDecorator's own type
    try:
        python_type = kind.python_type
    except NotImplementedError:
        return True  # unknown: converted (``_value`` leaves anything else as it is)
    return python_type is object or issubclass(python_type, date)  # datetime is a date too


def _head(user_id: int) -> dict:
    return {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION,
            "generated_at": iso(clock.now()), "user_id": user_id}


def collect(session: Session, *, user_id: int, files: list[dict] | None = None) -> dict:
    """The ``data.json`` document for one user (plain JSON-serialisable values): every
    registered table's rows of theirs, ``secret_fields`` and binary columns left out.

    For the user themselves only: the caller passes the id of the logged-in user (export routes
    check a recent login). Raises nothing for an unknown user (empty tables).
    """
    tables: dict[str, dict] = {}
    not_exported: dict[str, dict] = {}
    for name, described, rows in _tables(session, user_id):
        if rows is None:
            not_exported[name] = described
        else:
            tables[name] = {**described, "rows": list(rows)}
    return {**_head(user_id), "tables": tables, "not_exported": not_exported,
            "files": files or []}


def write_document(out: IO[bytes], session: Session, *, user_id: int,
                   files: list[dict] | None = None) -> None:
    """:func:`collect`'s document written as JSON to ``out``, row by row: memory stays
    bounded however many rows a table holds. Indented like ``json.dumps(indent=2)``, except
    that each row is one line (the C encoder writes a row, not Python's indenting one).
    """
    pending: list[str] = []
    size = 0

    def put(text: str) -> None:  # gathered into chunks: a ZIP stream write per row is slow
        nonlocal size
        pending.append(text)
        size += len(text)
        if size >= WRITE_CHUNK:
            flush()

    def flush() -> None:
        nonlocal size
        out.write("".join(pending).encode())
        pending.clear()
        size = 0

    head = json.dumps(_head(user_id), ensure_ascii=False, indent=2)
    put(head[:-2] + ',\n  "tables": {')
    not_exported: dict[str, dict] = {}
    first_table = True
    for name, described, rows in _tables(session, user_id):
        if rows is None:
            not_exported[name] = described
            continue
        body = json.dumps(described, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        put(("\n" if first_table else ",\n") + f"    {json.dumps(name)}: " + body[:-6]
            + ',\n      "rows": [')
        first_table = False
        first_row = True
        for row in rows:
            put(("\n" if first_row else ",\n") + "        " + _ROW_ENCODER.encode(row))
            first_row = False
        put("]\n    }" if first_row else "\n      ]\n    }")
    tail = json.dumps({"not_exported": not_exported, "files": files or []},
                      ensure_ascii=False, indent=2)
    put(("\n  }" if not first_table else "}") + ",\n" + tail[2:])
    flush()


def _cv_ids(session: Session, user_id: int) -> list[int]:
    return list(session.execute(select(CV.id).where(CV.user_id == user_id).order_by(CV.id))
                .scalars())


def _photo_ids(session: Session, user_id: int) -> list[int]:
    return list(session.execute(select(Photo.id).where(Photo.user_id == user_id)
                                .order_by(Photo.id)).scalars())


def build_zip(session: Session, *, user_id: int, lang: str = "nl",
              progress: Progress | None = None) -> bytes:
    """The export ZIP (bytes). ``progress(done, total)`` is called after every file.

    For the user themselves only (see ``collect``). Raises ``LookupError`` for an unknown user.
    """
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(user_id)
    cv_ids, photo_ids = _cv_ids(session, user_id), _photo_ids(session, user_id)
    total, done = len(cv_ids) + len(photo_ids) + 2, 0

    def step():
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    files: list[dict] = []
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for cv_id in cv_ids:
            name, data = rendering.render_pdf(session, user_id=user_id, cv_id=cv_id)
            path = f"cv/{cv_id}-{name}"
            zf.writestr(path, data, compress_type=zipfile.ZIP_STORED)
            files.append({"path": path, "kind": "cv_pdf", "table": "cv", "id": cv_id})
            name, data = jsonresume.export_bytes(session, user_id=user_id, cv_id=cv_id)
            path = f"cv/{cv_id}-{name}"  # the open standard other builders read (JSON Resume)
            zf.writestr(path, data)
            files.append({"path": path, "kind": "cv_jsonresume", "table": "cv", "id": cv_id})
            step()
        for photo_id in photo_ids:
            photo = session.get(Photo, photo_id)
            path = f"foto/foto-{photo_id}.jpg"
            zf.writestr(path, photo.data, compress_type=zipfile.ZIP_STORED)
            files.append({"path": path, "kind": "photo", "table": "photo", "id": photo_id})
            step()
        now = clock.now()
        items = holdings.holdings(session, user_id=user_id)
        zf.writestr("overzicht.pdf", overview_pdf.render(  # its streams are deflated already
            name=user.name, email=user.email, generated=now, items=items, lang=lang),
            compress_type=zipfile.ZIP_STORED)
        files.append({"path": "overzicht.pdf", "kind": "overview", "table": None, "id": None})
        step()
        with zf.open("data.json", "w") as stream:
            write_document(stream, session, user_id=user_id, files=files)
        step()
    return out.getvalue()


def filename(now: datetime | None = None) -> str:
    """The download's file name, dated in Amsterdam (``cloudcv-mijn-gegevens-2026-12-01.zip``).
    Any caller."""
    return f"cloudcv-mijn-gegevens-{clock.local_date(now or clock.now()).isoformat()}.zip"


# ---------------------------------------------------------------- prepared files
def _dir() -> Path:
    path = settings().data_dir / "exports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _aad(user_id: int, token: str) -> bytes:
    return f"export|{int(user_id)}|{token}".encode()


def _path(user_id: int, token: str) -> Path:
    return _dir() / f"u{int(user_id)}-{token}.zip"


def sweep(max_age: timedelta = READY_FOR) -> int:
    """Delete prepared exports older than ``max_age``; returns how many. Any caller (``prepare``
    and the background task); raises nothing."""
    count = 0
    limit = time.time() - max_age.total_seconds()
    for path in _dir().glob("u*-*.zip"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                count += 1
        except FileNotFoundError:
            pass
    return count


def discard(user_id: int) -> None:
    """Remove every prepared export of a user (account deletion). Called with the user's
    erasure; raises nothing."""
    for path in _dir().glob(f"u{int(user_id)}-*.zip"):
        path.unlink(missing_ok=True)


def prepare(session: Session, *, user_id: int, lang: str = "nl", ip: str = "",
            progress: Progress | None = None) -> str:
    """Build the ZIP into the private export dir; returns the token for ``take``.

    The user themselves only (the state passes their session's id after a recent login).
    Audit-logged and committed; raises ``LookupError`` for an unknown user.
    """
    sweep()
    data = build_zip(session, user_id=user_id, lang=lang, progress=progress)
    discard(user_id)
    token = secrets.token_hex(16)
    fd = os.open(_path(user_id, token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:  # sealed while it waits on disk (P28), bound to its name
        fh.write(keys.keyring().seal(data, _aad(user_id, token)))
    audit.record(session, action="account.exported", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, bytes=len(data))
    session.commit()
    return token


def build_audited(session: Session, *, user_id: int, lang: str = "nl", ip: str = "") -> bytes:
    """Build the ZIP for an immediate download (the route's fallback), audit-logged.

    The user themselves only; raises ``LookupError`` for an unknown user. Commits.
    """
    data = build_zip(session, user_id=user_id, lang=lang)
    audit.record(session, action="account.exported", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, bytes=len(data))
    session.commit()
    return data


def prepared_size(*, user_id: int, token: str) -> int:
    """Size in bytes of a prepared export (0 when it is gone or the token is malformed). The
    user themselves (the token is theirs); raises nothing."""
    try:
        return _path(user_id, token).stat().st_size if _TOKEN.match(token) else 0
    except FileNotFoundError:
        return 0


def take(*, user_id: int, token) -> bytes | None:
    """The prepared ZIP once (then deleted); None when unknown, not theirs or stale. The
    download route, for the logged-in user's own id; raises nothing."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    path = _path(user_id, token)
    try:
        if time.time() - path.stat().st_mtime > READY_FOR.total_seconds():
            path.unlink(missing_ok=True)
            return None
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    path.unlink(missing_ok=True)
    try:
        return keys.keyring().open(blob, _aad(user_id, token))
    except keys.SealError:  # not ours, renamed, or its key is gone: nothing to hand out
        return None
