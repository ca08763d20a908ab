"""Attacks on backups and the erasure journal (P27): a backup file that is corrupt, tampered,
cut short, reordered, spliced or sealed under another key is refused with a clear message
and a non-zero exit code, and the live database does not change; so is a journal that was
edited, shortened or swapped for an older copy (it would bring erased people back)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import struct

import pytest
from sqlmodel import Session, select

from cloudcv import cli, cli_backup, keys
from cloudcv.config import settings
from cloudcv.models import User
from cloudcv.services.core import db, journal
from cloudcv.services.privacy import backups, erasure
from tests.factories import verified_user
from tests.unit.test_backup import backup_dir  # noqa: F401  (the fixture, shared)


@pytest.fixture
def taken(session, db_url, backup_dir):
    """A backup with Oud in it; Nieuw signed up after it (so a restore would remove Nieuw)."""
    verified_user(session, email="oud@example.nl", name="Oud")
    path = backups.create(session)
    verified_user(session, email="nieuw@example.nl", name="Nieuw")
    session.close()
    return path


def _emails(db_url) -> set[str]:
    with Session(db.engine(db_url)) as s:
        return set(s.exec(select(User.email)).all())


def _refused(db_url, path, key: str) -> None:
    with pytest.raises(backups.BackupError) as err:
        backups.restore(db_url, path)
    assert err.value.key == key
    assert _emails(db_url) == {"oud@example.nl", "nieuw@example.nl"}, "the live database changed"


def _layout(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    """(offset of the first frame, [(offset, length) of every frame]) of a backup file."""
    start = len(backups.MAGIC) + 4 + struct.unpack(">I", data[15:19])[0]
    frames, at = [], start
    while at < len(data):
        length, _final = backups.FRAME.unpack(data[at:at + 5])
        frames.append((at, 5 + length))
        at += 5 + length
    return start, frames


def test_a_flipped_byte_anywhere_in_a_chunk_is_refused(taken, db_url):
    data = bytearray(taken.read_bytes())
    _, frames = _layout(bytes(data))
    at, length = frames[-1]
    data[at + length // 2] ^= 0x01
    taken.write_bytes(bytes(data))
    _refused(db_url, taken, "backup.error.tampered")


def test_an_edited_header_is_refused(taken, db_url):
    data = taken.read_bytes()
    edited = data.replace(b'"created": "', b'"created": "1', 1)
    size = struct.unpack(">I", data[15:19])[0] + 1
    edited = edited[:15] + struct.pack(">I", size) + edited[19:]
    taken.write_bytes(edited)
    _refused(db_url, taken, "backup.error.tampered")


def test_a_backup_cut_short_is_refused(taken, db_url):
    data = taken.read_bytes()
    _, frames = _layout(data)
    for cut in (frames[-1][0], len(data) - 7, 20):
        taken.write_bytes(data[:cut])
        _refused(db_url, taken, "backup.error.truncated" if cut > 20 else "backup.error.not_backup")


def test_bytes_after_the_final_chunk_are_refused(taken, db_url):
    taken.write_bytes(taken.read_bytes() + b"\0")
    _refused(db_url, taken, "backup.error.tampered")


def test_a_backup_sealed_under_a_key_that_is_not_configured_is_refused(taken, db_url,
                                                                       monkeypatch):
    monkeypatch.setenv(keys.ENV, keys.new_key_entry("ander"))
    _refused(db_url, taken, "backup.error.key")


def test_a_file_that_is_no_backup_is_refused(taken, db_url):
    taken.write_bytes(b"SQLite format 3\0" + os.urandom(4000))
    _refused(db_url, taken, "backup.error.not_backup")


def test_a_backup_of_the_other_database_kind_is_refused(taken, db_url, backup_dir):
    other = "postgresql" if db_url.startswith("sqlite") else "sqlite"
    forged = backup_dir / "forged.backup"
    with open(forged, "wb") as out:
        backups.encrypt_stream(io.BytesIO(b"x"), out, {"version": 1, "db": other,
                                                       "created": "2026-01-01T00:00:00",
                                                       "journal": {"n": 0}})
    _refused(db_url, forged, "backup.error.kind")


def test_reordered_and_spliced_chunks_are_refused():
    """Three chunks: swapping two, dropping the middle one, or taking a chunk from another
    backup with the same header all fail to open."""
    payload = os.urandom(backups.CHUNK * 2 + 100)
    header = {"version": 1, "db": "sqlite", "created": "2026-01-01T00:00:00", "journal": {}}
    first, second = io.BytesIO(), io.BytesIO()
    backups.encrypt_stream(io.BytesIO(payload), first, header)
    backups.encrypt_stream(io.BytesIO(payload), second, header)
    good = first.getvalue()
    start, frames = _layout(good)
    assert len(frames) == 3
    assert backups.decrypt_stream(io.BytesIO(good), io.BytesIO()) == json.loads(
        good[19:start])
    pieces = [good[a:a + n] for a, n in frames]
    other = [second.getvalue()[a:a + n] for a, n in _layout(second.getvalue())[1]]
    for body in (pieces[1] + pieces[0] + pieces[2], pieces[0] + pieces[2],
                 pieces[0] + other[1] + pieces[2]):
        with pytest.raises(backups.BackupError) as err:
            backups.decrypt_stream(io.BytesIO(good[:start] + body), io.BytesIO())
        assert err.value.key == "backup.error.tampered"


def test_the_cli_refuses_a_tampered_backup_with_a_message_and_exit_code_2(
        taken, db_url, monkeypatch, capsys):
    cfg = dataclasses.replace(settings(), db_url=db_url)
    monkeypatch.setattr(cli_backup, "settings", lambda: cfg)
    data = bytearray(taken.read_bytes())
    data[-3] ^= 0xFF
    taken.write_bytes(bytes(data))
    assert cli.main(["restore", str(taken)]) == 2
    assert "damaged or altered" in capsys.readouterr().err
    assert _emails(db_url) == {"oud@example.nl", "nieuw@example.nl"}


# ---------------------------------------------------------------- the journal
def _erase_nieuw(db_url):
    with Session(db.engine(db_url)) as s:
        user = s.exec(select(User).where(User.email == "nieuw@example.nl")).one()
        erasure.erase_user(s, user_id=user.id, notify=False)


def test_an_edited_journal_line_is_refused(taken, db_url, backup_dir):
    with Session(db.engine(db_url)) as s:
        verified_user(s, email="derde@example.nl", name="Derde")
        erasure.erase_user(s, user_id=s.exec(select(User.id).where(
            User.email == "derde@example.nl")).one(), notify=False)
    lines = journal.path().read_bytes().splitlines()
    forged = bytearray(lines[0])
    forged[40] = ord("A") if forged[40] != ord("A") else ord("B")
    journal.path().write_bytes(bytes(forged) + b"\n")
    with pytest.raises(backups.BackupError) as err:
        backups.restore(db_url, taken)
    assert err.value.key == "backup.error.journal"
    assert _emails(db_url) == {"oud@example.nl", "nieuw@example.nl"}


def test_a_journal_with_a_line_taken_out_is_refused(taken, db_url, backup_dir):
    for email in ("a@example.nl", "b@example.nl"):
        with Session(db.engine(db_url)) as s:
            user = verified_user(s, email=email, name="X")
            erasure.erase_user(s, user_id=user.id, notify=False)
    first, second = journal.path().read_bytes().splitlines()
    journal.path().write_bytes(second + b"\n")  # the first erasure hidden
    with pytest.raises(backups.BackupError) as err:
        backups.restore(db_url, taken)
    assert err.value.key == "backup.error.journal"


def test_a_journal_older_than_the_backup_is_refused(session, db_url, backup_dir):
    """Erase someone, keep a copy of the journal, erase another, back up, put the old journal
    back: the backup knows the journal was longer, so nothing is restored."""
    verified_user(session, email="oud@example.nl", name="Oud")
    erasure.erase_user(session, user_id=verified_user(session, email="x@example.nl").id,
                       notify=False)
    old = journal.path().read_bytes()
    erasure.erase_user(session, user_id=verified_user(session, email="y@example.nl").id,
                       notify=False)
    path = backups.create(session)
    verified_user(session, email="nieuw@example.nl", name="Nieuw")
    session.close()
    journal.path().write_bytes(old)
    _refused(db_url, path, "backup.error.journal_behind")


def test_a_journal_from_another_deployment_does_not_open(taken, db_url, backup_dir,
                                                         monkeypatch):
    _erase_nieuw(db_url)
    monkeypatch.setenv(keys.ENV, keys.new_key_entry("elders"))
    with pytest.raises(backups.BackupError) as err:
        backups.restore(db_url, taken)
    assert err.value.key == "backup.error.journal"
