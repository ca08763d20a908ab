"""P08 "never logged": no password, token or code reaches a log record, stdout or stderr
during register, verify, login (good and bad), password reset, a /verzoek request with
its code, and erasure. Every logger is turned up to DEBUG (SQLAlchemy's engine to INFO: SQL
echo, see ROW_DUMP_LEVEL), and loggers that do not propagate get the capturing handler
directly.

The passwords are written here; tokens and codes are read from the outbox mails and the
login results, with logging switched off while the test itself reads them."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from sqlmodel import select

from cloudcv.models import DataRequest
from cloudcv.services.accounts import account_edit, accounts, sessions
from cloudcv.services.privacy import data_requests
from tests.factories import last_link
from tests.mydata_factories import client, code_from

PASSWORD = "geheim wachtwoord van Lotte 4821"
WRONG_PASSWORD = "fout wachtwoord van Lotte 9163"
NEW_PASSWORD = "nieuw geheim wachtwoord 7302"
EMAIL = "lotte@example.nl"


# SQLAlchemy's engine logger at DEBUG prints every fetched row: a dump of the database by
# design (hashes included), which no application can keep secrets out of. INFO is "SQL
# echo", what an operator turns on to diagnose: statements and, unless hidden, parameters.
ROW_DUMP_LEVEL = {"sqlalchemy.engine": logging.INFO, "sqlalchemy.engine.Engine": logging.INFO}


@contextmanager
def _everything_at_debug(handler: logging.Handler):
    loggers = [logging.getLogger()] + [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    direct = []
    try:
        for lg in loggers:
            lg.setLevel(ROW_DUMP_LEVEL.get(lg.name, logging.DEBUG))
            lg.disabled = False
            if not lg.propagate and handler not in lg.handlers:
                lg.addHandler(handler)
                direct.append(lg)
        yield
    finally:
        for lg in direct:
            lg.removeHandler(handler)
        for lg, level, disabled in saved:
            lg.setLevel(level)
            lg.disabled = disabled


@contextmanager
def _quiet():
    """The test's own reads of mails and rows are not what is under test."""
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def test_no_password_token_or_code_is_ever_logged(session, caplog, capfd):
    secrets: dict[str, str] = {"password": PASSWORD, "wrong password": WRONG_PASSWORD,
                               "new password": NEW_PASSWORD}
    caplog.set_level(logging.DEBUG)
    with _everything_at_debug(caplog.handler):
        logging.getLogger("cloudcv").debug("capture check")  # the capture itself works
        accounts.register(session, name="Lotte Jansen", email=EMAIL, password=PASSWORD)
        with _quiet():
            secrets["verify token"] = last_link(session, EMAIL, "/bevestigen")
        accounts.verify_email(session, token=secrets["verify token"])
        first = accounts.login(session, email=EMAIL, password=PASSWORD, client=client(1))
        secrets["login ticket"] = first.ticket
        secrets["session token"] = sessions.exchange(session, ticket=first.ticket)
        try:
            accounts.login(session, email=EMAIL, password=WRONG_PASSWORD, client=client(2))
        except accounts.Invalid as err:
            assert err.key == "error.login_failed"
        accounts.request_password_reset(session, email=EMAIL)
        with _quiet():
            secrets["reset token"] = last_link(session, EMAIL, "/wachtwoord-herstellen")
        accounts.reset_password(session, token=secrets["reset token"], password=NEW_PASSWORD)
        second = accounts.login(session, email=EMAIL, password=NEW_PASSWORD, client=client(3))
        secrets["second login ticket"] = second.ticket
        secrets["second session token"] = sessions.exchange(session, ticket=second.ticket)
        public_id = data_requests.start(session, email=EMAIL, kind="erasure", details="Alles weg graag.")
        with _quiet():
            secrets["request code"] = code_from(session, EMAIL)
            assert session.exec(select(DataRequest).where(DataRequest.public_id == public_id)).one()
        data_requests.verify(session, public_id=public_id, code=secrets["request code"])
        account_edit.delete_account(session, user_id=second.user.id, password=NEW_PASSWORD,
                                    confirmation="verwijderen")
    out, err = capfd.readouterr()
    assert any(r.getMessage() == "capture check" for r in caplog.records)
    assert len(caplog.records) > 1
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    logged += caplog.text + out + err
    leaks = sorted(what for what, value in secrets.items() if value in logged)
    assert leaks == []
    # SQL parameters (mail bodies carry links and codes) never reach a log line: without
    # this a code was kept out of the log only by SQLAlchemy truncating long values.
    assert EMAIL not in logged, [l for l in logged.splitlines() if EMAIL in l][:3]
