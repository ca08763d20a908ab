"""``chips``: a technical, developer style. Skills and languages as rounded tags flowing
over lines, section headings with a short thick accent underline, the contact and personal
facts as two aligned key/value tables, a small framed square photo at the top right.

The "code" feel comes from the layout alone (tables, tags, tight grid): the text is in the
CV's own font. A tag too wide for a line wraps inside a taller tag.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, Style, footer_drawer
from ..canvas import Canvas, Ctx, baseline
from ..colour import RULE, WHITE, mix, readable
from ..document import Item
from ..engine import PAGE_W
from ..panels import column_rows, fact_rows, heading_block, label_width, pill, place
from ..registry import Template
from ..rows import Flow, Row, keep_lines, run_flow, text_rows

PAD_X, SEP, GAP = 2.6, 1.6, 2.0  # inside a tag, between its title and level, between tags
TINT = 0.86  # the accent-tinted surface text sits on (share of white; Template.tint)


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the header block on page 1, then every section in one column."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(18.0)
    top, bottom = ctx.margin(17.0), ctx.bottom()
    w = PAGE_W - left - right
    text_accent = readable(accent)
    tint = mix(accent, WHITE, TINT)
    s = Style(
        heading=ctx.type("B", 10.5, 5.6, ctx.ink),
        title=ctx.type("B", 10.0, 5.0, ctx.ink),
        meta=ctx.type("", 9.0, 4.6, ctx.muted),
        period=ctx.type("", 8.6, 5.0, ctx.muted),
        body=ctx.type("", 9.3, 4.5, ctx.body),
        rule=None,
        org_color=text_accent,
        period_right=True,
        section_gap=7.0,
        entry_gap=3.8,
    )
    tag_t = ctx.type("", 8.5, 5.8, readable(ctx.ink, on=tint))
    level_t = ctx.type("", 7.6, 5.8, readable(ctx.muted, on=tint))

    def tag_rows(c: Canvas, items: list[Item], w: float, s: Style, gap: float) -> list[Row]:
        """Skills or languages as tags packed on lines, ``title level`` in each."""
        rows: list[Row] = []
        line: list[tuple[float, str, str]] = []  # (width, title, level) of the tags on a line
        used = 0.0

        def flush() -> None:
            nonlocal line, used
            if line:
                rows.append(Row(tag_t.lh, draw_line(line), gap=GAP))
            line, used = [], 0.0

        def draw_line(tags: list[tuple[float, str, str]]):
            def draw(x: float, y: float) -> None:
                for tw, title, level in tags:
                    pill(c, x, y, tw, tag_t.lh, tint)
                    base = baseline(y, tag_t.lh, tag_t.size)
                    c.font(tag_t.style, tag_t.size, tag_t.color)
                    c.at_baseline(x + PAD_X, base, title)
                    if level:
                        lw = c.width(level, level_t.style, level_t.size)
                        c.font(level_t.style, level_t.size, level_t.color)
                        c.at_baseline(x + tw - PAD_X - lw, base, level)
                    x += tw + GAP
            return draw

        for item in items:
            title, level = c.line(item.title), c.line(item.level)
            tw = c.width(title, tag_t.style, tag_t.size) + (SEP if title and level else 0.0)
            tw += c.width(level, level_t.style, level_t.size) + 2 * PAD_X
            if tw > w:  # too wide for a line: a tall tag of its own
                flush()
                rows.append(wide_tag(c, title, level, w, gap=GAP))
                continue
            if line and used + GAP + tw > w:
                flush()
            line.append((tw, title, level))
            used += tw + (GAP if len(line) > 1 else 0.0)
        flush()
        if rows:
            rows[0].gap = gap + 0.6
        return keep_lines(rows)

    def wide_tag(c: Canvas, title: str, level: str, w: float, gap: float) -> Row:
        inner = w - 2 * PAD_X
        lines = [(t, tag_t) for t in c.wrap(title, inner, tag_t.style, tag_t.size)]
        lines += [(t, level_t) for t in c.wrap(level, inner, level_t.style, level_t.size)]
        lh = tag_t.lh * 0.75
        h = len(lines) * lh + 1.6

        def draw(x: float, y: float) -> None:
            pill(c, x, y, w, h, tint, radius=2.4)
            for n, (text, t) in enumerate(lines):
                c.put(x + PAD_X, y + 0.8 + n * lh, lh, text, t.style, t.size, t.color)

        return Row(h, draw, gap=gap)

    def heading(text: str) -> list[Row]:
        def underline(x: float, y: float, h: float, widths: list[float]) -> None:
            c.fill_rect(x, y + h - 1.3, min(10.0, max(widths)), 1.3, readable(accent, ratio=3.0))

        return heading_block(c, text, w, s.heading, gap=s.section_gap, mark=underline, pad=(0.0, 2.8)) + [
            Row(2.0, keep=True)]

    # Header: name and headline, the two fact tables, the photo at the top right.
    photo_size = c.photo_size(doc.photo)
    side = 26.0
    hw = w - (side + 8.0 if photo_size else 0.0)
    head: list[Row] = []
    head += text_rows(c, c.line(doc.name), hw, ctx.type("B", 22, 9.4, ctx.ink), max_lines=3)
    head += text_rows(c, c.line(doc.headline), hw, ctx.type("B", 11, 6.0, text_accent), gap=0.4, max_lines=3)
    y = place(head, left, top) + (4.0 if head else 0.0)
    label_t = ctx.type("", 8.0, 4.4, ctx.muted)
    value_t = ctx.type("", 8.6, 4.4, ctx.ink)
    ends, x = [y], left
    for facts, share in ((doc.contact, 0.58), (doc.personal, 0.42)):  # contact values run longer
        tw = (hw - 6.0) * share
        label_w = label_width(c, facts, label_t, tw * 0.5)
        table = fact_rows(c, facts, tw, label_t, value_t, label_w=label_w, gap=0.6, max_lines=FACT_LINES)
        ends.append(place(table[:40], x, y))  # a header block: bounded, on page 1
        x += tw + 6.0
    if photo_size and doc.photo:
        px = PAGE_W - right - side
        c.photo(doc.photo, photo_size, px, top + 1.0, side, side)
        c.pdf.set_draw_color(*accent)
        c.pdf.set_line_width(0.5)
        c.pdf.rect(px - 1.2, top - 0.2, side + 2.4, side + 2.4, style="D")
        ends.append(top + side + 2.2)
    y = max(ends) + 4.0
    c.hline(left, y, w, RULE, 0.3)

    rows = column_rows(c, doc.sections, w, s, tag_rows, heading)

    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, Flow(left, y + 6.0, bottom, next_top=top), rows)


TEMPLATE = Template(
    tint=TINT,
    name="chips",
    labels={"nl": "Tech met labels", "en": "Tech with tags"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=1,
    order=130,
)
