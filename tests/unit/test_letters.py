"""Cover letters (issue 23): a letter of a CV is laid out in that CV's template with its fonts,
colours and header, in the CV's language; it has PDF, Word and Markdown exports; fields are
checked like the editor's; only the owner reaches it; it goes with its CV. Expected texts are
written here."""

import io
import subprocess

import pytest
from docx import Document
from markdown_it import MarkdownIt
from sqlmodel import func, select

from cloudcv.models import CoverLetter
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, letters, rendering
from cloudcv.services.privacy import trash
from tests.factories import verified_user


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _fonts(pdf: bytes) -> set[str]:
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


@pytest.fixture
def cv(session):
    uid = verified_user(session).id
    cv_id = cvs.create_cv(session, user_id=uid, title="Cv bakker")
    for name, value in (("headline", "Broodbakker"), ("city", "Zwolle"), ("phone", "06-12345678")):
        cvs.set_field(session, user_id=uid, cv_id=cv_id, name=name, value=value)
    cvs.set_layout(session, user_id=uid, cv_id=cv_id, template="classic", accent="#e54666")
    return uid, cv_id


def _fill(session, uid, letter):
    for name, value in (("subject", "Sollicitatie broodbakker"), ("recipient_name", "Mevrouw De Korf"),
                        ("recipient_org", "Bakkerij De Korf"), ("recipient_address", "Dorpsstraat 1\n8011 AB Zwolle"),
                        ("letter_date", "01-12-2026"), ("body", "Graag bak ik voor u.\n\nIk begin vroeg.")):
        letters.set_letter_field(session, user_id=uid, letter_id=letter, name=name, value=value)


def test_a_letter_takes_its_cvs_template_fonts_header_and_language(session, cv):
    uid, cv_id = cv
    letter = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    view = letters.get_letter(session, user_id=uid, letter_id=letter)
    assert view.values["salutation"] == "Geachte heer, mevrouw," and view.values["place"] == "Zwolle"
    _fill(session, uid, letter)
    name, pdf = letters.letter_pdf(session, user_id=uid, letter_id=letter)
    text = _text(pdf)
    for shown in ("Anna de Vries", "Broodbakker", "06-12345678", "Bakkerij De Korf", "Dorpsstraat 1",
                  "Zwolle, 01-12-2026", "SOLLICITATIE BROODBAKKER", "Graag bak ik voor u.",
                  "Met vriendelijke groet,"):
        assert shown in text, shown
    cv_pdf = rendering.render_pdf(session, user_id=uid, cv_id=cv_id)[1]
    # classic sets the CV in DejaVu Serif, and so the letter
    assert _fonts(cv_pdf) and all(f.startswith("DejaVuSerif") for f in _fonts(cv_pdf) | _fonts(pdf))
    assert name.endswith(".pdf")
    # in English when the CV is
    cvs.set_layout(session, user_id=uid, cv_id=cv_id, lang="en")
    other = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    assert letters.get_letter(session, user_id=uid, letter_id=other).values["closing"] == "Kind regards,"


def test_word_and_markdown_hold_the_same_letter(session, cv):
    uid, cv_id = cv
    letter = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    _fill(session, uid, letter)
    _, docx = letters.letter_docx(session, user_id=uid, letter_id=letter)
    paragraphs = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert "Anna de Vries" in paragraphs and "Sollicitatie broodbakker" in paragraphs
    assert any("Graag bak ik voor u." in p for p in paragraphs)
    _, md = letters.letter_markdown(session, user_id=uid, letter_id=letter)
    html = MarkdownIt("commonmark").render(md.decode())  # as a CommonMark reader shows it
    assert "<h2>Sollicitatie broodbakker</h2>" in html and "Ik begin vroeg." in html


@pytest.mark.parametrize("name,value,key", [
    ("title", "", "error.required"), ("body", "x" * 8001, "error.too_long"),
    ("letter_date", "31-02-2026", "error.date_invalid"), ("private_note", "x", "error.invalid_input"),
    ("subject", ["lijst"], "error.invalid_input"),
])
def test_bad_values_are_refused_and_nothing_changes(session, cv, name, value, key):
    uid, cv_id = cv
    letter = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    before = letters.get_letter(session, user_id=uid, letter_id=letter).values
    with pytest.raises(Invalid) as refused:
        letters.set_letter_field(session, user_id=uid, letter_id=letter, name=name, value=value)
    assert refused.value.key == key
    session.rollback()
    assert letters.get_letter(session, user_id=uid, letter_id=letter).values == before


