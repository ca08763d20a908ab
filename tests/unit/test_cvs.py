"""CVs: CRUD, ownership, ordering, validation; what goes into the PDF document."""

import io
from datetime import date

import pytest
from PIL import Image
from sqlmodel import func, select

from cloudcv.models import CV, CVEntry, Photo
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, entries, rendering
from tests.factories import verified_user


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def bob(session):
    return verified_user(session, email="bob@example.nl", name="Bob").id


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (10, 100, 200)).save(out, "JPEG")
    return out.getvalue()


def test_new_cv_starts_with_the_account_name_and_email(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    view = cvs.get_cv(session, user_id=anna, cv_id=cv_id)
    assert view.values["full_name"] == "Anna de Vries" and view.values["email"] == "anna@example.nl"
    assert [c.title for c in cvs.list_cvs(session, user_id=anna)] == ["Mijn cv"]


def test_another_users_cv_is_not_found_for_every_action(session, anna, bob):
    cv_id = cvs.create_cv(session, user_id=anna, title="Anna")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv_id, section="work")
    actions = [
        lambda: cvs.get_cv(session, user_id=bob, cv_id=cv_id),
        lambda: cvs.rename_cv(session, user_id=bob, cv_id=cv_id, title="x"),
        lambda: cvs.duplicate_cv(session, user_id=bob, cv_id=cv_id),
        lambda: cvs.delete_cv(session, user_id=bob, cv_id=cv_id),
        lambda: cvs.set_field(session, user_id=bob, cv_id=cv_id, name="phone", value="06"),
        lambda: entries.add_entry(session, user_id=bob, cv_id=cv_id, section="work"),
        lambda: entries.set_entry_field(session, user_id=bob, entry_id=entry, name="title", value="x"),
        lambda: entries.move_entry(session, user_id=bob, entry_id=entry, direction=1),
        lambda: entries.delete_entry(session, user_id=bob, entry_id=entry),
        lambda: cvs.set_photo(session, user_id=bob, cv_id=cv_id, raw=_jpeg()),
        lambda: rendering.document_for(session, user_id=bob, cv_id=cv_id),
    ]
    for act in actions:
        with pytest.raises(NotFound):
            act()
        session.rollback()
    view = cvs.get_cv(session, user_id=anna, cv_id=cv_id)
    assert view.title == "Anna" and len(view.entries["work"]) == 1


@pytest.mark.parametrize("cv_id", ["1", None, 1.0, True, {"id": 1}, [1], -1, 10**12])
def test_ids_of_the_wrong_type_are_not_found(session, anna, cv_id):
    cvs.create_cv(session, user_id=anna, title="Anna")
    with pytest.raises(NotFound):
        cvs.get_cv(session, user_id=anna, cv_id=cv_id)


def test_only_the_name_is_required(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="Leeg")
    for name in cvs.TEXT_FIELDS:
        if name != "full_name":
            cvs.set_field(session, user_id=anna, cv_id=cv_id, name=name, value="")
    with pytest.raises(Invalid, match="error.required"):
        cvs.set_field(session, user_id=anna, cv_id=cv_id, name="full_name", value="  ")
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.name == "Anna de Vries" and doc.contact == () and doc.personal == ()


@pytest.mark.parametrize("name, value, key", [
    ("email", "geen-mail", "error.email_invalid"),
    ("phone", "bel me maar", "error.phone_invalid"),
    ("city", "x" * 81, "error.too_long"),
    ("city", {"$gt": ""}, "error.invalid_input"),
    ("city", "Am\u202esterdam", "error.bad_characters"),
    ("profile", "x" * 5001, "error.too_long"),
    ("password_hash", "x", "error.invalid_input"),
    ("user_id", 2, "error.invalid_input"),
])
def test_bad_field_values_are_refused_and_nothing_changes(session, anna, name, value, key):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    with pytest.raises(Invalid) as err:
        cvs.set_field(session, user_id=anna, cv_id=cv_id, name=name, value=value)
    assert err.value.key == key
    session.rollback()
    row = session.get(CV, cv_id)
    session.refresh(row)
    assert row.user_id == anna and row.city == "" and row.profile == ""


def test_markup_and_sql_are_stored_verbatim_as_text(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    evil = "<script>alert('x')</script>'; DROP TABLE cv; --"
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value=evil[:120])
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="profile", value="Regel 1\x00\nRegel 2 😀")
    view = cvs.get_cv(session, user_id=anna, cv_id=cv_id)
    assert view.values["headline"] == evil[:120]
    assert view.values["profile"] == "Regel 1\nRegel 2 😀"  # NUL dropped, emoji kept
    assert session.exec(select(func.count(CV.id))).one() == 1


