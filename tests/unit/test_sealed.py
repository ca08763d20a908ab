"""Sealed columns (models/sealed.py, P28): what the database holds is ciphertext bound to its
table, column and row; what the code sees is the plain value; what does not open fails loudly.
Expected values are literals written here; raw bytes are read with plain SQL."""

import os
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import event
from sqlmodel import Session, select

from cloudcv import keys
from cloudcv.models import CV, OutboxMail, Photo
from cloudcv.services.core import db, mail
from cloudcv.services.cv import cvs
from tests.conftest import alembic_config as _alembic
from tests.factories import verified_user
from tests.mydata_factories import jpeg

DETAILS = {"nationality": "Zwitserse", "gender": "vrouw", "marital_status": "samenwonend"}


def _raw(session, sql: str, **params):
    """Plain SQL: what the database itself holds, past the ORM events."""
    return session.execute(sa.text(sql), params)


def _cv(session, email="sanne@example.nl"):
    user = verified_user(session, email=email, name="Sanne Sealed")
    cv_id = cvs.create_cv(session, user_id=user.id, title="Mijn cv")
    for name, value in DETAILS.items():
        cvs.set_field(session, user_id=user.id, cv_id=cv_id, name=name, value=value)
    cvs.set_birth_date(session, user_id=user.id, cv_id=cv_id, value="14-03-1987")
    cvs.set_licences(session, user_id=user.id, cv_id=cv_id, licences=["B", "C1E"])
    return user, cv_id


def _row(session, table: str, row_id: int) -> dict:
    return dict(_raw(session, f"SELECT * FROM {table} WHERE id = :id", id=row_id).mappings().one())


def test_the_database_holds_ciphertext_and_the_model_the_plain_values(db_url):
    with Session(db.engine(db_url)) as s:
        user, cv_id = _cv(s)
        raw = _row(s, "cv", cv_id)
    for column in ("birth_date", "nationality", "gender", "marital_status", "driving_licence"):
        blob = bytes(raw[column])
        assert blob[:2] == b"S1", column
        for clear in (b"1987", b"Zwitserse", b"vrouw", b"samenwonend", b"C1E"):
            assert clear not in blob, (column, clear)
    with Session(db.engine(db_url)) as s:  # a fresh session: loaded from the database
        cv = s.get(CV, cv_id)
        assert cv.birth_date == date(1987, 3, 14)
        assert (cv.nationality, cv.gender, cv.marital_status) == ("Zwitserse", "vrouw", "samenwonend")
        assert cv.driving_licence == ["B", "C1E"]
        assert cv.city == ""  # a clear column is untouched
        assert not s.dirty and not s.is_modified(cv)


