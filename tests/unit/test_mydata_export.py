"""The export (Art. 20): every registered table's rows for the user, nothing of anyone
else, secrets left out, and a ZIP that matches docs/export-schema.json."""

import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, inspect, select
from sqlmodel import SQLModel

from cloudcv.models import REGISTRY, User, metadata, sealed
from cloudcv.models.registry import Entry, Period, Retention
from cloudcv.services.privacy import export, holdings, restriction
from tests.export_schema import ValidationError, validate
from tests.factories import PASSWORD
from tests.interop import interop
from tests.mydata_factories import Secrets, full_user
from tests.unit.test_mydata_factories import PERSONAL_TABLES

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "export-schema.json").read_text())


@pytest.fixture
def two(session):
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    bob, _ = full_user(session, "bob@example.nl", "Bob Bakker")
    return anna, bob


def _db_ids(session, table_name, user_id):
    entry = REGISTRY[table_name]
    table = metadata.tables[table_name]
    pk = list(table.primary_key.columns)[0]
    return sorted(session.execute(select(pk).where(table.c[entry.subject] == user_id)).scalars())


def test_export_holds_every_registered_tables_rows_for_the_user_and_nothing_of_another(session, two):
    anna, bob = two
    doc = export.collect(session, user_id=anna.id)
    assert set(doc["tables"]) | set(doc["not_exported"]) == set(REGISTRY)
    for name, entry in REGISTRY.items():
        if not entry.exported:
            assert doc["not_exported"][name]["rows"] == len(_db_ids(session, name, anna.id))
            continue
        rows = doc["tables"][name]["rows"]
        pk = list(metadata.tables[name].primary_key.columns)[0].name
        assert sorted(r[pk] for r in rows) == _db_ids(session, name, anna.id), name
        assert all(r[entry.subject] == anna.id for r in rows), name
    # the tables that matter hold something, so the comparison above is not vacuous
    for name in ("user_account", "cv", "cv_entry", "photo", "cv_recipient", "auth_session",
                 "login_event", "audit_event", "data_request", "outbox_mail", "share_link",
                 "share_snapshot", "share_access"):
        assert doc["tables"][name]["rows"], name
    text = json.dumps(doc)
    assert "bob@example.nl" not in text and "Bob Bakker" not in text


# What the export leaves out, written here: the tables that are only counted (live link
# nonces are useless to the user and dangerous to pass on; the keyed IP hashes of the shared
# page's rate limit) and the columns never exported.
NOT_EXPORTED_TABLES = {"one_time_token", "share_hit"}
OMITTED_COLUMNS = {"user_account": {"password_hash"}, "auth_session": {"token_hash"},
                   "login_event": {"email_hmac"}, "photo": {"data"},
                   "data_request": {"code_hash", "ip_hmac"}, "share_link": {"token_hash"},
                   "share_snapshot": {"pdf"}, "marketing_opt_in": {"email_hash"},
                   "two_factor": {"secret"}, "recovery_code": {"code_hash"},
                   "passkey": {"public_key"}}


