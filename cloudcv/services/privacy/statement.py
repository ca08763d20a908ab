"""The privacy statement: rendered from the registry, versioned, changes announced.

``render(session, lang=...)`` fills the statement's text (``content/privacy-verklaring.
<lang>.md``, sections 1-8 of the spec) with everything that must match what the product
does: the data list and retention period of every purpose (``models.PURPOSES``), the
retention of every registered table (``models.REGISTRY``, the same rules the retention
engine enforces), how long erased data can survive in a backup (``backups.rotation``, the
backup settings), the hosting locations and processors (``processor`` table) and the
contact address. The text files contain no period of their own (a test checks that), so
the page cannot promise anything the engine does not do.

/privacy is compiled from ``render_all`` at build time (first paint, no layout shift);
``fingerprint`` identifies that rendering, and on load ``live_if_changed`` returns the
current text only when it differs (a processor edited, a new version in force since).

Versions (§2, "als wij dat doen, dan laten wij u dat weten"): ``VERSIONS`` lists every
published version with a change summary. When a new one is current, users who signed up
before it see a notice until they dismiss it (``pending_notice`` / ``dismiss``) and each
of them gets one mail (``announce``, run by the retention task, idempotent per user).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import exists
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ...config import settings
from ...i18n import LANGS, t
from ...models import PURPOSES, REGISTRY, StatementNotice, User
from ...models.registry import Period, Retention
from ..core import clock, mail
from ..core.errors import Invalid
from . import backups, processors

CONTENT = Path(__file__).resolve().parents[2] / "content"


@dataclass(frozen=True)
class Version:
    """A published version of the statement with the key of its change summary."""

    number: int
    published_at: datetime
    summary_key: str


VERSIONS: tuple[Version, ...] = (
    Version(1, datetime(2026, 11, 1, tzinfo=UTC), "statement.v1.summary"),
    Version(2, datetime(2026, 11, 25, tzinfo=UTC), "statement.v2.summary"),
)


def current(now: datetime | None = None, versions: tuple[Version, ...] | None = None) -> Version:
    """The newest version whose publication date has come. Any caller."""
    now = now or clock.now()
    versions = versions or VERSIONS
    live = [v for v in versions if v.published_at <= now]
    return live[-1] if live else versions[0]


# ---------------------------------------------------------------- periods as text
SINGULAR = {"days": "day", "months": "month", "years": "year"}


def period_text(period: Period, lang: str) -> str:
    """The period in the statement's own words: "2 maanden", "1 jaar", "30 dagen". Any caller.
    """
    if period.amount == 1:
        return t(f"period.{SINGULAR[period.unit]}", lang)
    return t(f"period.{period.unit}", lang, n=period.amount)


def purpose_retention_text(rule: Retention, lang: str, *, wording: str | None = None) -> str:
    """The promise of a §3 purpose, as the statement words it (``wording``: the purpose's own
    sentence, when the statement phrases it differently from the default for its kind). Any
    caller."""
    period = rule.effective
    if wording is not None:
        return t(wording, lang, period=period_text(period, lang))
    if rule.after == "unsubscribe":
        if not period.amount:
            return t("ret.unsubscribe", lang)
        return t("ret.unsubscribe_after", lang, period=period_text(period, lang))
    return t(f"ret.{rule.after}", lang, period=period_text(period, lang))


def table_retention_text(rule: Retention, lang: str) -> str:
    """One table's rule, for the list of periods per data set and the register. Any caller."""
    period = rule.effective
    if period is None:
        return t("ret.row.none", lang)
    if rule.after == "agreement_end":
        text = t("ret.row.agreement_end", lang, period=period_text(period, lang))
    else:
        text = t("ret.row.after", lang, period=period_text(period, lang),
                 moment=t(f"ret.moment.{rule.from_field}", lang))
    if rule.unless:
        text += " " + t(f"ret.unless.{rule.unless}", lang)
    if rule.legal_override:
        text += " " + t("ret.legal", lang, source=rule.legal_override)
    return text


