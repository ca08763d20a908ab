"""Erasure leaves nothing behind: not in SQLite's WAL file, not in the outbox once the
confirmation is delivered, and an erased account's id is never handed out again."""

from pathlib import Path

import pytest
from sqlmodel import select

from cloudcv.models import OutboxMail, User
from cloudcv.services.core import mail
from cloudcv.services.cv import cvs, entries
from cloudcv.services.privacy import erasure
from tests.factories import verified_user
from tests.smtp import SMTPServer, text_body

NAME = "Zebedeus Quartelmaan"
EMAIL = "zebedeus.quartelmaan@example.nl"
CV_TEXT = "Kwartiermaker bij de Vlootvoogdij"


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


def _sqlite_files(session) -> list[Path]:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        pytest.skip("the WAL file is SQLite's")
    db_file = Path(bind.url.database)
    return [db_file, db_file.with_name(db_file.name + "-wal")]


def _traces(files: list[Path], *needles: str) -> dict[str, list[str]]:
    found = {}
    for f in files:
        raw = f.read_bytes() if f.exists() else b""
        hits = [n for n in needles if n.encode() in raw or n.lower().encode() in raw.lower()]
        if hits:
            found[f.name] = hits
    return found


def _user_with_cv(session):
    user = verified_user(session, email=EMAIL, name=NAME)
    cv_id = cvs.create_cv(session, user_id=user.id, title="Mijn cv")
    entry = entries.add_entry(session, user_id=user.id, cv_id=cv_id, section="work")
    entries.set_entry_field(session, user_id=user.id, entry_id=entry, name="description", value=CV_TEXT)
    return user


def test_no_trace_in_the_database_or_wal_file_after_erasure_and_delivery(session, smtp):
    files = _sqlite_files(session)
    user = _user_with_cv(session)
    assert _traces(files, NAME, EMAIL, CV_TEXT)  # the scan sees them while they exist
    erasure.erase_user(session, user_id=user.id, reason="user_request", notify=True)
    # the confirmation still waits in the outbox (to the address, with the name); the CV is gone
    assert _traces(files, CV_TEXT) == {}
    assert mail.deliver_due(session, smtp_url=smtp.url) == 1
    assert NAME in text_body(smtp.wait_for(EMAIL))
    assert _traces(files, NAME, EMAIL, CV_TEXT) == {}


def test_a_delivered_erasure_confirmation_keeps_only_what_the_audit_needs(session, smtp):
    user = _user_with_cv(session)
    erasure.erase_user(session, user_id=user.id, reason="user_request", notify=True)
    assert mail.deliver_due(session, smtp_url=smtp.url) == 1
    smtp.wait_for(EMAIL, "")
    session.expire_all()
    row = session.exec(select(OutboxMail).where(OutboxMail.template == "account_erased")).one()
    assert (row.to_addr, row.subject, row.body_text, row.body_html, row.headers) == ("", "", "", "", {})
    assert (row.status, row.kind) == ("sent", "service") and row.sent_at is not None


def test_other_delivered_mail_keeps_its_content(session, smtp):
    user = verified_user(session, email="anna@example.nl", name="Anna")
    mail.enqueue(session, to=user.email, template="account_erased", lang="nl", name="Anna")
    session.commit()
    before = {m.id: m.to_addr for m in session.exec(select(OutboxMail)).all() if m.template != "account_erased"}
    mail.deliver_due(session, smtp_url=smtp.url)
    session.expire_all()
    after = {m.id: m.to_addr for m in session.exec(select(OutboxMail)).all() if m.template != "account_erased"}
    assert after == before and all(a == "anna@example.nl" for a in after.values())


def test_an_erased_account_id_is_never_reused(session):
    first = verified_user(session, email="eerste@example.nl", name="Eerste")
    first_id = first.id
    erasure.erase_user(session, user_id=first_id, notify=False)
    assert session.get(User, first_id) is None
    second = verified_user(session, email="tweede@example.nl", name="Tweede")
    assert second.id > first_id
    # a restored backup's tombstone for the erased id cannot hit the new account
    assert erasure.tombstone_hash(second.id) != erasure.tombstone_hash(first_id)


def test_the_autoincrement_rebuild_keeps_accounts_and_their_rows(tmp_path):
    """Migration 0010 rebuilds user_account on SQLite; children and their links survive."""
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from cloudcv.config import ROOT

    path = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = f"sqlite:///{path}"
    command.upgrade(cfg, "0009_append_only")
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    for uid in (1, 2, 3):
        con.execute("INSERT INTO user_account (id, email, name, password_hash, lang, role, blocked, created_at) "
                    "VALUES (?, ?, 'X', 'h', 'nl', 'user', 0, '2026-11-01 10:00:00.000000')", (uid, f"u{uid}@example.nl"))
    con.execute("INSERT INTO login_event (user_id, email_hmac, ip, device_id, session_public_id, os, browser, "
                "place, connection, success, reason, created_at) "
                "VALUES (2, 'h', '', '', '', '', '', '', '', 1, '', '2026-11-01 10:00:00.000000')")
    con.execute("DELETE FROM user_account WHERE id = 3")
    con.commit()
    con.close()
    command.upgrade(cfg, "head")
    con = sqlite3.connect(path)
    assert "AUTOINCREMENT" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'user_account'").fetchone()[0]
    assert con.execute("SELECT id, email FROM user_account ORDER BY id").fetchall() == [
        (1, "u1@example.nl"), (2, "u2@example.nl")]
    assert con.execute("SELECT user_id FROM login_event").fetchall() == [(2,)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("INSERT INTO user_account (email, name, password_hash, lang, role, blocked, created_at) "
                "VALUES ('new@example.nl', 'N', 'h', 'nl', 'user', 0, '2026-12-01 10:00:00.000000')")
    assert con.execute("SELECT max(id) FROM user_account").fetchone() == (3,)  # sqlite_sequence starts at the highest id copied (see 0010)
    con.close()
