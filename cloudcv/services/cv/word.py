"""A CV as a Word document (DOCX, python-docx), for portals that want Word (issue 22).

The same document the PDF prints (``rendering.document_for``: the CV's sections in its
order, under its names and in its language, hidden sections and omitted fields left out;
``anonymous`` as there), in Word's own styles so it reads well and stays editable: the name
as Title, the headline as Subtitle, contact and personal details as lines, section headings
as Heading 1, entries as Heading 2 with their organisation, place and period in italics,
descriptions as paragraphs and bulleted lists (the lines the PDF draws as bullets). The
photo is in it when the CV shows one. The file's own metadata (author, title, language)
come from the same document, so the anonymous CV carries no name there either. Characters
that XML cannot hold are dropped. The owner only, like every CV service.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from sqlmodel import Session

from .pdf.blocks import is_compact
from .rendering import document_for, pdf_filename

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BULLET = re.compile(r"^\s*[-*•–·▪‣◦]\s+")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _line(text: str) -> str:
    return " ".join(_clean(text).split())


def _free_text(document, text: str) -> None:
    """Paragraphs (the user's line breaks kept) and bulleted lists."""
    paragraph = None
    for raw in _clean(text).replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            paragraph = None
            continue
        m = _BULLET.match(raw)
        if m and raw[m.end():].strip():
            document.add_paragraph(_line(raw[m.end():]), style="List Bullet")
            paragraph = None
        elif paragraph is None:
            paragraph = document.add_paragraph(_line(raw))
        else:
            paragraph.add_run().add_break()
            paragraph.add_run(_line(raw))


def document_docx(doc) -> bytes:
    """The DOCX bytes of a ``CVDocument``. Pure: any caller."""
    document = Document()
    props = document.core_properties
    props.author = props.last_modified_by = _line(doc.name)
    props.title = _line(doc.title or doc.name)
    props.language = doc.lang
    props.comments = props.subject = props.keywords = ""
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Liberation Sans", Pt(10.5)
    if doc.photo:
        try:
            document.add_picture(io.BytesIO(doc.photo), width=Cm(3.2))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        except Exception:  # a broken upload must not break the CV (as in the PDF)
            pass
    document.add_paragraph(_line(doc.name), style="Title")
    if doc.headline:
        document.add_paragraph(_line(doc.headline), style="Subtitle")
    for heading, facts in ((doc.contact_heading, doc.contact), (doc.personal_heading, doc.personal)):
        if facts:
            document.add_heading(_line(heading), level=1)
            for fact in facts:
                p = document.add_paragraph()
                p.paragraph_format.space_after = Pt(1)
                p.add_run(_line(fact.label) + ": ").bold = True
                p.add_run(_line(fact.value))
    for section in doc.sections:
        document.add_heading(_line(section.heading), level=1)
        if section.text:
            _free_text(document, section.text)
        if is_compact(section):
            for item in section.items:
                level = f" ({_line(item.level)})" if item.level else ""
                document.add_paragraph(_line(item.title) + level, style="List Bullet")
            continue
        for item in section.items:
            document.add_heading(_line(item.title), level=2)
            meta = " · ".join(_line(x) for x in (item.organisation, item.location, item.period,
                                                  item.level) if x)
            if meta:
                document.add_paragraph().add_run(meta).italic = True
            if item.description:
                _free_text(document, item.description)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_docx(session: Session, *, user_id: int, cv_id, anonymous: bool = False) -> tuple[str, bytes]:
    """(file name, DOCX bytes) of one of the user's CVs. The owner only: other users get
    ``NotFound``. CPU-bound: call off the event loop."""
    doc = document_for(session, user_id=user_id, cv_id=cv_id, anonymous=anonymous)
    return pdf_filename(doc.title or doc.name)[:-4] + ".docx", document_docx(doc)
