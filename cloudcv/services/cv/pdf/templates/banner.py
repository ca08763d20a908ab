"""``banner``: a full-width dark banner with the photo, name and headline in white, the
contact and personal facts on a light strip under it, then one column whose section
headings are small filled accent pills.

The banner is the accent darkened (near-black when the accent is light); a pill's text is
white, or dark when white would not keep 4.5:1 on the accent. Later pages start with a
thin strip of the banner colour. Skills and languages in a two-column grid.
"""

from __future__ import annotations

from ..blocks import FACT_LINES, accent_style, compact_grid, footer_drawer, header_facts
from ..canvas import Ctx
from ..colour import INK, WHITE, contrast, mix
from ..engine import PAGE_W, CVPdf
from ..panels import column_rows, heading_block, on_fill, pill, place, rows_height
from ..registry import Template
from ..rows import Flow, Row, packed_rows, run_flow, text_rows

BLACK = (0, 0, 0)
TINT = 0.9  # the accent-tinted surface text sits on (share of white; Template.tint)


def banner_colour(accent: tuple[int, int, int]) -> tuple[int, int, int]:
    """The accent darkened; near-black (tinted by the accent) when that stays too light."""
    dark = mix(accent, BLACK, 0.35)
    return dark if contrast(WHITE, dark) >= 7.0 else mix(accent, INK, 0.85)


def build(ctx: Ctx) -> None:
    """Lay out ``ctx.doc``: banner and facts strip on page 1, sections in one column."""
    c, doc, pdf, accent = ctx.c, ctx.doc, ctx.c.pdf, ctx.accent
    left = right = ctx.margin(18.0)
    bottom = ctx.bottom()
    w = PAGE_W - left - right
    dark = banner_colour(accent)
    soft = mix(WHITE, dark, 0.18)
    s = accent_style(ctx)

    # The banner: photo on the left, name and headline beside it (capped: one block).
    photo_size = c.photo_size(doc.photo)
    ph_w, ph_h = 28.0, 36.0
    tx = left + (ph_w + 8.0 if photo_size else 0.0)
    tw = PAGE_W - right - tx
    band: list[Row] = []
    band += text_rows(c, c.line(doc.name), tw, ctx.type("B", 24, 10.0, WHITE), max_lines=3)
    band += text_rows(c, c.line(doc.headline), tw, ctx.type("", 12, 6.2, soft), gap=1.0, max_lines=3)
    pad = 12.0
    band_h = max(2 * pad + rows_height(band), ph_h + 16.0 if photo_size else 0.0, 34.0)
    c.fill_rect(0, 0, PAGE_W, band_h, dark)
    if photo_size and doc.photo:
        c.photo(doc.photo, photo_size, left, (band_h - ph_h) / 2, ph_w, ph_h)
    place(band, tx, (band_h - rows_height(band)) / 2)

    # The light strip with the facts.
    strip_t = ctx.type("", 8.8, 4.6, ctx.body)
    facts: list[Row] = []
    facts += packed_rows(c, header_facts(c, doc.contact, labelled=False), "   ·   ", w, strip_t, max_lines=FACT_LINES)
    facts += packed_rows(c, header_facts(c, doc.personal, labelled=True), "   ·   ", w, strip_t, gap=0.8,
                         max_lines=FACT_LINES)
    top = band_h + 9.0
    if facts:
        strip_h = rows_height(facts) + 8.0
        c.fill_rect(0, band_h, PAGE_W, strip_h, mix(accent, WHITE, TINT))
        place(facts, left, band_h + 4.0)
        top += strip_h

    # Section headings: a filled pill, then a hairline to the right edge.
    pill_fill = accent
    head_t = ctx.type("B", 9.5, 6.4, on_fill(pill_fill))
    hair = mix(accent, WHITE, 0.65)
    inset = 3.2

    def mark(x: float, y: float, h: float, widths: list[float]) -> None:
        pw = max(widths) + 2 * inset
        pill(c, x, y, pw, h, pill_fill, radius=None if len(widths) == 1 else 2.0)
        if len(widths) == 1 and pw + 4 < w:
            c.hline(x + pw + 3.0, y + h / 2, w - pw - 3.0, hair, 0.3)

    def heading(text: str) -> list[Row]:
        return heading_block(c, text, w - inset, head_t, gap=7.5, mark=mark, dx=inset) + [
            Row(2.6, keep=True)]

    rows = column_rows(c, doc.sections, w, s, compact_grid, heading)

    def continuation(pdf: CVPdf) -> None:
        c.fill_rect(0, 0, PAGE_W, 5.0, dark)

    pdf.on_page = continuation
    pdf.on_footer = footer_drawer(c, doc, left, PAGE_W - right)
    run_flow(pdf, Flow(left, top, bottom, next_top=ctx.margin(18.0)), rows)


TEMPLATE = Template(
    tint=TINT,
    name="banner",
    labels={"nl": "Donkere banner", "en": "Dark banner"},
    build=build,
    supports_photo=True,
    supports_accent=True,
    columns=1,
    order=100,
)
