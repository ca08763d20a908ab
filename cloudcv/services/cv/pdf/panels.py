"""Blocks shared by the ``banner``, ``rightbar``, ``boxed``, ``chips``, ``elegant`` and
``split`` layouts: sections under a heading the layout draws itself, headings as one
decorated row, labelled facts, header blocks placed once on the first page, and pills.

Everything here builds ``rows.Row`` lists for ``rows.Flow`` (or draws straight onto the
canvas for the first page's header); entries, skills and the footer stay in ``blocks.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .blocks import FACT_LINES, Style, is_compact, section_rows
from .canvas import Canvas, baseline
from .colour import INK, WHITE, Color, contrast, readable
from .document import Fact, Section
from .engine import PT
from .rows import Flow, Row, TypeSpec, keep_lines, line_rows

# mark(x, top, height, line widths): draws a heading's decoration before its text
Mark = Callable[[float, float, float, list[float]], None]


def on_fill(fill: Color) -> Color:
    """Text colour on ``fill``: white when it keeps 4.5:1, else the darkest readable ink."""
    return WHITE if contrast(WHITE, fill) >= 4.5 else readable(INK, on=fill)


def capped(c: Canvas, text: str, w: float, t: TypeSpec, max_lines: int, lines: list[str] | None = None) -> list[str]:
    """``text`` wrapped to ``w`` (or the ``lines`` given), at most ``max_lines`` of them, the
    last cut with …."""
    lines = c.wrap(text, w, t.style, t.size) if lines is None else lines
    if len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [c.truncate(lines[max_lines - 1] + "…", w, t.style, t.size)]


def heading_block(c: Canvas, text: str, w: float, t: TypeSpec, gap: float, mark: Mark | None = None,
                  dx: float = 0.0, centre: bool = False, pad: tuple[float, float] = (0.0, 0.0),
                  max_lines: int = 3, tracking: float = 0.0) -> list[Row]:
    """A section heading as one row kept with what follows: ``text`` wrapped to ``w - dx``
    (at most ``max_lines``, the last cut with …) at ``x + dx`` or centred, ``pad`` above and
    below it inside the row; ``mark`` draws the decoration first. ``tracking`` (a fraction
    of the size, see :func:`spaced`) spaces the letters. No text: no rows."""
    room = (w - dx) / (1 + 2 * tracking)  # tracked capitals run at most ~2x the tracking wider
    lines = capped(c, c.line(text), room, t, max_lines)
    if not lines:
        return []
    widths = [spaced_width(c, line, t, tracking) for line in lines]
    above, below = pad
    h = above + len(lines) * t.lh + below

    def draw(x: float, y: float) -> None:
        if mark is not None:
            mark(x, y, h, widths)
        for n, (line, lw) in enumerate(zip(lines, widths)):
            lx = x + (w - lw) / 2 if centre else x + dx
            spaced(c, lx, y + above + n * t.lh, line, t, tracking)

    return [Row(h, draw, keep=True, gap=gap)]


def spaced_width(c: Canvas, text: str, t: TypeSpec, tracking: float) -> float:
    """Width of ``text`` drawn by :func:`spaced` (the space after the last letter left out)."""
    tracking = tracking if c.script.plain(text) else 0.0
    return c.width(text, t.style, t.size) + tracking * t.size * PT * max(len(text) - 1, 0)


def spaced(c: Canvas, x: float, y: float, text: str, t: TypeSpec, tracking: float) -> None:
    """One line of ``t`` text at ``(x, y)`` with ``tracking`` × size between the letters
    (PDF character spacing, off again afterwards: text still extracts as whole words up to
    ~0.08; keep it at 0.06 or less). Shaped text gets no tracking: it would tear joined
    scripts (Arabic, Devanagari) apart."""
    tracking = tracking if c.script.plain(text) else 0.0
    if tracking:
        c.pdf.set_char_spacing(tracking * t.size)  # fpdf2 writes it as Tc: points
    try:
        c.put(x, y, t.lh, text, t.style, t.size, t.color)
    finally:
        if tracking:
            c.pdf.set_char_spacing(0)


def titled_section(c: Canvas, section: Section, w: float, s: Style, compact: Callable[..., list[Row]] | None,
                   heading: Callable[[str], list[Row]]) -> list[Row]:
    """``blocks.section_rows`` under a heading of the layout's own (``heading(text)`` gives
    rows kept with the first entry). An empty section gives no rows, an unknown key is laid
    out like ``work``; a short skills or languages list (six rows or fewer) stays whole."""
    content = section_rows(c, replace(section, heading=""), w, s, compact)
    if compact is not None and is_compact(section) and len(content) <= 6:
        for r in content[:-1]:
            r.keep = True
    return heading(section.heading) + content if content else []


def column_rows(c: Canvas, sections: Iterable[Section], w: float, s: Style, compact: Callable[..., list[Row]] | None,
                heading: Callable[[str], list[Row]] | None = None,
                wrap: Callable[[list[Row]], list[Row]] | None = None, first_gap: float | None = 0.0) -> list[Row]:
    """Every one of ``sections`` in order: :func:`titled_section` (``blocks.section_rows``
    when ``heading`` is None), each through ``wrap`` (a card around it…) if given, the
    first one's gap set to ``first_gap`` (None keeps it)."""
    rows: list[Row] = []
    for section in sections:
        if heading is None:
            sec = section_rows(c, section, w, s, compact)
        else:
            sec = titled_section(c, section, w, s, compact, heading)
        if not sec:
            continue
        sec = starts_page(wrap(sec) if wrap else sec, section)
        if not rows and first_gap is not None:
            sec[0].gap = first_gap
        if rows and getattr(sec[0], "new_page", False):
            rows[-1].keep = False  # Flow only breaks a page between kept groups
        rows += sec
    return rows


