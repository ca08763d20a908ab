"""JSON Resume in and out (issue 22): the export validates against the published v1 schema
(``../shared/interop/jsonresume/schema.json``, not our copy), the published sample imports
with every mappable field and a list of the rest, import(export(cv)) gives the same CV, and
bad files are refused whole. Expected values are written here."""

import json

import jsonschema
import pytest
from sqlmodel import func, select

from cloudcv.models import CV
from cloudcv.services.core.errors import NotFound
from cloudcv.services.cv import cvs, entries, jsonresume, rendering, sections
from cloudcv.services.cv.jsonresume import ImportRefused
from tests.factories import verified_user
from tests.interop import interop

PUBLISHED = json.loads(interop("jsonresume/schema.json").read_text())
SAMPLE = interop("jsonresume/sample.resume.json").read_bytes()


def validate(doc: dict) -> None:
    jsonschema.Draft7Validator(PUBLISHED, format_checker=jsonschema.FormatChecker()).validate(doc)


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def cv_id(session, anna):
    """A CV with every kind of field filled, an own section, a layout of its own."""
    cv = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    for name, value in (("headline", "Bakker & <b>patissier</b>"), ("phone", "+31 6 1234 5678"),
                        ("website", "www.bakkerij.nl"), ("street", "Dorpsstraat 1"),
                        ("postal_code", "1234 AB"), ("city", "Zwolle"), ("country", "Nederland"),
                        ("profile", "Twintig jaar ervaring.\n\nVroeg op."),
                        ("other_info", "Vrijwillige brandweer."), ("nationality", "Nederlandse"),
                        ("gender", "vrouw"), ("marital_status", "gehuwd"),
                        ("email_business", "anna@bakkerij.nl"),
                        ("private_note", "Geheim: op 3 maart naar Bakkerij X")):
        cvs.set_field(session, user_id=anna, cv_id=cv, name=name, value=value)
    cvs.set_birth_date(session, user_id=anna, cv_id=cv, value="14-02-1990")
    cvs.set_licences(session, user_id=anna, cv_id=cv, licences=["B", "BE"])
    for section, values in (
        ("work", {"title": "Broodbakker", "organisation": "Bakkerij De Korf", "location": "Zwolle",
                  "start": "03-2019", "current": True, "description": "Deeg\n- Brood\n- Banket"}),
        ("work", {"title": "Leerling", "organisation": "Bakkerij Oud", "start": "09-2015", "end": "02-2019"}),
        ("education", {"title": "Mbo Bakkerij", "organisation": "Deltion", "start": "09-2011", "end": "06-2015"}),
        ("skills", {"title": "Deeg kneden"}),
        ("languages", {"title": "Nederlands", "level": "native"}),
        ("languages", {"title": "Engels", "level": "B2"}),
    ):
        entry = entries.add_entry(session, user_id=anna, cv_id=cv, section=section)
        for name, value in values.items():
            entries.set_entry_field(session, user_id=anna, entry_id=entry, name=name, value=value)
    own = sections.add_own_section(session, user_id=anna, cv_id=cv, title="Wedstrijden")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv, section=own)
    for name, value in (("title", "Beste bol"), ("organisation", "NBOV"), ("start", "05-2022"),
                        ("end", "05-2022")):
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name=name, value=value)
    sections.place_section(session, user_id=anna, cv_id=cv, section=own, before="work")
    sections.rename_section(session, user_id=anna, cv_id=cv, section="work", title="Loopbaan")
    sections.set_page_break(session, user_id=anna, cv_id=cv, section="education", on=True)
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv, section="skills", hidden=True)
    cvs.set_layout(session, user_id=anna, cv_id=cv, template="timeline", accent="#12a594", lang="en")
    return cv


def test_the_export_validates_against_the_published_schema_and_holds_the_cv(session, anna, cv_id):
    doc = jsonresume.export_cv(session, user_id=anna, cv_id=cv_id)
    validate(doc)
    basics = doc["basics"]
    assert basics["name"] == "Anna de Vries" and basics["label"] == "Bakker & <b>patissier</b>"
    assert basics["url"] == "https://www.bakkerij.nl" and basics["phone"] == "+31 6 1234 5678"
    assert basics["location"] == {"address": "Dorpsstraat 1", "postalCode": "1234 AB",
                                  "city": "Zwolle", "countryCode": "NL"}
    assert "image" not in basics
    assert doc["work"][0] == {"position": "Broodbakker", "name": "Bakkerij De Korf", "location": "Zwolle",
                              "summary": "Deeg\n- Brood\n- Banket", "startDate": "2019-03"}
    assert doc["work"][1]["endDate"] == "2019-02"
    assert doc["education"] == [{"area": "Mbo Bakkerij", "institution": "Deltion",
                                 "startDate": "2011-09", "endDate": "2015-06"}]
    assert doc["languages"] == [{"language": "Nederlands", "fluency": "Native speaker"},
                                {"language": "Engels", "fluency": "B2"}]
    ours = doc["meta"]["cloudcv"]
    assert doc["meta"]["language"] == "en"
    assert (ours["birthDate"], ours["nationality"], ours["gender"], ours["maritalStatus"],
            ours["drivingLicence"]) == ("1990-02-14", "Nederlandse", "vrouw", "gehuwd", ["B", "BE"])
    assert ours["sections"][0]["title"] == "Wedstrijden"
    assert ours["layout"]["template"] == "timeline"
    assert "Geheim" not in json.dumps(doc)  # the private note never leaves


