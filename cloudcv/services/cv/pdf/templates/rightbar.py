"""``rightbar``: the main column on the left (name, headline, profile, work, education,
other and custom sections), a narrower column on the right (photo, contact, personal
facts, skills, languages), a thin accent rule between them instead of a tint.

Both columns flow over pages: each page gets the main column first, then the right one
(so text extracts in reading order), and a right column longer than the main one adds
pages. Skills and languages stay in the user's order within the right column.
"""

from __future__ import annotations

from dataclasses import replace

from ..blocks import Style, footer_drawer, heading_rows
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..document import Item
from ..engine import PAGE_W
from ..panels import column_rows, fact_rows
from ..registry import Template
from ..rows import Flow, Row, keep_lines, line_rows, text_rows

RIGHT_KEYS = ("skills", "languages")


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in the main column and the right column, page after page."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left, right, top = ctx.margin(16.0), ctx.margin(14.0), ctx.margin(18.0)
    bottom = ctx.bottom()
    side_w, gutter = 50.0, 10.0
    sx = PAGE_W - right - side_w
    w = sx - gutter - left
    text_accent = readable(accent)
    main = Style(
        heading=ctx.type("B", 12.0, 6.4, ctx.ink),
        title=ctx.type("B", 10.5, 5.2, ctx.ink),
        meta=ctx.type("", 9.0, 4.7, ctx.muted),
        period=ctx.type("", 9.0, 4.7, ctx.muted),
        body=ctx.type("", 9.5, 4.6, ctx.body),
        rule=accent,
        org_color=ctx.muted,
        period_right=False,
        section_gap=7.5,
        heading_h=6.4 * ctx.leading + 2.4,  # room for the rule, grown with the heading's line
    )
    side = replace(
        main,
        heading=ctx.type("B", 8.5, 5.0, text_accent),
        title=ctx.type("B", 9.0, 4.5, ctx.ink),
        body=ctx.type("", 8.6, 4.2, ctx.ink),
        period=ctx.type("", 7.8, 3.8, ctx.muted),
        meta=ctx.type("", 7.8, 3.8, ctx.muted),
        rule=mix(accent, WHITE, 0.6),
        section_gap=8.0,
        entry_gap=2.4,
        heading_h=5.0 * ctx.leading + 2.0,
    )

    def stacked(c, items: list[Item], w: float, s: Style, gap: float) -> list[Row]:
        """Skills and languages one under another, each level in small muted type below."""
        rows: list[Row] = []
        for item in items:
            block = line_rows(c, c.wrap(c.line(item.title), w, s.body.style, s.body.size), s.body)
            block += line_rows(c, c.wrap(c.line(item.level), w, s.period.style, s.period.size), s.period)
            if block:
                keep_lines(block)
                block[0].gap = 1.6 if rows else gap
                rows += block
        if len(items) <= 8:  # a short list moves to the next page whole
            for r in rows[:-1]:
                r.keep = True
        return rows

    # The right column: photo, contact, personal facts, then skills and languages.
    column: list[Row] = []
    photo_size = c.photo_size(doc.photo)
    if photo_size and doc.photo:
        photo, pw, ph = doc.photo, 38.0, 38.0 * 4 / 3
        column.append(Row(ph + 1.0, lambda x, y: c.photo(photo, photo_size, x, y, pw, ph)))
    label_t = ctx.type("", 7.5, 3.6, ctx.muted)
    value_t = ctx.type("", 8.6, 4.2, ctx.ink)
    for heading, facts in ((doc.contact_heading, doc.contact), (doc.personal_heading, doc.personal)):
        body = fact_rows(c, facts, side_w, label_t, value_t)
        if body:
            head = heading_rows(c, heading.upper(), side_w, side, gap=side.section_gap)
            head[-1].keep = True
            column += head + body
    right_sections = [replace(sec, heading=sec.heading.upper()) for sec in doc.sections if sec.key in RIGHT_KEYS]
    column += column_rows(c, right_sections, side_w, side, stacked, first_gap=None)
    if column:
        column[0].gap = 0.0

    # The main column: name, headline, then every other section in order.
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, ctx.type("B", 24, 10.0, ctx.ink), max_lines=3)
    rows += text_rows(c, c.line(doc.headline), w, ctx.type("", 12, 6.2, text_accent), gap=0.8, max_lines=4)
    rows += column_rows(c, [sec for sec in doc.sections if sec.key not in RIGHT_KEYS], w, main, None, first_gap=None)

    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    flows = (Flow(left, top, bottom), Flow(sx, top, bottom))
    flows[0].rows, flows[1].rows = rows, column
    while True:
        c.pdf.set_draw_color(*mix(accent, WHITE, 0.35))
        c.pdf.set_line_width(0.3)
        c.pdf.line(sx - gutter / 2, top, sx - gutter / 2, bottom)
        done = [flow.fill() for flow in flows]  # the main column first: reading order
        if all(done):
            break
        pdf.add_page()
        for flow in flows:
            flow.new_page()


TEMPLATE = Template(
    name="rightbar",
    labels={"nl": "Kolom rechts met foto", "en": "Right column with photo"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=2,
    order=110,
)
