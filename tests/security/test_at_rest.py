"""P28, adversarially: someone with a copy of the database (the SQLite file and its WAL, or a
PostgreSQL dump) finds none of the sensitive values, none of the mailed link tokens and not
the /verzoek code; the owner still sees every value in the export and in the PDFs.

The values are literals written here, chosen so that they occur nowhere by chance; the
database is read past the application (file bytes, ``pg_dump`` and ``psql``)."""

import io
import json
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from cloudcv.config import settings
from cloudcv.models import OutboxMail, Photo, ShareSnapshot
from cloudcv.services.cv import cvs, recipients
from cloudcv.services.privacy import export, shared_view, sharing
from tests.mydata_factories import Secrets, full_user

NATIONALITY = "Liechtensteinse"
GENDER = "genderfluïde"
MARITAL = "geregistreerd partnerschap"
BIRTH_ISO, BIRTH_NL = "1979-11-23", "23-11-1979"
LICENCE_JSON = ('["C1E","D1E"]', '["C1E", "D1E"]')  # compact and json.dumps' default form
CLEAR_TEXTS = (NATIONALITY, GENDER, MARITAL, BIRTH_ISO, BIRTH_NL, *LICENCE_JSON)


def _noise_jpeg() -> bytes:
    """A photo whose compressed bytes exist nowhere else (random pixels)."""
    out = io.BytesIO()
    Image.frombytes("RGB", (160, 200), os.urandom(160 * 200 * 3)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def stored(session, tmp_path):
    """A full user (a row in every registered table) whose CV has every sensitive detail, a
    photo and a link sent after the details were filled in; returns what must stay hidden."""
    secrets = Secrets()
    user, _ = full_user(session, "geheim@example.nl", "Gea Heim", secrets)
    cv_id = cvs.list_cvs(session, user_id=user.id)[0].id
    for name, value in (("nationality", NATIONALITY), ("gender", GENDER),
                        ("marital_status", MARITAL)):
        cvs.set_field(session, user_id=user.id, cv_id=cv_id, name=name, value=value)
    cvs.set_birth_date(session, user_id=user.id, cv_id=cv_id, value=BIRTH_NL)
    cvs.set_licences(session, user_id=user.id, cv_id=cv_id, licences=["C1E", "D1E"])
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=_noise_jpeg())
    recipient = recipients.add_recipient(session, user_id=user.id, cv_id=cv_id, name="Ria Recruiter",
                                         email="ria@example.nl", organisation="", note="")
    sharing.send(session, user_id=user.id, recipient_id=recipient.id)
    share_token = re.search(r"/gedeeld/([\w.\-]+)",
                            _last_body(session, "ria@example.nl")).group(1)
    photo = session.exec(select(Photo).where(Photo.user_id == user.id)
                         .order_by(Photo.id.desc())).first()
    snapshot = session.exec(select(ShareSnapshot).order_by(ShareSnapshot.id.desc())).first()
    binary = [photo.data[-600:-536], snapshot.pdf[len(snapshot.pdf) // 2:][:64]]
    tokens = [*secrets.link_tokens, share_token]
    assert secrets.codes and len(tokens) >= 5  # verify, share, reset, keep-account, share
    return {"user": user, "cv_id": cv_id, "photo": photo.data, "share_token": share_token,
            "texts": [*CLEAR_TEXTS, *tokens, *(f"code: {c}" for c in secrets.codes)],
            "binary": binary}  # a bare six-digit code could match a timestamp by chance


def _last_body(session, to: str) -> str:
    return session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                        .order_by(OutboxMail.id.desc())).first().body_text


def _sqlite_bytes(url: str) -> bytes:
    path = make_url(url).database
    raw = b""
    for suffix in ("", "-wal"):  # the database file and the write-ahead log
        if os.path.exists(path + suffix):
            raw += open(path + suffix, "rb").read()
    assert len(raw) > 100_000, "the scan would be vacuous"
    return raw


def _pg_dump(url: str) -> bytes:
    u = make_url(url)
    base = ["-h", u.host or "127.0.0.1", "-U", u.username or "postgres"]
    dump = subprocess.run(["pg_dump", *base, "--data-only", u.database], check=True,
                          capture_output=True).stdout
    select_raw = subprocess.run(
        ["psql", *base, "-At", "-d", u.database, "-c",
         "SELECT birth_date, nationality, gender, marital_status, driving_licence FROM cv; "
         "SELECT data FROM photo; SELECT pdf FROM share_snapshot; "
         "SELECT body_text, body_html, headers FROM outbox_mail"],
        check=True, capture_output=True).stdout
    assert b"\\x5331" in select_raw  # bytea as hex: every sealed value starts with "S1"
    return dump + select_raw


def test_a_copy_of_the_database_shows_none_of_the_sensitive_values(session, db_url, stored):
    session.close()
    if db_url.startswith("sqlite"):
        raw = _sqlite_bytes(db_url)
        needles = [t.encode() for t in stored["texts"]] + stored["binary"]
    else:
        if not shutil.which("pg_dump"):
            pytest.fail("pg_dump is needed for the PostgreSQL scan")
        raw = _pg_dump(db_url)
        # a clear bytea would show in the dump as hex: look for both forms
        needles = [t.encode() for t in stored["texts"]] + stored["binary"]
        needles += [n.hex().encode() for n in needles]
    found = [n[:40] for n in needles if n in raw]
    assert not found, f"found in the raw database: {found}"
    assert b"Gea Heim" in raw  # the scan sees clear columns (names are not sealed)


def test_the_owner_still_sees_every_value_in_the_export_and_the_pdfs(session, stored, tmp_path):
    user = stored["user"]
    zf = zipfile.ZipFile(io.BytesIO(export.build_zip(session, user_id=user.id, lang="nl")))
    doc = json.loads(zf.read("data.json"))
    row = next(r for r in doc["tables"]["cv"]["rows"] if r["id"] == stored["cv_id"])
    assert (row["nationality"], row["gender"], row["marital_status"], row["birth_date"],
            row["driving_licence"]) == (NATIONALITY, GENDER, MARITAL, BIRTH_ISO, ["C1E", "D1E"])
    mails = json.dumps(doc["tables"]["outbox_mail"]["rows"], ensure_ascii=False)
    assert "/bevestigen?token=[verwijderd]" in mails  # bodies there, live tokens redacted
    photos = [n for n in zf.namelist() if n.startswith("foto/")]
    assert stored["photo"] in [zf.read(n) for n in photos]
    pdf_name = next(n for n in zf.namelist() if n.startswith(f"cv/{stored['cv_id']}-"))
    shared = shared_view.open_link(session, token=stored["share_token"], kind="pdf",
                                   ip="203.0.113.9", user_agent="Mozilla/5.0")
    for name, pdf in (("export", zf.read(pdf_name)), ("shared", shared.pdf)):
        text = _pdf_text(pdf, tmp_path, name)
        for value in (NATIONALITY, GENDER, MARITAL, BIRTH_NL, "C1E, D1E"):
            assert value in text, (name, value)


def test_a_prepared_export_waits_on_disk_sealed(session, stored):
    user = stored["user"]
    token = export.prepare(session, user_id=user.id, lang="nl")
    path = settings().data_dir / "exports" / f"u{user.id}-{token}.zip"
    on_disk = path.read_bytes()
    assert on_disk[:2] == b"S1" and stored["binary"][0] not in on_disk  # the photo, stored raw
    zf = zipfile.ZipFile(io.BytesIO(export.take(user_id=user.id, token=token)))
    assert NATIONALITY in zf.read("data.json").decode()
