"""The CV layouts: ``ats``, ``accent`` and ``sidebar`` (A4, millimetres).

A template never breaks pages on its own terms inside fpdf2: every block is first
measured and turned into a list of :class:`Row` objects (a line of text, a heading,
a grid row…), each with its height and a flag saying it must stay on the same page
as the next row. :class:`Flow` then places rows in a column, page after page:

* a section heading stays with the first entry of its section;
* an entry's title, organisation and period stay with the first two lines of its
  description; a paragraph never leaves a single line behind or alone on top;
* long descriptions continue on the next page.

Text is drawn line by line from fpdf2's own line breaker (``multi_cell`` in
``dry_run`` mode), so lines are exactly what fpdf2 would print, stay selectable, and
come out whole in ``pdftotext``. All user text first goes through :func:`clean_text`,
which strips control and bidi-override characters and replaces characters the font
cannot draw.
"""

from __future__ import annotations

import copy
import io
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fpdf.image_parsing import preload_image

from . import fast
from .document import CVDocument, Fact, Item, Section

FONT_DIR = Path(__file__).resolve().parents[4] / "assets" / "fonts"
FAMILY = "dejavu"
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
TEXT_STYLES = ("", "B")  # the styles the layouts print with
TEMPLATES: tuple[str, ...] = ("ats", "accent", "sidebar")

PAGE_W, PAGE_H = 210.0, 297.0
PT = 25.4 / 72  # millimetres per point
CREATOR = "CloudCV.nl"

Color = tuple[int, int, int]
WHITE: Color = (255, 255, 255)
INK: Color = (26, 30, 36)
BODY: Color = (58, 64, 73)
MUTED: Color = (108, 116, 128)
RULE: Color = (214, 219, 226)
DEFAULT_ACCENT: Color = (62, 99, 221)

SIDEBAR_KEYS = ("skills", "languages")
COMPACT_KEYS = ("skills", "languages")


# ------------------------------------------------------------------------------ colour


def parse_color(value: str, default: Color = DEFAULT_ACCENT) -> Color:
    m = re.fullmatch(r"\s*#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\s*", value or "")
    if not m:
        return default
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _luminance(c: Color) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(c: Color, on: Color = WHITE, ratio: float = 4.5) -> Color:
    """``c``, darkened just enough to be readable as text on ``on``."""
    for step in range(21):
        candidate = mix(c, (0, 0, 0), step * 0.05)
        if contrast(candidate, on) >= ratio:
            return candidate
    return INK


# -------------------------------------------------------------------------------- text

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls (except \t and \n), zero-width and bidi controls, BOM, variation
# selectors, interlinear annotations, tag characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufe00-\ufe0f\ufff9-\ufffc\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_BLANK_RUNS = re.compile(r"\n{3,}")
REPLACEMENT = "\u25a1"  # □, for letters the font cannot draw


def clean_text(text: str, covered: frozenset[int]) -> str:
    """Text safe to print with a font covering the code points in ``covered``.

    Line breaks become ``\\n``, tabs spaces; control, bidi-override and other
    invisible characters go; emoji and other symbols the font lacks are dropped;
    letters it lacks (CJK, …) become □. Markup is left alone: it is printed as is.
    """
    if not text:
        return ""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    out = []
    for ch in text:
        if ch == "\n" or ord(ch) in covered:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "CMS":  # controls, surrogates, private use, marks, emoji & symbols
            continue
        out.append(" " if cat[0] == "Z" else REPLACEMENT)
    return "".join(out)


# ------------------------------------------------------------------------------- FPDF


class CVPdf(fast.FastFPDF):
    """fpdf2 document with page hooks set per render.

    The ``{nb}`` total-pages alias is only active while a footer is drawn (user text
    may contain ``{nb}``) and again for ``output()``, which substitutes it.
    """

    on_page: Callable[["CVPdf"], None] | None = None  # every page after the first
    on_footer: Callable[["CVPdf"], None] | None = None

    _last_footer_rendered = False

    def _render_footer(self) -> None:
        if not self._last_footer_rendered:
            super()._render_footer()

    def output(self, *args, **kwargs):  # type: ignore[override]
        if not self.buffer:
            if self.page == 0:
                self.add_page()
            self._render_footer()  # the last page's footer, with {nb} active
            self._last_footer_rendered = True
            self.alias_nb_pages("{nb}")  # so that output() substitutes it
        return super().output(*args, **kwargs)

    def header(self) -> None:
        if self.on_page is not None and self.page > 1:
            self.on_page(self)

    def footer(self) -> None:
        if self.on_footer is not None:
            self.on_footer(self)


