"""Group commit (services/core/group_commit.py): saves that wait together commit together,
one failing save takes no other down, and nobody hears "done" before the commit."""

import asyncio
import threading

import pytest
from sqlalchemy import event
from sqlmodel import Session

from cloudcv.models import CV
from cloudcv.services.core.errors import Invalid
from cloudcv.services.core.group_commit import GroupSession, Writer
from cloudcv.services.cv import cvs
from tests.factories import verified_user
from tests.security._harness import run_async  # own loop: Playwright holds the main one


@pytest.fixture
def owner_and_cvs(session):
    user = verified_user(session)
    ids = [cvs.create_cv(session, user_id=user.id, title=f"Cv {i}") for i in range(20)]
    return user.id, ids


def _headlines(engine, ids):
    with Session(engine) as fresh:  # another connection: sees committed data only
        return {i: fresh.get(CV, i).headline for i in ids}


def _queued_behind_a_commit(engine, saves: list[dict]):
    """Hold the writer thread inside a first call, queue ``saves`` (``set_field`` keyword
    arguments) behind it, then let it go: what waited commits as groups. Returns the
    writer and each save's result or exception."""
    gate = threading.Event()

    async def scenario():
        writer = Writer(engine)
        first = asyncio.ensure_future(writer.write(lambda session: gate.wait(10)))
        await asyncio.sleep(0.05)
        queued = [asyncio.ensure_future(writer.write(cvs.set_field, **kw)) for kw in saves]
        await asyncio.sleep(0.05)
        gate.set()
        await first
        # a save that is never answered fails the test instead of hanging it
        return writer, await asyncio.wait_for(asyncio.gather(*queued, return_exceptions=True), 10)

    return run_async(scenario())


def test_saves_queued_behind_a_commit_are_committed_as_one_group(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()
    writer, results = _queued_behind_a_commit(engine, [
        dict(user_id=uid, cv_id=cv_id, name="headline", value=f"Kop {n}")
        for n, cv_id in enumerate(ids)])
    assert results == [f"Kop {n}" for n in range(20)]
    assert _headlines(engine, ids) == {cv_id: f"Kop {n}" for n, cv_id in enumerate(ids)}
    # the blocking call alone, then the 20 saves that waited behind it in ONE transaction
    assert (writer.groups, writer.calls) == (2, 21)


def test_a_failing_save_in_a_group_fails_alone(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()
    _, (good, bad, other) = _queued_behind_a_commit(engine, [
        dict(user_id=uid, cv_id=ids[0], name="headline", value="Blijft staan"),
        # full_name may not be emptied: Invalid, after the first save already flushed
        dict(user_id=uid, cv_id=ids[0], name="full_name", value=""),
        dict(user_id=uid, cv_id=ids[1], name="city", value="Utrecht")])
    assert good == "Blijft staan" and other == "Utrecht"
    assert isinstance(bad, Invalid) and bad.key == "error.required"
    with Session(engine) as fresh:
        assert fresh.get(CV, ids[0]).headline == "Blijft staan"
        assert fresh.get(CV, ids[0]).full_name == "Anna de Vries"  # the failed save left nothing
        assert fresh.get(CV, ids[1]).city == "Utrecht"


def test_a_save_is_answered_only_after_its_commit(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()
    order: list[str] = []

    @event.listens_for(GroupSession, "after_commit")
    def committed(_session):
        order.append("commit")

    def save_and_note(session, *, user_id, n):
        cvs.set_field(session, user_id=user_id, cv_id=ids[n], name="headline", value="x")
        order.append(f"ran {n}")

    try:
        async def scenario():
            writer = Writer(engine)

            async def save(n):
                await writer.write(save_and_note, user_id=uid, n=n)
                order.append(f"answer {n}")

            await asyncio.gather(*(save(n) for n in range(5)))

        run_async(scenario())
    finally:
        event.remove(GroupSession, "after_commit", committed)
    for n in range(5):  # between running a save and answering it, a commit
        ran, answered = order.index(f"ran {n}"), order.index(f"answer {n}")
        assert "commit" in order[ran:answered], order
    assert _headlines(engine, ids[:5]) == {i: "x" for i in ids[:5]}


def test_inside_a_group_a_services_commit_only_flushes(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()
    with GroupSession(engine, expire_on_commit=False) as grouped:
        cvs.set_field(grouped, user_id=uid, cv_id=ids[0], name="headline", value="Nog niet")
        assert _headlines(engine, ids[:1]) == {ids[0]: ""}  # service "committed": not yet
        grouped.commit_group()
    assert _headlines(engine, ids[:1]) == {ids[0]: "Nog niet"}
