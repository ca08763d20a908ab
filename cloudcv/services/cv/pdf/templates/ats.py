"""``ats``: one plain column, no photo, no colour: what applicant tracking systems read best.

Name, headline and the contact and personal facts on top; then every section in order,
skills and languages as one flowing line. Shared blocks: ``../blocks.py``.
"""

from __future__ import annotations

from ..blocks import Style, compact_inline, footer_drawer, header_facts, section_rows
from ..canvas import Ctx
from ..colour import BODY, INK, MUTED, RULE
from ..engine import PAGE_H, PAGE_W
from ..registry import Template
from ..rows import Flow, Row, TypeSpec, packed_rows, run_flow, text_rows


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in one column from the top of every page."""
    c, doc, pdf = ctx.c, ctx.doc, ctx.c.pdf
    left, right, top, bottom = 20.0, 20.0, 20.0, PAGE_H - 22.0
    w = PAGE_W - left - right
    s = Style(
        heading=TypeSpec("B", 11.5, 6.0, INK),
        title=TypeSpec("B", 10.0, 5.0, INK),
        meta=TypeSpec("", 9.0, 4.5, MUTED),
        period=TypeSpec("", 9.0, 4.5, MUTED),
        body=TypeSpec("", 9.5, 4.6, BODY),
        rule=RULE,
        org_color=MUTED,
        period_right=False,
    )
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, TypeSpec("B", 21, 9.0, INK))
    rows += text_rows(c, c.line(doc.headline), w, TypeSpec("", 11.5, 6.0, BODY), gap=0.5)
    fact_t = TypeSpec("", 9.0, 4.6, BODY)
    rows += packed_rows(c, header_facts(c, doc.contact, labelled=False), "  |  ", w, fact_t, gap=2.5)
    rows += packed_rows(c, header_facts(c, doc.personal, labelled=True), "  |  ", w, fact_t, gap=0.8)
    for section in doc.sections:
        rows += section_rows(c, section, w, s, compact_inline)

    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, Flow(left, top, bottom), rows)



TEMPLATE = Template(
    name="ats",
    labels={"nl": "Eenvoudig (ATS-vriendelijk)", "en": "Simple (ATS-friendly)"},
    build=build,
    supports_photo=False,
    supports_accent=False,
    columns=1,
    order=10,
)