def test_only_the_owner_and_never_of_a_cv_in_the_trash(session, cv, monkeypatch):
    uid, cv_id = cv
    letter = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    mallory = verified_user(session, email="mallory@example.nl", name="Mallory").id
    for call in (lambda: letters.get_letter(session, user_id=mallory, letter_id=letter),
                 lambda: letters.letter_pdf(session, user_id=mallory, letter_id=letter),
                 lambda: letters.set_letter_field(session, user_id=mallory, letter_id=letter,
                                                  name="body", value="gekaapt"),
                 lambda: letters.delete_letter(session, user_id=mallory, letter_id=letter),
                 lambda: letters.create_letter(session, user_id=mallory, cv_id=cv_id)):
        with pytest.raises(NotFound):
            call()
    trash.trash_cv(session, user_id=uid, cv_id=cv_id)
    with pytest.raises(NotFound):  # a letter for a CV in the trash
        letters.letter_pdf(session, user_id=uid, letter_id=letter)
    trash.empty_trash(session, user_id=uid)
    assert session.exec(select(func.count(CoverLetter.id))).one() == 0


def test_at_most_20_letters_per_cv(session, cv, monkeypatch):
    uid, cv_id = cv
    monkeypatch.setattr(letters, "MAX_LETTERS", 2)
    letters.create_letter(session, user_id=uid, cv_id=cv_id)
    letters.create_letter(session, user_id=uid, cv_id=cv_id)
    with pytest.raises(Invalid) as refused:
        letters.create_letter(session, user_id=uid, cv_id=cv_id)
    assert refused.value.key == "error.too_many_letters"


def _shared_text(session, link_id) -> str:
    from cloudcv.models import ShareSnapshot

    snap = session.exec(select(ShareSnapshot).where(ShareSnapshot.link_id == link_id)).one()
    return _text(snap.pdf)


def test_a_letter_goes_before_the_cv_in_what_a_recipient_gets(session, cv):
    from cloudcv.models import ShareLink
    from cloudcv.services.cv import recipients
    from cloudcv.services.privacy import sharing

    uid, cv_id = cv
    letter = letters.create_letter(session, user_id=uid, cv_id=cv_id)
    _fill(session, uid, letter)
    person = recipients.add_recipient(session, user_id=uid, cv_id=cv_id, name="Piet",
                                      email="piet@bakkerij.nl")
    link = sharing.send(session, user_id=uid, recipient_id=person.id, letter_id=letter)
    text = _shared_text(session, link)
    assert text.index("Graag bak ik voor u.") < text.index("Pagina 1 van 1", text.index("Graag bak"))
    assert "Broodbakker" in text and text.count("Anna de Vries") >= 2  # letter and CV
    # anonymous: the letter's header and closing carry no name either
    cvs.set_field(session, user_id=uid, cv_id=cv_id, name="alias", value="Kandidaat 7")
    anonymous = sharing.send(session, user_id=uid, recipient_id=person.id, letter_id=letter,
                             anonymous=True)
    hidden = _shared_text(session, anonymous)
    assert "Kandidaat 7" in hidden and "Anna" not in hidden and "06-12345678" not in hidden
    # a letter of another CV (or someone else's) is refused, and nothing is sent
    other_cv = cvs.create_cv(session, user_id=uid, title="Ander cv")
    other_letter = letters.create_letter(session, user_id=uid, cv_id=other_cv)
    links = session.exec(select(func.count(ShareLink.id))).one()
    for bad in (other_letter, 999_999, "1 or 1=1"):
        with pytest.raises(NotFound):
            sharing.send(session, user_id=uid, recipient_id=person.id, letter_id=bad)
    session.rollback()
    assert session.exec(select(func.count(ShareLink.id))).one() == links
