"""The trash (issue 23): deleting a CV moves it to a trash for 30 days (the registry's period,
which /privacy and the Art. 30 register state), its personal links die at once, it can be
restored with one click, and after 30 days the retention engine erases it with every row that
hangs off it; "Prullenbak legen" erases at once. The fixture fills every table a CV touches
(tests/mydata_factories.full_user). Periods and dates are written here, not read from the code."""

from datetime import timedelta

import pytest
from sqlmodel import select

from cloudcv.models import CV, REGISTRY, ShareLink, User, metadata
from cloudcv.services.core.errors import NotFound
from cloudcv.services.cv import cvs, entries, rendering
from cloudcv.services.privacy import register, retention, shared_view, statement, trash
from tests.mydata_factories import Secrets, full_user

DAYS = 30  # issue 23: "moves it to a trash for 30 days"


def _rows_of_cv(session, cv_id: int) -> dict[str, int]:
    counts = {}
    for entry in REGISTRY.values():
        table = metadata.tables[entry.table]
        column = table.c.id if entry.table == "cv" else table.c.get("cv_id")
        if column is not None:
            counts[entry.table] = len(session.exec(select(column).where(column == cv_id)).all())
    return {k: v for k, v in counts.items() if v}


@pytest.fixture
def filled(session):
    secrets = Secrets()
    user, _ = full_user(session, "tess@example.nl", "Tess Prullenbak", secrets)
    cv_id = session.exec(select(CV.id).where(CV.user_id == user.id)).one()
    other = cvs.create_cv(session, user_id=user.id, title="Blijft staan")
    return user.id, cv_id, other, secrets


def test_a_deleted_cv_waits_30_days_in_the_trash_and_is_then_erased_with_all_its_rows(
        session, filled, frozen_clock):
    uid, cv_id, other, secrets = filled
    before = _rows_of_cv(session, cv_id)
    # the fixture really fills what a CV has: entries, an own section, history, photo,
    # recipient, link, its copy and its access log
    assert {"cv", "cv_entry", "cv_section", "cv_history", "cv_recipient", "share_link",
            "share_access"} <= set(before), before
    token = secrets.link_tokens[1]
    shared_view.open_link(session, token=token, kind="view")  # the link works before

    trashed_at = frozen_clock.now
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    assert [c.id for c in cvs.list_cvs(session, user_id=uid)] == [other]
    (item,) = trash.list_trash(session, user_id=uid)
    assert (item.id, item.days_left) == (cv_id, DAYS)
    # gone for every other service: editing, downloading, adding an entry
    for call in (lambda: cvs.get_cv(session, user_id=uid, cv_id=cv_id),
                 lambda: rendering.render_pdf(session, user_id=uid, cv_id=cv_id),
                 lambda: entries.add_entry(session, user_id=uid, cv_id=cv_id, section="work")):
        with pytest.raises(NotFound):
            call()
    # its links died at once (and stay dead after a restore)
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=token, kind="view")
    assert all(link.revoked_at is not None for link in session.exec(
        select(ShareLink).where(ShareLink.cv_id == cv_id)))

    retention.sweep(session, now=trashed_at + timedelta(days=DAYS) - timedelta(hours=1))
    session.expire_all()
    assert session.get(CV, cv_id) is not None  # 30 days minus an hour: still in the trash
    retention.sweep(session, now=trashed_at + timedelta(days=DAYS) + timedelta(hours=1))
    session.expire_all()
    assert _rows_of_cv(session, cv_id) == {}
    assert session.get(CV, other) is not None and session.get(User, uid) is not None


def test_restore_brings_the_cv_back_as_it_was_but_not_its_links(session, filled):
    uid, cv_id, _, secrets = filled
    title = session.get(CV, cv_id).title
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    trash.restore_cv(session, user_id=uid, cv_id=cv_id)
    assert cvs.get_cv(session, user_id=uid, cv_id=cv_id).title == title
    assert trash.list_trash(session, user_id=uid) == []
    with pytest.raises(NotFound):
        shared_view.open_link(session, token=secrets.link_tokens[1], kind="view")


def test_emptying_the_trash_erases_at_once_and_only_the_trash(session, filled):
    uid, cv_id, other, _ = filled
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    assert trash.empty_trash(session, user_id=uid) == 1
    session.expire_all()
    assert _rows_of_cv(session, cv_id) == {} and session.get(CV, other) is not None


def test_another_user_can_neither_trash_restore_nor_erase(session, filled):
    uid, cv_id, other, _ = filled
    mallory, _ = full_user(session, "mallory@example.nl", "Mallory")
    with pytest.raises(NotFound):
        trash.trash_cv(session, user_id=mallory.id, cv_id=other)
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    for call in (trash.restore_cv, trash.erase_cv):
        with pytest.raises(NotFound):
            call(session, user_id=mallory.id, cv_id=cv_id)
    assert trash.empty_trash(session, user_id=mallory.id) == 0
    assert [t.id for t in trash.list_trash(session, user_id=uid)] == [cv_id]
    # a live CV is no trash item: it cannot be "restored" or erased through the trash
    with pytest.raises(NotFound):
        trash.erase_cv(session, user_id=uid, cv_id=other)


@pytest.mark.parametrize("lang,words", [("nl", "30 dagen"), ("en", "30 days")])
def test_privacy_statement_and_register_state_the_trash_period(session, lang, words):
    assert words in statement.render(session, lang=lang)
    doc = register.build(session, lang=lang)
    text = register.to_markdown(doc)
    assert words in text and ("prullenbak" if lang == "nl" else "trash") in text
