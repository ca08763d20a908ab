"""``compact``: small type and tight spacing, made to fit a CV on one page.

The name with the headline beside it, the facts on one or two lines under them and an
accent rule; headings in accent capitals; every entry's period in a narrow column on the
left, the title and organisation on one line right of it, the description below. Skills
and languages as one flowing line.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, Style, compact_inline, entry_rows, header_facts, heading_rows
from ..canvas import Ctx, baseline
from ..colour import WHITE, mix, readable
from ..decor import described, finish, period_column_rows, stacked, titled_sections
from ..document import Item
from ..engine import PAGE_W
from ..registry import Template
from ..rows import Flow, Row, join, packed_rows, text_rows

PERIOD_COLUMN = 28.0  # mm


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in one tight column."""
    c, doc = ctx.c, ctx.doc
    left = right = ctx.margin(15.0)
    w = PAGE_W - left - right
    text_accent = readable(ctx.accent)
    s = Style(
        heading=ctx.type("B", 9.0, 4.8, text_accent),
        title=ctx.type("B", 9.0, 4.3, ctx.ink),
        meta=ctx.type("", 8.5, 4.1, ctx.muted),
        period=ctx.type("", 7.5, 3.6, ctx.muted),
        body=ctx.type("", 8.5, 3.95, ctx.body),
        rule=mix(ctx.accent, WHITE, 0.75),
        org_color=ctx.muted,
        period_right=False,
        section_gap=4.6,
        entry_gap=2.6,
        heading_h=6.4,
    )

    # Header: the name with the headline beside it when both fit, then the facts.
    name_t, head_t = ctx.type("B", 17, 7.6, ctx.ink), ctx.type("", 10.5, 5.2, text_accent)
    name, headline = c.line(doc.name), c.line(doc.headline)
    beside = 5.0 + c.width(name, name_t.style, name_t.size)
    if name and headline and beside + c.width(headline, head_t.style, head_t.size) <= w:
        def draw_name(x: float, y: float) -> None:
            c.put(x, y, name_t.lh, name, name_t.style, name_t.size, name_t.color)
            c.font(head_t.style, head_t.size, head_t.color)  # on the name's baseline
            c.at_baseline(x + beside, baseline(y, name_t.lh, name_t.size), headline)

        rows = [Row(name_t.lh, draw_name)]
    else:
        rows = text_rows(c, name, w, name_t, max_lines=2)
        rows += text_rows(c, headline, w, head_t, max_lines=2)
    facts = header_facts(c, doc.contact, labelled=False) + header_facts(c, doc.personal, labelled=True)
    rows += packed_rows(c, facts, "  ·  ", w, ctx.type("", 8.3, 4.1, ctx.body), gap=1.2, max_lines=FACT_LINES)
    if rows:
        rows.append(Row(2.4, lambda x, y: c.hline(x, y + 1.8, w, ctx.accent, 0.5)))

    def heading(text: str, first: bool) -> list[Row]:
        return heading_rows(c, c.line(text).upper(), w, s, gap=4.0 if first else s.section_gap)

    def head(item: Item, width: float, gap: float) -> list[Row]:
        """Title and organisation on one line when they fit, else the shared entry."""
        title = c.line(item.title)
        where = join([join([c.line(item.organisation), c.line(item.location)], ", "), c.line(item.level)], " · ")
        title_w = c.width(title, s.title.style, s.title.size)
        if not (title and where) or title_w + c.width("  ·  " + where, s.meta.style, s.meta.size) > width:
            return entry_rows(c, item, width, s, gap)
        t, m = s.title, s.meta

        def draw(x: float, y: float) -> None:
            c.put(x, y, t.lh, title, t.style, t.size, t.color)
            c.put(x + title_w, y, t.lh, "  ·  " + where, m.style, m.size, m.color)

        return described(c, [Row(t.lh, draw)], item.description, width, s, gap, body_gap=0.9)

    def entry(item: Item, width: float, gap: float) -> list[Row]:
        return period_column_rows(c, item, head, width, gap, PERIOD_COLUMN, s.period, s.title)

    rows += titled_sections(c, doc.sections, w, s, compact_inline, stacked(heading), entry)
    finish(ctx, Flow(left, ctx.margin(14.0), ctx.bottom()), rows, left, right)


TEMPLATE = Template(
    name="compact",
    labels={"nl": "Compact (één pagina)", "en": "Compact (one page)"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=50,
)
