"""The personal-data registry: one entry per table that holds personal data.

Every table declares with ``@personal_data`` (defined here) *what* it holds (data categories from §3 of the privacy
statement), *why* (purpose + clause), on which legal basis, how long it is kept and which
column names its data subject. Export, erasure, retention, the privacy statement page and
the processing register all read these entries; none of them lists tables by hand.

Usage (the decorator sits right above the table it governs, in that table's model file)::

    @personal_data(
        categories=("ip_address", "device_id", "os", "login_time", "place", "connection_type"),
        purpose="security", clause="3.2.2", basis="legitimate_interest",
        retention=Retention(years(1), after="collection", from_field="created_at",
                            unless="abuse_hold"),
    )
    class LoginEvent(SQLModel, table=True): ...

So "how long are login events kept?" is answered in ``models/accounts.py``, above
``LoginEvent``; what the statement promises per clause is in ``models/purposes.py``; the
engine that enforces every period is ``services/privacy/retention.py``. Each entry needs its
labels in both catalogs (``Entry.label_keys``, in ``i18n/catalogs/``).

Tables without personal data are declared with ``@no_personal_data(reason=...)`` so the
completeness test (tests/unit/test_registry.py) can tell "forgotten" from "checked".
Every registered table carries its subject directly in a ``user_id`` column (denormalised
where needed), so erasure and export are one query per table.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

Basis = Literal["contract", "legitimate_interest", "consent", "legal_obligation"]
After = Literal["collection", "agreement_end", "handled", "unsubscribe", "consent_withdrawn", "technical"]


Unit = Literal["days", "months", "years"]
UNITS: tuple[str, ...] = ("days", "months", "years")


def _add_months(moment: datetime, months: int) -> datetime:
    """``moment`` shifted by whole calendar months, the day clamped to the month's end."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last))


@dataclass(frozen=True)
class Period:
    """A retention period as the statement words it: an amount and its unit.

    ``Period(2, "months")`` is "2 maanden" on /privacy and in the register, and the engine
    counts it on the calendar (docs/retention.md): ``end(start)`` is when a row collected
    at ``start`` is due, ``cutoff(now)`` the moment before which rows are due now.
    """

    amount: int
    unit: Unit

    def __post_init__(self):
        if not isinstance(self.amount, int) or isinstance(self.amount, bool) or self.amount < 0:
            raise ValueError(f"a period needs a whole amount >= 0, not {self.amount!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unknown period unit {self.unit!r} (one of {UNITS})")

    @property
    def months(self) -> int | None:
        """Whole calendar months (None for a period in days)."""
        return {"days": None, "months": self.amount, "years": 12 * self.amount}[self.unit]

    def end(self, start: datetime) -> datetime:
        """``start`` plus the period: days exactly, months/years on the calendar (the day
        clamped to the end of a shorter month: 31 Dec + 2 months = 28/29 Feb)."""
        if self.months is None:
            return start + timedelta(days=self.amount)
        return _add_months(start, self.months)

    def cutoff(self, now: datetime) -> datetime:
        """Rows whose moment is before this are past the period at ``now``.

        Never later than ``end`` says (nothing is kept longer than promised): when the day
        of ``now`` does not exist ``months`` back, or ``now`` is the last day of its month,
        the whole month ``months`` back is due (its rows all end on or before today).
        """
        if self.months is None:
            return now - timedelta(days=self.amount)
        index = now.year * 12 + now.month - 1 - self.months
        year, month = divmod(index, 12)
        month += 1
        last_then = calendar.monthrange(year, month)[1]
        last_now = calendar.monthrange(now.year, now.month)[1]
        if now.day > last_then or (now.day == last_now and self.months):
            year, month = divmod(year * 12 + month, 12)  # the month after: its first moment
            return now.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0,
                               microsecond=0)
        return now.replace(year=year, month=month, day=now.day)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


def days(n: int) -> Period:
    """``Period(n, "days")``, counted exactly; ValueError for a negative ``n``."""
    return Period(n, "days")


def months(n: int) -> Period:
    """``Period(n, "months")``, counted on the calendar; ValueError for a negative ``n``."""
    return Period(n, "months")


def years(n: int) -> Period:
    """``Period(n, "years")``, counted on the calendar; ValueError for a negative ``n``."""
    return Period(n, "years")


