"""Working comfort in the editor (issue 21): sections of the user's own, "begin op nieuwe
pagina" per section, locking a CV, undo/redo, and a template's own font. Expected values
(names, orders, page numbers, step counts) are written here, and the PDF is read back with
poppler's pdftotext, as an ATS would."""

import subprocess
from datetime import date

import pytest
from sqlmodel import select

from cloudcv.models import CV, CVEntry, CVHistory, CVSection
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, entries, history, lock, rendering, sections
from cloudcv.services.cv.pdf import registry
from tests.factories import verified_user


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def bob(session):
    return verified_user(session, email="bob@example.nl", name="Bob").id


@pytest.fixture
def cv_id(session, anna):
    cv = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="profile", value="Een profieltekst.")
    for section, title in (("work", "Bakker"), ("education", "Mbo Bakkerij")):
        entry = entries.add_entry(session, user_id=anna, cv_id=cv, section=section)
        entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value=title)
    return cv


def _text(pdf: bytes, page: int | None = None) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8", "-layout"]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*cmd, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _pdf(session, anna, cv_id) -> bytes:
    session.expire_all()
    return rendering.render_pdf(session, user_id=anna, cv_id=cv_id)[1]


def _pages(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _own_section(session, anna, cv_id, title="Vrijwilligerswerk", entry="Voorlezen"):
    key = sections.add_own_section(session, user_id=anna, cv_id=cv_id, title=title)
    e = entries.add_entry(session, user_id=anna, cv_id=cv_id, section=key)
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="title", value=entry)
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="organisation", value="Bibliotheek Zwolle")
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="start", value="03-2021")
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="current", value=True)
    entries.set_entry_field(session, user_id=anna, entry_id=e, name="description", value="Elke zaterdag.")
    return key, e


# ------------------------------------------------------------------ sections of one's own

def test_an_own_section_prints_at_the_end_with_its_entry_and_moves_like_any_other(session, anna, cv_id):
    key, _ = _own_section(session, anna, cv_id)
    assert key.startswith("c") and key[1:].isdigit()
    order = [v.key for v in rendering.document_for(session, user_id=anna, cv_id=cv_id).sections]
    assert order == ["profile", "work", "education", key]
    text = " ".join(_text(_pdf(session, anna, cv_id)).split())
    for s in ("VRIJWILLIGERSWERK", "Voorlezen", "Bibliotheek Zwolle", "mrt 2021 – heden", "Elke zaterdag."):
        assert s.lower() in text.lower(), s
    sections.place_section(session, user_id=anna, cv_id=cv_id, section=key, before="profile")
    text = _text(_pdf(session, anna, cv_id)).lower()
    assert text.find("vrijwilligerswerk") < text.find("profiel") < text.find("werkervaring")
    sections.rename_section(session, user_id=anna, cv_id=cv_id, section=key, title="Vrije tijd")
    text = _text(_pdf(session, anna, cv_id)).lower()
    assert "vrije tijd" in text and "vrijwilligerswerk" not in text
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section=key, hidden=True)
    assert "vrije tijd" not in _text(_pdf(session, anna, cv_id)).lower()


def test_an_own_section_needs_a_name_and_there_is_a_limit(session, anna, cv_id):
    for bad in ("", "   ", None, 5, "x" * 61, "Regel\nbreuk"):
        with pytest.raises(Invalid):
            sections.add_own_section(session, user_id=anna, cv_id=cv_id, title=bad)
    key, _ = _own_section(session, anna, cv_id)
    with pytest.raises(Invalid):  # an own section cannot go back to a "default" name
        sections.rename_section(session, user_id=anna, cv_id=cv_id, section=key, title="")
    for n in range(19):
        sections.add_own_section(session, user_id=anna, cv_id=cv_id, title=f"Sectie {n}")
    with pytest.raises(Invalid) as refused:
        sections.add_own_section(session, user_id=anna, cv_id=cv_id, title="Eenentwintig")
    assert refused.value.key == "error.too_many_sections"
    assert len(session.exec(select(CVSection).where(CVSection.cv_id == cv_id)).all()) == 20