def test_loading_and_committing_writes_nothing(db_url):
    with Session(db.engine(db_url)) as s:
        _, cv_id = _cv(s)
    statements = []
    engine = db.engine(db_url)
    listener = lambda *a: statements.append(a[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with Session(engine) as s:
            s.exec(select(CV).where(CV.id == cv_id)).one().gender
            s.commit()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert statements and not [q for q in statements if q.lstrip().upper().startswith("UPDATE")]


def test_editing_one_field_reseals_only_that_field(db_url):
    with Session(db.engine(db_url)) as s:
        user, cv_id = _cv(s)
        before = _row(s, "cv", cv_id)
        cvs.set_field(s, user_id=user.id, cv_id=cv_id, name="gender", value="man")
        after = _row(s, "cv", cv_id)
    assert after["gender"] != before["gender"]
    assert after["nationality"] == before["nationality"]
    with Session(db.engine(db_url)) as s:
        assert s.get(CV, cv_id).gender == "man"


def test_lengths_and_emptiness_do_not_show(db_url):
    with Session(db.engine(db_url)) as s:
        user, cv_id = _cv(s)
        other = cvs.create_cv(s, user_id=user.id, title="Leeg")  # every detail empty
        filled, empty = _row(s, "cv", cv_id), _row(s, "cv", other)
    # "vrouw" vs "man" vs "" — and a 10-byte date vs no date — are the same size on disk
    for column in ("gender", "nationality", "marital_status", "birth_date", "driving_licence"):
        assert len(filled[column]) == len(empty[column]), column
        assert empty[column] is not None and bytes(empty[column])[:2] == b"S1", column


@pytest.mark.parametrize("move", ["other_row", "other_column"])
def test_a_value_moved_elsewhere_does_not_open(db_url, move):
    with Session(db.engine(db_url)) as s:
        user, cv_id = _cv(s)
        other = cvs.create_cv(s, user_id=user.id, title="Tweede")
        blob = _row(s, "cv", cv_id)["nationality"]
        target, column = (other, "nationality") if move == "other_row" else (cv_id, "gender")
        _raw(s, f"UPDATE cv SET {column} = :b WHERE id = :id", b=blob, id=target)
        s.commit()
    with Session(db.engine(db_url)) as s, pytest.raises(keys.SealError) as err:
        s.get(CV, target)
    assert f"cv.{column} of row {target} does not open" in str(err.value)


@pytest.mark.parametrize("stored", [b"Zwitserse", "flip"])
def test_clear_missing_or_altered_values_raise_instead_of_showing_something(db_url, stored):
    with Session(db.engine(db_url)) as s:
        _, cv_id = _cv(s)
        if stored == "flip":
            blob = bytearray(_row(s, "cv", cv_id)["nationality"])
            blob[-1] ^= 1
            stored = bytes(blob)
        _raw(s, "UPDATE cv SET nationality = :b WHERE id = :id", b=stored, id=cv_id)
        s.commit()
    with Session(db.engine(db_url)) as s, pytest.raises(keys.SealError):
        s.get(CV, cv_id)


def test_photos_and_mail_bodies_are_sealed_and_still_work(db_url):
    photo_bytes = jpeg((200, 10, 10))
    with Session(db.engine(db_url), expire_on_commit=False) as s:
        user, cv_id = _cv(s)
        cvs.set_photo(s, user_id=user.id, cv_id=cv_id, raw=photo_bytes)
        photo_id = s.get(CV, cv_id).photo_id
        stored_jpeg = s.get(Photo, photo_id).data
        mail.enqueue(s, to="sanne@example.nl", template="verify", lang="nl", name="Sanne",
                     link="https://cloudcv.nl/bevestigen?token=GEHEIMTOKEN123")
        s.commit()
        raw_photo = bytes(_row(s, "photo", photo_id)["data"])
        mail_row = _raw(s, "SELECT id, body_text, body_html, headers FROM outbox_mail "
                           "ORDER BY id DESC LIMIT 1").mappings().one()
    assert stored_jpeg[:2] == b"\xff\xd8" and raw_photo[:2] == b"S1"
    assert stored_jpeg[200:264] not in raw_photo
    for column in ("body_text", "body_html", "headers"):
        assert b"GEHEIMTOKEN123" not in bytes(mail_row[column]), column
    with Session(db.engine(db_url)) as s:
        assert s.get(Photo, photo_id).data == stored_jpeg
        body = s.get(OutboxMail, mail_row["id"]).body_text
        assert "https://cloudcv.nl/bevestigen?token=GEHEIMTOKEN123" in body
        assert cvs.photo_bytes(s, user_id=user.id, cv_id=cv_id) == stored_jpeg


# ---------------------------------------------------------------- migration 0014
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
OLD_ROWS = {
    "user_account": {"id": 1, "email": "oud@example.nl", "name": "Oud", "password_hash": "x",
                     "lang": "nl", "role": "user", "blocked": False, "created_at": NOW},
    "cv": {"id": 7, "user_id": 1, "title": "Oud cv", "template": "accent", "accent": "#3e63dd",
           "lang": "nl", "birth_date": date(1961, 5, 2), "nationality": "Belgische",
           "gender": "man", "marital_status": "gehuwd", "driving_licence": ["AM", "B"],
           "created_at": NOW, "updated_at": NOW},
    "photo": {"id": 3, "user_id": 1, "data": b"\xff\xd8JPEG-OUDE-FOTO-BYTES\xff\xd9",
              "width": 1, "height": 1, "sha256": "0" * 64, "created_at": NOW},
    "outbox_mail": {"id": 5, "to_addr": "oud@example.nl", "subject": "Code",
                    "body_text": "Je code is 482913", "body_html": "<p>Je code is 482913</p>",
                    "headers": {"X-Test": "ja"}, "kind": "service", "template": "request_code",
                    "status": "sent", "attempts": 1, "next_attempt_at": NOW, "last_error": "",
                    "created_at": NOW},
}
CLEAR = (b"Belgische", b"gehuwd", b"1961-05-02", b"JPEG-OUDE-FOTO", b"482913", b"X-Test")


def _fill(conn, table: sa.Table, values: dict) -> dict:
    row = dict(values)
    for col in table.columns:  # whatever else the 0013 schema requires
        if col.name in row or col.nullable or col.primary_key or col.server_default is not None:
            continue
        py = col.type.python_type
        row[col.name] = {int: 0, str: "", bool: False, datetime: NOW, bytes: b""}[py]
    return row


def _raw_dump(url: str) -> bytes:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        out = b""
        for table, column in (("cv", "nationality"), ("cv", "marital_status"),
                              ("cv", "birth_date"), ("photo", "data"),
                              ("outbox_mail", "body_text"), ("outbox_mail", "body_html"),
                              ("outbox_mail", "headers")):
            value = conn.execute(sa.text(f"SELECT {column} FROM {table}")).scalar_one()
            out += value if isinstance(value, (bytes, memoryview)) else str(value).encode()
    engine.dispose()
    return bytes(out)


def test_migration_0014_seals_existing_clear_rows_and_downgrade_opens_them(empty_url):
    cfg = _alembic(empty_url)
    command.upgrade(cfg, "0013_marketing")
    engine = sa.create_engine(empty_url)
    schema = sa.MetaData()
    schema.reflect(engine, only=list(OLD_ROWS))
    with engine.begin() as conn:
        for table, values in OLD_ROWS.items():
            reflected = schema.tables[table]
            row = _fill(conn, reflected, values)
            # JSON columns written as 0013's models wrote them (reflection may say TEXT)
            t = sa.Table(table, sa.MetaData(), *(
                sa.Column(c.name, sa.JSON() if c.name in ("driving_licence", "headers")
                          else c.type) for c in reflected.columns))
            conn.execute(t.insert().values(row))
    engine.dispose()
    assert all(clear in _raw_dump(empty_url) for clear in CLEAR)  # the test sees clear data

    db.migrate(empty_url)  # to head, as `cloudcv migrate` does
    dump = _raw_dump(empty_url)
    if empty_url.startswith("sqlite"):  # the file and its WAL, not only what SQL returns
        path = sa.engine.make_url(empty_url).database
        dump += b"".join(open(p, "rb").read() for p in (path, path + "-wal")
                         if os.path.exists(p))
    assert not [clear for clear in CLEAR if clear in dump]
    with Session(db.engine(empty_url)) as s:
        cv = s.get(CV, 7)
        assert (cv.birth_date, cv.nationality, cv.gender, cv.marital_status,
                cv.driving_licence) == (date(1961, 5, 2), "Belgische", "man", "gehuwd", ["AM", "B"])
        assert s.get(Photo, 3).data == b"\xff\xd8JPEG-OUDE-FOTO-BYTES\xff\xd9"
        m = s.get(OutboxMail, 5)
        assert (m.body_text, m.body_html, m.headers) == (
            "Je code is 482913", "<p>Je code is 482913</p>", {"X-Test": "ja"})
    db.engine(empty_url).dispose()

    command.downgrade(cfg, "0013_marketing")
    assert all(clear in _raw_dump(empty_url) for clear in CLEAR)
