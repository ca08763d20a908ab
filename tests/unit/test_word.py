"""Word out (issue 22): the DOCX opens in LibreOffice (``soffice --headless --convert-to pdf``,
installed by the Makefile) and its text reads back in the CV's order under its names; the
photo is in it when the CV shows one; the anonymous DOCX has no name or contact details in
its text or its metadata (python-docx reads both). Expected values written here."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from cloudcv.services.cv import cvs, entries, sections, word
from tests.factories import verified_user
from tests.unit.test_pdf import photo_jpeg


@pytest.fixture
def anna(session):
    return verified_user(session, name="Anna de Vries").id


@pytest.fixture
def cv_id(session, anna):
    cv = cvs.create_cv(session, user_id=anna, title="Cv van Anna")
    for name, value in (("headline", "Broodbakker <b>&</b>"), ("phone", "0612345678"), ("city", "Zwolle"),
                        ("profile", "Twintig jaar ervaring.\nVroeg op.\n\n- Brood\n- Banket")):
        cvs.set_field(session, user_id=anna, cv_id=cv, name=name, value=value)
    cvs.set_photo(session, user_id=anna, cv_id=cv, raw=photo_jpeg())
    for section, title in (("work", "Bakker bij De Korf"), ("education", "Mbo Bakkerij")):
        e = entries.add_entry(session, user_id=anna, cv_id=cv, section=section)
        entries.set_entry_field(session, user_id=anna, entry_id=e, name="title", value=title)
        entries.set_entry_field(session, user_id=anna, entry_id=e, name="start", value="03-2021")
    sections.place_section(session, user_id=anna, cv_id=cv, section="education", before="profile")
    sections.rename_section(session, user_id=anna, cv_id=cv, section="work", title="Loopbaan")
    return cv


def _text(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_the_docx_holds_the_cv_in_its_order_with_its_photo(session, anna, cv_id):
    name, data = word.export_docx(session, user_id=anna, cv_id=cv_id)
    assert name == "Cv-van-Anna.docx"
    lines = _text(data)
    order = [lines.index(x) for x in ("Anna de Vries", "Broodbakker <b>&</b>", "Opleidingen",
                                      "Mbo Bakkerij", "Profiel", "Loopbaan", "Bakker bij De Korf")]
    assert order == sorted(order), lines
    assert "Twintig jaar ervaring.\nVroeg op." in lines and "Brood" in lines and "Banket" in lines
    document = Document(io.BytesIO(data))
    assert document.core_properties.author == "Anna de Vries"
    assert len(document.inline_shapes) == 1  # the photo
    cvs.set_omitted(session, user_id=anna, cv_id=cv_id, name="photo", omit=True)
    assert len(Document(io.BytesIO(word.export_docx(session, user_id=anna, cv_id=cv_id)[1])).inline_shapes) == 0


@pytest.mark.skipif(shutil.which("soffice") is None and not __import__("os").environ.get("CI"),
                    reason="LibreOffice not installed here (make test installs it)")
def test_libreoffice_opens_it_and_the_text_reads_back_in_order(session, anna, cv_id, tmp_path):
    _, data = word.export_docx(session, user_id=anna, cv_id=cv_id)
    source = tmp_path / "cv.docx"
    source.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "cv.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    where = [text.find(x) for x in ("Anna de Vries", "Opleidingen", "Mbo Bakkerij", "Profiel",
                                    "Loopbaan", "Bakker bij De Korf")]
    assert -1 not in where and where == sorted(where), where


def test_the_anonymous_docx_has_no_name_in_text_or_metadata(session, anna, cv_id):
    name, data = word.export_docx(session, user_id=anna, cv_id=cv_id, anonymous=True)
    document = Document(io.BytesIO(data))
    props = document.core_properties
    meta = " ".join(str(x) for x in (props.author, props.title, props.last_modified_by, props.subject,
                                     props.keywords, props.comments))
    everything = " ".join(_text(data)) + " " + meta + " " + name
    for who in ("Anna", "Vries", "0612345678", "Zwolle", "anna@example.nl"):
        assert who not in everything, who
    assert "A. d. V." in everything and len(document.inline_shapes) == 0
