"""Plain text measured and drawn without fpdf2's per-call machinery (point 5 of
``fast/__init__``).

``FPDF.get_string_width`` builds bidi fragments and a graphics-state copy for every
call, and ``FPDF.text`` maps each character to the font subset one at a time
(``TTFFont.encode_text``: a Python loop with a string concatenation per character).
For a :class:`~.fonts.SharedTTFFont` in the plain state the templates draw in (no
shaping, fallbacks, character spacing, stretching, underline, strike-through or text
mode), :func:`width` and :func:`draw` compute the same numbers and write the same
content-stream operators: the width as ``sum(widths) * size * 0.001 / k`` (fpdf2's
expression), the subset mapping through a per-document ``str.translate`` table filled
in text order (so glyphs are picked in the order fpdf2 picks them), and the operator
string of ``FPDF.text``. ``tests/unit/test_pdf.py`` compares the output with stock fpdf2.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.util import escape_parens

from .fonts import SharedTTFFont


def plain_state(pdf: FPDF) -> bool:
    """Whether :func:`width` and :func:`draw` match fpdf2 for ``pdf`` in its current state."""
    return (
        type(pdf.current_font) is SharedTTFFont
        and pdf.page > 0
        and not pdf.text_shaping
        and not pdf._fallback_font_ids
        and pdf.char_spacing == 0
        and pdf.font_stretching == 100
        and not pdf.underline
        and not pdf.strikethrough
        and pdf.text_mode == TextMode.FILL
        and not pdf._record_text_quad_points
    )


def width(pdf: FPDF, text: str) -> float:
    """``pdf.get_string_width(text)`` in the plain state."""
    font: SharedTTFFont = pdf.current_font  # type: ignore[assignment]
    units = sum(map(font.cw.__getitem__, map(ord, text)))
    return units * pdf.font_size_pt * 0.001 / pdf.k


def _mapped(font: SharedTTFFont, text: str) -> str:
    """``text`` in the font's subset code points (``TTFFont.encode_text``'s mapping)."""
    table = font.translation
    for ch in dict.fromkeys(text):  # new characters, in the order fpdf2 would pick them
        code = ord(ch)
        if code not in table:
            picked = font.subset.pick(code)
            table[code] = None if picked is None else chr(picked)
    return text.translate(table)


def draw(pdf: FPDF, x: float, y: float, text: str) -> None:
    """``pdf.text(x, y, text)`` in the plain state."""
    font: SharedTTFFont = pdf.current_font  # type: ignore[assignment]
    k = pdf.k
    if not pdf.current_font_is_set_on_page:
        pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
    escaped = escape_parens(_mapped(font, text).encode("utf-16-be").decode("latin-1"))
    op = f"BT {x * k:.2f} {(pdf.h - y) * k:.2f} Td ({escaped}) Tj ET"
    if pdf.fill_color != pdf.text_color:
        op = f"q {pdf.text_color.serialize().lower()} {op} Q"
    pdf._out(op)
