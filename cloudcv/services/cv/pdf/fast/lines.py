"""Line breaking by bisection on prefix sums, identical to fpdf2's (point 2 of ``fast/__init__``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from fpdf import FPDF
from fpdf import line_break
from fpdf.errors import FPDFException

from .fonts import SharedTTFFont

_BREAKING_SPACES = line_break.BREAKING_SPACE_SYMBOLS_STR
_NBSP = line_break.NBSP
_BREAKING = re.compile("[" + re.escape(_BREAKING_SPACES) + "]")
_NEWLINE = re.compile("[\n\f]")


def break_lines(font: SharedTTFFont, size_pt: float, k: float, text: str, max_width: float) -> list[str]:
    """The lines ``multi_cell(max_width, text=text, align="L", dry_run=True, output="LINES")``
    returns, for a document with ``c_margin == 0``, no alias, markdown, shaping,
    char spacing or stretching — computed in O(log n) steps per line.

    fpdf2's ``MultiLineBreak`` re-measures the whole line for every character it
    adds (``CurrentLine.width``), O(n²) per line, with several property lookups per
    character on top. This is the same algorithm — break at the last breaking space
    when a character would overflow, drop a space that overflows, break inside a word
    that has no space, a newline forces a break, NBSP prints as a space — on prefix
    sums of the integer glyph widths: the first character that overflows a line is
    found by bisection (the line's width only grows), and the widths are converted
    with the exact float expression fpdf2 uses (``sum * size_pt * 0.001 / k``, 1e-9
    tolerance), so the result is identical; ``tests/unit/test_pdf.py`` compares both
    on many inputs.
    """
    text = text.replace("\r", "")
    cw = font.cw
    if _NBSP in text and cw[ord(_NBSP)] != cw[ord(" ")]:
        return _break_lines_by_char(font, size_pt, k, text, max_width)
    widths = list(map(cw.__getitem__, map(ord, text)))
    sums = list(accumulate(widths, initial=0))
    spaces: list[int] | None = None  # where the breaking spaces are, once a line overflows
    lines: list[str] = []
    n = len(text)
    a = 0
    while a <= n:
        b = _NEWLINE.search(text, a)
        end = b.start() if b else n
        s, forced_before = a, -1

        def overflows(j: int) -> bool:
            line_w = (sums[j] - sums[s]) * size_pt * 0.001 / k if j > s else 0
            return (line_w + widths[j] * size_pt * 0.001 / k) - max_width > 1e-9

        while s < end:
            j = s + bisect_left(range(s, end), True, key=overflows)
            if j == end:
                break
            forced = -1
            if spaces is None:
                spaces = [m.start() for m in _BREAKING.finditer(text)]
            h = bisect_left(spaces, j) - 1
            if text[j] in _BREAKING_SPACES:
                line, nxt = text[s:j], j + 1
            elif h >= 0 and spaces[h] >= s:
                line, nxt = text[s:spaces[h]], spaces[h] + 1
            elif forced_before == j:
                raise FPDFException("Not enough horizontal space to render a single character")
            else:
                line, nxt, forced = text[s:j], j, j
            lines.append(line.replace(_NBSP, " "))
            s, forced_before = nxt, forced
        if b:
            lines.append(text[s:end].replace(_NBSP, " "))
        elif s < end and sums[end] - sums[s]:
            lines.append(text[s:end].replace(_NBSP, " "))
        if not b:
            break
        a = end + 1
    return lines or [""]


def _break_lines_by_char(font: SharedTTFFont, size_pt: float, k: float, text: str, max_width: float) -> list[str]:
    """:func:`break_lines` character by character, for a font whose NBSP is not as wide
    as its space (fpdf2 measures an NBSP as itself but adds a space's width)."""
    text = text.replace("\r", "")
    cw = font.cw
    n = len(text)
    lines: list[str] = []
    i = 0
    last_forced = -1
    while i < n:
        forced_before, last_forced = last_forced, -1
        chars: list[str] = []
        units = 0
        hint_len = hint_at = -1
        while i < n:
            ch = text[i]
            if ch == "\n" or ch == "\f":
                i += 1
                lines.append("".join(chars))
                break
            char_w = cw[ord(ch)] * size_pt * 0.001 / k
            line_w = units * size_pt * 0.001 / k if chars else 0
            if (line_w + char_w) - max_width > 1e-9:
                if ch in _BREAKING_SPACES:
                    i += 1
                elif hint_at >= 0:
                    del chars[hint_len:]
                    i = hint_at + 1
                elif forced_before == i:
                    raise FPDFException("Not enough horizontal space to render a single character")
                else:
                    last_forced = i
                lines.append("".join(chars))
                break
            if ch in _BREAKING_SPACES:
                hint_len, hint_at = len(chars), i
            elif ch == _NBSP:
                ch = " "
            chars.append(ch)
            units += cw[ord(ch)]
            i += 1
        else:
            if units and chars:
                lines.append("".join(chars))
    return lines or [""]


def can_break_lines(pdf: FPDF) -> bool:
    """Whether :func:`break_lines` matches ``pdf.multi_cell`` in its current state."""
    font = pdf.current_font
    return (
        isinstance(font, SharedTTFFont)
        and not font.is_symbol
        and pdf.c_margin == 0
        and not pdf.str_alias_nb_pages
        and not pdf.text_shaping
        and not pdf._fallback_font_ids
        and pdf.char_spacing == 0
        and pdf.font_stretching == 100
        and not pdf.underline
        and not pdf.strikethrough
    )
