"""/privacy and the Art. 30 register are rendered from the registry: every period they show
is the period the engine enforces. Statement changes are announced once per user."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from cloudcv.i18n import t
from cloudcv.models import PURPOSES, REGISTRY, OutboxMail, Period, Processor, StatementNotice
from cloudcv.services.accounts import accounts
from cloudcv.services.core.errors import Forbidden, Invalid
from cloudcv.services.privacy import (backups, processors, register, retention, retention_runs,
                                      statement)
from tests.factories import ADMIN_TOTP, verified_user

DURATION = re.compile(r"(\d+) (jaar|maanden|maand|dagen|dag|years|year|months|month|days|day)\b")
UNIT = {"jaar": "years", "years": "years", "year": "years", "maanden": "months",
        "maand": "months", "months": "months", "month": "months", "dagen": "days", "dag": "days",
        "days": "days", "day": "days"}


def _durations(text: str) -> list[Period]:
    return [Period(int(n), UNIT[unit]) for n, unit in DURATION.findall(text)]


REF = datetime(2027, 1, 10, tzinfo=UTC)  # any mid-month moment: compares periods of any unit


def _purpose_paragraph(text: str, clause: str, lang: str) -> str:
    marker = ("**Algemeen:**" if lang == "nl" else "**General:**") if clause == "3.1" \
        else f"**{clause} "
    return text[text.index(marker):].split("\n\n", 1)[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_retention_period_on_the_privacy_page_equals_the_registry(session, lang):
    text = statement.render(session, lang=lang)
    for clause, purpose in PURPOSES.items():
        paragraph = _purpose_paragraph(text, clause, lang)
        expected = [purpose.retention.effective] if purpose.retention.effective.amount else []
        assert _durations(paragraph) == expected, (clause, paragraph)
    listed = {}
    for line in text.splitlines():
        for table in REGISTRY:
            if line.startswith(f"- **{t(f'table.{table}', lang)}** "):
                listed[table] = _durations(line)
    assert set(listed) == set(REGISTRY)
    for table, found in listed.items():
        trash = REGISTRY[table].trash  # a table with a trash states its period twice (issue 23)
        assert found == [REGISTRY[table].retention.effective,
                         *([trash.effective] * 2 if trash else [])], table
    # and no other period hides anywhere in the page (4 weeks of §7 is a reply time)
    allowed = {p.retention.effective for p in PURPOSES.values()} | {
        e.retention.effective for e in REGISTRY.values()} | {backups.rotation()} | {
        e.trash.effective for e in REGISTRY.values() if e.trash}  # §5, P27; the CV trash
    assert set(_durations(text)) <= allowed


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_statement_texts_hold_no_period_of_their_own(lang):
    """Periods come only from the registry: the text files cannot drift from the engine."""
    assert _durations(statement.template(lang)) == []
    assert not re.search(r"\d+\s*(maand|maanden|months?)\b", statement.template(lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_statement_keeps_sections_1_to_8_and_fills_every_placeholder(session, lang):
    text = statement.render(session, lang=lang)
    headings = re.findall(r"^## (\d)\. ", text, flags=re.M)
    assert headings == [str(n) for n in range(1, 9)]
    assert "{{" not in text and "}}" not in text
    for prefix in ("ret.", "cat.", "table.", "proc.", "loc.", "period.", "statement."):
        assert not re.search(rf"(?<![\w/]){re.escape(prefix)}[a-z_]", text), prefix


def test_hosting_locations_and_processors_come_from_the_processor_table(session):
    text = statement.render(session, lang="nl")
    for needle in ("QTS Datahotel Groningen", "Zernikelaan 16", "9747 AA Groningen",
                   "NL DC Westpoort", "Liverpoolweg 10", "9744 TW Groningen", "Tier 3",
                   "ISO 27001 / ISAE 3402", "NEN 1010 / NEN 3140", "ISO 9001",
                   t("proc.crm", "nl"), t("proc.ticketing", "nl") + " (nvt)"):
        assert needle in text, needle


def test_every_table_under_a_purpose_keeps_that_purposes_promise():
    """A table may be kept shorter for technical reasons, never on another clock."""
    exceptions = {"abuse_hold": "the statement's own exception: kept while misuse is handled"}
    for entry in REGISTRY.values():
        if entry.clause not in PURPOSES or entry.table in exceptions:
            continue
        promise = PURPOSES[entry.clause].retention
        rule = entry.retention
        if rule.after == "technical":
            assert rule.effective.end(REF) <= promise.effective.end(REF), entry.table
            continue
        assert (rule.after, rule.effective, rule.unless) == (
            promise.after, promise.effective, promise.unless), entry.table


def test_every_category_and_table_has_a_label_in_both_languages():
    from cloudcv.i18n import EN, NL

    cats = {c for e in REGISTRY.values() for c in e.categories} | {
        c for p in PURPOSES.values() for c in p.categories}
    keys = {f"cat.{c}" for c in cats} | {f"table.{n}" for n in REGISTRY} | {
        f"ret.moment.{e.retention.from_field}" for e in REGISTRY.values()
        if e.retention.after != "agreement_end"}
    assert keys <= set(NL) and keys <= set(EN), keys - (set(NL) & set(EN))


# ---------------------------------------------------------------- the Art. 30 register
def test_the_register_lists_every_table_with_the_engines_period_and_the_processors(
        session, tmp_path):
    doc = register.build(session, lang="nl")
    tables = {r["table"]: r for a in doc["activities"] for r in a["tables"]}
    assert set(tables) == set(REGISTRY)
    for name, row in tables.items():
        period = REGISTRY[name].retention.effective
        assert row["retention_period"] == {"amount": period.amount, "unit": period.unit}
    assert [a["clause"] for a in doc["activities"]][:len(PURPOSES)] == sorted(
        PURPOSES, key=lambda c: [int(p) for p in c.split(".")])
    assert {a["basis"] for a in doc["activities"]} >= {"contract", "legitimate_interest",
                                                        "consent"}
    assert any(s["name"] == "QTS Datahotel Groningen" for s in doc["sites"])
    assert len(doc["processors"]) == 7
    md, js = register.export(session, out_dir=tmp_path, lang="en")
    assert json.loads(js.read_text())["activities"]
    assert "| Login attempts (security) (`login_event`)" in md.read_text()


def test_only_admins_get_the_register(session):
    user = verified_user(session)
    with pytest.raises(Forbidden):
        register.for_admin(session, admin_id=user.id)
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", name="Beheer",
                                     password="paarse olifant danst")
    assert register.for_admin(session, admin_id=admin.id)["activities"]
    with pytest.raises(Forbidden):
        retention_runs.recent_runs(session, admin_id=user.id)
    retention.sweep(session)
    assert {r.rule for r in retention_runs.recent_runs(session, admin_id=admin.id)} >= {"accounts"}


# ---------------------------------------------------------------- versions and notices
V1 = statement.Version(1, datetime(2026, 1, 1, tzinfo=UTC), "statement.v1.summary")


@pytest.fixture
def new_version(monkeypatch, frozen_clock):
    published = frozen_clock.now + timedelta(days=1)
    v2 = statement.Version(2, published, "statement.v2.summary")
    monkeypatch.setattr(statement, "VERSIONS", (V1, v2))
    return v2


def test_a_new_version_shows_a_notice_until_dismissed_and_mails_each_user_once(
        session, frozen_clock, new_version):
    anna = verified_user(session)
    assert statement.pending_notice(session, user_id=anna.id) is None  # not published yet
    assert statement.announce(session) == 0
    frozen_clock.advance(days=2)
    newcomer = verified_user(session, email="nieuw@example.nl", name="Nieuw")
    notice = statement.pending_notice(session, user_id=anna.id)
    assert notice == statement.Notice(version=2, summary_key="statement.v2.summary")
    assert statement.pending_notice(session, user_id=newcomer.id) is None  # signed up under v2
    assert statement.announce(session) == 1
    assert statement.announce(session) == 0
    changed = session.exec(select(OutboxMail).where(OutboxMail.template == "statement_changed")).all()
    assert [m.to_addr for m in changed] == [anna.email]
    assert t("statement.v2.summary", "nl") in changed[0].body_text
    statement.dismiss(session, user_id=anna.id, version=2)
    assert statement.pending_notice(session, user_id=anna.id) is None
    row = session.exec(select(StatementNotice).where(StatementNotice.user_id == anna.id)).one()
    assert row.mailed_at and row.dismissed_at


def test_dismissing_refuses_anything_but_the_current_version(session, frozen_clock, new_version):
    anna = verified_user(session)
    frozen_clock.advance(days=2)
    for bad in (1, 3, "2", {"v": 2}, True, None):
        with pytest.raises(Invalid):
            statement.dismiss(session, user_id=anna.id, version=bad)
    assert session.exec(select(StatementNotice)).all() == []


def test_the_announcement_runs_in_batches_and_resumes(session, frozen_clock, new_version):
    users = [verified_user(session, email=f"u{i}@example.nl", name=f"U{i}") for i in range(5)]
    frozen_clock.advance(days=2)
    assert statement.announce(session, batch_size=2) == 5
    assert statement.announce(session, batch_size=2) == 0
    mailed = session.exec(select(OutboxMail.to_addr).where(
        OutboxMail.template == "statement_changed")).all()
    assert sorted(mailed) == sorted(u.email for u in users)


# ---------------------------------------------------------------- the compiled page
def test_the_seeded_processors_without_a_database_are_what_the_migration_seeds(session):
    """/privacy falls back to ``processors.defaults()`` when the build has no database."""
    assert processors.defaults() == processors.list_processors(session)
    assert statement.render(None, lang="nl", views=processors.defaults()) == statement.render(
        session, lang="nl")


def test_the_live_text_is_sent_only_when_the_compiled_page_is_out_of_date(session):
    built = statement.fingerprint(statement.render_all(session))
    assert statement.live_if_changed(session, built=built) is None
    for wrong in ("", "0" * 32, None, {"fingerprint": built}, [built]):
        assert statement.live_if_changed(session, built=wrong) is not None
    row = session.exec(select(Processor).where(Processor.category == "crm")).one()
    row.name = "Relatiebeheer B.V."
    session.add(row)
    session.commit()
    live = statement.live_if_changed(session, built=built)
    assert live is not None and "Relatiebeheer B.V." in live["nl"] and "Relatiebeheer B.V." in live["en"]