def _configure(pdf: CVPdf) -> None:
    pdf.set_auto_page_break(False)  # Flow decides where pages break
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.alias_nb_pages(None)  # only the footer uses {nb}: user text may contain it
    pdf.set_creator(CREATOR)
    pdf.set_producer(CREATOR)


class _Engine:
    """Read-only, shared: a prototype document with the fonts parsed once."""

    def __init__(self) -> None:
        proto = CVPdf(unit="mm", format="A4")
        _configure(proto)
        for style, name in FONT_FILES.items():
            fast.add_shared_font(proto, FAMILY, style, FONT_DIR / name)
        for style in TEXT_STYLES:
            fast.warm_up(proto.fonts[FAMILY + style])
        self.prototype = proto
        self.covered = frozenset.intersection(
            *(frozenset(proto.fonts[FAMILY + s].cmap) for s in TEXT_STYLES)
        )
        self.images = fast.ImageInfoCache(maxsize=32)


_ENGINE: _Engine | None = None
_ENGINE_LOCK = threading.Lock()


def engine() -> _Engine:
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = _Engine()
    return _ENGINE


def new_pdf(use_fast: bool = True) -> CVPdf:
    """A fresh document with the four DejaVu styles loaded."""
    if use_fast and fast.SUPPORTED_FPDF:
        return copy.deepcopy(engine().prototype)
    pdf = CVPdf(unit="mm", format="A4")
    _configure(pdf)
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    return pdf


# ------------------------------------------------------------------------------ canvas


class Canvas:
    """Measuring and drawing helpers bound to one document."""

    def __init__(self, pdf: CVPdf, covered: frozenset[int], images: fast.ImageInfoCache | None):
        self.pdf = pdf
        self.covered = covered
        self.images = images

    # text -----------------------------------------------------------------
    def text(self, value: str) -> str:
        """Multi-line user text: cleaned, trailing spaces and blank-line runs trimmed."""
        value = clean_text(value, self.covered)
        if "\n" in value:
            value = "\n".join(line.rstrip() for line in value.split("\n"))
            value = _BLANK_RUNS.sub("\n\n", value)
        return value.strip("\n ")

    def line(self, value: str) -> str:
        """Single-line user text: cleaned, whitespace collapsed."""
        return " ".join(clean_text(value, self.covered).split())

    def font(self, style: str, size: float, color: Color) -> None:
        self.pdf.set_font(FAMILY, style, size)
        self.pdf.set_text_color(*color)

    def width(self, text: str, style: str, size: float) -> float:
        self.pdf.set_font(FAMILY, style, size)
        return self.pdf.get_string_width(text)

    def wrap(self, text: str, w: float, style: str, size: float) -> list[str]:
        """fpdf2's own line breaking of ``text`` into lines at most ``w`` wide."""
        if not text:
            return []
        pdf = self.pdf
        pdf.set_font(FAMILY, style, size)
        if fast.can_break_lines(pdf):
            lines = fast.break_lines(pdf.current_font, size, pdf.k, text, w)
            return [ln.strip() for ln in lines]
        lines = self.pdf.multi_cell(
            w, 5, text, align="L", new_x="LMARGIN", new_y="NEXT", dry_run=True, output="LINES"
        )
        return [ln.strip() for ln in lines]

    def truncate(self, text: str, w: float, style: str, size: float) -> str:
        """``text``, cut short with an ellipsis if it is wider than ``w``."""
        if self.width(text, style, size) <= w:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with "…"
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + "…", style, size) <= w:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def put(self, x: float, y: float, lh: float, text: str, style: str, size: float, color: Color) -> None:
        """Draw one line of text in a line box of height ``lh`` whose top is ``y``."""
        if not text:
            return
        self.font(style, size, color)
        self.pdf.text(x, baseline(y, lh, size), text)

    def put_right(self, right: float, y: float, lh: float, text: str, style: str, size: float, color: Color) -> None:
        if not text:
            return
        self.font(style, size, color)
        self.pdf.text(right - self.pdf.get_string_width(text), baseline(y, lh, size), text)

    def fill_rect(self, x: float, y: float, w: float, h: float, color: Color) -> None:
        self.pdf.set_fill_color(*color)
        self.pdf.rect(x, y, w, h, style="F")

    def hline(self, x: float, y: float, w: float, color: Color, width: float = 0.2) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(width)
        self.pdf.line(x, y, x + w, y)

    # photo ----------------------------------------------------------------
    def photo_size(self, photo: bytes | None) -> tuple[float, float] | None:
        """Pixel size of the photo, or None when there is none or it cannot be read."""
        if not photo:
            return None
        try:
            if self.images is not None:
                return self.images.register(self.pdf, photo)
            _, _, info = preload_image(self.pdf.image_cache, io.BytesIO(photo))
            return info["w"], info["h"]
        except Exception:  # a broken upload must not break the CV
            return None

    def photo(self, photo: bytes, size: tuple[float, float], x: float, y: float, w: float, h: float) -> None:
        """The photo cropped to fill the box (slightly favouring the top: faces)."""
        pw, ph = size
        scale = max(w / pw, h / ph)
        iw, ih = pw * scale, ph * scale
        ix = x + (w - iw) / 2
        iy = y + (h - ih) * 0.3
        with self.pdf.rect_clip(x, y, w, h):
            self.pdf.image(io.BytesIO(photo), ix, iy, iw, ih)


