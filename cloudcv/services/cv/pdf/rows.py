"""Rows and page flow: how a template turns measured text into pages.

A template builds a list of :class:`Row` objects (a line of text, a heading, a grid
row…), each with its height, the space above it and a ``keep`` flag saying it must stay
on the same page as the next row. :class:`Flow` places rows in one column, page after
page (:func:`run_flow`):

* a section heading stays with the first entry of its section (``blocks.py``);
* an entry's title, organisation and period stay with the first two lines of its
  description; a paragraph never leaves a single line behind or alone on top
  (:func:`keep_lines`);
* long descriptions continue on the next page;
* a row marked ``new_page`` (a section the user starts on a new page) begins a page
  unless it is at the top of one already.

The helpers below make rows from plain text, from parts packed on lines, and from free
text with paragraphs and bullets. Main-column blocks (headings, entries, sections, the
footer) are in ``blocks.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .canvas import Canvas, TypeSpec  # TypeSpec lives in canvas.py (Ctx.type makes them)
from .engine import PT, CVPdf
from .scripts import isolated


@dataclass(slots=True)
class Row:
    """One unit of a column: height ``h`` (mm), how to draw it, page-keeping and gap."""

    h: float
    draw: Callable[[float, float], None] | None = None  # draw(x, top)
    keep: bool = False  # must stay on the same page as the next row
    gap: float = 0.0  # space above; dropped at the top of a page
    new_page: bool = False  # starts a new page unless already at the top of one


class Flow:
    """Places rows in one column from ``top`` to ``bottom``, page after page."""

    def __init__(self, x: float, top: float, bottom: float, next_top: float | None = None):
        self.x = x
        self.top = top
        self.y = top
        self.bottom = bottom
        self.next_top = top if next_top is None else next_top
        self.rows: list[Row] = []
        self.i = 0

    @property
    def done(self) -> bool:
        """True when every row is placed."""
        return self.i >= len(self.rows)

    def _at_top(self) -> bool:
        return self.y <= self.top + 0.01

    def new_page(self) -> None:
        """Continue at the top of the column on a new page."""
        self.top = self.y = self.next_top

    def fill(self) -> bool:
        """Place rows on the current page; True when all rows are placed."""
        rows = self.rows
        while self.i < len(rows):
            if rows[self.i].new_page and not self._at_top():
                return False
            j = self.i
            while rows[j].keep and j + 1 < len(rows) and not rows[j + 1].new_page:
                j += 1
            at_top = self._at_top()
            height = sum(r.gap + r.h for r in rows[self.i : j + 1])
            if at_top:
                height -= rows[self.i].gap
            if self.y + height > self.bottom + 1e-6:
                group_alone = height - (0 if at_top else rows[self.i].gap)
                if not at_top and group_alone <= self.bottom - self.next_top:
                    return False  # the whole group moves to the next page
                # Taller than a page: place what fits, continue on the next page.
                for _ in range(j + 1 - self.i):
                    if not self._place(rows[self.i], force=False):
                        return False
                continue
            for _ in range(j + 1 - self.i):
                self._place(rows[self.i], force=True)
        return True

    def _place(self, row: Row, force: bool) -> bool:
        at_top = self._at_top()
        gap = 0.0 if at_top else row.gap
        if not force and not at_top and self.y + gap + row.h > self.bottom + 1e-6:
            return False
        self.y += gap
        if row.draw is not None:
            row.draw(self.x, self.y)
        self.y += row.h
        self.i += 1
        return True


def keep_lines(rows: list[Row]) -> list[Row]:
    """Widow/orphan control: first two and last two lines of a paragraph stay together."""
    n = len(rows)
    if n >= 2:
        rows[0].keep = True
        rows[n - 2].keep = True
    return rows


def line_rows(c: Canvas, lines: list[str], t: TypeSpec, dx: float = 0.0,
              right: float | None = None) -> list[Row]:
    """One row per line, drawn in ``t`` and indented by ``dx``; with ``right``, each line's
    right edge at ``right`` mm from the row's left (a right-to-left paragraph)."""
    def draw_line(text: str) -> Callable[[float, float], None]:
        if right is not None:
            return lambda x, y: c.put_right(x + right, y, t.lh, text, t.style, t.size, t.color)
        return lambda x, y: c.put(x + dx, y, t.lh, text, t.style, t.size, t.color)

    return [Row(t.lh, draw_line(text)) for text in lines]


