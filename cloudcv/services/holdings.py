"""What we hold about one user, per registered table: generated from the personal-data
registry (models/registry.py), so a table registered tomorrow shows up without changes.

For each table: its categories, purpose, clause, legal basis, retention rule, how many
rows the user has, and — for time-bound data — the date the (first) rows will be deleted,
computed from the table's ``Retention`` rule:

- ``after="agreement_end"``: the account's clock (``user_account.<from_field>``, falling back
  to ``created_at``) + days, e.g. 2 years after the last login;
- ``after`` = ``collection`` / ``technical``: the oldest row's ``from_field`` + days;
- ``after`` = ``handled`` / ``unsubscribe`` / ``consent_withdrawn``: only once that moment
  has happened (``from_field`` set); until then there is no date yet (``waiting``);
- ``days=None``: kept as long as the rule's condition lasts (no date).

An active abuse hold suspends rules with ``unless="abuse_hold"`` (``held``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from ..i18n import catalog, t
from ..models import REGISTRY, User, metadata
from ..models.registry import Entry
from . import clock, erasure

WAITING = ("handled", "unsubscribe", "consent_withdrawn")


@dataclass(frozen=True)
class Holding:
    table: str
    categories: tuple[str, ...]
    purpose: str
    clause: str
    basis: str
    after: str
    days: int | None
    legal_override: str | None
    count: int
    exported: bool
    deletion: date | None   # when the (oldest) rows go; None: no date (see ``waiting``)
    waiting: bool           # the clock has not started yet (not handled / still subscribed)
    held: bool              # an abuse hold suspends the deletion


def _days(entry: Entry) -> int | None:
    """The period the engine enforces (a documented statutory period wins, when given)."""
    rule = entry.retention
    return getattr(rule, "effective_days", rule.days)


def order() -> list[Entry]:
    """The account first, then by clause of the statement, then by table name."""
    return sorted(REGISTRY.values(), key=lambda e: (e.table != "user_account", e.clause, e.table))


def _deletion(session, entry: Entry, *, user_id: int, user: User | None, days: int | None,
              count: int) -> tuple[date | None, bool]:
    rule = entry.retention
    if days is None:
        return None, False
    if rule.after == "agreement_end":
        if user is None:
            return None, False
        start = getattr(user, rule.from_field, None) or user.created_at
        return clock.local_date(start + timedelta(days=days)), False
    if count == 0:
        return None, False
    table = metadata.tables[entry.table]
    if rule.from_field not in table.c:
        return None, False
    column = table.c[rule.from_field]
    oldest = session.execute(select(func.min(column)).where(
        table.c[entry.subject] == user_id, column.is_not(None))).scalar()
    if oldest is None:
        return None, rule.after in WAITING
    if isinstance(oldest, datetime):
        return clock.local_date(oldest + timedelta(days=days)), False
    if isinstance(oldest, date):
        return oldest + timedelta(days=days), False
    return None, False


def holdings(session, *, user_id: int) -> list[Holding]:
    user = session.get(User, user_id)
    held = erasure.has_abuse_hold(session, user_id)
    found = []
    for entry in order():
        table = metadata.tables[entry.table]
        count = session.execute(select(func.count()).select_from(table)
                                .where(table.c[entry.subject] == user_id)).scalar() or 0
        days = _days(entry)
        deletion, waiting = _deletion(session, entry, user_id=user_id, user=user, days=days,
                                      count=count)
        found.append(Holding(
            table=entry.table, categories=entry.categories, purpose=entry.purpose,
            clause=entry.clause, basis=entry.basis, after=entry.retention.after, days=days,
            legal_override=entry.retention.legal_override, count=count,
            exported=entry.exported, deletion=deletion, waiting=waiting,
            held=held and entry.retention.unless == "abuse_hold" and count > 0,
        ))
    return found


# ---------------------------------------------------------------- words (UI and overzicht.pdf)
LABEL_PREFIX = {"table": "table", "category": "cat", "purpose": "purpose", "basis": "basis"}


def label(kind: str, name: str, lang: str) -> str:
    """The shared label (``table.*``, ``cat.*``, ``purpose.*``, ``basis.*``: the same words
    as /privacy and the Art. 30 register); an unknown (new) name still renders."""
    return catalog(lang).get(f"{LABEL_PREFIX[kind]}.{name}") or name.replace("_", " ")


def period(days: int, lang: str) -> str:
    if days and days % 365 == 0:
        years = days // 365
        return t("mydata.period.year" if years == 1 else "mydata.period.years", lang, n=years)
    if days and days % 30 == 0 and days < 365:
        months = days // 30
        return t("mydata.period.month" if months == 1 else "mydata.period.months", lang, n=months)
    return t("mydata.period.day" if days == 1 else "mydata.period.days", lang, n=days)


def retention_text(h: Holding, lang: str) -> str:
    if h.days is None:
        return t("mydata.retention.open", lang)
    key = f"mydata.retention.{h.after}"
    if key not in catalog(lang):
        key = "mydata.retention.other"
    text = t(key, lang, period=period(h.days, lang))
    if h.legal_override:
        text += " " + t("mydata.retention.legal", lang)
    return text


def deletion_text(h: Holding, lang: str) -> str:
    if h.count == 0:
        return ""
    if h.held:
        return t("mydata.deletion.held", lang)
    if h.waiting:
        return t("mydata.deletion.waiting", lang)
    if h.deletion is None:
        return ""
    when = clock.format_date(h.deletion, lang)
    if h.after == "agreement_end":
        return t("mydata.deletion.agreement", lang, date=when)
    return t("mydata.deletion.first", lang, date=when)
