"""``sidebar``: a tinted left column (photo, contact, personal facts, skills, languages)
next to the main column (name, headline, the other sections).

Both columns flow on their own; the sidebar's tint and its continuation are drawn on
every page (``pdf.on_page``), and a sidebar longer than the main column adds pages.
"""

from __future__ import annotations

from ..blocks import accent_style, compact_grid, footer_drawer, section_rows
from ..canvas import Ctx
from ..colour import WHITE, mix, readable
from ..document import Fact, Section
from ..engine import PAGE_H, PAGE_W, CVPdf
from ..registry import Template
from ..rows import Flow, Row, description_rows, join, keep_lines, line_rows, run_flow, text_rows

SIDEBAR_KEYS = ("skills", "languages")
TINT = 0.9  # the accent-tinted surface text sits on (share of white; Template.tint)


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc`` in the sidebar and the main column, page after page."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    side_w = 62.0
    side_pad = 9.0
    sx, sw = side_pad, side_w - 2 * side_pad
    left, right, top = side_w + 10.0, ctx.margin(16.0), ctx.margin(17.0)
    bottom = ctx.bottom()
    w = PAGE_W - left - right
    tint = mix(accent, WHITE, TINT)
    text_accent = readable(accent)
    side_accent = readable(accent, on=tint)
    s = accent_style(ctx)

    # Sidebar: photo, contact, personal facts, skills, languages.
    side: list[Row] = []
    photo_size = c.photo_size(doc.photo)
    if photo_size and doc.photo:
        pw_, ph_ = 38.0, 38.0 * 4 / 3
        photo = doc.photo

        def draw_photo(x: float, y: float) -> None:
            c.photo(photo, photo_size, (side_w - pw_) / 2, y, pw_, ph_)

        side.append(Row(ph_ + 2, draw_photo))
    side_head = ctx.type("B", 8.5, 5.0, side_accent)
    label_t = ctx.type("", 7.5, 3.6, ctx.muted)
    value_t = ctx.type("", 8.5, 4.2, ctx.ink)
    item_t = ctx.type("", 8.8, 4.3, ctx.ink)
    level_t = ctx.type("", 7.8, 3.8, ctx.muted)

    def side_heading(text: str) -> list[Row]:
        rows = line_rows(c, c.wrap(c.line(text).upper(), sw, side_head.style, side_head.size), side_head)
        if not rows:
            return []
        last = rows[-1]
        draw_text = last.draw
        assert draw_text is not None

        def draw(x: float, y: float) -> None:
            draw_text(x, y)
            c.fill_rect(x, y + side_head.lh + 0.35, 8, 0.5, side_accent)

        last.draw = draw
        last.h += 2.6
        for r in rows:
            r.keep = True
        rows[0].gap = 8.0 if side else 0
        return rows

    def fact_rows(heading: str, facts: tuple[Fact, ...]) -> list[Row]:
        body: list[Row] = []
        for f in facts:
            label, value = c.line(f.label), c.line(f.value)
            if not value:
                continue
            lab = line_rows(c, c.wrap(label, sw, label_t.style, label_t.size), label_t)
            val = line_rows(c, c.wrap(value, sw, value_t.style, value_t.size), value_t)
            for r in lab:
                r.keep = True
            block = lab + keep_lines(val)
            block[0].gap = 2.2 if body else 0
            body += block
        return side_heading(heading) + body if body else []

    def item_rows(section: Section) -> list[Row]:
        body: list[Row] = []
        if section.text:
            body += description_rows(c, section.text, sw, ctx.type("", 8.5, 4.2, ctx.ink), gap=0)
        for item in section.items:
            title, level = c.line(item.title), c.line(item.level)
            extra = join([c.line(item.organisation), c.line(item.period)], " · ")
            sub = join([level, extra], " · ")
            sub_w = c.width(sub, level_t.style, level_t.size) if sub else 0.0
            if title and sub and c.width(title, item_t.style, item_t.size) + 3 + sub_w <= sw:

                def draw_item(x: float, y: float, title=title, sub=sub) -> None:
                    c.put(x, y, item_t.lh, title, item_t.style, item_t.size, item_t.color)
                    c.put_right(x + sw, y, item_t.lh, sub, level_t.style, level_t.size, level_t.color)

                lines = [Row(item_t.lh, draw_item)]
            else:
                lines = line_rows(c, c.wrap(title, sw, item_t.style, item_t.size), item_t)
                lines += line_rows(c, c.wrap(sub, sw, level_t.style, level_t.size), level_t)
            if not lines:
                continue
            for r in lines[:-1]:
                r.keep = True
            lines[0].gap = (1.8 if len(lines) > 1 else 1.2) if body else 0
            body += lines
            if item.description:
                body += description_rows(c, item.description, sw, ctx.type("", 8.0, 3.9, ctx.body), gap=0.6)
        return side_heading(section.heading) + body if body else []

    side += fact_rows(doc.contact_heading, doc.contact)
    side += fact_rows(doc.personal_heading, doc.personal)
    for section in doc.sections:
        if section.key in SIDEBAR_KEYS:
            side += item_rows(section)

    # Main column: name, headline, then the other sections.
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, ctx.type("B", 22, 9.5, ctx.ink))
    rows += text_rows(c, c.line(doc.headline), w, ctx.type("", 12, 6.2, text_accent), gap=0.8)
    if rows:
        rows.append(Row(0.0, lambda x, y: c.fill_rect(x, y + 2.8, 14, 0.8, accent), gap=0))
        rows.append(Row(4.0))
    first = True
    for section in doc.sections:
        if section.key in SIDEBAR_KEYS:
            continue
        sec = section_rows(c, section, w, s, compact_grid)
        if sec and first:
            sec[0].gap = 5.0
            first = False
        rows += sec

    sidebar = Flow(sx, top, PAGE_H - 14.0)
    sidebar.rows = side

    def decorate(pdf: CVPdf) -> None:
        c.fill_rect(0, 0, side_w, PAGE_H, tint)
        if pdf.page > 1:
            sidebar.new_page()
        sidebar.fill()

    decorate(pdf)
    pdf.on_page = decorate
    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    main = Flow(left, top, bottom)
    run_flow(pdf, main, rows)
    while not sidebar.done:  # a sidebar longer than the main column
        pdf.add_page()



TEMPLATE = Template(
    tint=TINT,
    name="sidebar",
    labels={"nl": "Zijbalk met foto", "en": "Sidebar with photo"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=2,
    order=30,
)
