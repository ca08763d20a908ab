"""The record of processing activities (GDPR Art. 30), generated from the registry.

One activity per purpose of the statement (``models.PURPOSES``) plus one per other
clause a table is registered under (e.g. the audit log, clause 5): purpose, legal basis,
data subjects, data categories, the tables and the retention each one gets (the same rule
the retention engine enforces), recipients (the processors table), transfers and the
security measures, among them the backup rotation (how long erased data can survive in a
backup, ``backups.rotation``). ``build`` returns plain data (JSON-ready); ``to_markdown`` the readable
version. ``cloudcv register export`` writes both; ``/beheer/register`` shows it to admins.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from ...config import settings
from ...i18n import LANGS, t
from ...models import PURPOSES, REGISTRY, Period
from ..core import clock
from ..core.authz import require_admin
from . import backups, processors, statement

SECURITY_MEASURES = ("access_control", "passwords", "sessions", "throttling", "tls", "audit",
                     "erasure", "retention", "backups", "hosting", "secure_delete", "updates")


def _clause_key(clause: str) -> list[int]:
    return [int(p) for p in clause.split(".")]


def _period(period: Period | None) -> dict | None:
    """A period with its unit, as the registry declares it (``{"amount": 2, "unit": "months"}``)."""
    return None if period is None else {"amount": period.amount, "unit": period.unit}


def _longest(periods) -> Period | None:
    known = [p for p in periods if p is not None]
    return max(known, key=lambda p: p.end(_REFERENCE)) if known else None


_REFERENCE = datetime(2000, 1, 15)  # any fixed moment: compares periods of different units


def _tables(clause: str, lang: str) -> list[dict]:
    rows = []
    for entry in sorted(REGISTRY.values(), key=lambda e: e.table):
        if entry.clause != clause:
            continue
        rule = entry.retention
        rows.append({"table": entry.table, "label": t(f"table.{entry.table}", lang),
                     "categories": [t(f"cat.{c}", lang) for c in entry.categories],
                     "retention": statement.table_retention_text(rule, lang),
                     "retention_period": _period(rule.effective), "retention_after": rule.after,
                     "from_field": rule.from_field, "unless": rule.unless,
                     "legal_override": rule.legal_override, "on_erasure": entry.on_erasure,
                     **({"trash": statement.trash_text(entry.trash, lang),
                         "trash_period": _period(entry.trash.effective)} if entry.trash else {})})
    return rows


def build(session: Session, *, lang: str = "nl") -> dict:
    """The Art. 30 register as plain data (JSON-ready), in ``lang`` (Dutch when unknown): one
    activity per purpose and per other clause a table is registered under, each with its
    tables and their retention.

    Checks no role: for ``for_admin`` and the CLI (``cloudcv register export``). Raises nothing.
    """
    lang = lang if lang in LANGS else "nl"
    views = processors.list_processors(session)
    recipients = [{"category": t(f"proc.{p.category}", lang), "name": p.name,
                   "applicable": p.applicable,
                   "agreement_date": p.agreement_date.isoformat() if p.agreement_date else None,
                   "data_received": p.data_received}
                  for p in views if not p.is_site]
    sites = [{"role": t(f"loc.{s.role}", lang), "name": s.name, "address": list(s.address_lines),
              "classification": s.classification, "certifications": list(s.certifications)}
             for s in views if s.is_site]
    rotation = statement.period_text(backups.rotation(), lang)
    security = [t("sec.backups_rotation", lang, period=rotation) if m == "backups"
                else t(f"sec.{m}", lang) for m in SECURITY_MEASURES]
    activities = []
    for clause in sorted(PURPOSES, key=_clause_key):
        purpose = PURPOSES[clause]
        activities.append({
            "clause": clause, "purpose": t(f"purpose.{purpose.key}", lang),
            "basis": purpose.basis, "basis_text": t(f"basis.{purpose.basis}", lang),
            "subjects": [t(f"subject.{s}", lang) for s in purpose.subjects],
            "categories": [t(f"cat.{c}", lang) for c in statement.purpose_categories(clause)],
            "retention": statement.purpose_retention_text(
                purpose.retention, lang, wording=purpose.wording) + (
                " " + t(f"ret.unless.{purpose.retention.unless}", lang)
                if purpose.retention.unless else ""),
            "retention_period": _period(purpose.retention.effective),
            "tables": _tables(clause, lang),
        })
    other = sorted({e.clause for e in REGISTRY.values() if e.clause not in PURPOSES},
                   key=_clause_key)
    for clause in other:
        entries = [e for e in REGISTRY.values() if e.clause == clause]
        first = entries[0]
        activities.append({
            "clause": clause, "purpose": t(f"purpose.{first.purpose}", lang),
            "basis": first.basis, "basis_text": t(f"basis.{first.basis}", lang),
            "subjects": [t("subject.users", lang)],
            "categories": [t(f"cat.{c}", lang) for c in
                           dict.fromkeys(c for e in entries for c in e.categories)],
            "retention": "; ".join(statement.table_retention_text(e.retention, lang)
                                   for e in entries),
            "retention_period": _period(_longest(e.retention.effective for e in entries)),
            "tables": _tables(clause, lang),
        })
    for activity in activities:
        activity["recipients"] = [r["category"] + (f" ({r['name']})" if r["name"] else "")
                                  for r in recipients if r["applicable"]]
        activity["transfers"] = t("art30.no_transfers", lang)
        activity["security"] = security
    return {
        "controller": {"name": "CloudCV.nl", "contact": settings().contact_email,
                       "country": t("art30.country_nl", lang)},
        "language": lang,
        "generated_at": clock.now().isoformat(timespec="seconds"),
        "statement_version": statement.current().number,
        "activities": activities,
        "processors": recipients,
        "sites": sites,
        "security_measures": security,
        "backups": {"retention": t("backup.rotation", lang, period=rotation),
                    "retention_period": _period(backups.rotation())},
    }


def for_admin(session: Session, *, admin_id: int, lang: str = "nl") -> dict:
    """The register for ``/beheer/register``. Admins only: raises ``Forbidden`` for anyone else.
    """
    require_admin(session, admin_id)
    return build(session, lang=lang)


def to_markdown(doc: dict) -> str:
    """The readable register (``verwerkingsregister.md``) from a ``build`` document. Any caller.
    """
    lang = doc["language"]
    h = lambda key: t(f"art30.{key}", lang)  # noqa: E731
    out = [f"# {h('title')}", "",
           f"{h('controller')}: {doc['controller']['name']} ({doc['controller']['contact']}, "
           f"{doc['controller']['country']})  ",
           f"{h('generated')}: {doc['generated_at']}  ",
           f"{h('statement_version')}: {doc['statement_version']}", ""]
    for a in doc["activities"]:
        out += [f"## {a['clause']} — {a['purpose']}", "",
                f"- **{h('basis')}:** {a['basis_text']}",
                f"- **{h('subjects')}:** {', '.join(a['subjects'])}",
                f"- **{h('categories')}:** {', '.join(a['categories'])}",
                f"- **{h('retention')}:** {a['retention']}",
                f"- **{h('recipients')}:** {', '.join(a['recipients'])}",
                f"- **{h('transfers')}:** {a['transfers']}", ""]
        if a["tables"]:
            out += [f"| {h('table')} | {h('categories')} | {h('retention')} |", "|---|---|---|"]
            out += [f"| {r['label']} (`{r['table']}`) | {', '.join(r['categories'])} | "
                    f"{r['retention']}{' ' + r['trash'] if r.get('trash') else ''} |"
                    for r in a["tables"]]
        else:
            out.append(f"*{h('no_tables')}*")
        out.append("")
    out += [f"## {h('sites')}", ""]
    for s in doc["sites"]:
        out.append(f"- **{s['role']}:** {s['name']}, {', '.join(s['address'])} — "
                   f"{s['classification']}; {', '.join(s['certifications'])}")
    out += ["", f"## {h('processors')}", ""]
    for p in doc["processors"]:
        status = "" if p["applicable"] else f" ({t('proc.not_applicable', lang)})"
        agreement = f" — {h('agreement')}: {p['agreement_date']}" if p["agreement_date"] else ""
        out.append(f"- {p['category']}{' (' + p['name'] + ')' if p['name'] else ''}"
                   f"{status}{agreement}")
    out += ["", f"## {h('security')}", ""]
    out += [f"- {m}" for m in doc["security_measures"]]
    return "\n".join(out) + "\n"


def export(session: Session, *, out_dir: Path, lang: str = "nl") -> tuple[Path, Path]:
    """Write ``verwerkingsregister.md`` and ``.json`` into ``out_dir``; returns both paths.
    Operators, through ``cloudcv register export``; raises OSError when the directory cannot
    be written."""
    doc = build(session, lang=lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / "verwerkingsregister.md"
    js = out_dir / "verwerkingsregister.json"
    md.write_text(to_markdown(doc))
    js.write_text(json.dumps(doc, indent=2, ensure_ascii=False,
                             default=lambda o: o.isoformat() if isinstance(o, date | datetime)
                             else str(o)) + "\n")
    return md, js
