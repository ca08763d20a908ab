"""The editor's live preview: every page of the real PDF as one image, rasterised with
PDFium (``pypdfium2``) and stacked with Pillow.

The editor's preview (``api.py``, ``/api/cv/<id>/preview.jpg``) is a JPEG made by
:func:`document_jpeg` in a background process (``pools.in_process``): building the PDF and
encoding the image are pure Python / C under the GIL, and in the server's own process they
took the CPU and the GIL from the saves (issue 20, docs/performance.md). JPEG because it
encodes 5–6× faster than PNG at this size (3–4 ms vs 18–29 ms for two pages at 60 dpi) and
is a third smaller; the shared-link page keeps a PNG (:func:`pages_png`), made once per
recipient. Nothing touches the disk: the clear PDF stays in memory. PDFium is not
thread-safe, so every call into it holds :data:`PDFIUM_LOCK` (one rasterisation at a time
per process); the encoding runs outside the lock. CPU-bound: call off the event loop.
"""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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
                    # 3 bytes per pixel: PIL reads it as RGB in one pass (from PDFium's
                    # default BGRA, convert("RGB") took as long as the rasterising)
                    bitmap = page.render(scale=dpi / 72, force_bitmap_format=pdfium_c.FPDFBitmap_BGR)
                    image = bitmap.to_pil()
                    # a copy out of PDFium's buffer before the bitmap is freed
                    pages.append(image.copy() if image.mode == "RGB" else image.convert("RGB"))
                    bitmap.close()
                finally:
                    page.close()
            return pages
        finally:
            doc.close()


def stack(pages: list[Image.Image]) -> Image.Image:
    """``pages`` one under the other, ``GAP`` pixels apart, on the grey sheet. Any caller."""
    width = max(p.width for p in pages)
    height = sum(p.height for p in pages) + GAP * (len(pages) - 1)
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + GAP
    return sheet


JPEG_QUALITY = 90  # text at 60 dpi stays crisp; 4:2:0 chroma keeps coloured headings clean enough


def pages_jpeg(pdf: bytes, *, dpi: int = DPI, max_pages: int = 6) -> bytes:
    """The first ``max_pages`` pages of ``pdf`` stacked into one JPEG. Any caller.

    Raises ``pypdfium2.PdfiumError`` for bytes that are not a PDF.
    """
    out = io.BytesIO()
    stack(page_images(pdf, dpi=dpi, max_pages=max_pages)).save(
        out, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return out.getvalue()


def document_jpeg(doc) -> bytes:
    """The editor's preview of ``doc`` (a ``pdf.document.CVDocument``): its PDF, exactly as
    the download makes it, as one JPEG. A module-level function so that a process pool can
    run it (``pools.in_process``)."""
    from . import pdf

    return pages_jpeg(pdf.render(doc))


def pages_png(pdf: bytes, *, dpi: int = DPI, max_pages: int = 6) -> bytes:
    """The first ``max_pages`` pages of ``pdf`` stacked into one PNG. Any caller.

    Raises ``pypdfium2.PdfiumError`` for bytes that are not a PDF.
    """
    out = io.BytesIO()
    stack(page_images(pdf, dpi=dpi, max_pages=max_pages)).save(
        out, "PNG", optimize=False, compress_level=1)  # 2x faster than 6, 2% larger
    return out.getvalue()
