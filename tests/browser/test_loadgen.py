"""The load generator itself (bench/loadgen.py), against the real production server: its
saves must really land, and its malformed events must be refused, not accepted.

Not a timing test: nothing here depends on how fast the server answers.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import loadgen as lg  # noqa: E402

from cloudcv.services.cv import cvs  # noqa: E402

VICTIM_HEADLINE = "Kop van het slachtoffer"
# unknown handler, dict for str, dict for the field name, list for the payload, 1 MB,
# load another user's CV, save to it, load + save through the event's path
MALFORMED = 8


def _run(coro):
    # a loop of its own thread: after the other browser tests Playwright holds the main one's
    result = {}

    def target():
        result["value"] = asyncio.run(coro)

    import threading

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=120)
    return result["value"]


def test_saves_land_and_malformed_events_are_refused(server):
    editors = lg.make_editors(server, 2, users=2)
    victim = lg.make_editors(server, 1, users=1)[0]
    with server.session() as s:
        cvs.set_field(s, user_id=victim.user_id, cv_id=victim.cv_id, name="headline",
                      value=VICTIM_HEADLINE)
        s.commit()
    target = lg.CloudCVTarget(SimpleNamespace(url=server.url, app=server), editors)

    async def scenario():
        tabs = await lg.open_tabs(target, 2)
        try:
            opened = await lg.open_loop(target, tabs, seconds=1.5, rate=4, fetch=True)
            closed = await lg.closed_loop(target, tabs, seconds=1.0)
        finally:
            await lg.close_tabs(tabs)
        hostile = await lg.malformed(target, victim=victim)
        return opened, closed, hostile

    opened, closed, hostile = _run(scenario())

    assert opened.offered >= 8 and opened.answered == opened.offered
    assert opened.unsaved == 0 and opened.lost == 0
    # the page's after-save fetch (the preview image) was made and answered
    assert opened.fetches and opened.fetch_failed == 0
    assert closed.answered > 2 and closed.unsaved == 0
    for i, editor in enumerate(editors):
        sent = closed.last_sent[i]
        assert sent.startswith(f"Ontwikkelaar {i}-")
        assert closed.last_saved[i] == sent
        assert lg.stored_field(server, editor) == sent  # read back through the services

    assert (hostile.refused, hostile.crashed, hostile.accepted) == (MALFORMED, 0, 0), hostile.detail
    assert lg.stored_field(server, victim) == VICTIM_HEADLINE