def baseline(y: float, lh: float, size: float) -> float:
    """Baseline of ``size`` pt text vertically centred in a line box (as fpdf2's ``cell``)."""
    return y + lh / 2 + 0.3 * size * PT


# -------------------------------------------------------------------------------- rows


@dataclass(slots=True)
class Row:
    h: float
    draw: Callable[[float, float], None] | None = None  # draw(x, top)
    keep: bool = False  # must stay on the same page as the next row
    gap: float = 0.0  # space above; dropped at the top of a page


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
        return self.i >= len(self.rows)

    def _at_top(self) -> bool:
        return self.y <= self.top + 0.01

    def new_page(self) -> None:
        self.top = self.y = self.next_top

    def fill(self) -> bool:
        """Place rows on the current page; True when all rows are placed."""
        rows = self.rows
        while self.i < len(rows):
            j = self.i
            while rows[j].keep and j + 1 < len(rows):
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


def _keep_lines(rows: list[Row]) -> list[Row]:
    """Widow/orphan control: first two and last two lines of a paragraph stay together."""
    n = len(rows)
    if n >= 2:
        rows[0].keep = True
        rows[n - 2].keep = True
    return rows


@dataclass(frozen=True)
class TypeSpec:
    """Font style, size (pt), line height (mm) and colour of a kind of text."""

    style: str
    size: float
    lh: float
    color: Color


def line_rows(c: Canvas, lines: list[str], t: TypeSpec, dx: float = 0.0) -> list[Row]:
    def draw_line(text: str) -> Callable[[float, float], None]:
        return lambda x, y: c.put(x + dx, y, t.lh, text, t.style, t.size, t.color)

    return [Row(t.lh, draw_line(text)) for text in lines]


def _capped(c: Canvas, lines: list[str], max_lines: int | None, w: float, t: TypeSpec) -> list[str]:
    if max_lines is None or len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [c.truncate(lines[max_lines - 1] + "…", w, t.style, t.size)]


def text_rows(c: Canvas, text: str, w: float, t: TypeSpec, gap: float = 0.0, max_lines: int | None = None) -> list[Row]:
    lines = _capped(c, c.wrap(text, w, t.style, t.size), max_lines, w, t)
    rows = _keep_lines(line_rows(c, lines, t))
    if rows:
        rows[0].gap = gap
    return rows


