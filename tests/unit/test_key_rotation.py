"""Key rotation (services/privacy/key_rotation.py, ``cloudcv keys``): every sealed value ends
up under the current key, in batches, under the retention lease, resumable, and the old key
can then be dropped. Counts are literals from what each test seeds."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from cloudcv import cli, keys
from cloudcv.models import CV, Lease, OutboxMail, Photo
from cloudcv.services.core import clock, db
from cloudcv.services.cv import cvs
from cloudcv.services.privacy import key_rotation, retention
from tests.factories import verified_user
from tests.mydata_factories import jpeg

K1, K2 = keys.new_key_entry("old1"), keys.new_key_entry("new2")
CVS = 3
# per CV 5 sealed details; 1 photo; the sign-up verification mail (3 sealed columns)
VALUES = CVS * 5 + 1 + 3


class Interrupted(Exception):
    pass


def _seed(session) -> int:
    user = verified_user(session, email="rota@example.nl", name="Rota Tie")
    for i in range(CVS):
        cv_id = cvs.create_cv(session, user_id=user.id, title=f"cv {i}")
        cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="nationality", value="Noorse")
    cvs.set_birth_date(session, user_id=user.id, cv_id=cv_id, value="02-02-1990")
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=jpeg())
    return cv_id


def _per_key(session) -> dict[str, int]:
    totals: dict[str, int] = {}
    for counts in key_rotation.status(session).values():
        for key_id, n in counts.items():
            totals[key_id] = totals.get(key_id, 0) + n
    return totals


@pytest.fixture
def env_keys(monkeypatch):
    monkeypatch.setenv(keys.ENV, K1)
    return lambda text: monkeypatch.setenv(keys.ENV, text)


def test_rotation_reseals_everything_and_the_old_key_can_go(db_url, env_keys):
    with Session(db.engine(db_url)) as s:
        cv_id = _seed(s)
        assert _per_key(s) == {"old1": VALUES}
        env_keys(f"{K2},{K1}")  # the operator puts the new key first
        assert key_rotation.unfinished(s) == VALUES
        report = key_rotation.rotate(s, batch_size=2)
        assert (report.current, report.added, report.resealed) == ("new2", None, VALUES)
        assert report.batches == 5 * 2 + 3 + 1  # 3 CV rows per detail: 2 + 1; one mail; one photo
        assert _per_key(s) == {"new2": VALUES}
        assert key_rotation.unfinished(s) == 0
    env_keys(K2)  # old key removed: everything still opens
    with Session(db.engine(db_url)) as s:
        cv = s.get(CV, cv_id)
        assert (cv.nationality, cv.birth_date) == ("Noorse", date(1990, 2, 2))
        assert s.get(Photo, cv.photo_id).data[:2] == b"\xff\xd8"
        assert "/bevestigen?token=" in s.exec(sa.select(OutboxMail)).scalars().first().body_text


def test_an_interrupted_rotation_continues_where_it_stopped(db_url, env_keys):
    with Session(db.engine(db_url)) as s:
        _seed(s)
        env_keys(f"{K2},{K1}")
        batches = []

        def stop_after_two(table, column, n):
            batches.append((table, column, n))
            if len(batches) == 2:
                raise Interrupted

        with pytest.raises(Interrupted):
            key_rotation.rotate(s, batch_size=2, on_batch=stop_after_two)
        assert _per_key(s) == {"new2": 3, "old1": VALUES - 3}  # cv.birth_date 2+1 done
        again = key_rotation.rotate(s, batch_size=2)
        assert again.resealed == VALUES - 3
        assert _per_key(s) == {"new2": VALUES}


def test_embedded_default_adds_one_key_and_a_resumed_rotation_adds_none(db_url, monkeypatch):
    monkeypatch.delenv(keys.ENV, raising=False)
    with Session(db.engine(db_url)) as s:
        _seed(s)
        before = keys.keyring().ids
        with pytest.raises(Interrupted):
            key_rotation.rotate(s, batch_size=1,
                                on_batch=lambda *a: (_ for _ in ()).throw(Interrupted()))
        added = keys.keyring().current
        assert keys.keyring().ids == (added, *before)
        report = key_rotation.rotate(s, batch_size=50)
        assert report.added is None and report.current == added
        assert keys.keyring().ids == (added, *before)  # no second key for the resumed run
        assert _per_key(s) == {added: VALUES}
        assert (keys.key_file().stat().st_mode & 0o777) == 0o600


def test_it_never_runs_beside_a_sweep_and_a_sweep_never_starts_beside_it(db_url, env_keys):
    with Session(db.engine(db_url)) as s, Session(db.engine(db_url)) as other:
        _seed(s)
        env_keys(f"{K2},{K1}")
        assert retention.acquire(other, holder="sweeper")
        assert key_rotation.rotate(s) is None  # a sweep holds the lease: nothing re-sealed
        assert _per_key(s) == {"old1": VALUES}
        retention.rest(other, holder="sweeper", until=clock.now() + timedelta(hours=1))
        seen = []

        def try_to_sweep(*_):
            seen.append(retention.acquire(other, holder="sweeper"))

        assert key_rotation.rotate(s, batch_size=5, on_batch=try_to_sweep).resealed == VALUES
        assert seen and not any(seen)
        lease = s.get(Lease, retention.LEASE_NAME)
        s.refresh(lease)
        # given back resting until the next sweep was due, as it was before
        assert lease.holder == "" and clock.now() + timedelta(minutes=50) < \
            lease.expires_at.replace(tzinfo=clock.now().tzinfo)


def test_a_value_that_does_not_open_stops_the_rotation_by_name_and_frees_the_lease(db_url,
                                                                                    env_keys):
    with Session(db.engine(db_url)) as s:
        cv_id = _seed(s)
        blob = s.execute(sa.text("SELECT gender FROM cv WHERE id = :i"), {"i": cv_id}).scalar()
        s.execute(sa.text("UPDATE cv SET gender = :b WHERE id = :i"), {"b": blob, "i": cv_id - 1})
        s.commit()
        env_keys(f"{K2},{K1}")
        with pytest.raises(keys.SealError, match=f"cv.gender of row {cv_id - 1} does not open"):
            key_rotation.rotate(s)
        assert retention.acquire(s, holder="sweeper")  # not left held until it expires


def test_cli_status_and_rotate(db_url, env_keys, monkeypatch, capsys):
    def run(fn, **kw):  # the CLI's db.run, on this test's database
        with Session(db.engine(db_url)) as session:
            return fn(session, **kw)

    monkeypatch.setattr(db, "run", run)
    with Session(db.engine(db_url)) as s:
        _seed(s)
    env_keys(f"{K2},{K1}")
    assert cli.main(["keys", "rotate", "--batch", "100"]) == 0
    out = capsys.readouterr().out
    assert f"done: {VALUES} values re-sealed under new2" in out
    assert "re-sealed 3 values of cv.birth_date" in out
    assert cli.main(["keys", "status"]) == 0
    out = capsys.readouterr().out
    assert f"new2 (current): {VALUES} values" in out
    assert "old1 (seals nothing: may be removed): 0 values" in out


def test_an_edit_saved_during_a_batch_is_not_overwritten(db_url, env_keys):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite: each batch holds the write lock, nobody can save in between")
    engine = db.engine(db_url)
    with Session(engine) as s:
        cv_id = _seed(s)
        user_id = s.get(CV, cv_id).user_id
    env_keys(f"{K2},{K1}")
    armed, edited = [True], []

    def edit_first(_conn, _cursor, statement, params, _context, _many):
        # just before rotation re-seals a gender value, the user saves a new one
        if armed[0] and statement.startswith("UPDATE cv SET gender="):
            armed[0] = False
            row_id = params["id_1"]
            with Session(engine) as editor:
                cvs.set_field(editor, user_id=user_id, cv_id=row_id, name="gender", value="anders")
            edited.append(row_id)

    event.listen(engine, "before_cursor_execute", edit_first)
    try:
        with Session(engine) as s:
            report = key_rotation.rotate(s, batch_size=50)
    finally:
        event.remove(engine, "before_cursor_execute", edit_first)
    assert edited and report.resealed == VALUES - 1  # the edited value was not re-sealed
    with Session(engine) as s:
        assert s.get(CV, edited[0]).gender == "anders"
        assert _per_key(s) == {"new2": VALUES}  # the edit itself was sealed under new2