@dataclass(frozen=True)
class Retention:
    """How long rows are kept: ``period`` after the moment ``after`` (read from ``from_field``).

    For ``after="agreement_end"`` the clock is the *account's* (``from_field`` is a column
    of ``user_account``): every row of the user goes when the agreement has ended that long
    ago, through the same erasure routine as "delete account".

    For ``after`` in ("handled", "unsubscribe") the clock starts when ``from_field`` is set
    (NULL = not yet handled / still subscribed): rows go ``period`` after that moment.

    ``unless`` names a hold that suspends deletion (e.g. an abuse hold); ``legal_override``
    documents a statutory period that wins over the stated one (§3 of the statement). When
    that statutory period differs from ``period`` it is given in ``legal_period``: the
    engine (services/privacy/retention.py), /privacy and the processing register all use
    ``effective``.
    """

    period: Period | None
    after: After
    from_field: str = "created_at"
    unless: str | None = None
    legal_override: str | None = None
    legal_period: Period | None = None

    def __post_init__(self):
        for value in (self.period, self.legal_period):
            if value is not None and not isinstance(value, Period):
                raise TypeError(f"a retention period is a Period (amount + unit), not {value!r}")
        if self.legal_period is not None and not self.legal_override:
            raise ValueError("legal_period needs a documented legal_override")

    @property
    def effective(self) -> Period | None:
        """The period the engine enforces: a documented statutory period wins."""
        return self.legal_period if self.legal_period is not None else self.period


@dataclass(frozen=True)
class Purpose:
    """A processing purpose of §3 of the statement: the promise the tables under it keep.

    ``categories`` is the statement's own list for the purpose; ``retention`` is the period
    the statement promises. /privacy and the processing register render both from here;
    tests/unit/test_retention_statement.py checks that every table under the clause keeps
    it and tests/unit/test_statement_spec.py that it is the period the statement names.
    """

    clause: str
    key: str
    basis: Basis
    categories: tuple[str, ...]
    retention: Retention
    subjects: tuple[str, ...] = ("users",)
    wording: str | None = None  # i18n key of the statement's own sentence, when it differs


@dataclass(frozen=True)
class Entry:
    """One table's personal-data entry, made by ``@personal_data`` above its model class.

    ``subject`` is the column naming the user (erasure and export: one query per table);
    ``on_erasure="anonymise"`` keeps rows but empties ``subject``; ``exported=False`` rows
    are counted, not copied, in the export; ``secret_fields`` are never exported or shown.
    """

    table: str
    model: type
    categories: tuple[str, ...]
    purpose: str
    clause: str
    basis: Basis
    retention: Retention
    subject: str = "user_id"
    on_erasure: Literal["delete", "anonymise"] = "delete"
    exported: bool = True
    secret_fields: tuple[str, ...] = field(default=())  # never exported, never shown
    # rows the user deleted wait this long in a trash (``from_field``: when), then go
    trash: Retention | None = None

    @property
    def label_keys(self) -> tuple[str, ...]:
        """The catalog keys (``i18n/catalogs/``, Dutch and English) that /privacy, "Mijn
        gegevens" and the Art. 30 register show for this entry: its table, purpose, basis,
        every category, and the moment its clock starts from (and its hold, if any).
        tests/unit/test_registry.py fails, naming the key, when one is missing."""
        keys = [f"table.{self.table}", f"purpose.{self.purpose}", f"basis.{self.basis}"]
        keys += [f"cat.{c}" for c in self.categories]
        rule = self.retention
        if rule.after != "agreement_end" and rule.effective is not None:
            keys.append(f"ret.moment.{rule.from_field}")
        if self.trash is not None:
            keys.append(f"ret.moment.{self.trash.from_field}")
        if rule.unless:
            keys.append(f"ret.unless.{rule.unless}")
        return tuple(keys)


REGISTRY: dict[str, Entry] = {}
NOT_PERSONAL: dict[str, str] = {}
PURPOSES: dict[str, Purpose] = {}


def purpose(*, clause, key, basis, categories, retention, subjects=("users",),
            wording=None) -> Purpose:
    """Declare a §3 purpose of the statement (only models/purposes.py does, at import)."""
    PURPOSES[clause] = Purpose(clause=clause, key=key, basis=basis, categories=tuple(categories),
                               retention=retention, subjects=tuple(subjects), wording=wording)
    return PURPOSES[clause]


def personal_data(*, categories, purpose, clause, basis, retention, subject="user_id",
                  on_erasure="delete", exported=True, secret_fields=(), trash=None):
    """Class decorator: register a SQLModel table as holding personal data.

    Used once per table, in its model file (the package scan of ``models/__init__.py``
    imports it). ValueError when another model already registered the same table name.
    """

    def wrap(model):
        name = model.__tablename__
        if name in REGISTRY and REGISTRY[name].model.__qualname__ != model.__qualname__:
            raise ValueError(f"table {name!r} is registered twice "
                             f"({REGISTRY[name].model.__module__} and {model.__module__})")
        REGISTRY[name] = Entry(
            table=name, model=model, categories=tuple(categories), purpose=purpose,
            clause=clause, basis=basis, retention=retention, subject=subject,
            on_erasure=on_erasure, exported=exported, secret_fields=tuple(secret_fields),
            trash=trash,
        )
        return model

    return wrap


def no_personal_data(*, reason: str):
    """Class decorator: declare (with a reason) that a table holds no personal data, so
    tests/unit/test_registry.py can tell "checked" from "forgotten"."""

    def wrap(model):
        NOT_PERSONAL[model.__tablename__] = reason
        return model

    return wrap