def test_fields_the_cv_does_not_print_are_not_exported(session, anna, cv_id):
    for name in ("birth_date", "nationality", "gender", "marital_status"):
        cvs.set_omitted(session, user_id=anna, cv_id=cv_id, name=name, omit=True)
    ours = jsonresume.export_cv(session, user_id=anna, cv_id=cv_id)["meta"]["cloudcv"]
    for key in ("birthDate", "nationality", "gender", "maritalStatus"):
        assert key not in ours


def _comparable(session, anna, cv_id) -> dict:
    view = cvs.get_cv(session, user_id=anna, cv_id=cv_id)
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    values = {k: v for k, v in view.values.items() if k != "private_note"}
    return {"values": values, "birth": view.birth_date, "licences": view.licences,
            "hidden": len(view.hidden_sections), "template": view.template, "accent": view.accent,
            "lang": view.lang, "sections": [(s.heading, s.new_page, s.items, s.text) for s in doc.sections]}


def test_import_of_the_export_gives_the_same_cv(session, anna, cv_id):
    _, raw = jsonresume.export_bytes(session, user_id=anna, cv_id=cv_id)
    result = jsonresume.import_cv(session, user_id=anna, raw=raw, title="Terug")
    assert result.unmapped == []
    assert _comparable(session, anna, result.cv_id) == _comparable(session, anna, cv_id)
    assert cvs.get_cv(session, user_id=anna, cv_id=result.cv_id).title == "Terug"


def test_the_published_sample_imports_with_a_list_of_what_had_no_place(session, anna):
    result = jsonresume.import_cv(session, user_id=anna, raw=SAMPLE, title=None)
    view = cvs.get_cv(session, user_id=anna, cv_id=result.cv_id)
    assert view.title == "Richard Hendriks"
    assert (view.values["full_name"], view.values["headline"], view.values["email"]) == (
        "Richard Hendriks", "Programmer", "richard.hendriks@mail.com")
    assert view.values["city"] == "San Francisco" and view.values["country"] == "Verenigde Staten"
    work = view.entries["work"][0]
    assert (work.title, work.organisation, work.start, work.end) == ("CEO/President", "Pied Piper",
                                                                     "12-2013", "12-2014")
    assert "- Successfully won Techcrunch Disrupt" in work.description
    assert view.entries["education"][0].title == "Bachelor Information Technology"
    headings = [s.heading for s in rendering.document_for(session, user_id=anna, cv_id=result.cv_id).sections]
    for own in ("Vrijwilligerswerk", "Prijzen", "Publicaties", "Interesses", "Referenties", "Projecten"):
        assert own in headings
    listed = " ".join(u.path for u in result.unmapped)
    for path in ("$.basics.profiles[0]", "$.basics.location.region", "$.work[0].url",
                 "$.skills[0].level"):
        assert path in listed, path


@pytest.mark.parametrize("raw, key", [
    (b"", "error.import_empty"),
    (b"{not json", "error.import_not_json"),
    (b"\xff\xfe{}", "error.import_not_json"),
    (b"[1, 2]", "error.import_not_resume"),
    (json.dumps({"basics": "Anna"}).encode(), "error.import_schema"),
    (json.dumps({"work": [{"startDate": "maart"}]}).encode(), "error.import_schema"),
    (json.dumps({"basics": {"name": "A" * 500}}).encode(), "error.import_values"),
    (json.dumps({"basics": {"name": "Anna\u202e"}}).encode(), "error.import_values"),
    (json.dumps({"work": [{"position": "x", "startDate": "2020-05", "endDate": "2019-01"}]}).encode(),
     "error.import_values"),
    (b"[" * 60 + b"]" * 60, "error.import_too_deep"),
    (json.dumps({"basics": {"summary": "x" * 1_100_000}}).encode(), "error.import_too_large"),
])
def test_bad_files_are_refused_whole_and_nothing_is_created(session, anna, raw, key):
    before = session.exec(select(func.count(CV.id))).one()
    with pytest.raises(ImportRefused) as refused:
        jsonresume.import_cv(session, user_id=anna, raw=raw, title="Kapot")
    assert refused.value.key == key
    if key in ("error.import_schema", "error.import_values"):
        assert refused.value.problems and all(p.startswith("$") for p in refused.value.problems)
    session.rollback()
    assert session.exec(select(func.count(CV.id))).one() == before


def test_markup_and_unknown_keys_stay_literal_or_listed(session, anna):
    raw = json.dumps({"basics": {"name": "<script>alert(1)</script>", "x-custom": 1},
                      "hobbies": ["koken"], "meta": {"cloudcv": {"sections": [{"key": "work", "title": "x"}]}}}).encode()
    result = jsonresume.import_cv(session, user_id=anna, raw=raw, title="Opmaak")
    assert cvs.get_cv(session, user_id=anna, cv_id=result.cv_id).values["full_name"] == "<script>alert(1)</script>"
    listed = " ".join(u.path for u in result.unmapped)
    assert "$.basics.x-custom" in listed and "$.hobbies" in listed and "$.meta.cloudcv.sections[0]" in listed


def test_another_users_cv_is_not_exported(session, anna, cv_id):
    bob = verified_user(session, email="bob@example.nl", name="Bob").id
    with pytest.raises(NotFound):
        jsonresume.export_cv(session, user_id=bob, cv_id=cv_id)


def test_the_app_validates_imports_with_the_published_schema():
    assert jsonresume.schema() == PUBLISHED