def _capped(c: Canvas, lines: list[str], max_lines: int | None, w: float, t: TypeSpec) -> list[str]:
    if max_lines is None or len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [c.truncate(lines[max_lines - 1] + "…", w, t.style, t.size)]


def text_rows(c: Canvas, text: str, w: float, t: TypeSpec, gap: float = 0.0, max_lines: int | None = None) -> list[Row]:
    """``text`` wrapped to ``w`` (at most ``max_lines``, the last cut with …), widows kept."""
    lines = _capped(c, c.wrap(text, w, t.style, t.size), max_lines, w, t)
    rows = keep_lines(line_rows(c, lines, t, right=w if c.rtl(text) else None))
    if rows:
        rows[0].gap = gap
    return rows


def pack(c: Canvas, parts: list[str], sep: str, w: float, t: TypeSpec) -> list[str]:
    """``parts`` joined by ``sep`` into lines at most ``w`` wide, breaking only between
    parts (a part too wide for a line on its own is wrapped)."""
    lines: list[str] = []
    current = ""
    for part in isolated(parts):
        candidate = f"{current}{sep}{part}" if current else part
        if not current or c.width(candidate, t.style, t.size) <= w:
            current = candidate
            continue
        lines.append(current)
        current = part
    if current:
        lines.append(current)
    out: list[str] = []
    for line in lines:
        out += c.wrap(line, w, t.style, t.size) if c.width(line, t.style, t.size) > w else [line]
    return out


def packed_rows(
    c: Canvas, parts: list[str], sep: str, w: float, t: TypeSpec, gap: float = 0.0, max_lines: int | None = None
) -> list[Row]:
    """Rows of :func:`pack` (e.g. contact details separated by ``|``)."""
    lines = _capped(c, pack(c, parts, sep, w, t), max_lines, w, t)
    rows = keep_lines(line_rows(c, lines, t))
    if rows:
        rows[0].gap = gap
    return rows


_BULLET = re.compile(r"^\s*[-*•–·▪‣◦]\s+")


def description_rows(c: Canvas, text: str, w: float, t: TypeSpec, gap: float) -> list[Row]:
    """Free text: paragraphs (line breaks kept) and ``-``/``*``/``•`` bullet lists."""
    text = c.text(text)
    if not text:
        return []
    blocks: list[tuple[str, str, float]] = []  # (kind, text, gap above)
    para: list[str] = []
    next_gap = gap
    para_gap = t.lh * 0.45

    def flush() -> None:
        nonlocal para, next_gap
        if para:
            blocks.append(("p", "\n".join(para), next_gap))
            next_gap = para_gap * 0.5
            para = []

    for raw in text.split("\n"):
        if not raw.strip():
            flush()
            next_gap = para_gap
            continue
        m = _BULLET.match(raw)
        if m and raw[m.end():].strip():
            flush()
            blocks.append(("li", raw[m.end():].strip(), next_gap))
            next_gap = para_gap * 0.35
        else:
            para.append(raw.strip())
    flush()

    rows: list[Row] = []
    indent = t.size * PT * 1.25
    for kind, body, g in blocks:
        rtl = c.rtl(body)
        if kind == "p":  # each line break starts a paragraph of its own direction (UAX #9)
            block = keep_lines([row for line in body.split("\n")
                                for row in line_rows(c, c.wrap(line, w, t.style, t.size), t,
                                                     right=w if c.rtl(line) else None)])
        else:
            lines = c.wrap(body, w - indent, t.style, t.size)
            block = keep_lines(line_rows(c, lines, t, dx=indent, right=w - indent if rtl else None))
            if block:
                first = block[0].draw
                assert first is not None
                at = w - 0.4 - c.width("•", t.style, t.size) if rtl else 0.4  # RTL: on the right

                def with_bullet(x: float, y: float, first=first, at=at) -> None:
                    c.put(x + at, y, t.lh, "•", t.style, t.size, t.color)
                    first(x, y)

                block[0].draw = with_bullet
        if block:
            block[0].gap = g
            rows += block
    return rows


def join(parts: Iterable[str], sep: str) -> str:
    """The non-empty ``parts`` joined by ``sep`` (each in a bidi isolate when one is right
    to left: ``scripts.isolated``)."""
    return sep.join(isolated([p for p in parts if p]))



def run_flow(pdf: CVPdf, flow: Flow, rows: list[Row]) -> None:
    """Place ``rows`` with ``flow``, adding pages until all are placed."""
    flow.rows = rows
    while not flow.fill():
        pdf.add_page()
        flow.new_page()

