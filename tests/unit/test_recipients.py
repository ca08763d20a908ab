"""Recipients per CV and sending a CV as a personal link (§3.1, §4.2, P22): owner-only,
validated, purpose-bound expiring tokens, a snapshot of the CV as sent, revocation, the
owner's access log, restriction, rate limit, and nothing left after deleting CV or account."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from sqlmodel import func, select

from cloudcv.models import (OutboxMail, Recipient, ShareAccess, ShareHit, ShareLink,
                            ShareSnapshot, User)
from cloudcv.services.core import tokens
from cloudcv.services.core.errors import Forbidden, Invalid, NotFound, Throttled
from cloudcv.services.cv import cvs, recipients
from cloudcv.services.privacy import erasure, restriction, shared_view, sharing
from tests.factories import ADMIN_TOTP, verified_user

PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
DESKTOP_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/120.0 Safari/537.36")


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def anna(session):
    user = verified_user(session, email="anna@example.nl", name="Anna de Vries")
    cv_id = cvs.create_cv(session, user_id=user.id, title="Cv Anna")
    cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="headline", value="Bakker")
    return user, cv_id


def _recipient(session, anna, email="hr@werkgever.nl"):
    user, cv_id = anna
    return recipients.add_recipient(session, user_id=user.id, cv_id=cv_id, name="Piet Jansen",
                                    organisation="Werkgever BV", email=email, note="beurs")


def _sent_token(session, to="hr@werkgever.nl") -> str:
    mail = session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                        .order_by(OutboxMail.id.desc())).first()
    return re.search(r"/gedeeld/([\w.\-]+)", mail.body_text).group(1)


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


# ---------------------------------------------------------------- recipients
def test_a_recipient_is_added_edited_listed_and_removed_by_the_owner(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    recipients.edit_recipient(session, user_id=user.id, recipient_id=r.id, name="Piet Jansen",
                              email="P.Jansen@Werkgever.nl", organisation="Werkgever NV",
                              note="gesprek 3 dec")
    [shown] = recipients.list_recipients(session, user_id=user.id, cv_id=cv_id)
    assert (shown.name, shown.organisation, shown.email, shown.note) == (
        "Piet Jansen", "Werkgever NV", "p.jansen@werkgever.nl", "gesprek 3 dec")
    recipients.remove_recipient(session, user_id=user.id, recipient_id=r.id)
    assert recipients.list_recipients(session, user_id=user.id, cv_id=cv_id) == []


@pytest.mark.parametrize("field,value,key", [
    ("email", "geen-adres", "error.email_invalid"),
    ("email", "hr@werkgever.nl\r\nBcc: iedereen@example.org", "error.bad_characters"),
    ("name", "Piet\r\nBcc: iedereen@example.org", "error.bad_characters"),
    ("organisation", "Acme\nSubject: gratis", "error.bad_characters"),
    ("note", "regel 1\rregel 2", "error.bad_characters"),
    ("name", "", "error.required"),
])
def test_bad_input_is_refused_and_nothing_is_stored(session, anna, field, value, key):
    user, cv_id = anna
    values = {"name": "Piet", "organisation": "", "email": "hr@werkgever.nl", "note": ""}
    values[field] = value
    with pytest.raises(Invalid) as err:
        recipients.add_recipient(session, user_id=user.id, cv_id=cv_id, **values)
    assert (err.value.key, err.value.field) == (key, field)
    session.rollback()
    assert _count(session, Recipient) == 0


def test_another_users_cv_and_recipients_are_not_found(session, anna):
    r = _recipient(session, anna)
    bob = verified_user(session, email="bob@example.nl", name="Bob")
    _, cv_id = anna
    with pytest.raises(NotFound):
        recipients.add_recipient(session, user_id=bob.id, cv_id=cv_id, name="X", email="x@y.nl")
    with pytest.raises(NotFound):
        recipients.edit_recipient(session, user_id=bob.id, recipient_id=r.id, name="X",
                                  email="x@y.nl")
    with pytest.raises(NotFound):
        recipients.remove_recipient(session, user_id=bob.id, recipient_id=r.id)
    with pytest.raises(NotFound):
        recipients.list_recipients(session, user_id=bob.id, cv_id=cv_id)
    assert session.get(Recipient, r.id).name == "Piet Jansen"


def test_a_cv_holds_at_most_100_recipients(session, anna):
    user, cv_id = anna
    for n in range(100):
        recipients.add_recipient(session, user_id=user.id, cv_id=cv_id, name=f"R{n}",
                                 email=f"r{n}@example.nl")
    with pytest.raises(Invalid) as err:
        recipients.add_recipient(session, user_id=user.id, cv_id=cv_id, name="R100",
                                 email="r100@example.nl")
    assert err.value.key == "error.too_many_recipients"
    assert _count(session, Recipient) == 100


# ---------------------------------------------------------------- sending
def test_sending_mails_a_personal_link_that_opens_the_cv_and_is_logged(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    link_id = sharing.send(session, user_id=user.id, recipient_id=r.id)
    mail = session.exec(select(OutboxMail).where(OutboxMail.to_addr == "hr@werkgever.nl")).one()
    assert mail.subject == "Anna de Vries deelt een cv met u"
    assert "Piet Jansen" in mail.body_text and "<img" not in mail.body_html  # no pixel
    token = _sent_token(session)
    shown = shared_view.open_link(session, token=token, kind="view", ip="203.0.113.9",
                                  user_agent=PHONE_UA)
    assert "Bakker" in _text(shown.pdf) and shown.sender == "Anna de Vries"
    shared_view.open_link(session, token=token, kind="pdf", ip="203.0.113.9",
                          user_agent=DESKTOP_UA)
    [link] = sharing.links_for_cv(session, user_id=user.id, cv_id=cv_id)
    assert (link.id, link.recipient, link.status) == (link_id, "Piet Jansen", "live")
    assert [(a.kind, a.device) for a in link.accesses] == [("pdf", "desktop"), ("view", "mobile")]
    row = session.get(ShareLink, link_id)
    assert row.expires_at - row.created_at == timedelta(days=30)  # the issue's default
    assert token not in str(row.model_dump()) and "203.0.113.9" not in str(
        [h.model_dump() for h in session.exec(select(ShareHit))])


def test_the_recipient_sees_the_cv_as_sent_unless_the_link_follows_edits(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    frozen = _sent_token(session)
    sharing.send(session, user_id=user.id, recipient_id=r.id, follow_edits=True)
    following = _sent_token(session)
    cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="headline", value="Kok")
    assert "Bakker" in _text(shared_view.open_link(session, token=frozen, kind="pdf").pdf)
    assert "Kok" in _text(shared_view.open_link(session, token=following, kind="pdf").pdf)


@pytest.mark.parametrize("make", ["altered", "garbage", "account_token", "empty", "dict"])
def test_forged_and_other_purpose_tokens_are_refused(session, anna, make):
    user, _ = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    good = _sent_token(session)
    token = {"altered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
             "garbage": "x" * 80,
             "account_token": tokens.issue(session, user_id=user.id, purpose="verify_email"),
             "empty": "", "dict": {"n": "x"}}[make]
    session.commit()
    with pytest.raises(NotFound) as err:
        shared_view.open_link(session, token=token, kind="view")
    assert err.value.key == "shared.gone.invalid"
    assert _count(session, ShareAccess) == 0


def test_a_share_token_cannot_stand_in_for_an_account_token(session, anna):
    user, _ = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    for purpose in ("verify_email", "reset_password", "keep_account", "change_email"):
        with pytest.raises(Invalid):
            tokens.peek(session, token=token, purpose=purpose)


def test_an_expired_link_is_dead(session, anna, frozen_clock):
    user, _ = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    frozen_clock.advance(days=29, hours=23)
    shared_view.open_link(session, token=token, kind="view")
    frozen_clock.advance(hours=1)
    with pytest.raises(NotFound) as err:
        shared_view.open_link(session, token=token, kind="view")
    assert err.value.key == "shared.gone.expired"


def test_revoking_one_link_or_all_links_kills_them_and_drops_the_copy(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    first = sharing.send(session, user_id=user.id, recipient_id=r.id)
    one = _sent_token(session)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    two = _sent_token(session)
    sharing.revoke(session, user_id=user.id, link_id=first)
    with pytest.raises(NotFound) as err:
        shared_view.open_link(session, token=one, kind="view")
    assert err.value.key == "shared.gone.revoked"
    shared_view.open_link(session, token=two, kind="view")
    assert sharing.revoke_all(session, user_id=user.id, cv_id=cv_id) == 1
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=two, kind="pdf")
    assert _count(session, ShareSnapshot) == 0
    assert {link.status for link in sharing.links_for_cv(session, user_id=user.id,
                                                          cv_id=cv_id)} == {"revoked"}


def test_sending_or_revoking_another_users_link_through_a_rewritten_call_is_refused(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    link_id = sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    mails = _count(session, OutboxMail)
    mallory = verified_user(session, email="mallory@example.nl", name="Mallory")
    mails += 1  # her own verification mail
    for call in (lambda: sharing.send(session, user_id=mallory.id, recipient_id=r.id),
                 lambda: sharing.revoke(session, user_id=mallory.id, link_id=link_id),
                 lambda: sharing.revoke_all(session, user_id=mallory.id, cv_id=cv_id),
                 lambda: sharing.links_for_cv(session, user_id=mallory.id, cv_id=cv_id)):
        with pytest.raises(NotFound):
            call()
    assert _count(session, ShareLink) == 1 and _count(session, OutboxMail) == mails
    shared_view.open_link(session, token=token, kind="view")


def test_a_restricted_account_can_neither_send_nor_keep_links_alive(session, anna):
    user, _ = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    mails = _count(session, OutboxMail)
    restriction.set_restricted(session, user_id=user.id, on=True)
    with pytest.raises(Forbidden) as err:
        sharing.send(session, user_id=user.id, recipient_id=r.id)
    assert err.value.key == "error.restricted"
    assert _count(session, ShareLink) == 1 and _count(session, OutboxMail) == mails
    with pytest.raises(NotFound) as err:
        shared_view.open_link(session, token=token, kind="view")
    assert err.value.key == "shared.gone.unavailable"
    restriction.set_restricted(session, user_id=user.id, on=False)
    shared_view.open_link(session, token=token, kind="view")


def test_the_shared_page_is_rate_limited_per_ip(session, anna):
    user, _ = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    for _ in range(60):
        with pytest.raises(NotFound):
            shared_view.open_link(session, token="x" * 40, kind="view", ip="198.51.100.7")
    with pytest.raises(Throttled):
        shared_view.open_link(session, token=token, kind="view", ip="198.51.100.7")
    shared_view.open_link(session, token=token, kind="view", ip="198.51.100.8")


def test_deleting_the_cv_or_the_recipient_or_the_account_kills_every_link(session, anna):
    user, cv_id = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    t1 = _sent_token(session)
    other = _recipient(session, anna, email="b@example.nl")
    sharing.send(session, user_id=user.id, recipient_id=other.id)
    t2 = _sent_token(session, to="b@example.nl")
    shared_view.open_link(session, token=t1, kind="view")
    recipients.remove_recipient(session, user_id=user.id, recipient_id=other.id)
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=t2, kind="view")
    cvs.delete_cv(session, user_id=user.id, cv_id=cv_id)
    with pytest.raises(NotFound) as err:
        shared_view.open_link(session, token=t1, kind="view")
    assert err.value.key == "shared.gone.invalid"
    for model in (Recipient, ShareLink, ShareSnapshot, ShareAccess):
        assert _count(session, model) == 0, model
    cv2 = cvs.create_cv(session, user_id=user.id, title="Tweede")
    r2 = recipients.add_recipient(session, user_id=user.id, cv_id=cv2, name="Q", email="q@q.nl")
    sharing.send(session, user_id=user.id, recipient_id=r2.id)
    t3 = _sent_token(session, to="q@q.nl")
    shared_view.open_link(session, token=t3, kind="view")
    erasure.erase_user(session, user_id=user.id)
    assert session.get(User, user.id) is None
    for model in (Recipient, ShareLink, ShareSnapshot, ShareAccess):
        assert _count(session, model) == 0, model
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=t3, kind="view")


def test_an_admin_erases_a_recipient_from_every_cv_on_their_request(session, anna):
    from cloudcv.services.accounts import accounts
    from cloudcv.services.admin import recipient_erasure

    user, _ = anna
    r = _recipient(session, anna, email="wis@example.nl")
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session, to="wis@example.nl")
    kept = _recipient(session, anna, email="blijf@example.nl")
    bob = verified_user(session, email="bob@example.nl", name="Bob")
    bob_cv = cvs.create_cv(session, user_id=bob.id, title="Bob")
    recipients.add_recipient(session, user_id=bob.id, cv_id=bob_cv, name="W",
                             email="Wis@Example.nl")
    with pytest.raises(Forbidden):
        recipient_erasure.forget_recipient(session, admin_id=user.id, email="wis@example.nl")
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl",
                                     password="beheerder wachtwoord")
    assert recipient_erasure.forget_recipient(session, admin_id=admin.id,
                                              email="wis@example.nl") == 2
    assert [r.email for r in session.exec(select(Recipient))] == ["blijf@example.nl"]
    assert session.get(Recipient, kept.id) is not None
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=token, kind="view")


def test_links_expire_and_the_sweep_removes_copy_history_and_counters_on_their_own_clocks(
        session, anna, frozen_clock):
    from cloudcv.services.privacy import retention

    user, cv_id = anna
    r = _recipient(session, anna)
    sharing.send(session, user_id=user.id, recipient_id=r.id)
    token = _sent_token(session)
    shared_view.open_link(session, token=token, kind="view", ip="203.0.113.5",
                          user_agent=PHONE_UA)
    frozen_clock.advance(days=2)  # the rate-limit counter: 1 day
    report = retention.sweep(session, now=frozen_clock.now)
    assert report.rule("share_hit").deleted == 1 and _count(session, ShareSnapshot) == 1
    frozen_clock.advance(days=29, hours=1)  # the link expired over a day ago: its copy goes
    report = retention.sweep(session, now=frozen_clock.now)
    assert report.rule("share_snapshot").deleted == 1 and not report.rule("share_snapshot").error
    [link] = sharing.links_for_cv(session, user_id=user.id, cv_id=cv_id)
    assert link.status == "expired" and len(link.accesses) == 1  # history stays for the owner
    frozen_clock.advance(days=90)  # 90 days after expiry: the link and its access log go
    report = retention.sweep(session, now=frozen_clock.now)
    assert not report.rule("share_link").error and not report.rule("share_access").error
    assert _count(session, ShareLink) == 0 and _count(session, ShareAccess) == 0
    assert [p.name for p in recipients.list_recipients(session, user_id=user.id,
                                                        cv_id=cv_id)] == ["Piet Jansen"]
