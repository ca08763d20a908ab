"""Measuring and drawing on one document: :class:`Canvas`, and :class:`Ctx`, what a
template's ``build`` receives.

A template measures user text with :meth:`Canvas.wrap` (fpdf2's own line breaking, via
the fast path in ``fast/lines.py`` when it applies) and draws each line at an explicit
position with :meth:`Canvas.put`; it never lets fpdf2 break lines or pages. Text is
cleaned first (:meth:`Canvas.text`, :meth:`Canvas.line`, rules in ``engine.py``).

Text that is not :meth:`~.scripts.Script.plain` (another script, right to left, marks) is
measured, broken and drawn by fpdf2 with the fallback fonts and HarfBuzz shaping on, only
for that call (:meth:`Canvas.shaped`): the fast path stays as fast for everything else.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fpdf.drawing_primitives import convert_to_device_color
from fpdf.image_parsing import preload_image

from .colour import BODY, INK, MUTED, WHITE, Color, mix, parse_color, readable
from .document import CVDocument
from .engine import FAMILY, PAGE_H, PT, CVPdf, clean_text
from .fast.images import ImageInfoCache
from .fast import shaped as fast_shaped
from .fast import text as fast_text
from .fast.lines import break_lines, can_break_lines
from .scripts import FALLBACK_IDS, Script, is_rtl

_BLANK_RUNS = re.compile(r"\n{3,}")


class Canvas:
    """Measuring and drawing helpers bound to one document."""

    def __init__(self, pdf: CVPdf, script: Script, images: ImageInfoCache | None,
                 family: str = FAMILY, add_fallbacks: Callable[[CVPdf, str], None] | None = None,
                 memo: Callable[[tuple, Callable[[], Any]], Any] | None = None):
        self.pdf = pdf
        self.script = script
        self.covered = script.covered
        self.images = images
        self.family = family
        self._family = family.lower()
        self._fontkeys = {style: self._family + style for style in ("", "B", "I", "BI")}
        self._add_fallbacks = add_fallbacks
        self._memo = memo
        self._widths: dict[tuple[str, str, float], float] = {}
        self._colors: dict[Color, Any] = {}

    @contextmanager
    def shaped(self, text: str) -> Iterator[None]:
        """fpdf2's fallback fonts, HarfBuzz shaping and bidi reordering, for one call that
        prints or measures ``text``."""
        pdf = self.pdf
        if self._add_fallbacks is not None:
            self._add_fallbacks(pdf, text)
        pdf.set_text_shaping(True)
        pdf._fallback_font_ids = [key for key in FALLBACK_IDS if key in pdf.fonts]
        pdf._fallback_font_exact_match = False
        font, style, size = pdf.current_font, pdf.font_style, pdf.font_size_pt
        try:
            yield
        finally:
            pdf.set_text_shaping(False)
            pdf._fallback_font_ids = []
            # A cell whose first run is a fallback selects our font inside its own q/Q (for
            # the colour) and then counts it as selected on the page, and one whose runs
            # change the document's font leaves the fallback current while ``font_family``
            # still names ours (the next set_font is a no-op): restore our font, and let
            # the next text select it on the page again.
            pdf.current_font, pdf.font_style, pdf.font_size_pt = font, style, size
            pdf.current_font_is_set_on_page = False

    def rtl(self, text: str) -> bool:
        """Whether ``text`` is a right-to-left paragraph (aligned right by the layouts)."""
        return not self.script.plain(text) and is_rtl(text)

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
        """Set the font and text colour for what is drawn next."""
        self.set_font(style, size)
        if self._memo is None:  # stock fpdf2 (the reference the fast path is tested against)
            self.pdf.set_text_color(*color)
        else:
            self.pdf.text_color = self._device(color)  # what set_text_color(*color) sets

    def _device(self, color: Color) -> Any:
        """fpdf2's device colour for ``color``, converted once per document."""
        device = self._colors.get(color)
        if device is None:
            device = self._colors[color] = convert_to_device_color(*color)
        return device

    def set_font(self, style: str, size: float) -> None:
        """``pdf.set_font(family, style, size)``: the same state, without fpdf2's checks
        for the styles the family was loaded with."""
        pdf = self.pdf
        font = pdf.fonts.get(self._fontkeys.get(style, "")) if self._memo is not None else None
        if font is None:  # (and stock fpdf2: the reference the fast path is tested against)
            pdf.set_font(self.family, style, size)
            return
        if pdf.underline or pdf.strikethrough:
            pdf.underline = pdf.strikethrough = False
        if pdf.current_font is font and pdf.font_size_pt == size:
            return
        pdf.font_family, pdf.font_style, pdf.font_size_pt = self._family, style, size
        pdf.current_font = font
        pdf.current_font_is_set_on_page = False

    def width(self, text: str, style: str, size: float) -> float:
        """Width of ``text`` in millimetres in this style and size."""
        self.set_font(style, size)
        if self.script.plain(text):
            if fast_text.plain_state(self.pdf):
                return fast_text.width(self.pdf, text)
            return self.pdf.get_string_width(text)
        key = (text, style, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = (self._measure_shaped(text) if self._memo is None
                                         else self._memo(("width", *key), lambda: self._measure_shaped(text)))
        return found

    def _measure_shaped(self, text: str) -> float:
        with self.shaped(text):
            return self.pdf.get_string_width(text)

    def wrap(self, text: str, w: float, style: str, size: float) -> list[str]:
        """fpdf2's own line breaking of ``text`` into lines at most ``w`` wide."""
        if not text:
            return []
        pdf = self.pdf
        self.set_font(style, size)
        if not can_break_lines(pdf):  # a state of the document fpdf2 breaks in: not kept
            return self._wrap(text, w, style, size, False)
        if self._memo is None:
            return self._wrap(text, w, style, size, True)
        # the same lines in every document of this family: kept (a preview re-renders them)
        return list(self._memo(("wrap", text, w, style, size),
                               lambda: tuple(self._wrap(text, w, style, size, True))))

    def _wrap(self, text: str, w: float, style: str, size: float, fast: bool) -> list[str]:
        pdf = self.pdf
        plain = self.script.plain(text)
        if plain and fast:
            lines = break_lines(pdf.current_font, size, pdf.k, text, w)
            return [ln.strip() for ln in lines]
        if not plain:
            return self._wrap_words(text, w, style, size)
        return self._multi_cell_lines(text, w)

    def _multi_cell_lines(self, text: str, w: float) -> list[str]:
        lines = self.pdf.multi_cell(
            w, 5, text, align="L", new_x="LMARGIN", new_y="NEXT", dry_run=True, output="LINES"
        )
        return [ln.strip() for ln in lines]

    def _wrap_words(self, text: str, w: float, style: str, size: float) -> list[str]:
        """Shaped text broken at spaces, each word measured shaped once (fpdf2's own
        breaking re-shapes the line for every character it adds: O(n²) HarfBuzz calls).
        Joining and shaping do not reach across a space, so the widths add up. A word
        wider than ``w`` on its own is broken by fpdf2."""
        space = self.width(" ", style, size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = [word for word in paragraph.split(" ") if word]
            current: list[str] = []
            used = 0.0
            for word in words:
                ww = self.width(word, style, size)
                if ww > w:  # a word alone too wide for the line: fpdf2 breaks it
                    if current:
                        lines.append(" ".join(current))
                    pdf = self.pdf
                    pdf.set_font(self.family, style, size)
                    with self.shaped(word):
                        parts = self._multi_cell_lines(word, w)
                    lines += parts[:-1]
                    current, used = parts[-1:], self.width(parts[-1], style, size) if parts else 0.0
                    continue
                if current and used + space + ww > w + 1e-9:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                used += (space if current else 0.0) + ww
                current.append(word)
            lines.append(" ".join(current))
        return lines

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
        self.at_baseline(x, baseline(y, lh, size), text)

    def at_baseline(self, x: float, base: float, text: str) -> None:
        """Draw ``text`` in the current font and colour from ``x`` on the baseline ``base``."""
        pdf = self.pdf
        if self.script.plain(text):
            if fast_text.plain_state(pdf):
                fast_text.draw(pdf, x, base, text)
            else:
                pdf.text(x, base, text)
            return
        style, size = pdf.font_style, pdf.font_size_pt
        width = self.width(text, style, size)
        if self._memo is not None and pdf.char_spacing == 0 and pdf.font_stretching == 100:
            # fpdf2's cell, from a recipe made once (fast/shaped.py)
            if self._add_fallbacks is not None:
                self._add_fallbacks(pdf, text)
            runs = self._memo(("runs", text, style, size), lambda: self._recipe(text, width))
            fast_shaped.draw(pdf, x, base, runs)
            return
        with self.shaped(text):  # a cell is where fpdf2 applies fallbacks, shaping and bidi
            pdf.set_xy(x, base - 1.0 - 0.3 * pdf.font_size)  # a 2 mm cell's baseline (baseline())
            pdf.cell(width, 2.0, text)

    def _recipe(self, text: str, width: float) -> tuple[fast_shaped.Run, ...]:
        with self.shaped(text):
            return fast_shaped.recipe(self.pdf, text, width)

    def put_right(self, right: float, y: float, lh: float, text: str, style: str, size: float, color: Color) -> None:
        """Like :meth:`put`, with the text's right edge at ``right``."""
        if not text:
            return
        self.put(right - self.width(text, style, size), y, lh, text, style, size, color)

    def fill_rect(self, x: float, y: float, w: float, h: float, color: Color) -> None:
        """A filled rectangle without a border: the operators of ``set_fill_color(*color)``
        and ``rect(x, y, w, h, style="F")``, without their argument coercion."""
        pdf = self.pdf
        if pdf.page == 0 or self._memo is None:  # (stock: fpdf2's own; it refuses page 0)
            pdf.set_fill_color(*color)
            pdf.rect(x, y, w, h, style="F")
            return
        device = self._device(color)
        if device != pdf.fill_color:
            pdf.fill_color = device
            pdf._out(device.serialize().lower())
        k = pdf.k
        pdf._out(f"{x * k:.2f} {(pdf.h - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re f")

    def hline(self, x: float, y: float, w: float, color: Color, width: float = 0.2) -> None:
        """A horizontal rule ``w`` long from ``(x, y)``."""
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



@dataclass(frozen=True)
class TypeSpec:
    """Font style, size (pt), line height (mm) and colour of a kind of text."""

    style: str
    size: float
    lh: float
    color: Color


SIZE = 9.5      # the body size the templates are drawn at (pt); the user's scales them
SPACING = 1.15  # the line spacing their line heights are drawn at
FOOTER_ROOM = 22.0  # mm kept free above the bottom edge for the page footer


@dataclass
class Ctx:
    """What a template's ``build`` gets: the canvas, the CV and the parsed accent colour.

    A template writes its type in its own sizes through :meth:`type` (scaled to the
    user's body size and line spacing), its margins through :meth:`margin` / :meth:`bottom`
    and its text in :attr:`ink` (names, titles), :attr:`body` and :attr:`muted` (the
    user's text colour, or the house palette).
    """

    c: Canvas
    doc: CVDocument
    accent: Color

    def __post_init__(self) -> None:
        typo = self.doc.typography
        self.scale = typo.size / SIZE
        self.leading = self.scale * typo.spacing / SPACING
        if typo.text_color:
            text = parse_color(typo.text_color, INK)
            self.ink = self.body = text
            self.muted = readable(mix(text, WHITE, 0.3), ratio=4.5) if text != WHITE else MUTED
        else:
            self.ink, self.body, self.muted = INK, BODY, MUTED

    def type(self, style: str, size: float, lh: float, color: Color) -> TypeSpec:
        """A kind of text drawn at ``size`` pt with ``lh`` mm lines at the template's
        own 9.5 pt / 1.15: scaled to the user's size and line spacing."""
        return TypeSpec(style, size * self.scale, lh * self.leading, color)

    def margin(self, default: float) -> float:
        """The user's page margin (mm), or the template's ``default``."""
        margin = self.doc.typography.margin
        return float(margin) if margin is not None else default

    def bottom(self) -> float:
        """Where the content ends on a page: the user's margin, or enough for the footer."""
        return PAGE_H - max(FOOTER_ROOM, self.margin(0.0))
