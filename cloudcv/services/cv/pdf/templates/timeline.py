"""``timeline``: the career as a vertical timeline.

A header with the name, headline and facts, the photo on the right. Below it a thin
accent line runs down every page; each section heading is a ring on it and each entry a
dot, the periods right-aligned left of the line, the entries right of it. Skills and
languages in a two-column grid beside the line.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import accent_style, compact_grid, entry_rows, heading_rows
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..decor import finish, header_rows, height, period_column_rows, shifted, stacked, titled_sections
from ..document import Item
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row

RAIL = 32.0  # mm from the left margin to the line
COLUMN = 37.5  # mm from the left margin to the entries


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the header, then every section along the timeline."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(18.0)
    w = PAGE_W - left - right
    text_accent = readable(accent)
    line_colour = mix(accent, WHITE, 0.45)
    s = replace(accent_style(ctx), rule=None, heading=ctx.type("B", 11.5, 6.0, text_accent),
                period=ctx.type("", 7.8, 3.9, ctx.muted), heading_h=7.6, section_gap=6.5)

    # Header: name, headline and facts; the photo on the right.
    photo_size = c.photo_size(doc.photo)
    ph_w, ph_h = 29.0, 36.0
    hw = w - (ph_w + 8 if photo_size else 0)
    rows = header_rows(c, doc, hw, ctx.type("B", 24, 10.0, ctx.ink), ctx.type("", 12, 6.2, text_accent),
                       ctx.type("", 8.5, 4.4, ctx.muted))
    if photo_size and doc.photo:
        photo = doc.photo
        rows.insert(0, Row(0.0, lambda x, y: c.photo(photo, photo_size, x + w - ph_w, y, ph_w, ph_h)))
        text_h = height(rows[1:])
        if text_h < ph_h:
            rows.append(Row(ph_h - text_h))
    header = Flow(left, ctx.margin(17.0), ctx.bottom())  # capped: always fits on page 1
    header.rows = rows
    header.fill()
    back = RAIL - COLUMN  # where the line is, from the entries' left edge

    def ring(x: float, y: float) -> None:
        pdf.set_fill_color(*accent)
        pdf.circle(x + back, y + s.heading.lh / 2, 1.9, style="F")
        pdf.set_fill_color(*WHITE)
        pdf.circle(x + back, y + s.heading.lh / 2, 0.9, style="F")

    def dot(x: float, y: float) -> None:  # x: the period column's left edge
        pdf.set_fill_color(*accent)
        pdf.circle(x + RAIL, y + s.title.lh / 2, 1.05, style="F")

    def heading(text: str, first: bool) -> list[Row]:
        head = heading_rows(c, text, bw, s, gap=0.0 if first else s.section_gap)
        if head and head[0].draw is not None:
            draw = head[0].draw

            def with_ring(x: float, y: float) -> None:
                ring(x, y)
                draw(x, y)

            head[0].draw = with_ring
        return head

    def entry(item: Item, width: float, gap: float) -> list[Row]:
        rows = period_column_rows(c, item, lambda i, wd, g: entry_rows(c, i, wd, s, g), width + COLUMN, gap,
                                  COLUMN, s.period, s.title, right=RAIL - 3.5, mark=dot)
        return shifted(rows, -COLUMN)

    bw = w - COLUMN
    body = titled_sections(c, doc.sections, bw, s, compact_grid, stacked(heading), entry)
    flow = Flow(left + COLUMN, header.y + (9.0 if rows else 0.0), ctx.bottom(), next_top=ctx.margin(17.0))
    for row in body:  # the line, drawn slice by slice so that it runs on over the pages
        draw, gap, h, first = row.draw, row.gap, row.h, row is body[0]

        def railed(x: float, y: float, draw=draw, gap=gap, h=h, first=first) -> None:
            top = y + h / 2 if first else max(y - gap, flow.top)
            c.pdf.set_draw_color(*line_colour)
            c.pdf.set_line_width(0.35)
            c.pdf.line(x + back, top, x + back, y + h)
            if draw is not None:
                draw(x, y)

        row.draw = railed
    finish(ctx, flow, body, left, right)


TEMPLATE = Template(
    name="timeline",
    labels={"nl": "Tijdlijn", "en": "Timeline"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=1,
    order=60,
)