def pack(c: Canvas, parts: list[str], sep: str, w: float, t: TypeSpec) -> list[str]:
    """``parts`` joined by ``sep`` into lines at most ``w`` wide, breaking only between
    parts (a part too wide for a line on its own is wrapped)."""
    lines: list[str] = []
    current = ""
    for part in parts:
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
    lines = _capped(c, pack(c, parts, sep, w, t), max_lines, w, t)
    rows = _keep_lines(line_rows(c, lines, t))
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
        if kind == "p":
            block = _keep_lines(line_rows(c, c.wrap(body, w, t.style, t.size), t))
        else:
            block = _keep_lines(line_rows(c, c.wrap(body, w - indent, t.style, t.size), t, dx=indent))
            if block:
                first = block[0].draw
                assert first is not None

                def with_bullet(x: float, y: float, first=first) -> None:
                    c.put(x + 0.4, y, t.lh, "•", t.style, t.size, t.color)
                    first(x, y)

                block[0].draw = with_bullet
        if block:
            block[0].gap = g
            rows += block
    return rows


def _join(parts: Iterable[str], sep: str) -> str:
    return sep.join(p for p in parts if p)


# ---------------------------------------------------------------------------- styles


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


def heading_rows(c: Canvas, heading: str, w: float, s: Style, gap: float) -> list[Row]:
    lines = c.wrap(c.line(heading), w, s.heading.style, s.heading.size)
    if not lines:
        return []
    rows = line_rows(c, lines, s.heading)
    for r in rows:
        r.keep = True
    rows[0].gap = gap
    pad = s.heading_h - s.heading.lh  # room for the rule under the last line
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
                c.pdf.text(x + w - pw, baseline(y, s.title.lh, s.title.size), period)

            rows[0].draw = draw

    if s.period_right:
        # organisation in the accent colour, then location (and level) muted
        rest = _join([location, level], "  ·  ")
        one_line = _join([org, rest], "  ·  ")
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
        parts = [_join([org, location], ", "), period, level]
        rows += line_rows(c, pack(c, [p for p in parts if p], "  |  ", w, s.meta), s.meta)
    for r in rows:
        r.keep = True
    body = description_rows(c, item.description, w, s.body, gap=1.4)
    if body:
        body[0].keep = True  # the heading always takes two lines of its body along
        rows += body
    elif rows:
        rows[-1].keep = False
    if rows:
        rows[0].gap = gap
    return rows


def is_compact(section: Section) -> bool:
    return section.key in COMPACT_KEYS and all(
        not (i.organisation or i.period or i.description or i.location) for i in section.items
    )


def section_rows(c: Canvas, section: Section, w: float, s: Style, compact: Callable[..., list[Row]] | None) -> list[Row]:
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
    return head + content


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
    fmt = c.line(doc.page_label) or "{n} / {m}"
    y = PAGE_H - 14.0
    size = 7.5
    short_name = c.truncate(c.line(doc.name), (right - left) * 0.6, "", size)

    def draw(pdf: CVPdf) -> None:
        label = page_label(fmt, pdf.page_no())
        c.font("", size, MUTED)
        if short_name:
            pdf.set_xy(left, y)
            pdf.cell(pdf.get_string_width(short_name) + 1, 4, short_name, align="L")
        # Reserve the width of a one-digit total: exact up to 9 pages.
        lw = pdf.get_string_width(label.replace("{nb}", "0"))
        pdf.set_xy(right - lw, y)
        pdf.alias_nb_pages("{nb}")
        try:
            pdf.cell(lw + 4, 4, label, align="L", new_x="LMARGIN", new_y="NEXT")
        finally:
            pdf.alias_nb_pages(None)

    return draw


# ------------------------------------------------------------------------- templates


@dataclass
class Ctx:
    c: Canvas
    doc: CVDocument
    accent: Color


def _header_facts(c: Canvas, facts: Iterable[Fact], labelled: bool) -> list[str]:
    out = []
    for f in facts:
        label, value = c.line(f.label).rstrip(":"), c.line(f.value)
        if not value:
            continue
        out.append(f"{label}: {value}" if labelled and label else value)
    return out