def test_deleting_an_own_section_takes_its_entries_and_every_reference(session, anna, cv_id):
    key, entry = _own_section(session, anna, cv_id)
    sections.place_section(session, user_id=anna, cv_id=cv_id, section=key, before="work")
    sections.set_page_break(session, user_id=anna, cv_id=cv_id, section=key, on=True)
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section=key, hidden=True)
    sections.delete_own_section(session, user_id=anna, cv_id=cv_id, section=key)
    session.expire_all()
    cv = session.get(CV, cv_id)
    assert session.get(CVEntry, entry) is None
    assert key not in (cv.section_order or []) + (cv.hidden_sections or []) + (cv.page_breaks or [])
    with pytest.raises(Invalid):  # a built-in section is hidden, never deleted
        sections.delete_own_section(session, user_id=anna, cv_id=cv_id, section="work")


def test_another_users_own_section_and_cv_are_out_of_reach(session, anna, bob, cv_id):
    key, entry = _own_section(session, anna, cv_id)
    bobs = cvs.create_cv(session, user_id=bob, title="Bob")
    with pytest.raises(NotFound):
        sections.add_own_section(session, user_id=bob, cv_id=cv_id, title="Gekaapt")
    with pytest.raises(NotFound):
        sections.delete_own_section(session, user_id=bob, cv_id=cv_id, section=key)
    with pytest.raises(Invalid):  # Anna's key on Bob's own CV is no section of his
        entries.add_entry(session, user_id=bob, cv_id=bobs, section=key)
    with pytest.raises(Invalid):
        sections.rename_section(session, user_id=bob, cv_id=bobs, section=key, title="Gekaapt")
    with pytest.raises(NotFound):
        entries.set_entry_field(session, user_id=bob, entry_id=entry, name="title", value="Gekaapt")
    session.expire_all()
    assert session.get(CVSection, int(key[1:])).title == "Vrijwilligerswerk"


def test_a_duplicate_gets_its_own_copy_of_the_own_sections(session, anna, cv_id):
    key, _ = _own_section(session, anna, cv_id)
    sections.place_section(session, user_id=anna, cv_id=cv_id, section=key, before="profile")
    copy = cvs.duplicate_cv(session, user_id=anna, cv_id=cv_id)
    doc = rendering.document_for(session, user_id=anna, cv_id=copy)
    first = doc.sections[0]
    assert first.heading == "Vrijwilligerswerk" and first.key != key
    assert [i.title for i in first.items] == ["Voorlezen"]
    sections.delete_own_section(session, user_id=anna, cv_id=copy, section=first.key)
    assert rendering.document_for(session, user_id=anna, cv_id=cv_id).sections[0].key == key


# ------------------------------------------------------------------ begin op nieuwe pagina

@pytest.mark.parametrize("template", sorted(registry.templates()))
def test_a_section_marked_new_page_starts_page_two_in_every_template(session, anna, cv_id, template):
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template=template)
    assert _pages(_pdf(session, anna, cv_id)) == 1
    sections.set_page_break(session, user_id=anna, cv_id=cv_id, section="education", on=True)
    pdf = _pdf(session, anna, cv_id)
    assert _pages(pdf) == 2, template
    assert "Opleidingen".upper() not in _text(pdf, page=1).upper(), template
    assert "OPLEIDINGEN" in _text(pdf, page=2).upper(), template
    assert "Mbo Bakkerij" in _text(pdf, page=2), template
    sections.set_page_break(session, user_id=anna, cv_id=cv_id, section="education", on=False)
    assert _pages(_pdf(session, anna, cv_id)) == 1


def test_page_break_input_is_checked(session, anna, cv_id):
    for section, on in (("nope", True), ("work", "yes"), ("work", 1), (None, True)):
        with pytest.raises(Invalid):
            sections.set_page_break(session, user_id=anna, cv_id=cv_id, section=section, on=on)
    session.expire_all()
    assert not session.get(CV, cv_id).page_breaks


# ------------------------------------------------------------------ lock

