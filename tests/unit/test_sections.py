"""Section order and own names per CV (services/cv/sections.py, issue 21): the PDF prints the
sections in the CV's order under its names, in every template; refused input changes
nothing; another user's CV is not found. Expected orders and names are written here."""

import subprocess

import pytest

from cloudcv.models import CV
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, entries, rendering, sections
from cloudcv.services.cv.pdf import registry
from tests.factories import verified_user

DEFAULT = ["profile", "work", "education", "skills", "languages", "other"]


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def cv_id(session, anna):
    """A CV with something in every section, so each prints."""
    cv = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="profile", value="Een profieltekst.")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="other_info", value="Vrijwilliger.")
    for section, title in (("work", "Bakker"), ("education", "Mbo Bakkerij"),
                           ("skills", "Deeg kneden"), ("languages", "Nederlands")):
        entry = entries.add_entry(session, user_id=anna, cv_id=cv, section=section)
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value=title)
    return cv


def _row(session, cv_id) -> CV:
    session.expire_all()
    return session.get(CV, cv_id)


def _keys(session, anna, cv_id) -> list[str]:
    return [s.key for s in rendering.document_for(session, user_id=anna, cv_id=cv_id).sections]


def test_a_new_cv_has_the_default_order_and_names(session, anna, cv_id):
    assert _keys(session, anna, cv_id) == DEFAULT
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert [s.heading for s in doc.sections] == ["Profiel", "Werkervaring", "Opleidingen",
                                                  "Vaardigheden", "Talen", "Overige informatie"]


def test_moving_up_and_down_and_the_edges(session, anna, cv_id):
    assert sections.move_section(session, user_id=anna, cv_id=cv_id, section="education", direction=-1) == 2
    assert _keys(session, anna, cv_id) == ["profile", "education", "work", "skills", "languages", "other"]
    assert sections.move_section(session, user_id=anna, cv_id=cv_id, section="profile", direction=-1) == 1
    assert sections.move_section(session, user_id=anna, cv_id=cv_id, section="other", direction=1) == 6
    assert sections.move_section(session, user_id=anna, cv_id=cv_id, section="profile", direction=1) == 2
    assert _keys(session, anna, cv_id) == ["education", "profile", "work", "skills", "languages", "other"]


def test_drag_and_drop_puts_a_section_where_the_target_was(session, anna, cv_id):
    assert sections.place_section(session, user_id=anna, cv_id=cv_id, section="languages", before="work") == 2
    assert _keys(session, anna, cv_id) == ["profile", "languages", "work", "education", "skills", "other"]
    assert sections.place_section(session, user_id=anna, cv_id=cv_id, section="profile", before="other") == 6
    assert _keys(session, anna, cv_id) == ["languages", "work", "education", "skills", "other", "profile"]


def test_a_stored_order_with_gaps_or_junk_still_reads_whole(session, anna, cv_id):
    cv = _row(session, cv_id)
    cv.section_order = ["skills", "bogus", "skills", 7, "work"]
    session.add(cv)
    session.commit()
    assert sections.order_of(_row(session, cv_id)) == ["skills", "work", "profile", "education",
                                                      "languages", "other"]


def test_hidden_sections_stay_out_wherever_they_are(session, anna, cv_id):
    sections.place_section(session, user_id=anna, cv_id=cv_id, section="skills", before="profile")
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section="skills", hidden=True)
    assert _keys(session, anna, cv_id) == ["profile", "work", "education", "languages", "other"]


def test_rename_and_reset(session, anna, cv_id):
    assert sections.rename_section(session, user_id=anna, cv_id=cv_id, section="work",
                                   title="  Loopbaan ") == "Loopbaan"
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.sections[1].heading == "Loopbaan"
    view = {s["key"]: s for s in cvs.get_cv(session, user_id=anna, cv_id=cv_id).sections}
    assert (view["work"]["title"], view["work"]["custom"], view["work"]["default"]) == ("Loopbaan", "1", "Werkervaring")
    assert view["education"]["custom"] == ""
    assert sections.rename_section(session, user_id=anna, cv_id=cv_id, section="work", title="   ") == "Werkervaring"
    assert rendering.document_for(session, user_id=anna, cv_id=cv_id).sections[1].heading == "Werkervaring"
    assert _row(session, cv_id).section_titles == {}


