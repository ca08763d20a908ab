"""Processors (§4.1) and hosting locations (§1): read from the ``processor`` table.

The migration seeds the statement's categories and the two Groningen data centres; an
admin page to edit them comes later. /privacy and the processing register read them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ...models import Processor

SITE_ROLES = ("primary_site", "backup_site")


@dataclass(frozen=True)
class ProcessorView:
    """A processor or hosting site as /privacy and the register show it (§1, §4.1)."""

    category: str
    role: str
    name: str
    address_lines: tuple[str, ...]
    classification: str
    certifications: tuple[str, ...]
    applicable: bool
    agreement_date: date | None
    data_received: str

    @property
    def is_site(self) -> bool:
        """True for a hosting location (primary or backup data centre), False for a processor.
        """
        return self.role in SITE_ROLES


def _view(row: Processor) -> ProcessorView:
    return ProcessorView(
        category=row.category, role=row.role, name=row.name,
        address_lines=tuple(p.strip() for p in row.address.split(",") if p.strip()),
        classification=row.classification,
        certifications=tuple(c.strip() for c in row.certifications.split(";") if c.strip()),
        applicable=row.applicable, agreement_date=row.agreement_date,
        data_received=row.data_received)


# What migration 0007 seeds (a test checks they agree): /privacy is compiled from these when
# the build cannot read the database (e.g. ``reflex export`` without one).
DEFAULTS: tuple[dict, ...] = (
    dict(category="hosting", role="primary_site", name="QTS Datahotel Groningen",
         address="Zernikelaan 16, 9747 AA Groningen", classification="Tier 3",
         certifications="ISO 27001 / ISAE 3402; NEN 1010 / NEN 3140"),
    dict(category="storage", role="backup_site", name="NL DC Westpoort",
         address="Liverpoolweg 10, 9744 TW Groningen", classification="Tier 3",
         certifications="ISO 27001; ISO 9001"),
    dict(category="software"),
    dict(category="storage"),
    dict(category="analytics"),
    dict(category="ticketing", applicable=False),
    dict(category="evaluation"),
    dict(category="hosting"),
    dict(category="crm"),
)


def defaults() -> list[ProcessorView]:
    """The seeded processors and sites, without a database (what the migration seeds; /privacy's
    build-time rendering). Any caller."""
    return [_view(Processor(**{"role": "processor", **row}, position=i))
            for i, row in enumerate(DEFAULTS)]


def list_processors(session: Session) -> list[ProcessorView]:
    """Every processor and site, in the statement's order. Any caller (it is public
    information); raises nothing."""
    rows = session.exec(select(Processor).order_by(Processor.position, Processor.id)).all()
    return [_view(r) for r in rows]


def sites(session: Session) -> list[ProcessorView]:
    """The hosting locations only (``list_processors`` filtered). Any caller."""
    return [p for p in list_processors(session) if p.is_site]


def certifications(views: list[ProcessorView]) -> list[str]:
    """The sites' certifications, each standard once ("ISO 27001 / ISAE 3402" covers a later
    plain "ISO 27001"). Any caller."""
    seen: set[str] = set()
    out: list[str] = []
    for view in views:
        for group in view.certifications:
            parts = {p.strip() for p in group.split("/")}
            if parts <= seen:
                continue
            seen |= parts
            out.append(group)
    return out