def test_a_locked_cv_refuses_every_edit_and_still_prints(session, anna, cv_id):
    key, entry = _own_section(session, anna, cv_id)
    before = _text(_pdf(session, anna, cv_id))
    lock.set_locked(session, user_id=anna, cv_id=cv_id, locked=True)
    edits = [
        lambda: cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value="Nieuw"),
        lambda: cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value="x" * 999),
        lambda: cvs.set_birth_date(session, user_id=anna, cv_id=cv_id, value="01-01-1990"),
        lambda: cvs.set_licences(session, user_id=anna, cv_id=cv_id, licences=["B"]),
        lambda: cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="ats"),
        lambda: cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section="work", hidden=True),
        lambda: cvs.set_omitted(session, user_id=anna, cv_id=cv_id, name="photo", omit=True),
        lambda: cvs.remove_photo(session, user_id=anna, cv_id=cv_id),
        lambda: entries.add_entry(session, user_id=anna, cv_id=cv_id, section="work"),
        lambda: entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value="Nieuw"),
        lambda: entries.move_entry(session, user_id=anna, entry_id=entry, direction=1),
        lambda: entries.delete_entry(session, user_id=anna, entry_id=entry),
        lambda: sections.move_section(session, user_id=anna, cv_id=cv_id, section="work", direction=1),
        lambda: sections.rename_section(session, user_id=anna, cv_id=cv_id, section="work", title="X"),
        lambda: sections.set_page_break(session, user_id=anna, cv_id=cv_id, section="work", on=True),
        lambda: sections.add_own_section(session, user_id=anna, cv_id=cv_id, title="Nieuw"),
        lambda: sections.delete_own_section(session, user_id=anna, cv_id=cv_id, section=key),
        lambda: history.record(session, user_id=anna, cv_id=cv_id),
        lambda: history.undo(session, user_id=anna, cv_id=cv_id),
    ]
    for n, edit in enumerate(edits):
        with pytest.raises(Invalid) as refused:
            edit()
        assert refused.value.key == "error.cv_locked", n
        session.rollback()
    assert _text(_pdf(session, anna, cv_id)) == before  # nothing changed, and it still prints
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).locked is True
    copy = cvs.duplicate_cv(session, user_id=anna, cv_id=cv_id)  # the copy can be edited
    cvs.set_field(session, user_id=anna, cv_id=copy, name="headline", value="Kopie")
    cvs.rename_cv(session, user_id=anna, cv_id=cv_id, title="Verstuurd in maart")  # the list still works
    lock.set_locked(session, user_id=anna, cv_id=cv_id, locked=False)
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value="Weer open")
    assert "Weer open" in _text(_pdf(session, anna, cv_id))


def test_only_the_owner_locks_and_only_with_a_bool(session, anna, bob, cv_id):
    with pytest.raises(NotFound):
        lock.set_locked(session, user_id=bob, cv_id=cv_id, locked=True)
    for bad in ("true", 1, None):
        with pytest.raises(Invalid):
            lock.set_locked(session, user_id=anna, cv_id=cv_id, locked=bad)
    session.expire_all()
    assert session.get(CV, cv_id).locked is False


# ------------------------------------------------------------------ undo / redo

def _headline(session, cv_id) -> str:
    session.expire_all()
    return session.get(CV, cv_id).headline


def _step_then(session, anna, cv_id, change):
    """A change as the editor makes it: a step, then the change, one transaction."""
    history.record(session, user_id=anna, cv_id=cv_id)
    change()


def test_undo_and_redo_walk_back_and_forth(session, anna, cv_id):
    for text in ("Een", "Twee", "Drie"):
        _step_then(session, anna, cv_id, lambda t=text: cvs.set_field(
            session, user_id=anna, cv_id=cv_id, name="headline", value=t))
    assert history.counts(session, cv_id=cv_id) == (3, 0)
    assert history.undo(session, user_id=anna, cv_id=cv_id) and _headline(session, cv_id) == "Twee"
    assert history.undo(session, user_id=anna, cv_id=cv_id) and _headline(session, cv_id) == "Een"
    assert history.redo(session, user_id=anna, cv_id=cv_id) and _headline(session, cv_id) == "Twee"
    assert history.counts(session, cv_id=cv_id) == (2, 1)
    # a new change after an undo empties the redo stack
    _step_then(session, anna, cv_id, lambda: cvs.set_field(
        session, user_id=anna, cv_id=cv_id, name="headline", value="Vier"))
    assert history.counts(session, cv_id=cv_id) == (3, 0)
    assert history.redo(session, user_id=anna, cv_id=cv_id) is False
    assert _headline(session, cv_id) == "Vier"
    for want in ("Twee", "Een", ""):
        assert history.undo(session, user_id=anna, cv_id=cv_id)
        assert _headline(session, cv_id) == want
    assert history.undo(session, user_id=anna, cv_id=cv_id) is False  # nothing left: no change


