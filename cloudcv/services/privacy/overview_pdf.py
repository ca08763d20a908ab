"""``overzicht.pdf`` in the export: what we hold about the user, why, on which legal basis
and how long — in words, from the same registry-driven ``holdings`` as the web page.

fpdf2 with the shipped DejaVu fonts (core fonts reject €, curly quotes, ...). Paragraphs are
broken into lines by the CV engine's fast line breaker (``cv/pdf/fast/lines.py``: the lines
``multi_cell`` would make, without its per-character re-measuring, which was most of the
overview's time) and drawn a ``cell`` per line; every paragraph leaves the cursor at the left
margin (see stack notes).
"""

from __future__ import annotations

from datetime import datetime

from ...config import settings
from ...i18n import t
from ..core import clock
from ..cv.pdf.engine import FAMILY, CVPdf, new_pdf
from ..cv.pdf.fast.lines import break_lines, can_break_lines
from . import holdings

MARGIN = 18
PAD = 1  # text inset from the margin (fpdf2's cell margin, kept in the page margins instead)


class _Overview:
    """The overview's paragraphs on a document from the CV engine (``new_pdf``: the fonts
    parsed once per process and shared, not parsed again for every export)."""

    def __init__(self, lang: str):
        self._lang = lang
        self.pdf = pdf = new_pdf()
        # text at MARGIN + PAD as with ``c_margin = PAD``, but with a cell margin of 0, which the
        # fast line breaker requires
        pdf.set_margins(MARGIN + PAD, MARGIN, MARGIN + PAD)
        pdf.c_margin = 0
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.alias_nb_pages(None)
        pdf.on_footer = self.footer

    def footer(self, pdf: CVPdf) -> None:
        """The page number, bottom right."""
        pdf.set_y(-12)
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(0, 5, t("overview_pdf.page", self._lang, page=pdf.page_no()), align="R")

    def para(self, text: str, *, size: float = 10, bold: bool = False, gap: float = 1.5,
             color: tuple[int, int, int] = (28, 32, 36)) -> None:
        """A paragraph, left-aligned."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*color)
        self.lines(text, size * 0.5)
        pdf.ln(gap)

    def lines(self, text: str, h: float) -> None:
        """``multi_cell(0, h, text, align="L", new_x="LMARGIN", new_y="NEXT")`` in the current
        font, from the current x: one ``cell`` per line, each line a page break if needed."""
        pdf = self.pdf
        w = pdf.w - pdf.r_margin - pdf.x
        if can_break_lines(pdf):
            lines = break_lines(pdf.current_font, pdf.font_size_pt, pdf.k, text, w)
        else:  # not the engine's shared fonts: fpdf2's own (slow) line breaking
            lines = pdf.multi_cell(w, h, text, align="L", dry_run=True, output="LINES")
        for line in lines:
            pdf.cell(w, h, line, new_x="LEFT", new_y="NEXT")
        pdf.set_x(pdf.l_margin)

    def fact(self, label: str, value: str) -> None:
        """One labelled line (nothing when ``value`` is empty)."""
        if not value:
            return
        pdf = self.pdf
        pdf.set_font(FAMILY, "B", 9)
        pdf.set_text_color(90, 96, 104)
        pdf.cell(38, 4.8, label)
        pdf.set_font(FAMILY, "", 9.5)
        pdf.set_text_color(28, 32, 36)
        self.lines(value, 4.8)
        pdf.ln(0.6)


def render(*, name: str, email: str, generated: datetime, items: list[holdings.Holding],
           lang: str) -> bytes:
    """overzicht.pdf of the export: for each holding what we hold, why, on which basis and how
    long, in ``lang``. Called by ``export.build_zip`` for the user themselves; returns the
    PDF bytes, raises only fpdf2 errors."""
    doc = _Overview(lang)
    pdf = doc.pdf
    pdf.set_title(t("overview_pdf.title", lang))
    pdf.set_author("CloudCV.nl")
    pdf.set_creation_date(generated)
    pdf.add_page()
    doc.para(t("overview_pdf.title", lang), size=18, bold=True, gap=2)
    doc.para(t("overview_pdf.for", lang, name=name, email=email,
               date=clock.format_datetime(generated, lang, zone=True)), size=9.5, color=(90, 96, 104),
             gap=4)
    doc.para(t("overview_pdf.intro", lang), size=10, gap=5)
    for h in items:
        if pdf.will_page_break(34):
            pdf.add_page()
        pdf.set_draw_color(210, 214, 220)
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
        pdf.ln(2.5)
        doc.para(holdings.label("table", h.table, lang), size=12, bold=True, gap=1)
        doc.fact(t("mydata.what", lang),
                 ", ".join(holdings.label("category", c, lang) for c in h.categories))
        doc.fact(t("mydata.why", lang),
                 f"{holdings.label('purpose', h.purpose, lang)} (§{h.clause})")
        doc.fact(t("mydata.basis", lang), holdings.label("basis", h.basis, lang))
        doc.fact(t("mydata.how_long", lang), holdings.retention_text(h, lang))
        doc.fact(t("mydata.count", lang), str(h.count))
        doc.fact(t("mydata.deleted_on", lang), holdings.deletion_text(h, lang))
        if not h.exported and h.count:
            doc.fact("", t("mydata.not_exported", lang))
        pdf.ln(3)
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(2)
    doc.para(t("overview_pdf.rights_title", lang), size=12, bold=True, gap=1)
    doc.para(t("overview_pdf.rights", lang, contact=settings().contact_email), size=10)
    return bytes(pdf.output())
