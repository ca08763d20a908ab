"""Blocks shared by the ``classic``, ``compact``, ``timeline``, ``photohead``,
``executive`` and ``gutter`` templates: headers whose lines are aligned left, centred or
right, headings of the template's own make, spaced capitals, rows moved sideways and
entries with their period in a narrow column to their left.

Everything here makes ``rows.Row`` lists for ``rows.Flow``, like ``blocks.py``, whose
entries, free text and skill lists make the sections' content (:func:`titled_sections`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .blocks import FACT_LINES, Style, entry_rows, footer_drawer, header_facts, is_compact, section_rows
from .canvas import Canvas, Ctx, baseline
from .document import CVDocument, Item, Section
from .engine import PAGE_W, PT
from .rows import Flow, Row, TypeSpec, description_rows, keep_lines, pack, run_flow

Block = Callable[[str, list[Row], bool], list[Row]]  # (heading, content, first) -> rows
Entry = Callable[[Item, float, float], list[Row]]  # (item, width, gap above) -> rows


# ------------------------------------------------------------------------ aligned text


def capped(c: Canvas, lines: list[str], max_lines: int | None, w: float, t: TypeSpec) -> list[str]:
    """At most ``max_lines`` of ``lines``, the last cut short with an ellipsis."""
    if max_lines is None or len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [c.truncate(lines[max_lines - 1] + "…", w, t.style, t.size)]


def aligned_rows(c: Canvas, lines: list[str], t: TypeSpec, w: float, align: str = "L", gap: float = 0.0) -> list[Row]:
    """One row per line, aligned ``L``, ``C`` or ``R`` in ``w``; widows kept."""
    def draw_line(text: str) -> Callable[[float, float], None]:
        side = "R" if align == "L" and c.rtl(text) else align  # right to left: flush right

        def draw(x: float, y: float) -> None:
            if side == "L":
                c.put(x, y, t.lh, text, t.style, t.size, t.color)
                return
            room = w - c.width(text, t.style, t.size)
            c.put(x + (room / 2 if side == "C" else room), y, t.lh, text, t.style, t.size, t.color)
        return draw

    rows = keep_lines([Row(t.lh, draw_line(text)) for text in lines])
    if rows:
        rows[0].gap = gap
    return rows


def header_rows(c: Canvas, doc: CVDocument, w: float, name: TypeSpec, headline: TypeSpec, facts: TypeSpec,
                align: str = "L", sep: str = "   ·   ", facts_gap: float = 3.0) -> list[Row]:
    """The name, the headline and the contact and personal facts packed on lines, all
    aligned ``align``; each cut short so that absurd values keep the header on page 1."""
    rows = aligned_rows(c, capped(c, c.wrap(c.line(doc.name), w, name.style, name.size), 3, w, name), name, w, align)
    head = c.wrap(c.line(doc.headline), w, headline.style, headline.size)
    rows += aligned_rows(c, capped(c, head, 3, w, headline), headline, w, align, gap=0.8)
    gap = facts_gap
    for facts_of, labelled in ((doc.contact, False), (doc.personal, True)):
        lines = pack(c, header_facts(c, facts_of, labelled), sep, w, facts)
        more = aligned_rows(c, capped(c, lines, FACT_LINES, w, facts), facts, w, align, gap=gap)
        rows += more
        gap = 0.6 if more else gap
    return rows


def height(rows: list[Row]) -> float:
    """The height ``rows`` take at the top of a page (the first gap dropped)."""
    return sum(r.gap + r.h for r in rows) - (rows[0].gap if rows else 0.0)


# --------------------------------------------------------------------- spaced capitals


def spaced_caps_rows(c: Canvas, text: str, w: float, t: TypeSpec, align: str = "L",
                     tracking: float = 0.08) -> list[Row]:
    """``text`` in capitals with ``tracking`` (a fraction of the size) between the
    letters, kept below the spacing at which text extraction splits words (about 0.15);
    a line too wide for ``w`` with the spacing is drawn without it."""
    spacing = t.size * tracking  # points, the unit of the PDF's Tc operator
    lines = c.wrap(c.line(text).upper(), w / (1 + 2 * tracking), t.style, t.size)

    def draw_line(line: str) -> Callable[[float, float], None]:
        def draw(x: float, y: float) -> None:
            pdf = c.pdf
            if not c.script.plain(line):  # no tracking: it would tear joined scripts apart
                room = max(0.0, w - c.width(line, t.style, t.size))
                dx = {"L": room if c.rtl(line) else 0.0, "C": room / 2, "R": room}[align]
                c.put(x + dx, y, t.lh, line, t.style, t.size, t.color)
                return
            c.font(t.style, t.size, t.color)
            pdf.set_char_spacing(spacing)
            lw = pdf.get_string_width(line) - spacing * PT  # no spacing after the last letter
            if lw > w:
                pdf.set_char_spacing(0)
                lw = pdf.get_string_width(line)
            room = max(0.0, w - lw)
            dx = {"L": 0.0, "C": room / 2, "R": room}[align]
            pdf.text(x + dx, baseline(y, t.lh, t.size), line)
            pdf.set_char_spacing(0)
        return draw

    return [Row(t.lh, draw_line(line), keep=True) for line in lines]


# ----------------------------------------------------------------------------- layout


def shifted(rows: Iterable[Row], dx: float) -> list[Row]:
    """``rows`` drawn ``dx`` millimetres to the right of where the flow places them."""
    out = []
    for row in rows:
        if row.draw is not None:
            row.draw = (lambda x, y, draw=row.draw: draw(x + dx, y))
        out.append(row)
    return out


def stacked(heading: Callable[[str, bool], list[Row]]) -> Block:
    """A :data:`Block` from a heading maker ``heading(text, first)``: the heading's
    rows, kept with the content, on top of it."""
    def block(text: str, content: list[Row], first: bool) -> list[Row]:
        head = heading(text, first)
        for r in head:
            r.keep = True
        return head + content
    return block


def finish(ctx: Ctx, flow: Flow, rows: list[Row], left: float, right: float) -> None:
    """The page footer between ``left`` and ``right`` (the margins), then ``rows``
    placed with ``flow``, page after page."""
    ctx.c.pdf.on_footer = footer_drawer(ctx.c, ctx.doc, left, PAGE_W - right)
    run_flow(ctx.c.pdf, flow, rows)


def titled_sections(c: Canvas, sections: Iterable[Section], w: float, s: Style,
                    compact: Callable[..., list[Row]] | None, block: Block, entry: Entry | None = None) -> list[Row]:
    """Every non-empty section in order, given its heading by ``block`` (see
    :func:`stacked`); a section the user starts on a new page still does. The content
    is what ``blocks.section_rows`` makes, with the entries made by ``entry`` (default
    ``blocks.entry_rows``; skills and languages with only a level go through ``compact``)."""
    make = entry or (lambda item, width, gap: entry_rows(c, item, width, s, gap))
    rows: list[Row] = []
    for section in sections:
        if compact is not None and is_compact(section):
            content = section_rows(c, replace(section, heading=""), w, s, compact)
        else:
            content = description_rows(c, section.text, w, s.body, gap=0) if section.text else []
            items = [i for i in section.items if c.line(i.title) or c.line(i.organisation) or c.text(i.description)]
            for n, item in enumerate(items):
                one = make(item, w, s.entry_gap if (n or content) else 0.6)
                if one:  # an entry whose description is one line must not hold on to the next
                    one[-1].keep = False
                content += one
        if not content:
            continue
        content[0].new_page = False
        made = block(section.heading, content, not rows)
        made[0].new_page = getattr(section, "new_page", False)
        rows += made
    return rows


def described(c: Canvas, head: list[Row], description: str, w: float, s: Style, gap: float,
              body_gap: float = 1.4) -> list[Row]:
    """An entry of a template's own: its ``head`` rows (title, organisation…), kept
    together and with the first two lines of the ``description`` under them."""
    for row in head:
        row.keep = True
    body = description_rows(c, description, w, s.body, gap=body_gap if head else 0.0)
    if body:
        body[0].keep = len(body) > 1
    elif head:
        head[-1].keep = False
    rows = head + body
    if rows:
        rows[0].gap = gap
    return rows


def period_lines(c: Canvas, text: str, w: float, t: TypeSpec) -> list[str]:
    """A period for a column ``w`` wide: one line, else broken after its dash
    (``sep 2015 –`` / ``feb 2019``), else wrapped."""
    if c.width(text, t.style, t.size) <= w:
        return [text] if text else []
    start, dash, end = text.partition(" – ")
    halves = [start + dash.rstrip(), end]
    if dash and all(c.width(h, t.style, t.size) <= w for h in halves):
        return halves
    return c.wrap(text, w, t.style, t.size)


def period_column_rows(c: Canvas, item: Item, head: Entry, w: float, gap: float, col: float,
                       period: TypeSpec, title: TypeSpec, right: float | None = None,
                       mark: Callable[[float, float], None] | None = None) -> list[Row]:
    """An entry drawn ``col`` mm to the right with its period in the column left of it,
    the first line on the title's baseline, from the column's left or ending ``right``
    mm into it (see :func:`period_lines`). ``head(item, width, gap)`` makes the entry's
    rows (e.g. ``blocks.entry_rows``); ``mark(x, y)`` draws on its first row."""
    end = col - 2.5 if right is None else right
    lines = period_lines(c, c.line(item.period), end, period)
    rows = shifted(head(replace(item, period=""), w - col, gap), col)
    if not rows:
        return rows
    first = rows[0].draw
    widths = [c.width(line, period.style, period.size) for line in lines]

    def draw(x: float, y: float) -> None:
        c.font(period.style, period.size, period.color)
        for n, (line, lw) in enumerate(zip(lines, widths)):
            dx = 0.0 if right is None else end - lw
            c.at_baseline(x + dx, baseline(y, title.lh, title.size) + n * period.lh, line)
        if mark is not None:
            mark(x, y)
        if first is not None:
            first(x, y)

    rows[0].draw = draw
    short = title.lh + (len(lines) - 1) * period.lh - sum(r.h + r.gap for r in rows) + rows[0].gap
    if short > 0:  # a period longer than its entry: room for it under the entry
        rows[-1].keep = True
        rows.append(Row(short))
    return rows