def trash_text(rule: Retention, lang: str) -> str:
    """What happens to a deleted row that waits in a trash (CVs). Any caller."""
    return t("ret.trash", lang, period=period_text(rule.effective, lang),
             moment=t(f"ret.moment.{rule.from_field}", lang))


def purpose_categories(clause: str) -> list[str]:
    """The statement's list for a purpose, plus anything a table under it holds beyond that
    list: the page never lists less than what is stored. Any caller; KeyError for a clause
    that is not a purpose."""
    cats = list(PURPOSES[clause].categories)
    for entry in REGISTRY.values():
        if entry.clause == clause:
            cats += [c for c in entry.categories if c not in cats]
    return cats


def _list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def table_rows() -> list[tuple[str, str, str]]:
    """(table, clause, table) for every registered table, ordered by clause then name. Any
    caller."""
    return sorted(((e.table, e.clause, e.table) for e in REGISTRY.values()),
                  key=lambda r: ([int(p) for p in r[1].split(".")], r[0]))


# ---------------------------------------------------------------- rendering
def _sites_text(sites: list[processors.ProcessorView], lang: str) -> str:
    names = [f"{s.name} ({t(f'loc.{s.role}', lang).lower()})" for s in sites]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + t("list.and", lang) + names[-1]


def _locations(sites: list[processors.ProcessorView], lang: str) -> str:
    blocks = []
    for s in sites:
        lines = [f"**{t(f'loc.{s.role}', lang)}**", s.name, *s.address_lines]
        if s.classification:
            lines.append(t("loc.classification", lang, value=s.classification))
        if s.certifications:
            lines.append(t("loc.certifications", lang, value=", ".join(s.certifications)))
        blocks.append("  \n".join(lines))
    return "\n\n".join(blocks)


def _processors(views: list[processors.ProcessorView], lang: str) -> str:
    items = []
    for p in views:
        if p.is_site:
            continue
        text = t(f"proc.{p.category}", lang)
        if p.name:
            text += f" ({p.name})"
        if not p.applicable:
            text += " " + t("proc.not_applicable", lang)
        items.append(text)
    return _list(items)


def _retention_table(lang: str) -> str:
    items = []
    for table, clause, _ in table_rows():
        entry = REGISTRY[table]
        text = table_retention_text(entry.retention, lang)
        if entry.trash is not None:
            text += " " + trash_text(entry.trash, lang)
        items.append(f"**{t(f'table.{table}', lang)}** ({t('ret.clause', lang, clause=clause)}): "
                     f"{text}")
    return t("ret.table_intro", lang) + "\n\n" + _list(items)


def placeholders(session: Session | None, *, lang: str,
                 views: list[processors.ProcessorView] | None = None) -> dict[str, str]:
    """Every ``{{name}}`` of the statement text, filled from the registry and the processor
    table (``views``, when given, instead of reading it through ``session``). Any caller."""
    if views is None:
        views = processors.list_processors(session)
    sites = [v for v in views if v.is_site]
    version = current()
    values = {
        "version": t("statement.version_line", lang, n=version.number,
                     date=version.published_at.date().isoformat()),
        "sites": _sites_text(sites, lang),
        "certifications": ", ".join(processors.certifications(sites)),
        "locations": _locations(sites, lang),
        "agreement_end": t("ret.agreement_end_def", lang),
        "retention_table": _retention_table(lang),
        "backups": t("backup.rotation", lang, period=period_text(backups.rotation(), lang)),
        "processors": _processors(views, lang),
        "contact": f"[{settings().contact_email}](mailto:{settings().contact_email})",
    }
    for clause, purpose in PURPOSES.items():
        values[f"retention:{clause}"] = purpose_retention_text(purpose.retention, lang,
                                                               wording=purpose.wording)
        values[f"categories:{clause}"] = _list(
            [t(f"cat.{c}", lang) for c in purpose_categories(clause)])
    return values


def template(lang: str) -> str:
    """The statement's text with its placeholders (``content/privacy-verklaring.<lang>.md``).
    Any caller; FileNotFoundError for a language without a text."""
    return (CONTENT / f"privacy-verklaring.{lang}.md").read_text()


