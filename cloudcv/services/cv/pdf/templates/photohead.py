"""``photohead``: the photo centred at the top, the person first.

The photo in a thin accent frame, the name, headline and facts centred under it and a
short accent bar; then every section in one column, each heading in the accent colour
with a hairline running on to the right margin. Skills and languages in a two-column grid.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import accent_style, compact_grid
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..decor import finish, header_rows, stacked, titled_sections
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row, line_rows


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the photo header, then every section in one column."""
    c, doc, accent = ctx.c, ctx.doc, ctx.accent
    left = right = ctx.margin(20.0)
    w = PAGE_W - left - right
    text_accent = readable(accent)
    hairline = mix(accent, WHITE, 0.65)
    s = replace(accent_style(ctx), rule=None, org_color=ctx.body, heading_h=7.4, section_gap=6.5)

    rows: list[Row] = []
    photo_size = c.photo_size(doc.photo)
    if photo_size and doc.photo:
        photo, ph_w, ph_h = doc.photo, 31.0, 36.0

        def draw_photo(x: float, y: float) -> None:
            px = x + (w - ph_w) / 2
            c.fill_rect(px - 1.0, y - 1.0, ph_w + 2.0, ph_h + 2.0, accent)
            c.photo(photo, photo_size, px, y, ph_w, ph_h)

        rows.append(Row(ph_h + 5.5, draw_photo))
    rows += header_rows(c, doc, w, ctx.type("B", 22, 9.6, ctx.ink), ctx.type("", 12, 6.2, text_accent),
                        ctx.type("", 8.5, 4.4, ctx.muted), align="C", facts_gap=2.6)
    rows.append(Row(6.0, lambda x, y: c.fill_rect(x + (w - 22) / 2, y + 3.2, 22, 0.8, accent)))

    def heading(text: str, first: bool) -> list[Row]:
        t = s.heading
        lines = c.wrap(c.line(text), w - 24, t.style, t.size)
        head = line_rows(c, lines, t)
        if not head:
            return []
        last, end = head[-1].draw, c.width(lines[-1], t.style, t.size)
        assert last is not None

        def with_line(x: float, y: float) -> None:
            last(x, y)
            c.hline(x + end + 3.0, y + t.lh * 0.5, w - end - 3.0, hairline, 0.3)

        head[-1].draw = with_line
        head[-1].h += s.heading_h - t.lh
        head[0].gap = 3.0 if first else s.section_gap
        return head

    rows += titled_sections(c, doc.sections, w, s, compact_grid, stacked(heading))
    finish(ctx, Flow(left, ctx.margin(16.0), ctx.bottom()), rows, left, right)


TEMPLATE = Template(
    name="photohead",
    labels={"nl": "Foto bovenaan", "en": "Photo on top"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=1,
    order=70,
)
