"""Issue 19, brute force: lockout per account and per IP, a lockout that does not tell whether
the account exists, and the timing of a known versus an unknown address at login and at the
password reset (measured over 200 tries each, interleaved).

The limits are written here as literals (``services/core/throttle.py`` documents them): per
typed address 3 free misses in 15 minutes, then a doubling wait (2, 4, 8 ... at most 60 s),
locked for 15 minutes from the 10th; per IP the same from 20 and 30 misses.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from cloudcv.i18n import t
from cloudcv.models import OutboxMail
from cloudcv.services.accounts import accounts, passwords
from cloudcv.services.core import db
from cloudcv.services.core.errors import Invalid, Throttled
from tests.factories import PASSWORD, verified_user
from tests.mydata_factories import client
from tests.security import timing

WRONG = "verkeerd wachtwoord"
FREE, LOCK, IP_FREE, IP_LOCK = 3, 10, 20, 30
WINDOW = timedelta(minutes=15)


def attempt(session, email: str, password: str, ip_n: int) -> str:
    """One login; its outcome as the user sees it: the message, or "ok"."""
    try:
        accounts.login(session, email=email, password=password, client=client(ip_n))
    except (Invalid, Throttled) as err:
        return t(err.key, "nl", **err.params)
    return "ok"


def wait_of(outcome: str) -> int:
    prefix, _, rest = outcome.partition("over ")
    assert prefix == "Te veel pogingen. Probeer het ", outcome
    return int(rest.split(" ")[0])


FAILED = "E-mailadres of wachtwoord klopt niet."


def test_one_account_is_locked_however_many_ips_guess(session, frozen_clock):
    anna = verified_user(session)
    ips = iter(range(10, 1000))
    for _ in range(FREE):  # three misses, each from another IP, cost nothing
        assert attempt(session, anna.email, WRONG, next(ips)) == FAILED
    # the 4th try, from a fresh IP and with the right password, must wait 2 s
    assert wait_of(attempt(session, anna.email, PASSWORD, next(ips))) == 2
    frozen_clock.advance(seconds=2)
    waits = []
    for _ in range(LOCK - FREE):
        assert attempt(session, anna.email, WRONG, next(ips)) == FAILED
        waits.append(wait_of(attempt(session, anna.email, PASSWORD, next(ips))))
        frozen_clock.advance(seconds=waits[-1])
    assert waits[:-1] == [4, 8, 16, 32, 60, 60]  # doubling, at most a minute
    assert waits[-1] == 15 * 60                  # the 10th miss locks for the window
    frozen_clock.advance(seconds=-waits[-1] + 14 * 60)
    for spelled in (anna.email, " ANNA@Example.NL "):  # a locked address in any spelling
        assert wait_of(attempt(session, spelled, PASSWORD, next(ips))) == 60
    other = verified_user(session, email="bob@example.nl", name="Bob Bakker")
    assert attempt(session, other.email, PASSWORD, 10) == "ok"  # the lock is this account's
    frozen_clock.advance(seconds=60)
    assert attempt(session, anna.email, PASSWORD, next(ips)) == "ok"


def test_one_ip_is_locked_however_many_accounts_it_guesses(session, frozen_clock):
    bob = verified_user(session, email="bob@example.nl", name="Bob Bakker")
    ip = 7
    for i in range(IP_FREE):  # one miss per address: no address limit is reached
        assert attempt(session, f"gok{i}@example.nl", WRONG, ip) == FAILED
    assert wait_of(attempt(session, bob.email, PASSWORD, ip)) == 2
    n, seconds = IP_FREE, 0
    for _ in range(200):  # bounded: a lock that is never reached fails instead of hanging
        outcome = attempt(session, f"gok{n}@example.nl", WRONG, ip)
        if outcome != FAILED:
            seconds = wait_of(outcome)
            if seconds > 60:
                break
            frozen_clock.advance(seconds=seconds)
            continue
        n += 1
    assert n == IP_LOCK and seconds == 15 * 60  # the 30th miss locked the IP
    assert wait_of(attempt(session, bob.email, PASSWORD, ip)) == 15 * 60  # right password too
    assert attempt(session, bob.email, PASSWORD, ip + 1) == "ok"  # another IP is not locked
    frozen_clock.advance(minutes=15)
    assert attempt(session, bob.email, PASSWORD, ip) == "ok"


def test_the_lockout_reads_the_same_for_an_address_without_an_account(session, frozen_clock):
    """The same guesses at an account and at an address that has none get the same
    answers, message for message, wait for wait, up to and including the lock; and then
    the right password of the real account gets that same lock message."""
    anna = verified_user(session)
    start = frozen_clock.now

    def run(email: str, first_ip: int) -> list[str]:
        frozen_clock.now = start
        ips = iter(range(first_ip, first_ip + 100))
        seen = []
        while len(seen) < 50 and not (seen and seen[-1] != FAILED and wait_of(seen[-1]) > 60):
            seen.append(attempt(session, email, WRONG, next(ips)))
            if seen[-1] != FAILED:
                frozen_clock.advance(seconds=min(wait_of(seen[-1]), 60))
        seen.append(attempt(session, email, PASSWORD, next(ips)))
        return seen

    known = run(anna.email, 100)
    frozen_clock.advance(hours=1)
    start = frozen_clock.now
    unknown = run("niemand@example.nl", 300)
    assert known == unknown
    assert known.count(FAILED) == LOCK and wait_of(known[-1]) > 60  # locked at the end


# ---------------------------------------------------------------- timing
@pytest.fixture
def sqlite_session(tmp_path):
    """The embedded database the app ships with (the timing test runs on it only: 400
    argon2 hashes per backend is the whole time budget; ``bench/timing.py`` does both)."""
    url = f"sqlite:///{tmp_path / 'timing.db'}"
    db.migrate(url)
    with Session(db.engine(url), expire_on_commit=False) as s:
        verified_user(s, email=timing.KNOWN)
        yield s
    db.engine(url).dispose()


# Literal bounds for a loaded 2-core machine: login is dominated by one argon2 hash either
# way (~90 ms), so 15 % is far beyond its noise and far below the ~99 % of a missing dummy
# hash; a reset request is a few ms of database work, noisier, and was 80 % apart unfixed.
LOGIN_BOUND = 0.15
RESET_BOUND = 0.30


def test_login_timing_of_a_known_and_an_unknown_address_is_within_noise(sqlite_session):
    result = timing.login_timing(sqlite_session, 200)
    print(result)
    assert result.relative < LOGIN_BOUND, str(result)


def test_reset_timing_of_a_known_and_an_unknown_address_is_within_noise(sqlite_session):
    result = timing.reset_timing(sqlite_session, 200)
    print(result)
    assert result.relative < RESET_BOUND, str(result)


def test_an_unknown_address_costs_one_argon2_verification_like_a_known_one(session,
                                                                           monkeypatch):
    """Why the login timing is equal: an address without an account is checked against a
    dummy hash with the same argon2 parameters, once, as a known one is."""
    verified_user(session)
    calls = []
    real = passwords._context

    class Counting:
        def verify(self, secret, hashed):
            calls.append(("verify", hashed))
            return real.verify(secret, hashed)

        def verify_and_update(self, secret, hashed):
            calls.append(("verify_and_update", hashed))
            return real.verify_and_update(secret, hashed)

    monkeypatch.setattr(passwords, "_context", Counting())
    attempt(session, "anna@example.nl", WRONG, 1)
    known = list(calls)
    calls.clear()
    attempt(session, "niemand@example.nl", WRONG, 2)
    assert len(known) == 1 and len(calls) == 1
    params = [h.split("$")[1:4] for _, h in known + calls]  # argon2id, v=19, m=..,t=..,p=..
    assert params[0] == params[1] and params[0][0] == "argon2id"


def _statements(session, fn) -> tuple[list[str], int]:
    """The SQL verbs+tables ``fn`` sends and how many commits it makes."""
    seen, commits = [], []
    bind = session.get_bind()

    def on_sql(_conn, _cursor, statement, *_):
        words = statement.split()
        seen.append(words[0].upper())

    def on_commit(_conn):
        commits.append(1)

    event.listen(bind, "before_cursor_execute", on_sql)
    event.listen(bind, "commit", on_commit)
    try:
        fn()
    finally:
        event.remove(bind, "before_cursor_execute", on_sql)
        event.remove(bind, "commit", on_commit)
    return seen, len(commits)


def test_a_reset_for_an_unknown_address_does_the_work_of_a_known_one_and_keeps_nothing(session):
    """Why the reset timing is equal: the same number of statements, writes and one commit,
    for an address with and without an account; the decoy mail is gone before the commit,
    and nothing is mailed to the unknown address."""
    verified_user(session)
    known, known_commits = _statements(
        session, lambda: accounts.request_password_reset(session, email="anna@example.nl"))
    unknown, unknown_commits = _statements(
        session, lambda: accounts.request_password_reset(session, email="niemand@example.nl"))
    assert known_commits == unknown_commits == 1
    writes = ("INSERT", "UPDATE", "DELETE")
    assert len(known) == len(unknown)
    # known: token and mail inserted, the mail sealed; unknown: mail inserted, sealed, deleted
    assert sum(v in writes for v in known) == sum(v in writes for v in unknown) == 3
    to = session.exec(select(OutboxMail.to_addr)).all()
    assert "niemand@example.nl" not in to and accounts.DECOY_ADDRESS not in to
    assert to.count("anna@example.nl") == 1 + 1  # the verification mail and the reset