def render(session: Session | None, *, lang: str = "nl",
           views: list[processors.ProcessorView] | None = None) -> str:
    """The statement as Markdown, in ``lang`` (Dutch when unknown). Anyone (/privacy is public);
    raises nothing."""
    lang = lang if lang in LANGS else "nl"
    text = template(lang)
    for name, value in placeholders(session, lang=lang, views=views).items():
        text = text.replace("{{" + name + "}}", value)
    return text


def render_all(session: Session | None, *,
               views: list[processors.ProcessorView] | None = None) -> dict[str, str]:
    """The statement in every language: what /privacy compiles into its page. Anyone."""
    return {lang: render(session, lang=lang, views=views) for lang in LANGS}


def fingerprint(texts: dict[str, str]) -> str:
    """Identifies one rendering of the statement in every language (the compiled /privacy page
    carries it, so the server can tell whether the page is still current). Any caller."""
    digest = hashlib.sha256()
    for lang in sorted(texts):
        digest.update(lang.encode() + b"\0" + texts[lang].encode() + b"\0")
    return digest.hexdigest()[:32]


def live_if_changed(session: Session, *, built: object) -> dict[str, str] | None:
    """The statement as the database has it now, or ``None`` when that is exactly what the
    compiled page (fingerprint ``built``) already shows. Anyone (the /privacy page on load)."""
    texts = render_all(session)
    return None if fingerprint(texts) == built else texts


# ---------------------------------------------------------------- notices and mail
@dataclass(frozen=True)
class Notice:
    """A change notice to show: the version and the key of its summary."""

    version: int
    summary_key: str


def pending_notice(session: Session, *, user_id: int) -> Notice | None:
    """The change notice this user has not dismissed yet (none for the first version, and none
    for a version that was already in force when they signed up). The user themselves; raises
    nothing."""
    version = current()
    if version.number == VERSIONS[0].number:
        return None
    user = session.get(User, user_id)
    if user is None or user.created_at >= version.published_at:
        return None
    row = session.exec(select(StatementNotice).where(
        StatementNotice.user_id == user_id, StatementNotice.version == version.number)).first()
    if row is not None and row.dismissed_at is not None:
        return None
    return Notice(version=version.number, summary_key=version.summary_key)


def dismiss(session: Session, *, user_id: int, version) -> None:
    """The user has read the notice of the current version: it is not shown again. The user
    themselves; raises ``Invalid("error.invalid_input")`` for any version but the current
    one. Commits."""
    if not isinstance(version, int) or isinstance(version, bool) or version != current().number:
        raise Invalid("error.invalid_input")
    row = session.exec(select(StatementNotice).where(
        StatementNotice.user_id == user_id, StatementNotice.version == version)).first()
    if row is None:
        row = StatementNotice(user_id=user_id, version=version)
    row.dismissed_at = row.dismissed_at or clock.now()
    session.add(row)
    session.commit()


def announce(session: Session, *, batch_size: int = 500) -> int:
    """Queue the change mail once to every user who signed up before the current version.

    A ``StatementNotice`` row per user and version is written in the same transaction as the
    mail, so a crash or a second run never mails anyone twice. Returns mails queued. Background
    task only (the retention round, ``rounds.retention_job``); raises nothing when another
    worker got there first.
    """
    version = current()
    if version.number == VERSIONS[0].number:
        return 0
    already = exists().where(StatementNotice.user_id == User.id,
                             StatementNotice.version == version.number)
    queued = 0
    while True:
        users = session.exec(select(User).where(User.created_at < version.published_at, ~already)
                             .order_by(User.id).limit(batch_size)).all()
        now = clock.now()
        for user in users:
            session.add(StatementNotice(user_id=user.id, version=version.number, mailed_at=now))
            mail.enqueue(session, to=user.email, template="statement_changed", lang=user.lang,
                         user_id=user.id, name=user.name,
                         summary=t(version.summary_key, user.lang),
                         link=f"{settings().base_url}/privacy")
        try:
            session.commit()
        except IntegrityError:  # another worker got there first: nothing of ours is kept
            session.rollback()
            return queued
        queued += len(users)
        if len(users) < batch_size:
            return queued
