"""Backups that keep erasures erased (P27; docs/backup.md), on SQLite and PostgreSQL.

A backup taken before an erasure and an unsubscribe, restored afterwards, brings neither
back; a newer account that gets a reused id is never erased; a backup taken during writes
is consistent; a restore that fails half-way leaves the live database as it was; /privacy
and the register state the rotation (14 daily copies by default: 14 days).
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select

from cloudcv.config import settings
from cloudcv.models import Recipient, User
from cloudcv.models.marketing import MarketingOptIn
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import recipient_erasure
from cloudcv.services.core import db, journal, suppression
from cloudcv.services.cv import cvs, recipients
from cloudcv.services.privacy import backups, erasure, marketing, register, statement
from tests.factories import verified_user
from tests.mydata_factories import full_user
from tests.unit.test_mydata_factories import rows_of


@pytest.fixture
def backup_dir(tmp_path, monkeypatch):
    """Backups and the journal in a directory of this test only."""
    directory = tmp_path / "backups"
    cfg = dataclasses.replace(settings(), backup_dir=directory)
    monkeypatch.setattr(journal, "settings", lambda: cfg)
    monkeypatch.setattr(backups, "settings", lambda: cfg)
    return directory


def _fresh(db_url) -> Session:
    return Session(db.engine(db_url), expire_on_commit=False)


def _emails(db_url) -> set[str]:
    with _fresh(db_url) as s:
        return set(s.exec(select(User.email)).all())


def test_a_restored_backup_brings_back_neither_the_erased_user_nor_the_unsubscribed_address(
        session, db_url, backup_dir):
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    anna_id = anna.id
    bob = verified_user(session, email="bob@example.nl", name="Bob Bakker")
    marketing.set_news(session, user_id=bob.id, on=True)
    session.commit()
    carla = verified_user(session, email="carla@example.nl", name="Carla")
    cv_id = cvs.create_cv(session, user_id=carla.id, title="Cv")
    for address in ("vergeet@example.nl", "blijft@example.nl"):
        recipients.add_recipient(session, user_id=carla.id, cv_id=cv_id, name="R", email=address)
    admin = session.exec(select(User).where(User.email == "beheer@example.nl")).one()
    path = backups.create(session)
    assert path.parent == backup_dir and backups.backups() == [path]
    assert path.read_bytes()[:len(backups.MAGIC)] == b"CLOUDCV-BACKUP\n"
    assert b"carla@example.nl" not in path.read_bytes()  # encrypted

    erasure.erase_user(session, user_id=anna_id, notify=False)
    marketing.unsubscribe(session, token=marketing.unsubscribe_token("bob@example.nl"))
    recipient_erasure.forget_recipient(session, admin_id=admin.id, email="Vergeet@example.nl")
    verified_user(session, email="dirk@example.nl", name="Dirk")  # after the backup
    session.close()

    report = backups.restore(db_url, path)
    assert (report.erased, report.unsubscribed, report.recipients) == (1, 1, 1)
    # the backup's data is back (Dirk came later, so he is not; full_user made an admin who
    # handled Anna's request), Anna is not
    assert _emails(db_url) == {"beheer@example.nl", "bob@example.nl", "carla@example.nl"}
    with _fresh(db_url) as s:
        assert accounts.by_email(s, "anna@example.nl") is None
        assert sum(rows_of(s, anna_id).values()) == 0, rows_of(s, anna_id)
        assert suppression.is_suppressed(s, "bob@example.nl")
        assert s.exec(select(MarketingOptIn)).all() == []
        assert not marketing.opted_in(s, user_id=bob.id)
        assert [r.email for r in s.exec(select(Recipient))] == ["blijft@example.nl"]


def test_a_newer_account_is_never_erased_by_a_reused_id(session, db_url, backup_dir):
    first = verified_user(session, email="eerste@example.nl", name="Eerste")
    path = backups.create(session)
    later = verified_user(session, email="later@example.nl", name="Later")
    later_id = later.id
    erasure.erase_user(session, user_id=later_id, notify=False)
    session.close()

    backups.restore(db_url, path)
    with _fresh(db_url) as s:
        newcomer = verified_user(s, email="nieuw@example.nl", name="Nieuw")
        # the sequence went back to the backup's; it is moved past every journalled id
        assert newcomer.id > later_id > first.id
        # and a journal line only matches the account it was written for: the same id with
        # another creation time (a reused id) is left alone, the same account is erased
        s.add(User(id=later_id, email="hergebruikt@example.nl", name="Hergebruikt",
                   password_hash="x"))
        s.commit()
        assert erasure.replay(s, journal.entries()) == 0
        s.commit()
        assert s.exec(select(User.email).where(User.id == later_id)).one() == \
            "hergebruikt@example.nl"
        s.execute(text("UPDATE user_account SET created_at = :at WHERE id = :id"),
                  {"at": later.created_at, "id": later_id})
        s.commit()
        s.expire_all()
        assert erasure.replay(s, journal.entries()) == 1
        s.commit()
        assert s.exec(select(User.id).where(User.id == later_id)).first() is None


def test_a_backup_taken_during_writes_holds_whole_transactions(session, db_url, backup_dir):
    """A writer commits an account and its opt-in together; the backup is taken while it runs.
    Restored, every account has its opt-in and every opt-in its account."""
    started, stop = threading.Event(), threading.Event()
    written = []

    def writer():
        n = 0
        while not stop.is_set():
            with _fresh(db_url) as s:
                user = User(email=f"w{n}@example.nl", name="Schrijver", password_hash="x")
                s.add(user)
                s.flush()
                s.add(MarketingOptIn(user_id=user.id, email=user.email, name="Schrijver",
                                     email_hash=suppression.address_hash(user.email),
                                     source="register", text_sha256="0" * 64))
                s.commit()
            n += 1
            written.append(n)
            if n == 20:
                started.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert started.wait(60)
        path = backups.create(session)
    finally:
        stop.set()
        thread.join(60)
    session.close()
    backups.restore(db_url, path)
    with _fresh(db_url) as s:
        users = set(s.exec(select(User.id).where(User.email.like("w%@example.nl"))).all())
        opt_ins = set(s.exec(select(MarketingOptIn.user_id)).all())
        assert len(users) >= 20
        assert users == opt_ins
    assert len(written) >= len(users)


def test_a_restore_that_fails_half_way_leaves_the_live_database_as_it_was(
        session, db_url, backup_dir, monkeypatch):
    verified_user(session, email="oud@example.nl", name="Oud")
    path = backups.create(session)
    verified_user(session, email="nieuw@example.nl", name="Nieuw")
    session.close()
    before = _emails(db_url)
    assert before == {"oud@example.nl", "nieuw@example.nl"}

    if db_url.startswith("sqlite"):
        def crash(session, entries):  # the replay has begun writing, then the process dies
            session.execute(text("UPDATE user_account SET email = 'kapot' || id"))
            raise RuntimeError("killed")

        monkeypatch.setattr(backups, "_replay", crash)
        with pytest.raises(RuntimeError):
            backups.restore(db_url, path)
        live = Path(db.engine(db_url).url.database)
        assert [p.name for p in live.parent.iterdir() if ".restoring" in p.name] == []
    else:
        # 1. a backup whose dump breaks off in the middle: refused while loading the scratch copy
        with open(path, "rb") as fh, open(backup_dir / "plain.sql", "wb") as out:
            header = backups.decrypt_stream(fh, out)
        dump = (backup_dir / "plain.sql").read_bytes()
        cut = dump[:dump.index(b"COPY public.user_account")] + b"THIS IS NOT SQL;\n"
        broken = backup_dir / "cloudcv-20260101T000000.000000Z.backup"
        with open(backup_dir / "plain.sql", "wb") as fh:
            fh.write(cut)
        with open(backup_dir / "plain.sql", "rb") as src, open(broken, "wb") as out:
            backups.encrypt_stream(src, out, {k: v for k, v in header.items()
                                              if k not in ("key", "chunk", "id")})
        with pytest.raises(backups.BackupError) as err:
            backups.restore(db_url, broken)
        assert err.value.key == "backup.error.load"
        assert _emails(db_url) == before
        # 2. the replayed copy breaks off while it replaces the live schema (after the DROP
        # SCHEMA of the same transaction): psql stops and all of it rolls back
        real_dump = backups._pg_dump

        def half(url, target):
            real_dump(url, target)
            if target.name == "replayed.sql":
                data = target.read_bytes()
                target.write_bytes(data[:data.index(b"COPY public.user_account")] + b"KAPOT;\n")

        monkeypatch.setattr(backups, "_pg_dump", half)
        with pytest.raises(backups.BackupError) as err:
            backups.restore(db_url, path)
        assert err.value.key == "backup.error.load"
        with db.engine(db_url).connect() as conn:  # and the scratch database is gone
            name = db.engine(db_url).url.database
            assert conn.execute(text("SELECT count(*) FROM pg_database WHERE starts_with("
                                     "datname, :p)"), {"p": f"{name}_restore_"}).scalar_one() == 0
    assert _emails(db_url) == before


def test_the_scheduled_backup_runs_once_per_interval_under_the_lease_and_keeps_n_copies(
        session, backup_dir, frozen_clock, monkeypatch):
    cfg = dataclasses.replace(settings(), backup_dir=backup_dir, backup_keep=2)
    monkeypatch.setattr(backups, "settings", lambda: cfg)
    verified_user(session)
    first = backups.backup_job(session)
    assert first is not None and first.exists()
    assert backups.backup_job(session) is None  # resting: another worker finds it taken
    frozen_clock.advance(seconds=1)
    second = backups.backup_job(session, force=True)  # the CLI
    frozen_clock.advance(days=1, seconds=1)
    third = backups.backup_job(session)  # the interval has passed
    assert third is not None
    assert backups.backups() == [second, third]  # the oldest went: 2 copies are kept
    assert not first.exists()


def test_privacy_and_the_register_state_how_long_erased_data_survives_in_backups(session):
    # the defaults: a daily backup, 14 kept (docs/backup.md)
    nl = statement.render(session, lang="nl")
    en = statement.render(session, lang="en")
    line_nl, = [line for line in nl.splitlines() if "back-ups van persoonsgegevens" in line]
    line_en, = [line for line in en.splitlines() if "backups of personal data" in line]
    assert "hooguit 14 dagen in een back-up" in line_nl
    assert "for at most 14 days" in line_en
    doc = register.build(session, lang="en")
    assert doc["backups"]["retention_period"] == {"amount": 14, "unit": "days"}
    assert any("replaced after 14 days" in m for m in doc["security_measures"])


def test_the_rotation_follows_the_settings(monkeypatch):
    cfg = dataclasses.replace(settings(), backup_keep=7, backup_interval=43200.0)
    monkeypatch.setattr(backups, "settings", lambda: cfg)
    assert (backups.rotation().amount, backups.rotation().unit) == (4, "days")  # 3.5 → 4
    assert "hooguit 4 dagen in een back-up" in statement.render(None, lang="nl", views=[])


def test_the_journal_holds_no_address_or_id_in_the_clear(session, backup_dir):
    user = verified_user(session, email="geheim@example.nl", name="Geheim")
    erasure.erase_user(session, user_id=user.id, notify=False)
    marketing.unsubscribe(session, token=marketing.unsubscribe_token("ander@example.nl"))
    raw = journal.path().read_bytes()
    assert raw.count(b"\n") == 2
    for needle in (b"geheim", b"ander", b"erasure", b"unsubscribe", b"user_id"):
        assert needle not in raw
    found = journal.entries()
    assert [e.kind for e in found] == ["erasure", "unsubscribe"]
    assert found[0].data["user_id"] == user.id
    assert found[1].data["address_hash"] == suppression.address_hash("ander@example.nl")
    assert journal.path().stat().st_mode & 0o777 == 0o600


def test_an_erasure_whose_journal_cannot_be_written_fails_whole(session, backup_dir):
    """The journal line comes before the commit: without it nothing is erased (and the user
    sees the action fail) rather than an erasure that a restore would undo."""
    user = verified_user(session, email="anna@example.nl")
    backup_dir.mkdir(parents=True)
    journal.path().mkdir()  # a directory where the file should be: the write fails
    with pytest.raises(journal.JournalError) as err:
        erasure.erase_user(session, user_id=user.id, notify=False)
    assert err.value.key == "error.journal_unavailable"  # shown to the user, translated
    session.rollback()
    assert session.exec(select(func.count()).select_from(User)).one() == 1


def test_an_unsubscribe_that_changes_nothing_writes_no_journal_line(session, backup_dir):
    token = marketing.unsubscribe_token("c@example.nl")
    marketing.unsubscribe(session, token=token)
    marketing.unsubscribe(session, token=token)
    assert len(journal.entries()) == 1


def test_journal_lines_older_than_the_backup_are_still_replayed(session, db_url, backup_dir):
    """A backup taken while an erasure was between its journal line and its commit may still
    hold the account: the restore replays the whole journal, not only what came after."""
    user = verified_user(session, email="tussen@example.nl")
    journal.append("erasure", user_id=user.id, subject=erasure.subject_key(user.id,
                                                                           user.created_at))
    path = backups.create(session)
    session.close()
    assert backups.restore(db_url, path).erased == 1
    assert "tussen@example.nl" not in _emails(db_url)


def test_keep_old_keys_while_backups_need_them(session, db_url, backup_dir, monkeypatch):
    """After a key rotation the old key opens the old backup (it stays configured)."""
    from cloudcv import keys

    old = keys.new_key_entry("oud")
    monkeypatch.setenv(keys.ENV, old)
    verified_user(session)
    path = backups.create(session)
    monkeypatch.setenv(keys.ENV, keys.new_key_entry("nieuw") + "," + old)
    assert backups.verify(path)["key"] == "oud"
    session.close()
    assert backups.restore(db_url, path).erased == 0
    assert _emails(db_url) == {"anna@example.nl"}


def test_a_backup_from_before_a_migration_is_brought_to_the_current_schema_and_replayed(
        tmp_path, backup_dir):
    """SQLite: a database still at 0012 (no marketing tables yet) is backed up; the restore
    migrates the copy before the replay, so the unsubscribe lands in today's table."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from cloudcv.config import ROOT

    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    command.upgrade(cfg, "0012_recipients_sharing")
    with _fresh(url) as s:
        path = backups.create(s)
    db.migrate(url)
    with _fresh(url) as s:
        marketing.unsubscribe(s, token=marketing.unsubscribe_token("oud@example.nl"))
    db.engine(url).dispose()
    assert backups.restore(url, path).unsubscribed == 1
    with _fresh(url) as s:
        head = ScriptDirectory.from_config(cfg).get_current_head()  # the newest migration
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
        assert suppression.is_suppressed(s, "oud@example.nl")


