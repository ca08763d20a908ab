"""Versions of a CV (issue 23): a version at every download and every send (none when nothing
changed since the newest), named versions on request, each viewable as its PDF and restorable
(the current CV becomes a version first, and one undo brings it back); at most 100 per CV,
oldest unnamed first, even with 10,000 rows; the owner only; a locked CV is not restored."""

import subprocess

import pytest
from sqlmodel import func, select

from cloudcv.models import CV, CVSnapshot
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, entries, history, lock, recipients, versions
from cloudcv.services.privacy import sharing, trash
from tests.factories import verified_user

LIMIT = 100  # issue 23: storage is bounded; the figure in the code is checked against this


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _count(session, cv_id) -> int:
    return session.exec(select(func.count(CVSnapshot.id)).where(CVSnapshot.cv_id == cv_id)).one()


@pytest.fixture
def cv(session):
    uid = verified_user(session).id
    cv_id = cvs.create_cv(session, user_id=uid, title="Mijn cv")
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="headline", value="Bakker")
    entry = entries.add_entry(session, user_id=uid, cv_id=cv_id, section="work")
    entries.set_entry_field(session, user_id=uid, entry_id=entry, name="title", value="Broodbakker")
    return uid, cv_id


def test_downloads_and_sends_keep_a_version_only_when_something_changed(session, cv):
    uid, cv_id = cv
    versions.keep_for(session, user_id=uid, cv_id=cv_id, reason="download")
    versions.keep_for(session, user_id=uid, cv_id=cv_id, reason="download")
    assert [v.reason for v in versions.list_versions(session, user_id=uid, cv_id=cv_id)] == ["download"]
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="headline", value="Banketbakker")
    person = recipients.add_recipient(session, user_id=uid, cv_id=cv_id, name="Piet",
                                      email="piet@bakkerij.nl")
    sharing.send(session, user_id=uid, recipient_id=person.id)
    assert [v.reason for v in versions.list_versions(session, user_id=uid, cv_id=cv_id)] == [
        "send", "download"]


def test_a_version_shows_and_restores_the_cv_as_it_was_and_undo_brings_the_newer_back(session, cv):
    uid, cv_id = cv
    saved = versions.save_named(session, user_id=uid, cv_id=cv_id, name="Voor De Korf")
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="headline", value="Patissier")
    entries.add_entry(session, user_id=uid, cv_id=cv_id, section="education")
    name, pdf = versions.version_pdf(session, user_id=uid, cv_id=cv_id, version_id=saved)
    text = _text(pdf)
    assert name.endswith(".pdf") and "Bakker" in text and "Broodbakker" in text and "Patissier" not in text

    versions.restore_version(session, user_id=uid, cv_id=cv_id, version_id=saved)
    view = cvs.get_cv(session, user_id=uid, cv_id=cv_id)
    assert view.values["headline"] == "Bakker" and view.entries["education"] == []
    listed = versions.list_versions(session, user_id=uid, cv_id=cv_id)
    assert [(v.reason, v.name) for v in listed] == [("restore", ""), ("named", "Voor De Korf")]
    # the CV from before the restore is a version, and one undo step away
    assert "Patissier" in _text(versions.version_pdf(session, user_id=uid, cv_id=cv_id,
                                                     version_id=listed[0].id)[1])
    assert history.undo(session, user_id=uid, cv_id=cv_id)
    assert cvs.get_cv(session, user_id=uid, cv_id=cv_id).values["headline"] == "Patissier"


def test_at_most_100_versions_oldest_unnamed_first_even_from_10000(session, cv):
    uid, cv_id = cv
    assert versions.MAX_VERSIONS == LIMIT
    named = versions.save_named(session, user_id=uid, cv_id=cv_id, name="Houden")
    session.add_all([CVSnapshot(cv_id=cv_id, user_id=uid, reason="download", content={"n": n})
                     for n in range(10_000)])
    session.commit()
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="headline", value="Nieuw")
    versions.keep_for(session, user_id=uid, cv_id=cv_id, reason="download")
    assert _count(session, cv_id) == LIMIT
    ids = [v.id for v in versions.list_versions(session, user_id=uid, cv_id=cv_id)]
    assert named in ids  # the named one stays; the oldest unnamed went


def test_names_are_checked_and_named_versions_are_bounded_too(session, cv, monkeypatch):
    uid, cv_id = cv
    for bad in ("", "   ", "x" * 81, ["lijst"]):
        with pytest.raises(Invalid):
            versions.save_named(session, user_id=uid, cv_id=cv_id, name=bad)
    monkeypatch.setattr(versions, "MAX_VERSIONS", 2)
    versions.save_named(session, user_id=uid, cv_id=cv_id, name="een")
    versions.save_named(session, user_id=uid, cv_id=cv_id, name="twee")
    with pytest.raises(Invalid) as refused:
        versions.save_named(session, user_id=uid, cv_id=cv_id, name="drie")
    assert refused.value.key == "error.too_many_versions" and _count(session, cv_id) == 2


def test_only_the_owner_and_never_across_cvs_or_into_a_locked_cv(session, cv):
    uid, cv_id = cv
    saved = versions.save_named(session, user_id=uid, cv_id=cv_id, name="Eerste")
    other_cv = cvs.create_cv(session, user_id=uid, title="Ander cv")
    mallory = verified_user(session, email="mallory@example.nl", name="Mallory").id
    for call in (
        lambda: versions.version_pdf(session, user_id=mallory, cv_id=cv_id, version_id=saved),
        lambda: versions.restore_version(session, user_id=mallory, cv_id=cv_id, version_id=saved),
        lambda: versions.list_versions(session, user_id=mallory, cv_id=cv_id),
        lambda: versions.save_named(session, user_id=mallory, cv_id=cv_id, name="x"),
        lambda: versions.version_pdf(session, user_id=uid, cv_id=other_cv, version_id=saved),
        lambda: versions.restore_version(session, user_id=uid, cv_id=other_cv, version_id=saved),
        lambda: versions.version_pdf(session, user_id=uid, cv_id=cv_id, version_id="1 or 1=1"),
    ):
        with pytest.raises(NotFound):
            call()
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="headline", value="Later")
    lock.set_locked(session, user_id=uid, cv_id=cv_id, locked=True)
    with pytest.raises(Invalid) as refused:
        versions.restore_version(session, user_id=uid, cv_id=cv_id, version_id=saved)
    assert refused.value.key == "error.cv_locked"
    assert session.get(CV, cv_id).headline == "Later" and _count(session, cv_id) == 1


def test_versions_go_with_the_cv(session, cv):
    uid, cv_id = cv
    versions.save_named(session, user_id=uid, cv_id=cv_id, name="Weg ermee")
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    with pytest.raises(NotFound):
        versions.list_versions(session, user_id=uid, cv_id=cv_id)
    trash.empty_trash(session, user_id=uid)
    assert _count(session, cv_id) == 0