def _without_links(rows: list[dict]) -> list[dict]:
    """Rows with every ?token=/&t= value, /gedeeld/ share token and 6-digit code blanked, for
    comparing the rest."""
    def blank(v: str) -> str:
        v = v.replace("[verwijderd]", "")
        return re.sub(r"\d{6}", "", re.sub(r"([?&](token|t)=|/gedeeld/)[^\s&\"'<>]+", r"\1", v))
    return [{k: blank(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]


def _json_value(value):
    """How a database value must look in data.json (ISO 8601 UTC with Z, seconds)."""
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return value


def test_every_row_of_every_personal_data_table_is_in_the_zip_with_its_values(session, two):
    anna, bob = two
    zf = zipfile.ZipFile(io.BytesIO(export.build_zip(session, user_id=anna.id, lang="nl")))
    doc = json.loads(zf.read("data.json"))
    assert set(doc["tables"]) == set(PERSONAL_TABLES) - NOT_EXPORTED_TABLES
    assert set(doc["not_exported"]) == NOT_EXPORTED_TABLES
    for name, subject in PERSONAL_TABLES.items():
        table = metadata.tables[name]
        # sealed columns (models/sealed.py) hold ciphertext: compare their opened values
        stored = [sealed.open_row(name, dict(r)) for r in session.execute(
            select(table).where(table.c[subject] == anna.id).order_by(table.c.id)).mappings()]
        assert stored, f"the fixture has no {name} row: this comparison would be vacuous"
        if name in NOT_EXPORTED_TABLES:
            assert doc["not_exported"][name]["rows"] == len(stored), name
            continue
        omitted = OMITTED_COLUMNS.get(name, set())
        expected = [{k: _json_value(v) for k, v in row.items() if k not in omitted} for row in stored]
        exported = doc["tables"][name]["rows"]
        if name == "outbox_mail":  # mail bodies: all there, but links lose their token
            expected, exported = _without_links(expected), _without_links(exported)
            assert "[verwijderd]" in json.dumps(doc["tables"][name]["rows"])
        assert exported == expected, name
        assert set(doc["tables"][name]["omitted_fields"]) == omitted, name
    text = json.dumps(doc)
    assert "bob@example.nl" not in text and "Bob Bakker" not in text


# Columns whose values are secrets, found by NAME in the migrated schema (written here, not
# taken from the registry's secret_fields).
SECRET_NAME = re.compile(r"hash|hmac|token|secret|code|password|nonce")


def _secret_values(session, user_id: int) -> dict[str, set[str]]:
    """Every stored value of every secret-looking column in the user's rows."""
    found: dict[str, set[str]] = {}
    for name, subject in PERSONAL_TABLES.items():
        table = metadata.tables[name]
        for col in inspect(session.connection()).get_columns(name):
            if not SECRET_NAME.search(col["name"]):
                continue
            values = session.execute(select(table.c[col["name"]])
                                     .where(table.c[subject] == user_id)).scalars()
            strings = {v for v in values if isinstance(v, str) and len(v) >= 6}
            if strings:
                found[f"{name}.{col['name']}"] = strings
    return found


def _zip_texts(data: bytes) -> dict[str, bytes]:
    """Every file of the ZIP, uncompressed; PDFs also as their extracted text."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for name in zf.namelist():
        raw = zf.read(name)
        out[name] = raw
        if name.endswith(".pdf"):
            out[name + ":text"] = subprocess.run(["pdftotext", "-layout", "-", "-"], input=raw,
                                                 capture_output=True, check=True).stdout
    return out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_no_stored_secret_and_no_password_or_session_token_is_anywhere_in_the_zip(session):
    secrets = Secrets()
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries", secrets=secrets)
    stored = _secret_values(session, anna.id)
    # the fixture user really has the secrets we look for (else this test proves nothing)
    for column in ("user_account.password_hash", "auth_session.token_hash",
                   "login_event.email_hmac", "one_time_token.nonce_hash", "data_request.code_hash"):
        assert stored.get(column), column
    needles = {f"{column}={v}": v for column, values in stored.items() for v in values}
    needles["password"] = PASSWORD
    needles.update({f"session token {i}": tok for i, tok in enumerate(secrets.session_tokens)})
    # live credentials that went out by mail: link tokens (verify, reset, keep account) and
    # the /verzoek code. A copy of the mail in the export must not carry them.
    assert len(secrets.link_tokens) >= 3 and secrets.codes
    needles.update({f"link token {i}": tok for i, tok in enumerate(secrets.link_tokens)})
    needles.update({f"request code {i}": code for i, code in enumerate(secrets.codes)})
    files = _zip_texts(export.build_zip(session, user_id=anna.id, lang="nl"))
    assert "data.json" in files and any(n.startswith("cv/") for n in files)
    leaks = [(what, name) for what, value in needles.items() for name, body in files.items()
             if value.encode() in body]
    assert leaks == []


def test_datetimes_are_iso_8601_utc(session, two):
    anna, _ = two
    account = export.collect(session, user_id=anna.id)["tables"]["user_account"]["rows"][0]
    assert account["created_at"].endswith("Z") and "T" in account["created_at"]


def test_recipients_are_flagged_as_data_about_other_people(session, two):
    anna, _ = two
    doc = export.collect(session, user_id=anna.id)
    assert doc["tables"]["cv_recipient"]["about_others"] is True
    assert doc["tables"]["cv_recipient"]["rows"][0]["name"] == "Recruiter van Anna de Vries"
    # when the recipient opened the link is about them too
    assert doc["tables"]["share_access"]["about_others"] is True
    assert [r["kind"] for r in doc["tables"]["share_access"]["rows"]] == ["view", "pdf"]
    assert doc["tables"]["cv"]["about_others"] is False


def test_the_zip_holds_data_json_valid_against_the_schema_cv_pdfs_photos_and_overview(session, two):
    anna, _ = two
    seen = []
    data = export.build_zip(session, user_id=anna.id, lang="nl",
                            progress=lambda done, total: seen.append((done, total)))
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    doc = json.loads(zf.read("data.json"))
    validate(doc, SCHEMA)
    assert {f["path"] for f in doc["files"]} | {"data.json"} == names
    cv_files = sorted(n for n in names if n.startswith("cv/"))
    photos = [n for n in names if n.startswith("foto/")]
    # the CV as a PDF and as JSON Resume (the published v1 schema, issue 22)
    assert len(cv_files) == 2 and zf.read(cv_files[0]).startswith(b"%PDF")
    assert cv_files[1].endswith(".resume.json")
    resume = json.loads(zf.read(cv_files[1]))
    validate(resume, json.loads(interop("jsonresume/schema.json").read_text()))
    assert resume["basics"]["name"] == "Anna de Vries"
    assert len(photos) == 1 and zf.read(photos[0])[:3] == b"\xff\xd8\xff"
    assert zf.read("overzicht.pdf").startswith(b"%PDF")
    assert seen[-1][0] == seen[-1][1] == 4 and [d for d, _ in seen] == [1, 2, 3, 4]
    assert b"bob@example.nl" not in b"".join(zf.read(n) for n in names if n.endswith(".json"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_overview_pdf_says_what_we_hold_why_and_how_long(session, two):
    anna, _ = two
    zf = zipfile.ZipFile(io.BytesIO(export.build_zip(session, user_id=anna.id, lang="nl")))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=zf.read("overzicht.pdf"),
                          capture_output=True, check=True).stdout.decode()
    flat = " ".join(text.split())
    assert "Anna de Vries" in flat and "anna@example.nl" in flat
    for table in ("Account", "Inlogpogingen (beveiliging)", "(Beoogde) ontvangers van uw cv"):
        assert table in flat
    assert "Uitvoering van de overeenkomst" in flat and "Gerechtvaardigd belang" in flat
    assert "1 jaar nadat het is vastgelegd" in flat  # login events


def test_the_schema_rejects_an_export_with_a_password_hash_or_a_bad_date(session, two):
    anna, _ = two
    doc = export.collect(session, user_id=anna.id)
    bad = json.loads(json.dumps(doc))
    bad["tables"]["user_account"]["rows"][0]["password_hash"] = "x"
    with pytest.raises(ValidationError):
        validate(bad, SCHEMA)
    bad = json.loads(json.dumps(doc))
    bad["generated_at"] = "25-11-2026"
    with pytest.raises(ValidationError):
        validate(bad, SCHEMA)


def test_the_schema_rejects_1_where_true_is_required_and_true_where_1_is(session, two):
    """JSON Schema compares types strictly: 1 is not true and true is not 1 (Python's
    ``1 == True`` let the old hand-written validator accept both)."""
    anna, _ = two
    doc = export.collect(session, user_id=anna.id)
    validate(doc, SCHEMA)
    assert doc["tables"]["cv_recipient"]["about_others"] is True
    bad = json.loads(json.dumps(doc))
    bad["tables"]["cv_recipient"]["about_others"] = 1
    with pytest.raises(ValidationError):
        validate(bad, SCHEMA)
    bad = json.loads(json.dumps(doc))
    bad["tables"]["cv_recipient"]["about_others"] = False  # data about others, marked as not
    with pytest.raises(ValidationError):
        validate(bad, SCHEMA)
    bad = json.loads(json.dumps(doc))
    bad["schema_version"] = True
    with pytest.raises(ValidationError):
        validate(bad, SCHEMA)


def test_a_restricted_user_can_still_download_everything(session, two):
    anna, _ = two
    restriction.set_restricted(session, user_id=anna.id, on=True)
    doc = export.collect(session, user_id=anna.id)
    assert doc["tables"]["user_account"]["rows"][0]["restricted_at"].endswith("Z")


def test_a_newly_registered_table_appears_in_export_and_overview_without_changes(session, two):
    anna, bob = two
    notes = Table("zz_test_notes", SQLModel.metadata,
                  Column("id", Integer, primary_key=True),
                  Column("user_id", Integer, ForeignKey("user_account.id")),
                  Column("note", String(100)), Column("created_at", DateTime(timezone=True)))
    REGISTRY["zz_test_notes"] = Entry(
        table="zz_test_notes", model=object, categories=("brand_new_category",),
        purpose="brand_new_purpose", clause="3.1", basis="contract",
        retention=Retention(Period(30, "days"), after="collection"))
    try:
        notes.create(session.connection())
        session.execute(notes.insert().values(user_id=anna.id, note="van Anna"))
        session.execute(notes.insert().values(user_id=bob.id, note="van Bob"))
        doc = export.collect(session, user_id=anna.id)
        assert [r["note"] for r in doc["tables"]["zz_test_notes"]["rows"]] == ["van Anna"]
        validate(doc, SCHEMA)
        found = {h.table: h for h in holdings.holdings(session, user_id=anna.id)}
        assert found["zz_test_notes"].count == 1
        assert holdings.label("category", "brand_new_category", "nl") == "brand new category"
    finally:
        session.rollback()
        REGISTRY.pop("zz_test_notes", None)
        SQLModel.metadata.remove(notes)


def test_prepared_exports_are_handed_out_once_and_only_to_their_owner(session, two):
    anna, bob = two
    token = export.prepare(session, user_id=anna.id, lang="nl")
    assert export.take(user_id=bob.id, token=token) is None
    assert export.take(user_id=anna.id, token="../../etc/passwd") is None
    data = export.take(user_id=anna.id, token=token)
    assert data and zipfile.ZipFile(io.BytesIO(data)).read("data.json")
    assert export.take(user_id=anna.id, token=token) is None
    assert not list((export._dir()).glob(f"u{anna.id}-*.zip"))