def render_ats(ctx: Ctx) -> None:
    c, doc, pdf = ctx.c, ctx.doc, ctx.c.pdf
    left, right, top, bottom = 20.0, 20.0, 20.0, PAGE_H - 22.0
    w = PAGE_W - left - right
    s = Style(
        heading=TypeSpec("B", 11.5, 6.0, INK),
        title=TypeSpec("B", 10.0, 5.0, INK),
        meta=TypeSpec("", 9.0, 4.5, MUTED),
        period=TypeSpec("", 9.0, 4.5, MUTED),
        body=TypeSpec("", 9.5, 4.6, BODY),
        rule=RULE,
        org_color=MUTED,
        period_right=False,
    )
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, TypeSpec("B", 21, 9.0, INK))
    rows += text_rows(c, c.line(doc.headline), w, TypeSpec("", 11.5, 6.0, BODY), gap=0.5)
    fact_t = TypeSpec("", 9.0, 4.6, BODY)
    rows += packed_rows(c, _header_facts(c, doc.contact, labelled=False), "  |  ", w, fact_t, gap=2.5)
    rows += packed_rows(c, _header_facts(c, doc.personal, labelled=True), "  |  ", w, fact_t, gap=0.8)
    for section in doc.sections:
        rows += section_rows(c, section, w, s, compact_inline)

    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    _run(pdf, Flow(left, top, bottom), rows)


def render_accent(ctx: Ctx) -> None:
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left, right, bottom = 18.0, 18.0, PAGE_H - 22.0
    w = PAGE_W - left - right
    text_accent = readable(accent)
    on_band = WHITE if contrast(WHITE, accent) >= 3.0 else INK
    soft_on_band = mix(on_band, accent, 0.22)
    s = Style(
        heading=TypeSpec("B", 11.0, 6.0, text_accent),
        title=TypeSpec("B", 10.5, 5.2, INK),
        meta=TypeSpec("", 9.5, 4.8, MUTED),
        period=TypeSpec("", 8.5, 5.2, MUTED),
        body=TypeSpec("", 9.5, 4.6, BODY),
        rule=mix(accent, WHITE, 0.7),
        org_color=text_accent,
        period_right=True,
    )

    # Header band: name, headline, contact and personal facts; photo on the right.
    photo_size = c.photo_size(doc.photo)
    ph_w, ph_h = 30.0, 40.0
    pad_top, pad_bottom = 14.0, 11.0
    band_w = w - (ph_w + 10 if photo_size else 0)
    name_t = TypeSpec("B", 24, 10.0, on_band)
    head_t = TypeSpec("", 12, 6.2, soft_on_band)
    fact_t = TypeSpec("", 8.5, 4.4, soft_on_band)
    # The band is one block on the first page: absurdly long values are cut short.
    band_rows: list[Row] = []
    band_rows += text_rows(c, c.line(doc.name), band_w, name_t, max_lines=3)
    band_rows += text_rows(c, c.line(doc.headline), band_w, head_t, gap=0.8, max_lines=3)
    contact = _header_facts(c, doc.contact, labelled=False)
    personal = _header_facts(c, doc.personal, labelled=True)
    band_rows += packed_rows(c, contact, "   ·   ", band_w, fact_t, gap=3.5, max_lines=6)
    band_rows += packed_rows(c, personal, "   ·   ", band_w, fact_t, gap=0.6, max_lines=6)
    text_h = sum(r.gap + r.h for r in band_rows) - (band_rows[0].gap if band_rows else 0)
    band_h = max(pad_top + text_h + pad_bottom, (pad_top - 4) + ph_h + (pad_bottom - 3) if photo_size else 0, 34.0)

    c.fill_rect(0, 0, PAGE_W, band_h, accent)
    if photo_size and doc.photo:
        c.photo(doc.photo, photo_size, PAGE_W - right - ph_w, (band_h - ph_h) / 2, ph_w, ph_h)
    ty = pad_top + max(0.0, (band_h - pad_top - pad_bottom - text_h) / 2)
    band = Flow(left, ty, band_h)
    band.rows = band_rows
    band.fill()

    rows: list[Row] = []
    for section in doc.sections:
        sec = section_rows(c, section, w, s, compact_grid)
        if sec and not rows:
            sec[0].gap = 0
        rows += sec

    def continuation(pdf: CVPdf) -> None:
        c.fill_rect(0, 0, PAGE_W, 4.0, accent)

    pdf.on_page = continuation
    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    flow = Flow(left, band_h + 9.0, bottom, next_top=18.0)
    _run(pdf, flow, rows)