@pytest.mark.parametrize("value, key", [
    ("2999-01-01", "error.date_future"), ("1850-01-01", "error.birth_date_range"),
    ("31-02-1990", "error.date_invalid"), ("1990-02-31", "error.date_invalid"),
    ("gisteren", "error.date_invalid"),
    (19900101, "error.invalid_input"),
])
def test_impossible_birth_dates_are_refused(session, anna, value, key):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    with pytest.raises(Invalid) as err:
        cvs.set_birth_date(session, user_id=anna, cv_id=cv_id, value=value)
    assert err.value.key == key


def test_birth_date_is_a_real_date_shown_dutch_style(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    cvs.set_birth_date(session, user_id=anna, cv_id=cv_id, value="14-02-1990")
    assert session.get(CV, cv_id).birth_date == date(1990, 2, 14)
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).birth_date == "14-02-1990"
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert ("Geboortedatum", "14-02-1990") in [(f.label, f.value) for f in doc.personal]


def test_end_date_before_start_is_refused(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv_id, section="work")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="start", value="05-2020")
    with pytest.raises(Invalid, match="error.end_before_start"):
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name="end", value="01-2019")
    session.rollback()
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="end", value="2021-03")
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).entries["work"][0].end == "03-2021"


def test_entries_are_ordered_and_can_be_moved(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    ids = [entries.add_entry(session, user_id=anna, cv_id=cv_id, section="work") for _ in range(3)]
    for i, entry in enumerate(ids):
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value=f"Baan {i}")
    entries.move_entry(session, user_id=anna, entry_id=ids[2], direction=-1)
    entries.move_entry(session, user_id=anna, entry_id=ids[0], direction=-1)  # already first: no-op
    titles = [e.title for e in cvs.get_cv(session, user_id=anna, cv_id=cv_id).entries["work"]]
    assert titles == ["Baan 0", "Baan 2", "Baan 1"]
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    work = next(s for s in doc.sections if s.key == "work")
    assert [i.title for i in work.items] == ["Baan 0", "Baan 2", "Baan 1"]


def test_hidden_sections_and_omitted_fields_stay_out_of_the_pdf(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv_id, section="skills")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value="Python")
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="nationality", value="Nederlandse")
    cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=_jpeg())
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.photo and any(s.key == "skills" for s in doc.sections)
    assert any(f.value == "Nederlandse" for f in doc.personal)
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section="skills", hidden=True)
    cvs.set_omitted(session, user_id=anna, cv_id=cv_id, name="nationality", omit=True)
    cvs.set_omitted(session, user_id=anna, cv_id=cv_id, name="photo", omit=True)
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.photo is None and not any(s.key == "skills" for s in doc.sections)
    assert not any(f.value == "Nederlandse" for f in doc.personal)
    assert session.get(CV, cv_id).nationality == "Nederlandse"  # kept, only not exported


def test_duplicate_copies_entries_and_photo_and_delete_removes_all_bytes(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="Origineel")
    entries.add_entry(session, user_id=anna, cv_id=cv_id, section="education")
    cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=_jpeg())
    copy_id = cvs.duplicate_cv(session, user_id=anna, cv_id=cv_id)
    assert cvs.get_cv(session, user_id=anna, cv_id=copy_id).title == "Origineel (kopie)"
    assert session.exec(select(func.count(Photo.id))).one() == 2
    cvs.delete_cv(session, user_id=anna, cv_id=cv_id)
    cvs.delete_cv(session, user_id=anna, cv_id=copy_id)
    assert session.exec(select(func.count(CV.id))).one() == 0
    assert session.exec(select(func.count(CVEntry.id))).one() == 0
    assert session.exec(select(func.count(Photo.id))).one() == 0


def test_replacing_and_removing_a_photo_deletes_the_old_bytes(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=_jpeg())
    cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=_jpeg())
    assert session.exec(select(func.count(Photo.id))).one() == 1
    cvs.remove_photo(session, user_id=anna, cv_id=cv_id)
    assert session.exec(select(func.count(Photo.id))).one() == 0


def test_a_bad_photo_keeps_the_old_one(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=_jpeg())
    with pytest.raises(Invalid):
        cvs.set_photo(session, user_id=anna, cv_id=cv_id, raw=b"not an image")
    session.rollback()
    assert cvs.photo_bytes(session, user_id=anna, cv_id=cv_id)


def test_language_levels_use_cefr(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="cv")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv_id, section="languages")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value="Engels")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="level", value="C1")
    with pytest.raises(Invalid):
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name="level", value="D9")
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    lang = next(s for s in doc.sections if s.key == "languages")
    assert lang.items[0].level == "C1 – Zeer goed"


def test_pdf_file_name_is_safe():
    assert rendering.pdf_filename("Cv: marketing/sales \"2026\"") == "Cv-marketing-sales-2026.pdf"
    assert rendering.pdf_filename("../../etc/passwd") == "etc-passwd.pdf"
