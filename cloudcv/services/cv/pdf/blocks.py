"""Main-column blocks every layout shares: section headings, entries, skills and
languages, header facts and the page footer.

A layout picks a :class:`Style` (type sizes, colours, where the period goes) and calls
:func:`section_rows` per section; the rows then go through ``rows.Flow``. Where text
comes from (translated headings, periods, hidden sections): ``services/cv/rendering.py``
builds the :class:`~cloudcv.services.cv.pdf.document.CVDocument`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .canvas import Canvas, Ctx, baseline
from .colour import MUTED, WHITE, Color, mix, readable
from .document import CVDocument, Fact, Item, Section
from .engine import PAGE_H, CVPdf
from .rows import Row, TypeSpec, description_rows, join, line_rows, pack, packed_rows

COMPACT_KEYS = ("skills", "languages")
# Header facts (contact, personal) are cut short only beyond this many lines: every fact at
# its field's maximum length still fits (services/cv/cvs.py TEXT_FIELDS), so nothing the
# editor accepts is dropped, while absurd values keep the header on page 1.
FACT_LINES = 16


@dataclass(frozen=True)
class Style:
    """What differs between templates in the main column."""

    heading: TypeSpec
    title: TypeSpec
    meta: TypeSpec
    period: TypeSpec
    body: TypeSpec
    rule: Color | None
    org_color: Color
    period_right: bool  # period right-aligned next to the title (else on the meta line)
    section_gap: float = 7.0
    entry_gap: float = 4.2
    heading_h: float = 8.5


def accent_style(ctx: Ctx) -> Style:
    """The main column of the designed layouts (``accent``, ``sidebar``): headings and
    organisations in the accent colour (darkened until readable), a light accent rule,
    the period right of the title."""
    accent = ctx.accent
    text_accent = readable(accent)
    return Style(
        heading=ctx.type("B", 11.0, 6.0, text_accent),
        title=ctx.type("B", 10.5, 5.2, ctx.ink),
        meta=ctx.type("", 9.5, 4.8, ctx.muted),
        period=ctx.type("", 8.5, 5.2, ctx.muted),
        body=ctx.type("", 9.5, 4.6, ctx.body),
        rule=mix(accent, WHITE, 0.7),
        org_color=text_accent,
        period_right=True,
    )


def heading_rows(c: Canvas, heading: str, w: float, s: Style, gap: float) -> list[Row]:
    """A section heading with its rule, kept with what follows."""
    lines = c.wrap(c.line(heading), w, s.heading.style, s.heading.size)
    if not lines:
        return []
    rows = line_rows(c, lines, s.heading)
    for r in rows:
        r.keep = True
    rows[0].gap = gap
    # room for the rule under the last line; never less than the templates' own 2.5 mm at 6 mm
    # lines, so a bigger size or spacing never puts the rule through the heading
    pad = max(s.heading_h - s.heading.lh, s.heading.lh * 0.42)
    last = rows[-1]
    draw_text = last.draw
    assert draw_text is not None

    def draw(x: float, y: float) -> None:
        draw_text(x, y)
        if s.rule is not None:
            c.hline(x, y + s.heading.lh + pad * 0.35, w, s.rule, 0.25)

    last.draw = draw
    last.h += pad
    return rows


def entry_rows(c: Canvas, item: Item, w: float, s: Style, gap: float) -> list[Row]:
    """One entry: title (and period), organisation line, description; the head stays
    with the first two lines of the description."""
    title = c.line(item.title)
    period = c.line(item.period)
    org = c.line(item.organisation)
    location = c.line(item.location)
    level = c.line(item.level)
    rows: list[Row] = []

    if s.period_right and period:
        pw = c.width(period, s.period.style, s.period.size)
        title_w = max(w - pw - 4, w * 0.5)
        if pw > w * 0.45:  # a very long period goes on its own line
            title_w = w
    else:
        pw, title_w = 0.0, w
    title_lines = c.wrap(title, title_w, s.title.style, s.title.size) if title else []
    rows += line_rows(c, title_lines, s.title)
    if s.period_right and period:
        if title_w == w or not rows:
            rows += line_rows(c, [period], s.period)
        else:
            first = rows[0].draw
            assert first is not None

            def draw(x: float, y: float, first=first) -> None:
                first(x, y)
                # baseline-aligned with the title
                c.font(s.period.style, s.period.size, s.period.color)
                c.at_baseline(x + w - pw, baseline(y, s.title.lh, s.title.size), period)

            rows[0].draw = draw

    if s.period_right:
        # organisation in the accent colour, then location (and level) muted
        rest = join([location, level], "  ·  ")
        one_line = join([org, rest], "  ·  ")
        if org and rest and c.width(one_line, s.meta.style, s.meta.size) <= w:
            org_w = c.width(org, s.meta.style, s.meta.size)
            rest = "  ·  " + rest

            def draw_meta(x: float, y: float) -> None:
                c.put(x, y, s.meta.lh, org, s.meta.style, s.meta.size, s.org_color)
                c.put(x + org_w, y, s.meta.lh, rest, s.meta.style, s.meta.size, s.meta.color)

            rows.append(Row(s.meta.lh, draw_meta))
        elif one_line:
            meta_type = TypeSpec(s.meta.style, s.meta.size, s.meta.lh, s.org_color if org else s.meta.color)
            rows += line_rows(c, c.wrap(one_line, w, meta_type.style, meta_type.size), meta_type)
    else:
        parts = [join([org, location], ", "), period, level]
        rows += line_rows(c, pack(c, [p for p in parts if p], "  |  ", w, s.meta), s.meta)
    for r in rows:
        r.keep = True
    body = description_rows(c, item.description, w, s.body, gap=1.4)
    if body:
        # the heading always takes two lines of its body along; a one-line body does not
        # chain the entry to the next one
        body[0].keep = len(body) > 1
        rows += body
    elif rows:
        rows[-1].keep = False
    if rows:
        rows[0].gap = gap
    return rows


def is_compact(section: Section) -> bool:
    """Skills or languages with nothing but a title and a level."""
    return section.key in COMPACT_KEYS and all(
        not (i.organisation or i.period or i.description or i.location) for i in section.items
    )


def section_rows(c: Canvas, section: Section, w: float, s: Style, compact: Callable[..., list[Row]] | None) -> list[Row]:
    """A whole section (heading, text, entries); compact sections go through ``compact``
    (:func:`compact_inline` or :func:`compact_grid`). Empty sections give no rows."""
    content: list[Row] = []
    if section.text:
        content += description_rows(c, section.text, w, s.body, gap=0)
    items = [i for i in section.items if c.line(i.title) or c.line(i.organisation) or c.text(i.description)]
    if items and compact is not None and is_compact(section):
        content += compact(c, items, w, s, gap=1.0 if content else 0)
    else:
        for n, item in enumerate(items):
            content += entry_rows(c, item, w, s, gap=(s.entry_gap if (n or content) else 0.6))
    if not content:
        return []
    head = heading_rows(c, section.heading, w, s, gap=s.section_gap)
    if head:
        head[0].keep = True
    rows = head + content
    rows[0].new_page = section.new_page
    return rows


def compact_inline(c: Canvas, items: list[Item], w: float, s: Style, gap: float) -> list[Row]:
    """Skills/languages as one flowing line: ``Python (Expert) · SQL · …`` (ATS-safe)."""
    parts = []
    for i in items:
        title, level = c.line(i.title), c.line(i.level)
        parts.append(f"{title} ({level})" if title and level else title or level)
    return packed_rows(c, [p for p in parts if p], "  ·  ", w, s.body, gap=gap)


def compact_grid(c: Canvas, items: list[Item], w: float, s: Style, gap: float) -> list[Row]:
    """Skills/languages in two columns; the level right-aligned in muted type, or
    under the title when it does not fit beside it."""
    col_gap = 10.0
    cw = (w - col_gap) / 2
    t, lvl = s.body, s.period
    cells = []  # (title lines, level beside the title, level lines under it)
    for i in items:
        title, level = c.line(i.title), c.line(i.level)
        lw = c.width(level, lvl.style, lvl.size) if level else 0.0
        if lw > cw * 0.55:
            cells.append((c.wrap(title, cw, t.style, t.size), "", c.wrap(level, cw, lvl.style, lvl.size)))
        else:
            cells.append((c.wrap(title, cw - lw - (3 if lw else 0), t.style, t.size) or [""], level, []))
    rows: list[Row] = []
    for n in range(0, len(cells), 2):
        pair = cells[n : n + 2]
        h = max(len(titles) + len(under) for titles, _, under in pair) * t.lh

        def draw(x: float, y: float, pair=pair) -> None:
            for k, (titles, beside, under) in enumerate(pair):
                cx = x + k * (cw + col_gap)
                for m, text in enumerate(titles):
                    c.put(cx, y + m * t.lh, t.lh, text, t.style, t.size, t.color)
                for m, text in enumerate(under, start=len(titles)):
                    c.put(cx, y + m * t.lh, t.lh, text, lvl.style, lvl.size, lvl.color)
                if beside:
                    c.put_right(cx + cw, y, t.lh, beside, lvl.style, lvl.size, lvl.color)

        rows.append(Row(h + 0.8, draw, gap=gap if n == 0 else 0))
    return rows


# ---------------------------------------------------------------------------- footer


def page_label(fmt: str, n: int) -> str:
    """``fmt`` with ``{n}`` and ``{m}`` filled; ``{m}`` becomes fpdf2's ``{nb}`` alias."""
    try:
        return fmt.replace("{nb}", "").format(n=n, m="{nb}")
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{n} / {{nb}}"


