"""What we hold about one user, per registered table: generated from the personal-data
registry (models/registry.py), so a table registered tomorrow shows up without changes.

For each table: its categories, purpose, clause, legal basis, retention rule, how many
rows the user has, and — for time-bound data — the date the (first) rows will be deleted,
computed from the table's ``Retention`` rule:

- ``after="agreement_end"``: the account's clock (``user_account.<from_field>``, falling back
  to ``created_at``) + the period, e.g. 2 years after the last login;
- ``after`` = ``collection`` / ``technical``: the oldest row's ``from_field`` + the period;
- ``after`` = ``handled`` / ``unsubscribe`` / ``consent_withdrawn``: only once that moment
  has happened (``from_field`` set); until then there is no date yet (``waiting``);
- no period: kept as long as the rule's condition lasts (no date).

Periods carry their unit (``models.registry.Period``): months and years are counted on
the calendar, as the retention engine does.

An active abuse hold suspends rules with ``unless="abuse_hold"`` (``held``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from ...i18n import catalog, t
from ...models import REGISTRY, User, metadata
from ...models.registry import Entry, Period
from ..core import clock
from . import account_retention, erasure

WAITING = ("handled", "unsubscribe", "consent_withdrawn")


@dataclass(frozen=True)
class Holding:
    """One registered table as "Mijn gegevens" and overzicht.pdf show it to its user."""

    table: str
    categories: tuple[str, ...]
    purpose: str
    clause: str
    basis: str
    after: str
    period: Period | None
    legal_override: str | None
    count: int
    exported: bool
    deletion: date | None   # when the (oldest) rows go; None: no date (see ``waiting``)
    waiting: bool           # the clock has not started yet (not handled / still subscribed)
    held: bool              # an abuse hold suspends the deletion


def _period(entry: Entry) -> Period | None:
    """The period the engine enforces (a documented statutory period wins, when given)."""
    return entry.retention.effective


def order() -> list[Entry]:
    """The account first, then by clause of the statement, then by table name. Any caller; reads
    only the registry."""
    return sorted(REGISTRY.values(), key=lambda e: (e.table != "user_account", e.clause, e.table))


def _deletion(session, entry: Entry, *, user_id: int, user: User | None, period: Period | None,
              count: int) -> tuple[date | None, bool]:
    rule = entry.retention
    if period is None:
        return None, False
    if rule.after == "agreement_end":
        if user is None:
            return None, False
        # the engine's own date: the latest of sign-up, login and "keep my account", moved
        # later when a keep-account prompt is (or would go out) late
        start = account_retention.agreement_start(user)
        moved = (account_retention.planned_erasure(session, user, clock.now())
                 - account_retention.erasure_due(user))
        return clock.local_date(period.end(start) + moved), False
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
        return clock.local_date(period.end(oldest)), False
    if isinstance(oldest, date):
        return period.end(datetime.combine(oldest, time())).date(), False
    return None, False


def holdings(session, *, user_id: int) -> list[Holding]:
    """What we hold about one user, one ``Holding`` per registered table (row count, deletion
    date, hold).

    The user themselves ("Mijn gegevens", the export's overzicht.pdf); the caller passes the
    logged-in user's id. Raises nothing; an unknown user has no rows.
    """
    user = session.get(User, user_id)
    held = erasure.has_abuse_hold(session, user_id)
    found = []
    for entry in order():
        table = metadata.tables[entry.table]
        count = session.execute(select(func.count()).select_from(table)
                                .where(table.c[entry.subject] == user_id)).scalar() or 0
        period = _period(entry)
        deletion, waiting = _deletion(session, entry, user_id=user_id, user=user, period=period,
                                      count=count)
        found.append(Holding(
            table=entry.table, categories=entry.categories, purpose=entry.purpose,
            clause=entry.clause, basis=entry.basis, after=entry.retention.after, period=period,
            legal_override=entry.retention.legal_override, count=count,
            exported=entry.exported, deletion=deletion, waiting=waiting,
            held=held and entry.retention.unless == "abuse_hold" and count > 0,
        ))
    return found


# ---------------------------------------------------------------- words (UI and overzicht.pdf)
LABEL_PREFIX = {"table": "table", "category": "cat", "purpose": "purpose", "basis": "basis"}


def label(kind: str, name: str, lang: str) -> str:
    """The shared label (``table.*``, ``cat.*``, ``purpose.*``, ``basis.*``: the same words as
    /privacy and the Art. 30 register); an unknown (new) name still renders. Any caller;
    KeyError for an unknown ``kind``."""
    return catalog(lang).get(f"{LABEL_PREFIX[kind]}.{name}") or name.replace("_", " ")


SINGULAR = {"days": "day", "months": "month", "years": "year"}


def period_text(period: Period, lang: str) -> str:
    """"30 dagen", "2 maanden", "1 jaar": the unit the registry declares, never a guess. Any
    caller."""
    key = SINGULAR[period.unit] if period.amount == 1 else period.unit
    return t(f"mydata.period.{key}", lang, n=period.amount)


def retention_text(h: Holding, lang: str) -> str:
    """How long a holding is kept, in the overview's words (with the statutory note when a legal
    period applies). Any caller."""
    if h.period is None:
        return t("mydata.retention.open", lang)
    key = f"mydata.retention.{h.after}"
    if key not in catalog(lang):
        key = "mydata.retention.other"
    text = t(key, lang, period=period_text(h.period, lang))
    if h.legal_override:
        text += " " + t("mydata.retention.legal", lang)
    return text


def deletion_text(h: Holding, lang: str) -> str:
    """When the user's (oldest) rows of a holding go, or why there is no date yet (held,
    waiting, nothing stored). Any caller."""
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
