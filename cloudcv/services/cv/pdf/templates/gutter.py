"""``gutter``: section headings in a gutter on the left, their content beside them.

Airy and calm: the name, headline and facts at the content's edge; every heading in
accent capitals right-aligned in a 38 mm gutter, level with the first line of its
section; a hairline across the page between sections. Skills and languages in a grid.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import accent_style, compact_grid
from ..canvas import Ctx
from ..colour import RULE, readable
from ..decor import aligned_rows, finish, header_rows, height, titled_sections
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row

GUTTER = 38.0  # mm from the left margin to the content
ROOM = 6.0  # mm between a heading and its content


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in the content column, the headings in the gutter."""
    c, doc = ctx.c, ctx.doc
    left = right = ctx.margin(18.0)
    w = PAGE_W - left - right - GUTTER
    s = replace(accent_style(ctx), heading=ctx.type("B", 8.8, 4.4, readable(ctx.accent)), rule=None,
                org_color=ctx.body, section_gap=11.0, entry_gap=4.6)
    flow = Flow(left + GUTTER, ctx.margin(20.0), ctx.bottom())

    rows = header_rows(c, doc, w, ctx.type("B", 24, 10.0, ctx.ink), ctx.type("", 12, 6.2, ctx.muted),
                       ctx.type("", 8.5, 4.4, ctx.muted))

    def block(text: str, content: list[Row], first: bool) -> list[Row]:
        t, text = s.heading, c.line(text).upper()
        wide = c.width(text, t.style, t.size)
        if wide > GUTTER - ROOM:  # a long heading is set smaller to stay on one line, down to 72 %
            t = replace(t, size=max(t.size * (GUTTER - ROOM) / wide, t.size * 0.72))
        lines = c.wrap(text, GUTTER - ROOM, t.style, t.size)
        head = aligned_rows(c, lines, t, GUTTER - ROOM, align="R")
        gap = s.section_gap + (1.0 if first else 0.0)
        offset = content[0].gap  # level with the content's first line

        def draw(x: float, y: float) -> None:
            if y > flow.top + 0.01:  # a hairline between sections, none on top of a page
                c.hline(x - GUTTER, y - gap / 2, w + GUTTER, RULE, 0.25)
            for n, row in enumerate(head):
                if row.draw is not None:
                    row.draw(x - GUTTER, y + offset + n * t.lh + (s.title.lh - t.lh) / 2)

        made = [Row(0.0, draw, keep=True, gap=gap), *content]
        short = len(lines) * t.lh - height(content)
        if short > 0:  # a heading taller than its section
            content[-1].keep = True
            made.append(Row(short))
        return made

    rows += titled_sections(c, doc.sections, w, s, compact_grid, block)
    finish(ctx, flow, rows, left, right)


TEMPLATE = Template(
    name="gutter",
    labels={"nl": "Kantlijn", "en": "Margin headings"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=90,
)
