"""The outbox: every mail is stored first and delivered over real SMTP, never lost."""

from datetime import timedelta

import pytest
from sqlmodel import select

from cloudcv.models import OutboxMail
from cloudcv.services.accounts import accounts
from cloudcv.services.core import mail
from tests.factories import PASSWORD
from tests.smtp import SMTPServer, free_port, text_body


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


def test_queued_mail_is_delivered_over_smtp_with_text_and_html(session, smtp):
    accounts.register(session, name="Anna", email="anna@example.nl", password=PASSWORD, lang="en")
    assert mail.deliver_due(session, smtp_url=smtp.url) == 1
    msg = smtp.wait_for("anna@example.nl")
    assert msg["Subject"] == "Confirm your email address for CloudCV"
    assert "/bevestigen?token=" in text_body(msg)
    assert {p.get_content_type() for p in msg.walk()} >= {"text/plain", "text/html"}
    row = session.exec(select(OutboxMail)).one()
    assert row.status == "sent" and row.sent_at is not None


def test_mail_waits_in_the_outbox_while_smtp_is_down_and_goes_out_later(session, smtp, frozen_clock):
    accounts.register(session, name="Anna", email="anna@example.nl", password=PASSWORD)
    down = f"smtp://127.0.0.1:{free_port()}"  # nothing listens here
    assert mail.deliver_due(session, smtp_url=down) == 0
    row = session.exec(select(OutboxMail)).one()
    session.refresh(row)
    assert row.status == "queued" and row.attempts == 1 and row.last_error
    assert mail.deliver_due(session, smtp_url=smtp.url) == 0  # backoff: not due yet
    frozen_clock.advance(minutes=1, seconds=1)
    assert mail.deliver_due(session, smtp_url=smtp.url) == 1
    smtp.wait_for("anna@example.nl")


def test_mail_is_marked_failed_after_the_last_attempt(session, frozen_clock):
    accounts.register(session, name="Anna", email="anna@example.nl", password=PASSWORD)
    down = f"smtp://127.0.0.1:{free_port()}"
    for _ in range(mail.MAX_ATTEMPTS):
        mail.deliver_due(session, smtp_url=down)
        frozen_clock.advance(hours=7)
    row = session.exec(select(OutboxMail)).one()
    session.refresh(row)
    assert row.status == "failed" and row.attempts == mail.MAX_ATTEMPTS


def test_without_smtp_mail_stays_in_the_outbox(session):
    accounts.register(session, name="Anna", email="anna@example.nl", password=PASSWORD)
    assert mail.deliver_due(session, smtp_url=None) == 0
    assert session.exec(select(OutboxMail)).one().status == "queued"


def test_a_claimed_mail_is_not_sent_twice(session, smtp, frozen_clock):
    accounts.register(session, name="Anna", email="anna@example.nl", password=PASSWORD)
    row = session.exec(select(OutboxMail)).one()
    row.next_attempt_at = frozen_clock.now + timedelta(minutes=5)  # as another worker's claim
    session.add(row)
    session.commit()
    assert mail.deliver_due(session, smtp_url=smtp.url) == 0
    assert smtp.messages == []


def test_html_part_escapes_user_text(session):
    row = mail.enqueue(session, to="x@example.nl", template="verify", lang="nl",
                       name="<script>alert(1)</script>", link="https://cloudcv.nl/x")
    assert "<script>" not in row.body_html and "&lt;script&gt;" in row.body_html
