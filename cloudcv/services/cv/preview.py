"""The editor's live preview: every page of the real PDF as one PNG, rasterised in this
process with PDFium (``pypdfium2``) and stacked with Pillow.

Called by ``rendering.render_preview`` (which checks ownership) and by the shared-link
page; served by ``api.py`` at ``/api/cv/<id>/preview.png``. Nothing touches the disk: the
clear PDF stays in memory. PDFium is not thread-safe, so every call into it holds
:data:`PDFIUM_LOCK` (one rasterisation at a time per process); the PNG encoding, which
takes about as long, runs outside the lock. CPU-bound: call off the event loop.
"""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
from PIL import Image

DPI = 60
GAP = 16
BACKGROUND = (229, 231, 235)

PDFIUM_LOCK = threading.Lock()


def page_images(pdf: bytes, *, dpi: int = DPI, max_pages: int = 6) -> list[Image.Image]:
    """The first ``max_pages`` pages of ``pdf`` as RGB images at ``dpi``. Any caller.

    Raises ``pypdfium2.PdfiumError`` for bytes that are not a PDF.
    """
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            pages = []
            for index in range(min(len(doc), max_pages)):
                page = doc[index]
                try:
                    bitmap = page.render(scale=dpi / 72)
                    # convert() copies out of PDFium's buffer before the bitmap is freed
                    pages.append(bitmap.to_pil().convert("RGB"))
                    bitmap.close()
                finally:
                    page.close()
            return pages
        finally:
            doc.close()


def stack_png(pages: list[Image.Image]) -> bytes:
    """``pages`` one under the other, ``GAP`` pixels apart, as one PNG. Any caller."""
    width = max(p.width for p in pages)
    height = sum(p.height for p in pages) + GAP * (len(pages) - 1)
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + GAP
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=False, compress_level=1)  # 2x faster than 6, 2% larger
    return out.getvalue()


def pages_png(pdf: bytes, *, dpi: int = DPI, max_pages: int = 6) -> bytes:
    """The first ``max_pages`` pages of ``pdf`` stacked into one PNG. Any caller.

    Raises ``pypdfium2.PdfiumError`` for bytes that are not a PDF.
    """
    return stack_png(page_images(pdf, dpi=dpi, max_pages=max_pages))
