"""The statement itself is the specification: every retention period it names is the one
/privacy shows (word for word), the Art. 30 register lists and the engine enforces.

The expected periods are read from the statement (``shared/spec/privacy-verklaring.md``
next to the checkout, or the verbatim copy ``docs/spec/privacy-verklaring.md`` in a clean
clone), never from the code under test. Only the words that locate each purpose in the
statement and the meaning of its Dutch units are written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from cloudcv.models import PURPOSES, REGISTRY, User
from cloudcv.services.privacy import register, retention, statement
from tests.factories import verified_user
from tests.unit.test_retention import _ids, _insert, _synthetic_entry

ROOT = Path(__file__).resolve().parents[2]
SHARED_SPEC = ROOT.parent / "shared/spec/privacy-verklaring.md"
SPEC_COPY = ROOT / "docs/spec/privacy-verklaring.md"

DURATION = re.compile(r"\b(\d+) (jaar|maanden|maand|weken|week|dagen|dag)\b")
# what the statement's Dutch units mean (calendar units; a week is 7 days)
UNITS = {"jaar": ("years", 1), "maanden": ("months", 1), "maand": ("months", 1),
         "weken": ("days", 7), "week": ("days", 7), "dagen": ("days", 1), "dag": ("days", 1)}
START = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)  # mid-month: every end is a plain date
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Promise:
    clause: str      # our clause (the statement numbers its lists "1." throughout)
    heading: str     # the statement's words before the retention sentence
    sentence: str    # the retention sentence, as the statement writes it
    words: str | None  # the period in the statement's words ("2 maanden"), if it names one
    amount: int | None
    unit: str | None


# The statement's purposes: the words that find each one in the statement (its list item
# starts with them). 3.3.1 glues the first item of its data list ("naam") to its sentence.
PURPOSE_HEADINGS = {
    "3.1": "Algemeen:",
    "3.2.1": "Het verbeteren van onze dienstverlening:",
    "3.2.2": "Het veilig houden van de Dienst en het voorkomen van misbruik:",
    "3.2.3": "Om u te informeren over onze andere diensten (indien u bij ons een betaalde "
             "Dienst heeft afgenomen):",
    "3.3.1": "Om u (op uw verzoek) te informeren over de door u gevolgde dienst of andere door "
             "ons aangeboden diensten:",
    "3.3.2": "Om u op uw verzoek te informeren en te antwoorden op uw vragen:",
}
SPEC_SLIPS = {"3.3.1": " naam"}


def spec_text() -> str:
    """The statement: the shared spec when the checkout has it (then the committed copy
    must be identical), the committed copy otherwise (a clean clone, CI)."""
    if SHARED_SPEC.exists():
        assert SHARED_SPEC.read_bytes() == SPEC_COPY.read_bytes(), (
            f"{SPEC_COPY} differs from {SHARED_SPEC}: copy the statement again")
        return SHARED_SPEC.read_text()
    return SPEC_COPY.read_text()


def _section_3(text: str) -> str:
    return text[text.index("## 3. "):text.index("## **4. ")]


def promises() -> list[Promise]:
    section = _section_3(spec_text())
    found = []
    for clause, heading in PURPOSE_HEADINGS.items():
        lines = [line for line in section.splitlines() if heading in line]
        assert len(lines) == 1, (clause, heading, lines)
        sentence = lines[0].split(heading, 1)[1].strip()
        sentence = sentence.split(" (", 1)[0]
        slip = SPEC_SLIPS.get(clause)
        if slip and sentence.endswith(slip):
            sentence = sentence[:-len(slip)]
        durations = DURATION.findall(sentence)
        assert len(durations) <= 1, (clause, sentence)
        if durations:
            (n, word), = durations
            unit, factor = UNITS[word]
            found.append(Promise(clause, heading, sentence, f"{n} {word}", int(n) * factor, unit))
        else:
            found.append(Promise(clause, heading, sentence, None, None, None))
    return found


PROMISES = promises()
TIMED = [p for p in PROMISES if p.words]


def test_the_committed_copy_is_the_statement_and_every_period_of_section_3_is_checked():
    assert SPEC_COPY.read_text() == spec_text()
    section = _section_3(spec_text())
    named = [line for line in section.splitlines() if DURATION.search(line)]
    covered = [line for line in named if any(p.heading in line for p in PROMISES)]
    assert named == covered, "a period of §3 that this test does not check"
    # the statement as it stands: 2 jaar, 2 jaar, 1 jaar, 2 maanden
    assert [p.words for p in TIMED] == ["2 jaar", "2 jaar", "1 jaar", "2 maanden"]


def _end(promise: Promise, start: datetime) -> datetime:
    """The statement's period added to a mid-month moment (independent of the code)."""
    if promise.unit == "days":
        return start + timedelta(days=promise.amount)
    months = promise.amount * (12 if promise.unit == "years" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    return start.replace(year=start.year + year, month=month + 1)


def _plain(markdown: str) -> str:
    return re.sub(r"\*\*", "", markdown)


@pytest.mark.parametrize("promise", PROMISES, ids=[p.clause for p in PROMISES])
def test_privacy_says_what_the_statement_promises_word_for_word(session, promise):
    page = _plain(statement.render(session, lang="nl"))
    assert f"{promise.heading} {promise.sentence}" in page, (promise.clause, promise.sentence)


@pytest.mark.parametrize("promise", PROMISES, ids=[p.clause for p in PROMISES])
def test_the_register_lists_the_statements_period_for_the_purpose(session, promise):
    doc = register.build(session, lang="nl")
    activity, = [a for a in doc["activities"] if a["clause"] == promise.clause]
    assert activity["retention"].startswith(promise.sentence), activity["retention"]
    if promise.words is None:
        return
    assert activity["retention_period"] == {"amount": promise.amount, "unit": promise.unit}
    clock = PURPOSES[promise.clause].retention.after
    for row in activity["tables"]:
        if row["retention_after"] == clock:  # not the shorter technical ones
            assert promise.words in row["retention"], row
            assert row["retention_period"] == {"amount": promise.amount, "unit": promise.unit}


def _table_cases(promise: Promise):
    """The purpose's own rule on a table a later feature would add, and every real table
    under the clause on the purpose's clock (technical and account-bound ones aside)."""
    rule = PURPOSES[promise.clause].retention
    if rule.after != "agreement_end":
        entry, table = _synthetic_entry("t_spec_" + promise.clause.replace(".", "_"), rule,
                                        clause=promise.clause)
        yield entry, table, True
    for entry in REGISTRY.values():
        if entry.clause == promise.clause and entry.retention.after == rule.after != "agreement_end":
            yield entry, entry.model.__table__, False


@pytest.mark.parametrize("promise", TIMED, ids=[p.clause for p in TIMED])
def test_the_engine_keeps_a_row_for_exactly_the_statements_period(
        session, frozen_clock, monkeypatch, promise):
    end = _end(promise, START)
    cases = list(_table_cases(promise))
    if PURPOSES[promise.clause].retention.after == "agreement_end":
        _check_account(session, frozen_clock, end)
        return
    assert cases
    frozen_clock.now = START
    user = verified_user(session)
    rows = {}
    for entry, table, synthetic in cases:
        if synthetic:
            table.create(session.connection())
            session.commit()
            monkeypatch.setitem(REGISTRY, entry.table, entry)
        rule = entry.retention
        rows[entry.table] = (table, _insert(session, table, user_id=user.id, now=START,
                                            **{rule.from_field: START}))
    frozen_clock.now = end - MINUTE
    retention.sweep(session)
    for name, (table, row) in rows.items():
        assert row in _ids(session, table), f"{name} deleted before {promise.words}"
    frozen_clock.now = end + MINUTE
    retention.sweep(session)
    for name, (table, row) in rows.items():
        assert row not in _ids(session, table), f"{name} kept past {promise.words}"


def _check_account(session, frozen_clock, end: datetime) -> None:
    """§3.1: the account goes that long after the agreement ends (after both prompts)."""
    user = verified_user(session)
    user.last_login_at = START
    session.add(user)
    session.commit()
    user_id = user.id
    for moment in (end - timedelta(days=30) + MINUTE, end - timedelta(days=7) + MINUTE,
                   end - MINUTE):
        frozen_clock.now = moment
        retention.sweep(session)
        assert session.exec(select(User.id).where(User.id == user_id)).first() == user_id, moment
    frozen_clock.now = end + 2 * MINUTE
    retention.sweep(session)
    assert session.exec(select(User.id).where(User.id == user_id)).first() is None
