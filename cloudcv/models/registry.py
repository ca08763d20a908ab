"""The personal-data registry: one entry per table that holds personal data.

Every table declares here *what* it holds (data categories from §3 of the privacy
statement), *why* (purpose + clause), on which legal basis, how long it is kept and which
column names its data subject. Export, erasure, retention, the privacy statement page and
the processing register all read these entries; none of them lists tables by hand.

Usage::

    @personal_data(
        categories=("ip_address", "device_id", "os", "login_time", "place", "connection_type"),
        purpose="security", clause="3.2.2", basis="legitimate_interest",
        retention=Retention(days=365, after="collection", from_field="created_at",
                            unless="abuse_hold"),
    )
    class LoginEvent(SQLModel, table=True): ...

Tables without personal data are declared with ``@no_personal_data(reason=...)`` so the
completeness test (tests/unit/test_registry.py) can tell "forgotten" from "checked".
Every registered table carries its subject directly in a ``user_id`` column (denormalised
where needed), so erasure and export are one query per table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Basis = Literal["contract", "legitimate_interest", "consent", "legal_obligation"]
After = Literal["collection", "agreement_end", "handled", "unsubscribe", "consent_withdrawn", "technical"]


@dataclass(frozen=True)
class Retention:
    """How long rows are kept: ``days`` after the moment ``after`` (read from ``from_field``).

    For ``after="agreement_end"`` the clock is the *account's* (``from_field`` is a column
    of ``user_account``): every row of the user goes when the agreement has ended that long
    ago, through the same erasure routine as "delete account".

    For ``after`` in ("handled", "unsubscribe") the clock starts when ``from_field`` is set
    (NULL = not yet handled / still subscribed): rows go ``days`` after that moment.

    ``unless`` names a hold that suspends deletion (e.g. an abuse hold); ``legal_override``
    documents a statutory period that wins over the stated one (§3 of the statement). When
    that statutory period differs from ``days`` it is given in ``legal_days``: the engine
    (services/retention.py), /privacy and the processing register all use
    ``effective_days``.
    """

    days: int | None
    after: After
    from_field: str = "created_at"
    unless: str | None = None
    legal_override: str | None = None
    legal_days: int | None = None

    def __post_init__(self):
        if self.legal_days is not None and not self.legal_override:
            raise ValueError("legal_days needs a documented legal_override")

    @property
    def effective_days(self) -> int | None:
        """The period the engine enforces: a documented statutory period wins."""
        return self.legal_days if self.legal_days is not None else self.days


@dataclass(frozen=True)
class Purpose:
    """A processing purpose of §3 of the statement: the promise the tables under it keep.

    ``categories`` is the statement's own list for the purpose; ``retention`` is the period
    the statement promises. /privacy and the processing register render both from here, and
    tests/unit/test_retention_registry.py checks that every table under the clause keeps it.
    """

    clause: str
    key: str
    basis: Basis
    categories: tuple[str, ...]
    retention: Retention
    subjects: tuple[str, ...] = ("users",)


@dataclass(frozen=True)
class Entry:
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


REGISTRY: dict[str, Entry] = {}
NOT_PERSONAL: dict[str, str] = {}
PURPOSES: dict[str, Purpose] = {}


def purpose(*, clause, key, basis, categories, retention, subjects=("users",)) -> Purpose:
    """Declare a §3 purpose (see models/purposes.py)."""
    PURPOSES[clause] = Purpose(clause=clause, key=key, basis=basis, categories=tuple(categories),
                               retention=retention, subjects=tuple(subjects))
    return PURPOSES[clause]


def personal_data(*, categories, purpose, clause, basis, retention, subject="user_id",
                  on_erasure="delete", exported=True, secret_fields=()):
    """Class decorator: register a SQLModel table as holding personal data."""

    def wrap(model):
        name = model.__tablename__
        REGISTRY[name] = Entry(
            table=name, model=model, categories=tuple(categories), purpose=purpose,
            clause=clause, basis=basis, retention=retention, subject=subject,
            on_erasure=on_erasure, exported=exported, secret_fields=tuple(secret_fields),
        )
        return model

    return wrap


def no_personal_data(*, reason: str):
    """Class decorator: declare (with a reason) that a table holds no personal data."""

    def wrap(model):
        NOT_PERSONAL[model.__tablename__] = reason
        return model

    return wrap