def footer_drawer(c: Canvas, doc: CVDocument, left: float, right: float) -> Callable[[CVPdf], None]:
    """The footer for ``pdf.on_footer``: the name left, "Pagina n van m" right."""
    fmt = c.line(doc.page_label) or "{n} / {m}"
    y = PAGE_H - 14.0
    size = 7.5
    short_name = c.truncate(c.line(doc.name), (right - left) * 0.6, "", size)

    def draw(pdf: CVPdf) -> None:
        label = page_label(fmt, pdf.page_no())
        if short_name:  # on the baseline of the label's cell
            c.put(left, y, 4, short_name, "", size, MUTED)
        c.font("", size, MUTED)
        # Reserve the width of a one-digit total: exact up to 9 pages.
        lw = pdf.get_string_width(label.replace("{nb}", "0"))
        pdf.set_xy(right - lw, y)
        pdf.alias_nb_pages("{nb}")
        try:
            pdf.cell(lw + 4, 4, label, align="L", new_x="LMARGIN", new_y="NEXT")
        finally:
            pdf.alias_nb_pages(None)

    return draw



def header_facts(c: Canvas, facts: Iterable[Fact], labelled: bool) -> list[str]:
    """Contact or personal facts as strings (``Label: value`` when ``labelled``)."""
    out = []
    for f in facts:
        label, value = c.line(f.label).rstrip(":"), c.line(f.value)
        if not value:
            continue
        out.append(f"{label}: {value}" if labelled and label else value)
    return out

