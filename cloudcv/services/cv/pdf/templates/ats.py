"""``ats``: one plain column, no photo, no colour: what applicant tracking systems read best.

Name, headline and the contact and personal facts on top; then every section in order,
skills and languages as one flowing line. Shared blocks: ``../blocks.py``.
"""

from __future__ import annotations

from ..blocks import Style, compact_inline, footer_drawer, header_facts, section_rows
from ..canvas import Ctx
from ..colour import RULE
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row, packed_rows, run_flow, text_rows


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in one column from the top of every page."""
    c, doc, pdf = ctx.c, ctx.doc, ctx.c.pdf
    left = right = top = ctx.margin(20.0)
    bottom = ctx.bottom()
    w = PAGE_W - left - right
    s = Style(
        heading=ctx.type("B", 11.5, 6.0, ctx.ink),
        title=ctx.type("B", 10.0, 5.0, ctx.ink),
        meta=ctx.type("", 9.0, 4.5, ctx.muted),
        period=ctx.type("", 9.0, 4.5, ctx.muted),
        body=ctx.type("", 9.5, 4.6, ctx.body),
        rule=RULE,
        org_color=ctx.muted,
        period_right=False,
    )
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, ctx.type("B", 21, 9.0, ctx.ink))
    rows += text_rows(c, c.line(doc.headline), w, ctx.type("", 11.5, 6.0, ctx.body), gap=0.5)
    fact_t = ctx.type("", 9.0, 4.6, ctx.body)
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
