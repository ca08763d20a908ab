"""``accent``: a coloured header band with the photo, one column below it.

The band (name, headline, facts, photo on the right) is one block on the first page;
later pages get a thin accent strip. Skills and languages in a two-column grid.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, accent_style, compact_grid, footer_drawer, header_facts, section_rows
from ..canvas import Ctx
from ..colour import INK, WHITE, contrast, mix
from ..engine import PAGE_W, CVPdf
from ..registry import Template
from ..rows import Flow, Row, packed_rows, run_flow, text_rows


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: the accent band on page 1, sections in one column."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(18.0)
    bottom = ctx.bottom()
    w = PAGE_W - left - right
    on_band = WHITE if contrast(WHITE, accent) >= 3.0 else INK
    soft_on_band = mix(on_band, accent, 0.22)
    s = accent_style(ctx)

    # Header band: name, headline, contact and personal facts; photo on the right.
    photo_size = c.photo_size(doc.photo)
    ph_w, ph_h = 30.0, 40.0
    pad_top, pad_bottom = 14.0, 11.0
    band_w = w - (ph_w + 10 if photo_size else 0)
    name_t = ctx.type("B", 24, 10.0, on_band)
    head_t = ctx.type("", 12, 6.2, soft_on_band)
    fact_t = ctx.type("", 8.5, 4.4, soft_on_band)
    # The band is one block on the first page: absurdly long values are cut short.
    band_rows: list[Row] = []
    band_rows += text_rows(c, c.line(doc.name), band_w, name_t, max_lines=3)
    band_rows += text_rows(c, c.line(doc.headline), band_w, head_t, gap=0.8, max_lines=3)
    contact = header_facts(c, doc.contact, labelled=False)
    personal = header_facts(c, doc.personal, labelled=True)
    band_rows += packed_rows(c, contact, "   ·   ", band_w, fact_t, gap=3.5, max_lines=FACT_LINES)
    band_rows += packed_rows(c, personal, "   ·   ", band_w, fact_t, gap=0.6, max_lines=FACT_LINES)
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
    flow = Flow(left, band_h + 9.0, bottom, next_top=ctx.margin(18.0))
    run_flow(pdf, flow, rows)



TEMPLATE = Template(
    name="accent",
    labels={"nl": "Accent", "en": "Accent"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=1,
    order=20,
)