def test_undo_brings_back_a_deleted_section_with_its_entries_layout_and_sealed_fields(session, anna, cv_id):
    key, _ = _own_section(session, anna, cv_id)
    cvs.set_birth_date(session, user_id=anna, cv_id=cv_id, value="14-02-1990")
    sections.place_section(session, user_id=anna, cv_id=cv_id, section=key, before="profile")
    sections.set_page_break(session, user_id=anna, cv_id=cv_id, section="work", on=True)
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="ats")
    before = _text(_pdf(session, anna, cv_id))
    _step_then(session, anna, cv_id, lambda: sections.delete_own_section(
        session, user_id=anna, cv_id=cv_id, section=key))
    _step_then(session, anna, cv_id, lambda: cvs.set_birth_date(
        session, user_id=anna, cv_id=cv_id, value=""))
    _step_then(session, anna, cv_id, lambda: cvs.set_layout(
        session, user_id=anna, cv_id=cv_id, template="sidebar"))
    assert "Voorlezen" not in _text(_pdf(session, anna, cv_id))
    for _ in range(3):
        assert history.undo(session, user_id=anna, cv_id=cv_id)
    session.expire_all()
    cv = session.get(CV, cv_id)
    assert cv.template == "ats" and cv.birth_date == date(1990, 2, 14)
    assert _text(_pdf(session, anna, cv_id)) == before  # the same CV, page for page
    for _ in range(3):
        assert history.redo(session, user_id=anna, cv_id=cv_id)
    assert "Voorlezen" not in _text(_pdf(session, anna, cv_id))


def test_at_most_fifty_steps_are_kept(session, anna, cv_id):
    for n in range(60):
        _step_then(session, anna, cv_id, lambda n=n: cvs.set_field(
            session, user_id=anna, cv_id=cv_id, name="headline", value=f"Versie {n}"))
    assert history.counts(session, cv_id=cv_id) == (50, 0)
    for _ in range(50):
        assert history.undo(session, user_id=anna, cv_id=cv_id)
    assert _headline(session, cv_id) == "Versie 9"  # the 50th step back; older ones are gone
    assert history.undo(session, user_id=anna, cv_id=cv_id) is False
    assert history.counts(session, cv_id=cv_id) == (0, 50)


def test_a_refused_change_leaves_no_step_and_another_user_cannot_undo(session, anna, bob, cv_id):
    history.record(session, user_id=anna, cv_id=cv_id)
    with pytest.raises(Invalid):
        cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value="x" * 999)
    session.rollback()  # what the request's transaction does with a refused change
    assert history.counts(session, cv_id=cv_id) == (0, 0)
    _step_then(session, anna, cv_id, lambda: cvs.set_field(
        session, user_id=anna, cv_id=cv_id, name="headline", value="Van Anna"))
    for fn in (history.undo, history.redo, history.record):
        with pytest.raises(NotFound):
            fn(session, user_id=bob, cv_id=cv_id)
    assert _headline(session, cv_id) == "Van Anna"
    assert session.exec(select(CVHistory).where(CVHistory.user_id == bob)).all() == []


def test_steps_go_with_the_cv(session, anna, cv_id):
    _step_then(session, anna, cv_id, lambda: cvs.set_field(
        session, user_id=anna, cv_id=cv_id, name="headline", value="Weg"))
    cvs.delete_cv(session, user_id=anna, cv_id=cv_id)
    assert session.exec(select(CVHistory).where(CVHistory.cv_id == cv_id)).all() == []


# ------------------------------------------------------------------ a template's own font

def test_choosing_a_template_with_a_font_of_its_own_switches_the_cv_to_it(session, anna, cv_id):
    designed = [t for t in registry.templates().values() if t.font]
    assert designed, "the serif templates declare their family"
    tpl = designed[0]
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template=tpl.name)
    session.expire_all()
    assert session.get(CV, cv_id).font == tpl.font
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="ats")  # ats has none: font stays
    session.expire_all()
    assert session.get(CV, cv_id).font == tpl.font