def starts_page(rows: list[Row], section: Section) -> list[Row]:
    """A whole section's ``rows`` (whatever the layout put first: a heading, a card's top)
    starting a new page when the user asked for it (``Section.new_page``): the mark goes
    on the first row only. Read with getattr: older documents have no such field."""
    if rows and getattr(section, "new_page", False):
        for r in rows:
            r.new_page = False
        rows[0].new_page = True
    return rows


def fact_rows(c: Canvas, facts: Iterable[Fact], w: float, label_t: TypeSpec, value_t: TypeSpec,
              label_w: float | None = None, gap: float = 1.8, max_lines: int = FACT_LINES) -> list[Row]:
    """Labelled facts: each label over its value, or beside it in a column ``label_w`` wide
    (baseline-aligned with the value's first line). A label never leaves its value; a value
    longer than ``max_lines`` is cut with …."""
    rows: list[Row] = []
    for fact in facts:
        label, value = c.line(fact.label).rstrip(":"), c.line(fact.value)
        if not value:
            continue
        if label_w is None:
            block = line_rows(c, c.wrap(label, w, label_t.style, label_t.size)[:2], label_t)
            block += keep_lines(line_rows(c, capped(c, value, w, value_t, max_lines), value_t))
        else:
            labels = c.wrap(label, label_w - 2.0, label_t.style, label_t.size)[:2]
            values = capped(c, value, w - label_w, value_t, max_lines)
            block = []
            for n in range(max(len(labels), len(values))):
                lab = labels[n] if n < len(labels) else ""
                val = values[n] if n < len(values) else ""

                def draw(x: float, y: float, lab: str = lab, val: str = val) -> None:
                    if lab:
                        c.font(label_t.style, label_t.size, label_t.color)
                        c.at_baseline(x, baseline(y, value_t.lh, value_t.size), lab)
                    c.put(x + label_w, y, value_t.lh, val, value_t.style, value_t.size, value_t.color)

                block.append(Row(value_t.lh, draw, keep=True))
        for r in block[:-1]:
            r.keep = True
        if block:
            block[0].gap = gap if rows else 0.0
            rows += block
    return rows


def label_width(c: Canvas, facts: Iterable[Fact], t: TypeSpec, most: float) -> float:
    """The label column for :func:`fact_rows`: the widest label and a 4 mm gap, at most ``most``."""
    widest = max((c.width(c.line(f.label).rstrip(":"), t.style, t.size) for f in facts), default=0.0)
    return min(widest + 4.0, most)


def rows_height(rows: list[Row]) -> float:
    """How tall ``rows`` are placed one under another (the first gap dropped, as at a page top)."""
    return sum(r.gap + r.h for r in rows) - (rows[0].gap if rows else 0.0)


def place(rows: list[Row], x: float, y: float) -> float:
    """Draw ``rows`` from ``(x, y)`` down, with no page break (a header block on the first
    page: its text is capped beforehand); returns where they end."""
    flow = Flow(x, y, float("inf"))
    flow.rows = rows
    flow.fill()
    return flow.y


def pill(c: Canvas, x: float, y: float, w: float, h: float, fill: Color, radius: float | None = None) -> None:
    """A filled rectangle with round ends (or corners of ``radius``), no border."""
    c.pdf.set_fill_color(*fill)
    most = 0.49 * min(w, h)  # fpdf2 shrinks a radius of half the side or more to almost nothing
    r = most if radius is None else min(radius, most)
    c.pdf.rect(x, y, w, h, style="F", round_corners=True, corner_radius=r)
