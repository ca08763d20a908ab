"""``split``: a header in two halves (name and headline on white at the left; contact and
personal facts as a key/value table in a tinted accent block at the right, bleeding to the
page's top and right edges), then one column in which every entry's period sits
right-aligned on its title line and every section heading follows an accent square.

Later pages repeat a sliver of the tinted block at the top right. Skills and languages as
one flowing line each.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, Style, compact_inline, footer_drawer
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..engine import PAGE_H, PAGE_W, CVPdf
from ..panels import column_rows, fact_rows, heading_block, label_width, place, rows_height
from ..registry import Template
from ..rows import Flow, Row, run_flow, text_rows

MARK = 2.8  # the heading's square (mm)
TINT = 0.86  # the accent-tinted surface text sits on (share of white; Template.tint)


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the split header on page 1, then every section in one column."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(18.0)
    bottom = ctx.bottom()
    w = PAGE_W - left - right
    tint = mix(accent, WHITE, TINT)
    s = Style(
        heading=ctx.type("B", 11.5, 6.0, ctx.ink),
        title=ctx.type("B", 10.5, 5.2, ctx.ink),
        meta=ctx.type("", 9.0, 4.7, ctx.muted),
        period=ctx.type("", 8.8, 5.2, readable(accent)),
        body=ctx.type("", 9.5, 4.6, ctx.body),
        rule=None,
        org_color=ctx.body,
        period_right=True,
        section_gap=7.5,
    )

    # The tinted block: the facts, two tables under each other.
    bx = PAGE_W * 0.55
    fx, pad = bx + 8.0, 11.0
    fw = PAGE_W - fx - min(right, 12.0)  # the block bleeds: its text may come nearer the edge
    label_t = ctx.type("", 7.8, 4.4, readable(ctx.muted, on=tint))
    value_t = ctx.type("", 8.6, 4.4, readable(ctx.ink, on=tint))
    label_w = label_width(c, doc.contact + doc.personal, label_t, fw * 0.42)  # one column for both
    facts: list[Row] = []
    for group in (doc.contact, doc.personal):
        table = fact_rows(c, group, fw, label_t, value_t, label_w, gap=0.8, max_lines=FACT_LINES)
        if table and facts:
            table[0].gap = 3.2
        facts += table
    room = int((PAGE_H - 2 * pad - 24.0) / value_t.lh)  # the block stays on page 1
    if len(facts) > room:  # only values far beyond the editor's limits: cut, visibly
        facts = facts[: room - 1] + [Row(value_t.lh, lambda x, y: c.put(
            x + label_w, y, value_t.lh, "…", value_t.style, value_t.size, value_t.color))]

    # The white half: name and headline, centred on the block's height.
    nw = bx - 10.0 - left
    head: list[Row] = []
    head += text_rows(c, c.line(doc.name), nw, ctx.type("B", 25, 10.4, ctx.ink), max_lines=3)
    head += text_rows(c, c.line(doc.headline), nw, ctx.type("", 12.5, 6.4, readable(accent)), gap=1.0,
                      max_lines=4)
    block_h = max(rows_height(facts), rows_height(head)) + 2 * pad
    if facts:
        c.fill_rect(bx, 0, PAGE_W - bx, block_h, tint)
    place(head, left, (block_h - rows_height(head)) / 2)  # the name first: reading order
    place(facts, fx, (block_h - rows_height(facts)) / 2)

    marker = readable(accent, ratio=3.0)

    def square(x: float, y: float, h: float, widths: list[float]) -> None:
        c.fill_rect(x, y + (s.heading.lh - MARK) / 2, MARK, MARK, marker)

    def heading(text: str) -> list[Row]:
        return heading_block(c, text, w, s.heading, gap=s.section_gap, mark=square, dx=MARK + 2.8,
                             pad=(0.0, 1.6))

    rows = column_rows(c, doc.sections, w, s, compact_inline, heading)

    def continuation(pdf: CVPdf) -> None:
        c.fill_rect(bx, 0, PAGE_W - bx, 6.0, tint)

    pdf.on_page = continuation
    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, Flow(left, block_h + 10.0, bottom, next_top=ctx.margin(18.0)), rows)


TEMPLATE = Template(
    tint=TINT,
    name="split",
    labels={"nl": "Gesplitste kop", "en": "Split header"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=150,
)