def render_sidebar(ctx: Ctx) -> None:
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    side_w = 62.0
    side_pad = 9.0
    sx, sw = side_pad, side_w - 2 * side_pad
    left, right, top, bottom = side_w + 10.0, 16.0, 17.0, PAGE_H - 22.0
    w = PAGE_W - left - right
    tint = mix(accent, WHITE, 0.9)
    text_accent = readable(accent)
    side_accent = readable(accent, on=tint)
    s = Style(
        heading=TypeSpec("B", 11.0, 6.0, text_accent),
        title=TypeSpec("B", 10.5, 5.2, INK),
        meta=TypeSpec("", 9.5, 4.8, MUTED),
        period=TypeSpec("", 8.5, 5.2, MUTED),
        body=TypeSpec("", 9.5, 4.6, BODY),
        rule=mix(accent, WHITE, 0.7),
        org_color=text_accent,
        period_right=True,
    )

    # Sidebar: photo, contact, personal facts, skills, languages.
    side: list[Row] = []
    photo_size = c.photo_size(doc.photo)
    if photo_size and doc.photo:
        pw_, ph_ = 38.0, 38.0 * 4 / 3
        photo = doc.photo

        def draw_photo(x: float, y: float) -> None:
            c.photo(photo, photo_size, (side_w - pw_) / 2, y, pw_, ph_)

        side.append(Row(ph_ + 2, draw_photo))
    side_head = TypeSpec("B", 8.5, 5.0, side_accent)
    label_t = TypeSpec("", 7.5, 3.6, MUTED)
    value_t = TypeSpec("", 8.5, 4.2, INK)
    item_t = TypeSpec("", 8.8, 4.3, INK)
    level_t = TypeSpec("", 7.8, 3.8, MUTED)

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
            block = lab + _keep_lines(val)
            block[0].gap = 2.2 if body else 0
            body += block
        return side_heading(heading) + body if body else []

    def item_rows(section: Section) -> list[Row]:
        body: list[Row] = []
        if section.text:
            body += description_rows(c, section.text, sw, TypeSpec("", 8.5, 4.2, INK), gap=0)
        for item in section.items:
            title, level = c.line(item.title), c.line(item.level)
            extra = _join([c.line(item.organisation), c.line(item.period)], " · ")
            sub = _join([level, extra], " · ")
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
                body += description_rows(c, item.description, sw, TypeSpec("", 8.0, 3.9, BODY), gap=0.6)
        return side_heading(section.heading) + body if body else []

    side += fact_rows(doc.contact_heading, doc.contact)
    side += fact_rows(doc.personal_heading, doc.personal)
    for section in doc.sections:
        if section.key in SIDEBAR_KEYS:
            side += item_rows(section)

    # Main column: name, headline, then the other sections.
    rows: list[Row] = []
    rows += text_rows(c, c.line(doc.name), w, TypeSpec("B", 22, 9.5, INK))
    rows += text_rows(c, c.line(doc.headline), w, TypeSpec("", 12, 6.2, text_accent), gap=0.8)
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
    _run(pdf, main, rows)
    while not sidebar.done:  # a sidebar longer than the main column
        pdf.add_page()


def _run(pdf: CVPdf, flow: Flow, rows: list[Row]) -> None:
    flow.rows = rows
    while not flow.fill():
        pdf.add_page()
        flow.new_page()


RENDERERS: dict[str, Callable[[Ctx], None]] = {
    "ats": render_ats,
    "accent": render_accent,
    "sidebar": render_sidebar,
}


def build(doc: CVDocument, use_fast: bool = True) -> CVPdf:
    """Lay out ``doc`` in a new document (not yet output)."""
    eng = engine()
    pdf = new_pdf(use_fast)
    c = Canvas(pdf, eng.covered, eng.images if use_fast else None)
    name = c.line(doc.name)
    pdf.set_title(c.line(doc.title) or name)
    pdf.set_author(name)
    pdf.set_lang(re.sub(r"[^A-Za-z0-9-]", "", doc.lang or "")[:35] or "nl")
    pdf.add_page()
    template = doc.template if doc.template in RENDERERS else "ats"
    RENDERERS[template](Ctx(c, doc, parse_color(doc.accent)))
    return pdf
