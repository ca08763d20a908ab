"""Correcting the account, the device list and "prove it is still you"."""

import re

import pytest
from sqlmodel import select

from cloudcv.models import AuditEvent, AuthSession, OutboxMail, User
from cloudcv.services.accounts import account_edit, accounts, my_sessions, sessions
from cloudcv.services.core.errors import Invalid, NotFound, Throttled
from tests.factories import PASSWORD, login, verified_user
from tests.mydata_factories import client, last_mail


@pytest.fixture
def anna(session):
    return verified_user(session, email="anna@example.nl", name="Anna")


def _link(session, to):
    return re.search(r"token=([\w.\-]+)", last_mail(session, to).body_text).group(1)


def test_renaming_changes_the_account_name_and_is_audited(session, anna):
    assert account_edit.rename(session, user_id=anna.id, name="  Anna Jansen ") == "Anna Jansen"
    assert session.get(User, anna.id).name == "Anna Jansen"
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "account.corrected")).one()
    assert event.details == {"field": "name"}  # the value itself is not copied into the log
    with pytest.raises(Invalid):
        account_edit.rename(session, user_id=anna.id, name="")
    assert session.get(User, anna.id).name == "Anna Jansen"


def test_the_email_changes_only_after_the_link_to_the_new_address_is_clicked(session, anna):
    account_edit.request_email_change(session, user_id=anna.id, new_email="anna@nieuw.nl",
                                      password=PASSWORD)
    assert session.get(User, anna.id).email == "anna@example.nl"
    token = _link(session, "anna@nieuw.nl")
    account_edit.confirm_email_change(session, token=token)
    assert session.get(User, anna.id).email == "anna@nieuw.nl"
    notice = last_mail(session, "anna@example.nl")
    assert notice.template == "email_changed" and "anna@nieuw.nl" in notice.body_text
    with pytest.raises(Invalid):
        account_edit.confirm_email_change(session, token=token)  # single use
    assert accounts.by_email(session, "anna@nieuw.nl").id == anna.id


def test_an_address_with_an_account_gets_a_notice_instead_of_a_link(session, anna):
    verified_user(session, email="bob@example.nl", name="Bob")
    account_edit.request_email_change(session, user_id=anna.id, new_email="bob@example.nl",
                                      password=PASSWORD)
    mail = last_mail(session, "bob@example.nl")
    assert mail.template == "email_change_taken" and "token=" not in mail.body_text
    assert session.get(User, anna.id).email == "anna@example.nl"


def test_an_address_taken_between_request_and_click_is_refused(session, anna):
    account_edit.request_email_change(session, user_id=anna.id, new_email="anna@nieuw.nl",
                                      password=PASSWORD)
    token = _link(session, "anna@nieuw.nl")
    verified_user(session, email="anna@nieuw.nl", name="Ander")
    with pytest.raises(Invalid) as exc:
        account_edit.confirm_email_change(session, token=token)
    assert exc.value.key == "error.email_taken_now"
    assert session.get(User, anna.id).email == "anna@example.nl"


def test_an_email_change_needs_the_password_and_a_new_valid_address(session, anna):
    before = session.exec(select(OutboxMail)).all()
    for new, password in (("anna@nieuw.nl", "fout wachtwoord"), ("geen adres", PASSWORD),
                          ("anna@example.nl", PASSWORD)):
        with pytest.raises(Invalid):
            account_edit.request_email_change(session, user_id=anna.id, new_email=new,
                                              password=password)
    assert session.exec(select(OutboxMail)).all() == before


def test_the_device_list_shows_each_login_and_marks_this_device(session, anna):
    first = login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    login(session, email="anna@example.nl", password=PASSWORD, client=client(2))
    views = my_sessions.list_sessions(session, user_id=anna.id,
                                      current_public_id=first.user.session_public_id)
    assert len(views) == 2 and views[0].current and not views[1].current
    assert views[0].os.startswith("Linux") and views[0].browser.startswith("Chrome")
    assert views[1].ip == "192.0.2.2"


def test_revoking_another_session_logs_that_device_out(session, anna):
    first = login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    second = login(session, email="anna@example.nl", password=PASSWORD, client=client(2))
    my_sessions.revoke(session, user_id=anna.id, public_id=second.user.session_public_id,
                       current_public_id=first.user.session_public_id)
    assert sessions.resolve(session, token=second.token) is None
    assert sessions.resolve(session, token=first.token) is not None
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "account.session_revoked")).one()


def test_another_users_session_cannot_be_revoked(session, anna):
    verified_user(session, email="bob@example.nl", name="Bob")
    mine = login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    bobs = login(session, email="bob@example.nl", password=PASSWORD, client=client(2))
    with pytest.raises(NotFound):
        my_sessions.revoke(session, user_id=anna.id, public_id=bobs.user.session_public_id,
                           current_public_id=mine.user.session_public_id)
    assert sessions.resolve(session, token=bobs.token) is not None


def test_log_out_all_other_devices_keeps_this_one(session, anna):
    tokens = [login(session, email="anna@example.nl", password=PASSWORD, client=client(n))
              for n in (1, 2, 3)]
    count = my_sessions.revoke_others(session, user_id=anna.id,
                                      current_public_id=tokens[0].user.session_public_id)
    assert count == 2
    assert [r.public_id for r in session.exec(select(AuthSession))] == [tokens[0].user.session_public_id]


def test_a_login_counts_as_recent_for_fifteen_minutes_and_the_password_renews_it(session, anna, frozen_clock):
    result = login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    kw = {"user_id": anna.id, "public_id": result.user.session_public_id}
    assert my_sessions.recently_authenticated(session, **kw)
    frozen_clock.advance(minutes=16)
    assert not my_sessions.recently_authenticated(session, **kw)
    with pytest.raises(Invalid):
        my_sessions.reauthenticate(session, password="fout", **kw)
    assert not my_sessions.recently_authenticated(session, **kw)
    my_sessions.reauthenticate(session, password=PASSWORD, **kw)
    assert my_sessions.recently_authenticated(session, **kw)
    assert not my_sessions.recently_authenticated(session, user_id=anna.id + 1,
                                                  public_id=result.user.session_public_id)


def test_password_guessing_on_a_logged_in_session_is_throttled(session, anna):
    result = login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    kw = {"user_id": anna.id, "public_id": result.user.session_public_id}
    for _ in range(my_sessions.MAX_FAILURES):
        with pytest.raises(Invalid):
            my_sessions.reauthenticate(session, password="fout", **kw)
    with pytest.raises(Throttled):
        my_sessions.reauthenticate(session, password=PASSWORD, **kw)
