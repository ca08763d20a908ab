"""``classic``: a classic serif CV in black and grey, everything on one centre line.

The name large and centred, the headline and the facts centred under it;
section headings centred in spaced capitals between two thin rules; entries with the
title in bold, the period right-aligned beside it and the organisation in italics under it.
Skills and languages as one flowing line. Designed in DejaVu Serif.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import Style, compact_inline, entry_rows
from ..canvas import Ctx, TypeSpec
from ..colour import RULE
from ..decor import described, finish, header_rows, spaced_caps_rows, stacked, titled_sections
from ..document import Item
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row, join, line_rows



def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the centred header, then every section in one column."""
    c, doc = ctx.c, ctx.doc
    left = right = ctx.margin(22.0)
    w = PAGE_W - left - right
    s = Style(
        heading=ctx.type("B", 9.5, 5.0, ctx.ink),
        title=ctx.type("B", 10.5, 5.2, ctx.ink),
        meta=ctx.type("", 9.5, 4.8, ctx.body),
        period=ctx.type("", 9.0, 5.2, ctx.muted),
        body=ctx.type("", 9.5, 4.7, ctx.body),
        rule=RULE,
        org_color=ctx.body,
        period_right=True,
        section_gap=7.5,
        entry_gap=4.4,
    )
    rows = header_rows(c, doc, w, ctx.type("", 26, 11.0, ctx.ink), ctx.type("", 11.5, 6.0, ctx.muted),
                       ctx.type("", 8.8, 4.5, ctx.body), align="C", sep="   ·   ")
    def heading(text: str, first: bool) -> list[Row]:
        lines = spaced_caps_rows(c, text, w, s.heading, align="C", tracking=0.09)
        if not lines:
            return []
        above = Row(1.9, lambda x, y: c.hline(x, y, w, RULE, 0.3), gap=7.0 if first else s.section_gap)
        below = Row(3.6, lambda x, y: c.hline(x, y + 1.0, w, RULE, 0.3))
        return [above, *lines, below]

    meta = s.meta

    def entry(item: Item, width: float, gap: float) -> list[Row]:
        head = entry_rows(c, replace(item, organisation="", location="", level="", description=""), width, s, gap)
        org = join([c.line(item.organisation), c.line(item.location)], ", ")
        org = join([org, c.line(item.level)], "  ·  ")
        italic = TypeSpec("I", meta.size, meta.lh, meta.color)
        head += line_rows(c, c.wrap(org, width, italic.style, italic.size), italic)
        return described(c, head, item.description, width, s, gap)

    rows += titled_sections(c, doc.sections, w, s, compact_inline, stacked(heading), entry)
    finish(ctx, Flow(left, ctx.margin(20.0), ctx.bottom()), rows, left, right)


TEMPLATE = Template(
    name="classic",
    labels={"nl": "Klassiek", "en": "Classic"},
    build=build,
    supports_photo=False,
    supports_accent=False,
    columns=1,
    order=40,
    font="dejavu_serif",
)