def test_after_a_key_rotation_the_backup_reseals_the_journal_so_the_old_key_can_go(
        session, db_url, backup_dir, monkeypatch):
    from cloudcv import keys

    old, new = keys.new_key_entry("oud"), keys.new_key_entry("nieuw")
    monkeypatch.setenv(keys.ENV, old)
    gone = verified_user(session, email="weg@example.nl", name="Weg")
    path = backups.create(session)  # the backup and the first line under the old key
    erasure.erase_user(session, user_id=gone.id, notify=False)
    monkeypatch.setenv(keys.ENV, f"{new},{old}")  # rotated: both configured
    erasure.erase_user(session, user_id=verified_user(session, email="b@example.nl").id,
                       notify=False)
    assert backups.backup_job(session, force=True) is not None
    monkeypatch.setenv(keys.ENV, new)  # the old key removed: the journal must still open
    assert [e.kind for e in journal.entries()] == ["erasure", "erasure"]
    assert journal.reseal() == 0
    # the first backup still needs the old key (docs/backup.md: keep it as long as backups
    # need it); with it configured, its journal mark still matches the resealed journal
    monkeypatch.setenv(keys.ENV, f"{new},{old}")
    session.close()
    assert backups.restore(db_url, path).erased == 1
    assert "weg@example.nl" not in _emails(db_url)
