"""A CV's private note (issue 21): the owner's own, never in the PDF (any template) nor in
the copy a recipient gets; in the owner's data export; gone with the CV."""

import io
import json
import subprocess
import zipfile

import pytest
from sqlmodel import select

from cloudcv.models import CV, ShareSnapshot
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, rendering
from cloudcv.services.cv.pdf import registry
from cloudcv.services.privacy import export
from tests.mydata_factories import full_user

NOTE = "Privé van Anna de Vries: op 3 maart gestuurd naar Werkgever BV"


@pytest.fixture
def anna(session):
    """A user with a row in every table: her CV carries NOTE and was sent to a recipient."""
    return full_user(session, "anna@example.nl", "Anna de Vries")[0]


def _cv(session, anna) -> CV:
    return session.exec(select(CV).where(CV.user_id == anna.id)).one()


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_fixture_holds_the_note(session, anna):
    assert _cv(session, anna).private_note == NOTE


@pytest.mark.parametrize("template", sorted(registry.templates()))
def test_no_template_prints_the_note(session, anna, template):
    cv = _cv(session, anna)
    cvs.set_layout(session, user_id=anna.id, cv_id=cv.id, template=template)
    _, pdf = rendering.render_pdf(session, user_id=anna.id, cv_id=cv.id)
    text = _text(pdf)
    assert "Bakker" in text  # the CV itself is there
    assert "maart" not in text and "Privé" not in text


def test_the_copy_a_recipient_got_holds_no_note(session, anna):
    snapshots = session.exec(select(ShareSnapshot).where(ShareSnapshot.cv_id == _cv(session, anna).id)).all()
    assert snapshots, "the fixture sent the CV: this check would be vacuous"
    for snap in snapshots:
        assert "maart" not in _text(snap.pdf)


def test_the_owner_finds_the_note_in_her_export(session, anna):
    doc = json.loads(zipfile.ZipFile(io.BytesIO(export.build_zip(session, user_id=anna.id))).read("data.json"))
    assert [row["private_note"] for row in doc["tables"]["cv"]["rows"]] == [NOTE]


def test_the_note_goes_with_the_cv(session, anna):
    cv = _cv(session, anna)
    cvs.delete_cv(session, user_id=anna.id, cv_id=cv.id)
    assert session.exec(select(CV).where(CV.private_note == NOTE)).all() == []


def test_a_note_over_2000_characters_is_refused_and_the_old_one_kept(session, anna):
    cv = _cv(session, anna)
    with pytest.raises(Invalid, match="error.too_long"):
        cvs.set_field(session, user_id=anna.id, cv_id=cv.id, name="private_note", value="x" * 2001)
    session.rollback()
    session.expire_all()
    assert _cv(session, anna).private_note == NOTE
