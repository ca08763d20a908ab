"""The account rule: ``after="agreement_end"`` (§3.1), with its keep-account mails.

The period is the one on ``User``'s registry entry (``models/accounts.py``,
``SERVICE_RETENTION``: 2 years); every table registered with ``after="agreement_end"``
follows the account's clock. The agreement shows life at sign-up, at every login and when
the user clicks "keep my account" (``agreement_start``; docs/retention.md). 30 and 7 days
before the erasure date the user gets a mail with a signed link to ``KEEP_PATH``; silence
means ``erasure.erase_user(reason="retention")``, the same routine as "delete account",
which removes every registered row of the user.

``sweep_accounts`` is one rule of the engine's sweep (``services/privacy/retention.py``, the
background task and ``cloudcv retention run``); ``check_keep_link`` / ``keep_account`` serve
the link in the mail (``/account-behouden``, state/retention.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, type_coerce
from sqlmodel import Session, select
from sqlmodel.sql.sqltypes import UTCDateTime

from ...config import settings
from ...models import REGISTRY, RetentionNotice, User
from ...models.registry import Period
from ..core import audit, clock, mail, tokens
from ..core.errors import Invalid
from . import erasure
from .retention_runs import RuleReport

PROMPTS = (("30d", 30), ("7d", 7))        # keep-account mails: kind, days before erasure
KEEP_PATH = "/account-behouden"


def agreement_period() -> Period:
    """The account's period as ``user_account``'s registry entry declares it."""
    return REGISTRY["user_account"].retention.effective


def agreement_start(user: User) -> datetime:
    """When the agreement last showed life: the latest of sign-up, last login and a
    "keep my account" click. The agreement ends ``agreement_period()`` after it if nothing
    happens (docs/retention.md)."""
    return max(t for t in (user.created_at, user.last_login_at, user.kept_at) if t is not None)


def _start_sql():
    seen = func.coalesce(User.last_login_at, User.created_at)
    return type_coerce(case((and_(User.kept_at.is_not(None), User.kept_at > seen), User.kept_at),
                            else_=seen), UTCDateTime())


def erasure_due(user: User) -> datetime:
    """When the account goes if nothing happens (before the keep-account mails may move it)."""
    return agreement_period().end(agreement_start(user))


def planned_erasure(session: Session, user: User, now: datetime) -> datetime:
    """When the account goes if nothing happens from ``now`` on: ``erasure_due``, moved
    later so that each keep-account prompt (sent, or still to be sent at ``now`` at the
    earliest) comes 30 and 7 days before it, exactly as ``_account_step`` decides. Any
    caller (Mijn gegevens shows it); reads only."""
    due = erasure_due(user)
    sent = _sent_prompts(session, user, due)
    erase_at = due
    for kind, days in PROMPTS:
        erase_at = max(erase_at, (sent[kind] if kind in sent else now) + timedelta(days=days))
    return erase_at


def _sent_prompts(session: Session, user: User, due: datetime) -> dict[str, datetime]:
    return {n.kind: n.sent_at for n in session.exec(select(RetentionNotice).where(
        RetentionNotice.user_id == user.id, RetentionNotice.due_at == due))}


def _fmt_date(moment: datetime, lang: str) -> str:
    """'5 januari 2027' / '5 January 2027': the Amsterdam date, spelled by babel (the
    server's C locale used to decide the month names of strftime's %B)."""
    return clock.format_long_date(moment, lang)


def _prompt(session: Session, user: User, *, kind: str, due: datetime, erase_at: datetime,
            now: datetime) -> None:
    token = tokens.issue(session, user_id=user.id, purpose="keep_account")
    mail.enqueue(session, to=user.email, template=f"keep_account_{kind}", lang=user.lang,
                 user_id=user.id, name=user.name, date=_fmt_date(erase_at, user.lang),
                 link=f"{settings().base_url}{KEEP_PATH}?token={token}")
    session.add(RetentionNotice(user_id=user.id, kind=kind, due_at=due, sent_at=now))
    session.commit()


def _account_step(session: Session, user: User, now: datetime, *, dry_run: bool) -> str | None:
    """One account: send the next keep-account prompt, erase it, or nothing yet.

    The user always gets both prompts before anything is erased: if a prompt went out late
    (the engine was down), the erasure moves so that the 30-day and 7-day notices hold.
    """
    due = erasure_due(user)
    sent = _sent_prompts(session, user, due)
    erase_at = due
    for kind, days in PROMPTS:
        if kind not in sent:
            if now < erase_at - timedelta(days=days):
                return None
            if not dry_run:
                _prompt(session, user, kind=kind, due=due, now=now,
                        erase_at=max(erase_at, now + timedelta(days=days)))
            return f"prompt_{kind}"
        erase_at = max(erase_at, sent[kind] + timedelta(days=days))
    if now < erase_at:
        return None
    return "erase"


def sweep_accounts(session: Session, report: RuleReport, now: datetime, *, dry_run: bool,
                   batch_size: int, on_batch, keepalive) -> None:
    """The account rule of one sweep: mail the prompts that are due, erase the accounts
    whose time is up (``dry_run``: only count), fill ``report``. Called by the engine's
    sweep only (background task, CLI, admin "run now"); commits per account. Lets
    ``retention.LeaseLost`` from ``keepalive`` through."""
    period = agreement_period()
    # every account whose erasure is due within the first prompt's lead (a superset:
    # ``_account_step`` decides per account on ``erasure_due``)
    window = period.cutoff(now + timedelta(days=max(d for _, d in PROMPTS)))
    last_id = 0
    while True:
        ids = session.exec(select(User.id).where(_start_sql() <= window, User.id > last_id)
                           .order_by(User.id).limit(batch_size)).all()
        for user_id in ids:
            user = session.get(User, user_id)
            step = _account_step(session, user, now, dry_run=dry_run)
            if step is None:
                continue
            report.details[step] = report.details.get(step, 0) + 1
            if step.startswith("prompt"):
                report.prompted += 1
            elif dry_run:
                report.deleted += 1
            else:
                result = erasure.erase_user(session, user_id=user_id, reason="retention")
                report.deleted += 1
                report.anonymised += sum(result.anonymised.values())
        if ids:
            last_id = ids[-1]
            if on_batch is not None:
                on_batch("accounts", len(ids))
            if keepalive is not None:
                keepalive()
        if len(ids) < batch_size:
            break
    first = session.exec(select(func.min(_start_sql())).where(_start_sql() > window)).one()
    if first is not None:
        report.next_due = period.end(first) - timedelta(days=PROMPTS[0][1])


# ---------------------------------------------------------------- keep my account
@dataclass(frozen=True)
class KeepResult:
    """The kept account's name and its new erasure date (shown on /account-behouden)."""

    name: str
    next_due: datetime


def check_keep_link(session: Session, *, token) -> str:
    """The name of the account behind a live keep-account link. Anyone holding the link
    may call it (it changes nothing); Invalid("error.link_invalid") otherwise."""
    row = tokens.peek(session, token=token, purpose="keep_account")
    user = session.get(User, row.user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    return user.name


def keep_account(session: Session, *, token) -> KeepResult:
    """The user clicked "keep my account": the agreement clock starts again today and
    every other keep-account link of theirs stops working. The holder of the mailed link
    only; Invalid("error.link_invalid") for a used, expired or forged link. Commits."""
    user_id = tokens.consume(session, token=token, purpose="keep_account")
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    now = clock.now()
    user.kept_at = now
    session.add(user)
    tokens.revoke_all(session, user_id=user.id, purpose="keep_account")
    audit.record(session, action="account.kept", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    return KeepResult(name=user.name, next_due=erasure_due(user))
