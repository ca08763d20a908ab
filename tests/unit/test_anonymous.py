"""The anonymous CV ("anoniem solliciteren", issue 22): none of the values that say who
someone is appears in the anonymous PDF's text or metadata (pdftotext, pdfinfo), nor in the
JSON Resume or Markdown export; the alias (or the initials) stands in for the name, in
every template. The values are written here."""

import json
import subprocess

import pytest

from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, entries, jsonresume, markdown, rendering
from cloudcv.services.cv.pdf import registry
from tests.factories import verified_user
from tests.unit.test_pdf import photo_jpeg

WHO = ["Anna", "Vries", "anna@example.nl", "anna@bakkerij.nl", "0612345678", "Dorpsstraat",
       "1234 AB", "Zwolle", "Nederland", "bakkerij-anna.nl", "1990", "Nederlandse", "vrouw",
       "gehuwd"]


@pytest.fixture
def anna(session):
    return verified_user(session, name="Anna de Vries").id


@pytest.fixture
def cv_id(session, anna):
    cv = cvs.create_cv(session, user_id=anna, title="Cv van Anna de Vries")
    for name, value in (("headline", "Broodbakker"), ("phone", "0612345678"),
                        ("email_business", "anna@bakkerij.nl"), ("website", "www.bakkerij-anna.nl"),
                        ("street", "Dorpsstraat 1"), ("postal_code", "1234 AB"), ("city", "Zwolle"),
                        ("country", "Nederland"), ("nationality", "Nederlandse"), ("gender", "vrouw"),
                        ("marital_status", "gehuwd"), ("profile", "Twintig jaar ervaring met deeg.")):
        cvs.set_field(session, user_id=anna, cv_id=cv, name=name, value=value)
    cvs.set_birth_date(session, user_id=anna, cv_id=cv, value="14-02-1990")
    cvs.set_licences(session, user_id=anna, cv_id=cv, licences=["B"])
    cvs.set_photo(session, user_id=anna, cv_id=cv, raw=photo_jpeg())
    e = entries.add_entry(session, user_id=anna, cv_id=cv, section="work")
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="title", value="Broodbakker")
    return cv


def _text_and_info(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return text + "\n" + info


def test_the_normal_cv_shows_who_it_is(session, anna, cv_id):
    """The positive control: every value below is in the ordinary PDF, so their absence in
    the anonymous one means something."""
    _, pdf = rendering.render_pdf(session, user_id=anna, cv_id=cv_id)
    seen = _text_and_info(pdf)
    assert [w for w in WHO if w not in seen] == []
    assert b"/DCTDecode" in pdf


@pytest.mark.parametrize("template", registry.names())
def test_the_anonymous_pdf_has_none_of_it_in_text_or_metadata(session, anna, cv_id, template):
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template=template)
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="alias", value="Kandidaat 17")
    name, pdf = rendering.render_pdf(session, user_id=anna, cv_id=cv_id, anonymous=True)
    seen = _text_and_info(pdf)
    assert [w for w in WHO if w in seen] == []
    assert b"/DCTDecode" not in pdf  # no photo
    assert "Kandidaat 17" in seen and "Broodbakker" in seen and "Twintig jaar" in seen
    assert "Anna" not in name


def test_without_an_alias_the_initials_stand_in(session, anna, cv_id):
    _, pdf = rendering.render_pdf(session, user_id=anna, cv_id=cv_id, anonymous=True)
    seen = _text_and_info(pdf)
    assert "A. d. V." in seen and "Anna" not in seen


def test_json_resume_and_markdown_leave_it_out_too(session, anna, cv_id):
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="alias", value="Kandidaat 17")
    name, raw = jsonresume.export_bytes(session, user_id=anna, cv_id=cv_id, anonymous=True)
    doc = json.loads(raw)
    assert doc["basics"]["name"] == "Kandidaat 17" and doc["meta"]["cloudcv"]["drivingLicence"] == ["B"]
    md_name, md = markdown.export_markdown(session, user_id=anna, cv_id=cv_id, anonymous=True)
    for text in (raw.decode(), md.decode(), name, md_name):
        assert [w for w in WHO if w in text] == [], text[:200]
    assert "Kandidaat 17" in md.decode()


@pytest.mark.parametrize("follow", [False, True])
def test_an_anonymous_link_shows_the_anonymous_cv_and_mail_and_page_name_the_alias(session, anna, cv_id, follow):
    import re

    from cloudcv.services.cv import recipients
    from cloudcv.services.privacy import shared_view, sharing
    from tests.mydata_factories import last_mail

    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="alias", value="Kandidaat 17")
    person = recipients.add_recipient(session, user_id=anna, cv_id=cv_id, name="Piet",
                                      email="piet@werkgever.nl")
    sharing.send(session, user_id=anna, recipient_id=person.id, follow_edits=follow, anonymous=True)
    mail = last_mail(session, "piet@werkgever.nl")
    assert "Kandidaat 17" in mail.body_text
    assert [w for w in ("Anna", "Vries") if w in mail.body_text + mail.body_html + mail.subject] == []
    token = re.search(r"/gedeeld/([\w.\-]+)", mail.body_text).group(1)
    shared = shared_view.open_link(session, token=token, kind="pdf")
    assert shared.sender == "Kandidaat 17" and "Anna" not in shared.filename
    seen = _text_and_info(shared.pdf)
    assert [w for w in WHO if w in seen] == [] and "Kandidaat 17" in seen
    with pytest.raises(Invalid):
        sharing.send(session, user_id=anna, recipient_id=person.id, anonymous="yes")