def test_default_names_follow_the_cv_language_own_names_do_not(session, anna, cv_id):
    sections.rename_section(session, user_id=anna, cv_id=cv_id, section="skills", title="Kunde")
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, lang="en")
    headings = [s.heading for s in rendering.document_for(session, user_id=anna, cv_id=cv_id).sections]
    assert headings == ["Profile", "Work experience", "Education", "Kunde", "Languages", "Other information"]


@pytest.mark.parametrize("call", [
    dict(fn="move_section", section="hobbies", direction=1),
    dict(fn="move_section", section={"key": "work"}, direction=1),
    dict(fn="move_section", section="work", direction=2),
    dict(fn="move_section", section="work", direction=True),
    dict(fn="move_section", section="work", direction="1"),
    dict(fn="place_section", section="work", before="__proto__"),
    dict(fn="place_section", section=["work"], before="skills"),
    dict(fn="rename_section", section="work", title="x" * 61),
    dict(fn="rename_section", section="work", title="Loop\u202ebaan"),
    dict(fn="rename_section", section="work", title="a\x00b"),
    dict(fn="rename_section", section="work", title=["Loopbaan"]),
    dict(fn="rename_section", section="photo", title="Foto"),
])
def test_refused_input_changes_nothing(session, anna, cv_id, call):
    sections.move_section(session, user_id=anna, cv_id=cv_id, section="skills", direction=-1)
    before = _row(session, cv_id)
    order, titles, updated = list(before.section_order), dict(before.section_titles or {}), before.updated_at
    args = {k: v for k, v in call.items() if k != "fn"}
    with pytest.raises(Invalid):
        getattr(sections, call["fn"])(session, user_id=anna, cv_id=cv_id, **args)
    session.rollback()
    after = _row(session, cv_id)
    assert (after.section_order, after.section_titles or {}, after.updated_at) == (order, titles, updated)


def test_hostile_names_are_stored_verbatim_and_print_inert(session, anna, cv_id):
    name = "<b>Ervaring</b> & \"co\" 🎉 ﷽"
    sections.rename_section(session, user_id=anna, cv_id=cv_id, section="work", title=name)
    _, data = rendering.render_pdf(session, user_id=anna, cv_id=cv_id)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "<b>Ervaring</b> & \"co\"" in text


def test_another_users_cv_is_not_found(session, anna, cv_id):
    bob = verified_user(session, email="bob@example.org").id
    for fn, kwargs in ((sections.move_section, dict(section="work", direction=1)),
                       (sections.place_section, dict(section="work", before="other")),
                       (sections.rename_section, dict(section="work", title="Van Bob"))):
        with pytest.raises(NotFound):
            fn(session, user_id=bob, cv_id=cv_id, **kwargs)
    row = _row(session, cv_id)
    assert (row.section_order or [], row.section_titles or {}) == ([], {})


def test_a_duplicate_keeps_the_order_and_names(session, anna, cv_id):
    sections.place_section(session, user_id=anna, cv_id=cv_id, section="skills", before="profile")
    sections.rename_section(session, user_id=anna, cv_id=cv_id, section="skills", title="Kunde")
    copy = cvs.duplicate_cv(session, user_id=anna, cv_id=cv_id)
    doc = rendering.document_for(session, user_id=anna, cv_id=copy)
    assert (doc.sections[0].key, doc.sections[0].heading) == ("skills", "Kunde")


def _pdf_lines(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode().splitlines()


@pytest.mark.parametrize("template", sorted(registry.templates()))
def test_every_template_prints_the_main_sections_in_the_chosen_order_and_names(session, anna, cv_id, template):
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template=template)
    sections.place_section(session, user_id=anna, cv_id=cv_id, section="education", before="profile")
    sections.place_section(session, user_id=anna, cv_id=cv_id, section="other", before="work")
    sections.rename_section(session, user_id=anna, cv_id=cv_id, section="work", title="Loopbaan")
    _, data = rendering.render_pdf(session, user_id=anna, cv_id=cv_id)
    text = "\n".join(_pdf_lines(data)).upper()
    # education, profile, other, work (renamed) in this order; the sidebar template puts
    # skills and languages in its sidebar, so only the main column's order is compared
    wanted = ["OPLEIDINGEN", "PROFIEL", "OVERIGE INFORMATIE", "LOOPBAAN"]
    where = [text.find(h) for h in wanted]
    assert -1 not in where, (template, where)
    assert where == sorted(where), (template, where)
    assert "WERKERVARING" not in text
