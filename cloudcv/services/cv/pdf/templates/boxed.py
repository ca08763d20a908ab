"""``boxed``: every section in a light card (the accent at ~94 % white) with a 4 mm accent
bar down its left side and its heading inside; name, headline and facts above the cards.

Every row of a card draws its own slice of the card's background, so a card that
continues on the next page continues its background there (with a little padding at the
cut). Skills and languages in a two-column grid.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, Style, compact_grid, footer_drawer, header_facts
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..engine import PAGE_W
from ..panels import column_rows, heading_block, place
from ..registry import Template
from ..rows import Flow, Row, packed_rows, run_flow, text_rows

BAR = 4.0  # the accent bar (mm)
INSET = 6.0  # text from the bar and from the card's right edge
PAD = 4.5  # space above the heading and below the last line inside a card
TINT = 0.94  # the accent-tinted surface text sits on (share of white; Template.tint)


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the header, then one card per section, page after page."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(16.0)
    top, bottom = ctx.margin(18.0), ctx.bottom()
    card = mix(accent, WHITE, TINT)
    tx = left + BAR + INSET  # the text column inside the cards
    w = PAGE_W - right - INSET - tx
    on_card = readable(accent, on=card)
    s = Style(
        heading=ctx.type("B", 11.5, 6.0, on_card),
        title=ctx.type("B", 10.2, 5.1, ctx.ink),
        meta=ctx.type("", 9.0, 4.6, readable(ctx.muted, on=card)),
        period=ctx.type("", 8.6, 5.1, readable(ctx.muted, on=card)),
        body=ctx.type("", 9.5, 4.6, ctx.body),
        rule=None,
        org_color=on_card,
        period_right=True,
        entry_gap=4.0,
    )
    flow = Flow(tx, top, bottom, next_top=top + PAD)

    def background(row: Row, below: float = 3.0, opens: bool = False) -> Row:
        """``row`` drawing the card behind it: its gap (or a padding when it continues the
        card at the top of a page) and ``below`` under it (padding where the page ends; the
        next row paints over it)."""
        draw = row.draw
        gap, h = row.gap, row.h

        def slice_(x: float, y: float) -> None:
            above = 0.0 if opens else PAD if y <= flow.top + 0.01 else gap
            c.fill_rect(x - INSET - BAR, y - above, BAR, above + h + below, accent)
            c.fill_rect(x - INSET, y - above, w + 2 * INSET, above + h + below, card)
            if draw is not None:
                draw(x, y)

        row.draw = slice_
        return row

    def heading(text: str) -> list[Row]:
        return heading_block(c, text, w, s.heading, gap=0.0, pad=(0.0, 1.2))

    def card_rows(section_rows: list[Row]) -> list[Row]:
        section_rows[0].gap = 0.0
        section_rows[-1].keep = True
        opening = background(Row(PAD, keep=True, gap=5.0), opens=True)
        closing = background(Row(PAD), below=0.0)
        return [opening, *(background(r) for r in section_rows), closing]

    # The header above the cards, flush with their left edge: one block on page 1.
    hw = PAGE_W - left - right
    head: list[Row] = []
    head += text_rows(c, c.line(doc.name), hw, ctx.type("B", 23, 9.6, ctx.ink), max_lines=3)
    head += text_rows(c, c.line(doc.headline), hw, ctx.type("", 12, 6.2, readable(accent)), gap=0.6, max_lines=4)
    fact_t = ctx.type("", 8.8, 4.5, ctx.body)
    head += packed_rows(c, header_facts(c, doc.contact, labelled=False), "  ·  ", hw, fact_t, gap=2.8, max_lines=FACT_LINES)
    head += packed_rows(c, header_facts(c, doc.personal, labelled=True), "  ·  ", hw, fact_t, gap=0.6, max_lines=FACT_LINES)
    flow.top = flow.y = place(head, left, top) + (6.0 if head else 0.0)
    rows = column_rows(c, doc.sections, w, s, compact_grid, heading, wrap=card_rows, first_gap=None)
    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, flow, rows)


TEMPLATE = Template(
    tint=TINT,
    name="boxed",
    labels={"nl": "Kaarten", "en": "Cards"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=120,
)
