"""``elegant``: one serif column with generous margins. The name centred in spaced
capitals, section headings centred between thin ornamental accent rules, organisations in
italics with the location and period muted on the line under the title.

The accent is used sparingly: the rules and their diamonds only.
Skills and languages in a two-column grid.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, Style, compact_grid, footer_drawer, header_facts, is_compact
from ..canvas import Ctx
from ..colour import readable
from ..document import Item, Section
from ..engine import PAGE_W
from ..panels import capped, heading_block, spaced, spaced_width, starts_page
from ..registry import Template
from ..rows import Flow, Row, TypeSpec, description_rows, join, line_rows, pack, run_flow

TRACKING = 0.06  # letter spacing of the name and the headings, a fraction of their size


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the centred header, then every section in one column."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(25.0)
    top, bottom = ctx.margin(22.0), ctx.bottom()
    w = PAGE_W - left - right
    s = Style(
        heading=ctx.type("", 10.5, 6.0, ctx.ink),
        title=ctx.type("B", 10.5, 5.2, ctx.ink),
        meta=ctx.type("", 9.3, 4.8, ctx.muted),
        period=ctx.type("", 9.0, 4.8, ctx.muted),
        body=ctx.type("", 10.0, 4.8, ctx.body),
        rule=None,
        org_color=ctx.body,
        period_right=False,
        section_gap=9.0,
        entry_gap=4.6,
    )

    def centred(lines: list[str], t: TypeSpec, tracking: float = 0.0, gap: float = 0.0) -> list[Row]:
        def row(line: str) -> Row:
            lw = spaced_width(c, line, t, tracking)
            return Row(t.lh, lambda x, y: spaced(c, x + (w - lw) / 2, y, line, t, tracking))

        rows = [row(line) for line in lines]
        if rows:
            rows[0].gap = gap
        return rows

    def slanted(x: float, y: float, lh: float, text: str, t: TypeSpec) -> None:
        c.put(x, y, lh, text, t.style, t.size, t.color)

    rule = readable(accent, ratio=3.0)  # a light accent still shows (3:1, as for graphics)

    def ornament(x: float, y: float, h: float, widths: list[float]) -> None:
        mid, half, d = y + s.heading.lh / 2, widths[0] / 2 + 5.0, 1.1
        cx = x + w / 2
        pdf.set_draw_color(*rule)
        pdf.set_fill_color(*rule)
        pdf.set_line_width(0.25)
        for sign in (-1, 1):
            inner = cx + sign * half
            if abs(inner - cx) + 12 < w / 2:
                pdf.line(inner + sign * 2.2 * d, mid, cx + sign * w / 2, mid)
                pdf.polygon([(inner - d, mid), (inner, mid - d), (inner + d, mid), (inner, mid + d)], style="F")

    def entry(item: Item, gap: float) -> list[Row]:
        """Title; organisation slanted, location and period muted under it; description."""
        head = line_rows(c, c.wrap(c.line(item.title), w, s.title.style, s.title.size), s.title)
        org = c.line(item.organisation)
        rest = join([c.line(item.location), c.line(item.period), c.line(item.level)], "  ·  ")
        org_t = TypeSpec("I", s.meta.size, s.meta.lh, s.org_color)
        org_w = c.width(org, org_t.style, org_t.size)
        if org and org_w + c.width("  ·  " + rest, s.meta.style, s.meta.size) <= w:
            def meta(x: float, y: float) -> None:
                slanted(x, y, s.meta.lh, org, org_t)
                c.put(x + org_w, y, s.meta.lh, "  ·  " + rest if rest else "", s.meta.style, s.meta.size, s.meta.color)

            head.append(Row(s.meta.lh, meta))
        else:
            for line in c.wrap(org, w - 2.0, org_t.style, org_t.size):
                head.append(Row(org_t.lh, lambda x, y, line=line: slanted(x, y, org_t.lh, line, org_t)))
            head += line_rows(c, c.wrap(rest, w, s.meta.style, s.meta.size), s.meta)
        for r in head:
            r.keep = True
        body = description_rows(c, item.description, w, s.body, gap=1.6)
        if not body and head:
            head[-1].keep = False
        rows = head + body
        if rows:
            rows[0].gap = gap
        return rows

    def section_rows(section: Section) -> list[Row]:
        content = description_rows(c, section.text, w, s.body, gap=0.0) if section.text else []
        items = [i for i in section.items if c.line(i.title) or c.line(i.organisation) or c.text(i.description)]
        if items and is_compact(section):
            content += compact_grid(c, items, w, s, gap=1.5 if content else 0.0)
        else:
            for item in items:
                content += entry(item, s.entry_gap if content else 0.0)
        if not content:
            return []
        return starts_page(heading_block(c, section.heading.upper(), w, s.heading, gap=s.section_gap,
                                         mark=ornament, centre=True, pad=(0.0, 2.6), tracking=TRACKING) + content,
                           section)

    # The header: name in spaced capitals, headline, the facts, all centred.
    name_t = ctx.type("", 24, 10.4, ctx.ink)
    rows = centred(capped(c, c.line(doc.name).upper(), w / (1 + 2 * TRACKING), name_t, 2), name_t, TRACKING)
    head_t = ctx.type("", 11.5, 6.0, readable(ctx.muted))
    rows += centred(capped(c, c.line(doc.headline), w, head_t, 3), head_t, gap=1.2)
    fact_t = ctx.type("", 9.0, 4.7, ctx.body)
    for facts, labelled, gap in ((doc.contact, False, 3.2), (doc.personal, True, 0.4)):
        lines = pack(c, header_facts(c, facts, labelled), "   ·   ", w, fact_t)
        rows += centred(capped(c, "", w, fact_t, FACT_LINES, lines), fact_t, gap=gap)
    for section in doc.sections:
        rows += section_rows(section)

    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, Flow(left, top, bottom), rows)


TEMPLATE = Template(
    name="elegant",
    labels={"nl": "Elegant", "en": "Elegant"},
    build=build,
    supports_photo=False,
    supports_accent=True,
    columns=1,
    order=140,
    font="liberation_serif",
)
