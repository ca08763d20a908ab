"""Shaped lines drawn from a recipe made once per process (point 6 of ``fast/__init__``).

A line that needs shaping (another script, right to left, marks) costs fpdf2's ``cell``
about 1 ms: the bidi algorithm, fragments per fallback font, HarfBuzz, a graphics-state
copy per fragment. None of that depends on the document: only the subset codes the glyphs
get do. :func:`recipe` runs fpdf2's own steps once — ``_preload_bidirectional_text``,
``TextLine.get_ordered_fragments`` and HarfBuzz as ``TTFFont.shape_text`` calls it — and
keeps the result as plain data (:class:`Run`, :class:`ShapedGlyph`): fonts by key, glyphs
by id, cluster code points, advances and offsets. :func:`draw` writes a recipe into a
document with the operators ``cell`` writes for it (``_render_styled_text_line`` and
``Fragment.render_with_text_shaping``): a text object at the baseline, each run in its
font, glyphs mapped into this document's subset, a text matrix wherever HarfBuzz moves a
glyph off its advance. ``tests/unit/test_scripts.py`` compares it with fpdf2's ``cell``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import Align, PDFResourceType
from fpdf.fonts import TTFFont
from fpdf.line_break import TextLine


@dataclass(frozen=True, slots=True)
class ShapedGlyph:
    """One glyph as ``TTFFont.shape_text`` makes it, before the subset gives it a code."""

    gid: int
    unicode: tuple[int, ...]
    name: str
    width: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int
    force_positioning: bool


@dataclass(frozen=True, slots=True)
class Run:
    """A fragment of the line in visual order: its font, size, width (mm) and glyphs."""

    fontkey: str
    size_pt: float
    scale: float
    width: float
    glyphs: tuple[ShapedGlyph, ...]


def _shape(font: TTFFont, text: str, size_pt: float, params: dict | None) -> tuple[ShapedGlyph, ...]:
    """``TTFFont.shape_text`` without picking glyphs into a subset."""
    if not text:
        return ()
    infos, positions = font.perform_harfbuzz_shaping(text, size_pt, params)
    clusters = sorted(int(gi.cluster) for gi in infos)
    mapping: dict[int, list[int]] = {}
    for i in range(len(text)):  # fpdf2's get_cluster_from_text_index
        pos = bisect_left(clusters, i)
        if pos == 0:
            cl = clusters[0]
        elif pos == len(clusters) or clusters[pos] != i:
            cl = clusters[pos - 1]
        else:
            cl = clusters[pos]
        mapping.setdefault(cl, []).append(i)
    glyphs = []
    for info, pos in zip(infos, positions):
        unicode: list[int] = []
        if info.cluster in mapping:
            unicode = [ord(text[i]) for i in mapping.pop(info.cluster)]
        name = font.ttfont.getGlyphName(info.codepoint)
        width = round(font.scale * font.ttfont["hmtx"].metrics[name][0])
        force = (width != pos.x_advance or pos.x_offset != 0 or pos.y_offset != 0 or pos.y_advance != 0)
        glyphs.append(ShapedGlyph(info.codepoint, tuple(unicode), name, width, pos.x_advance,
                                  pos.y_advance, pos.x_offset, pos.y_offset, force))
    return tuple(glyphs)


def recipe(pdf: FPDF, text: str, width: float) -> tuple[Run, ...]:
    """The runs fpdf2's ``cell(width, h, text)`` prints, in visual order. ``pdf`` is in the
    shaped state (text shaping on, the fallback fonts ``text`` needs present)."""
    fragments = pdf._preload_bidirectional_text(pdf.normalize_text(text), False)
    line = TextLine(fragments, text_width=0, number_of_spaces=0, align=Align.L, height=2.0,
                    max_width=width, trailing_nl=False)
    runs = []
    for i, frag in enumerate(line.get_ordered_fragments()):
        font = frag.font
        runs.append(Run(font.fontkey, frag.font_size_pt, font.scale, frag.get_width(initial_cs=i != 0),
                        _shape(font, frag.string, frag.font_size_pt, frag.text_shaping_parameters)))
    return tuple(runs)


def draw(pdf: FPDF, x: float, base: float, runs: tuple[Run, ...]) -> None:
    """Write ``runs`` from ``x`` on the baseline ``base`` in the current text colour."""
    k, page_h = pdf.k, pdf.h
    sl = [f"BT {x * k:.2f} {(page_h - base) * k:.2f} Td"]
    catalog = pdf._resource_catalog
    shown = None
    s_width = 0.0
    for run in runs:
        font = pdf.fonts[run.fontkey]
        if font is not shown:
            sl.append(f"/F{font.i} {run.size_pt:.2f} Tf")
            catalog.add(PDFResourceType.FONT, font.i, pdf.page)
            shown = font
        subset = font.subset
        scale, size = run.scale, run.size_pt  # fpdf2's adjust_pos(p): p * scale * size * 1.0 / 1000 / k
        pos_x, pos_y = x + s_width, base
        out, text = [], ""
        for g in run.glyphs:
            glyph = subset.get_glyph(glyph=g.gid, unicode=g.unicode, glyph_name=g.name, glyph_width=g.width)
            mapped = subset.pick_glyph(glyph) if glyph is not None else None
            if mapped is None:
                continue
            if g.x_offset != 0 or g.y_offset != 0:
                if text:
                    out.append(f"({text}) Tj")
                    text = ""
                out.append(f"1 0 0 1 {(pos_x + g.x_offset * scale * size * 1.0 / 1000 / k) * k:.2f} "
                           f"{(page_h - (pos_y - g.y_offset * scale * size * 1.0 / 1000 / k)) * k:.2f} Tm")
            text += font.escape_text(chr(mapped))
            pos_x += g.x_advance * scale * size * 1.0 / 1000 / k
            pos_y += g.y_advance * scale * size * 1.0 / 1000 / k
            if g.force_positioning:
                if text:
                    out.append(f"({text}) Tj")
                    text = ""
                out.append(f"1 0 0 1 {pos_x * k:.2f} {(page_h - pos_y) * k:.2f} Tm")
        if text:
            out.append(f"({text}) Tj")
        if out:
            sl.append(" ".join(out))
        s_width += run.width
    sl.append("ET")
    op = " ".join(sl)
    if pdf.fill_color != pdf.text_color:
        op = f"q {pdf.text_color.serialize().lower()} {op} Q"
    pdf._out(op)
    pdf.current_font_is_set_on_page = False  # the runs' Tf changed the page's font
