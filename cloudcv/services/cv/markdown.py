"""A CV as Markdown (CommonMark), for portals that take plain text (issue 22).

The same document the PDF prints (``rendering.document_for``: the CV's sections in its
order, under its names, in its language, hidden sections and omitted fields left out),
written as headings, lines and lists. Every piece of user text is escaped (each ASCII
punctuation character gets a backslash, which CommonMark reads as that character), so a
name like ``*Bold* <b>`` stays literal; lines the PDF draws as bullets (``- ``, ``* ``,
``•``) become list items. The owner only, like every CV service.
"""

from __future__ import annotations

import re

from sqlmodel import Session

from .pdf.blocks import is_compact
from .rendering import document_for, pdf_filename

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_BULLET = re.compile(r"^\s*[-*•–·▪‣◦]\s+")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text (one line: whitespace runs become one space)."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def _block(text: str) -> list[str]:
    """Free text: paragraphs and bullet lists, each line escaped."""
    out: list[str] = []
    for raw in str(text).replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        m = _BULLET.match(raw)
        if m and raw[m.end():].strip():
            out.append(f"- {escape(raw[m.end():])}")
        else:
            if out and out[-1].startswith("- "):
                out.append("")
            out.append(escape(raw) + "  ")  # a hard line break keeps the user's lines
    while out and out[-1] == "":
        out.pop()
    return [line.rstrip() if not line.endswith("  ") else line for line in out]


def document_markdown(doc) -> str:
    """The Markdown of a ``CVDocument``. Pure: any caller."""
    lines = [f"# {escape(doc.name)}"]
    if doc.headline:
        lines += ["", f"**{escape(doc.headline)}**"]
    for heading, facts in ((doc.contact_heading, doc.contact), (doc.personal_heading, doc.personal)):
        if facts:
            lines += ["", f"## {escape(heading)}", ""]
            lines += [f"- {escape(f.label)}: {escape(f.value)}" for f in facts]
    for section in doc.sections:
        lines += ["", f"## {escape(section.heading)}"]
        if section.text:
            lines += ["", *_block(section.text)]
        if is_compact(section):  # skills, languages: one list
            lines.append("")
            lines += [f"- {escape(i.title)}" + (f" ({escape(i.level)})" if i.level else "")
                      for i in section.items]
            continue
        for item in section.items:
            title = escape(item.title)
            lines += ["", f"### {title}" if title else "###"]
            meta = " · ".join(escape(x) for x in (item.organisation, item.location, item.period,
                                                   item.level) if x)
            if meta:
                lines += ["", f"*{meta}*"]
            if item.description:
                lines += ["", *_block(item.description)]
    return "\n".join(lines) + "\n"


def export_markdown(session: Session, *, user_id: int, cv_id, anonymous: bool = False) -> tuple[str, bytes]:
    """(file name, UTF-8 Markdown) of one of the user's CVs (``anonymous``: as
    ``rendering.document_for``). The owner only: other users get ``NotFound``."""
    doc = document_for(session, user_id=user_id, cv_id=cv_id, anonymous=anonymous)
    return pdf_filename(doc.title or doc.name)[:-4] + ".md", document_markdown(doc).encode()
