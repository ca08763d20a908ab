"""``executive``: a sober one-column CV for senior roles.

The name big on the left with the headline and personal facts under it, the contact
details right-aligned on the right, a thick accent rule under the header; section
headings in small spaced capitals over a hairline. Skills and languages in a grid.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import FACT_LINES, accent_style, compact_grid, header_facts
from ..canvas import Ctx
from ..colour import RULE
from ..decor import (aligned_rows, capped, finish, header_rows, height, spaced_caps_rows, stacked,
                     titled_sections)
from ..engine import PAGE_H, PAGE_W
from ..registry import Template
from ..rows import Flow, Row


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the two-sided header, the accent rule, every section."""
    c, doc = ctx.c, ctx.doc
    left = right = ctx.margin(20.0)
    w = PAGE_W - left - right
    s = replace(accent_style(ctx), heading=ctx.type("B", 9.0, 5.0, ctx.ink), rule=None, org_color=ctx.ink,
                section_gap=7.5, entry_gap=4.4)

    # Header: name, headline and personal facts left; the contact details right.
    rw = w * 0.36
    lw = w - rw - 8.0
    left_rows = header_rows(c, replace(doc, contact=()), lw, ctx.type("B", 26, 10.6, ctx.ink),
                            ctx.type("", 12, 6.2, ctx.muted), ctx.type("", 8.5, 4.4, ctx.muted), facts_gap=2.4)
    fact_t = ctx.type("", 8.8, 4.5, ctx.body)
    right_rows: list[Row] = []
    for fact in header_facts(c, doc.contact, labelled=False)[:8]:
        lines = capped(c, c.wrap(fact, rw, fact_t.style, fact_t.size), FACT_LINES, rw, fact_t)
        right_rows += aligned_rows(c, lines, fact_t, rw, align="R", gap=0.5)
    header_h = max(height(left_rows), height(right_rows))

    def draw_header(x: float, y: float) -> None:
        for part, px, py in ((left_rows, x, y), (right_rows, x + w - rw, y + header_h - height(right_rows))):
            block = Flow(px, py, PAGE_H)
            block.rows = part
            block.fill()

    rows = [Row(header_h, draw_header), Row(11.0, lambda x, y: c.fill_rect(x, y + 4.0, w, 1.6, ctx.accent))]

    def heading(text: str, first: bool) -> list[Row]:
        head = spaced_caps_rows(c, text, w, s.heading, tracking=0.11)
        if head:
            head[0].gap = 0.0 if first else s.section_gap
            head.append(Row(3.2, lambda x, y: c.hline(x, y + 0.8, w, RULE, 0.3)))
        return head

    rows += titled_sections(c, doc.sections, w, s, compact_grid, stacked(heading))
    finish(ctx, Flow(left, ctx.margin(18.0), ctx.bottom()), rows, left, right)


TEMPLATE = Template(
    name="executive",
    labels={"nl": "Directie", "en": "Executive"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=80,
)
