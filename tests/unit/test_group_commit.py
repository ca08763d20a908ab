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


def _blocked(writer: Writer) -> threading.Event:
    """Hold the writer thread inside a call until the event is set, so what is written
    meanwhile queues up behind it."""
    gate = threading.Event()

    def wait(session):
        gate.wait(10)

    return gate, writer.write(wait)


def test_saves_queued_behind_a_commit_are_committed_as_one_group(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()

    async def scenario():
        writer = Writer(engine)
        gate, first = _blocked(writer)
        first = asyncio.ensure_future(first)
        await asyncio.sleep(0.05)
        saves = [asyncio.ensure_future(writer.write(cvs.set_field, user_id=uid, cv_id=cv_id,
                                                    name="headline", value=f"Kop {n}"))
                 for n, cv_id in enumerate(ids)]
        await asyncio.sleep(0.05)
        gate.set()
        await first
        return writer, await asyncio.gather(*saves)

    writer, results = run_async(scenario())
    assert results == [f"Kop {n}" for n in range(20)]
    assert _headlines(engine, ids) == {cv_id: f"Kop {n}" for n, cv_id in enumerate(ids)}
    # the blocking call alone, then the 20 saves that waited behind it in ONE transaction
    assert (writer.groups, writer.calls) == (2, 21)


def test_a_failing_save_in_a_group_fails_alone(session, owner_and_cvs):
    uid, ids = owner_and_cvs
    engine = session.get_bind()

    async def scenario():
        writer = Writer(engine)
        gate, first = _blocked(writer)
        first = asyncio.ensure_future(first)
        await asyncio.sleep(0.05)
        good = asyncio.ensure_future(writer.write(cvs.set_field, user_id=uid, cv_id=ids[0],
                                                  name="headline", value="Blijft staan"))
        # full_name may not be emptied: Invalid, after the first save already flushed
        bad = asyncio.ensure_future(writer.write(cvs.set_field, user_id=uid, cv_id=ids[0],
                                                 name="full_name", value=""))
        other = asyncio.ensure_future(writer.write(cvs.set_field, user_id=uid, cv_id=ids[1],
                                                   name="city", value="Utrecht"))
        await asyncio.sleep(0.05)
        gate.set()
        await first
        return await asyncio.gather(good, bad, other, return_exceptions=True)

    good, bad, other = run_async(scenario())
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
