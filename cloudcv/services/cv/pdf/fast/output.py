"""Writing shared fonts into the PDF (point 3 of ``fast/__init__``): :class:`FastFPDF`."""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from typing import Any

from fpdf import FPDF
from fpdf.enums import PDFResourceType
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFFont,
    PDFFontStream,
    _build_cmap_blocks,
    _tt_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

from .fonts import EmbeddedFont, SharedTTFFont


def _precompressed(stream: PDFContentStream, compressed: bytes) -> None:
    """Make ``stream`` hold ``compressed``, Flate-compressed contents, as they are."""
    PDFContentStream.__init__(stream, contents=b"", compress=False)
    stream._contents = compressed
    stream.filter = Name("FlateDecode")
    stream.length = len(compressed)


class _FontFileStream(PDFFontStream):
    """``PDFFontStream`` for an already compressed font program."""

    def __init__(self, embedded: EmbeddedFont) -> None:  # pylint: disable=super-init-not-called
        _precompressed(self, embedded.compressed)
        self.length1 = embedded.length


_CID_TO_GID_SIZE = 256 * 256 * 2  # fpdf2 writes the map for every 2-byte code
_CID_TO_GID_LRU_SIZE = 64
_cid_to_gid_cache: OrderedDict[bytes, bytes] = OrderedDict()
_cid_to_gid_lock = threading.Lock()


class _CompressedStream(PDFContentStream):
    """``PDFContentStream(contents, compress=True)`` for contents compressed already."""

    def __init__(self, compressed: bytes) -> None:  # pylint: disable=super-init-not-called
        _precompressed(self, compressed)


def cid_to_gid_map(code_to_glyph: dict[int, int]) -> bytes:
    """The compressed CIDToGIDMap fpdf2 writes: 2 bytes per code, 128 KiB before
    compression (~0.35 ms of zlib per font per document). Cached in a bounded LRU keyed
    by the map's non-zero prefix (content, never ``id()``): a re-rendered CV maps the same."""
    prefix = bytearray(2 * (max(code_to_glyph, default=-1) + 1))
    for code, gid in code_to_glyph.items():
        prefix[code * 2] = gid >> 8
        prefix[code * 2 + 1] = gid & 0xFF
    key = bytes(prefix)
    with _cid_to_gid_lock:
        found = _cid_to_gid_cache.get(key)
        if found is not None:
            _cid_to_gid_cache.move_to_end(key)
            return found
    whole = key + bytes(_CID_TO_GID_SIZE - len(key))
    compressed = zlib.compress(whole, level=PDFContentStream._COMPRESSION_LEVEL)
    with _cid_to_gid_lock:
        _cid_to_gid_cache[key] = compressed
        while len(_cid_to_gid_cache) > _CID_TO_GID_LRU_SIZE:
            _cid_to_gid_cache.popitem(last=False)
    return compressed


def clear_cid_to_gid_cache() -> None:
    """Forget the cached maps (for benchmarks and tests)."""
    with _cid_to_gid_lock:
        _cid_to_gid_cache.clear()


class SharedFontOutputProducer(OutputProducer):
    """fpdf2's ``OutputProducer``, writing :class:`SharedTTFFont` fonts itself.

    The objects are those of fpdf2 2.8.x ``OutputProducer._add_fonts`` for a
    TrueType (not CFF, not colour) font; all other fonts go through fpdf2's code.
    """

    def _add_fonts(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        catalog = self.fpdf._resource_catalog
        registry = catalog.font_registry
        shared = [f for f in registry.values() if isinstance(f, SharedTTFFont)]
        catalog.font_registry = {k: f for k, f in registry.items() if not isinstance(f, SharedTTFFont)}
        try:
            font_objs_per_index = super()._add_fonts(*args, **kwargs)
        finally:
            catalog.font_registry = registry
        used: set[int] = set()
        for (_, kind), ids in catalog.resources_per_page.items():
            if kind == PDFResourceType.FONT:
                used.update(int(i) for i in ids)
        for font in sorted(shared, key=lambda f: f.i):
            if font.i in used:  # not referenced by any page: not embedded
                font_objs_per_index[font.i] = self._add_shared_font(font)
        return font_objs_per_index

    def _add_shared_font(self, font: SharedTTFFont) -> PDFFont:
        fontname = f"MPDFAA+{font.name}"
        embedded = font.source.embed(font.subset.get_all_glyph_names(), font.cmap)
        code_to_glyph = {
            char_id: embedded.gids[glyph.glyph_name]
            for glyph, char_id in font.subset.items()
            if glyph is not None
        }

        composite = PDFFont(subtype="Type0", base_font=fontname, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=fontname,
            d_w=font.desc.missing_width,
            w=_tt_font_widths(font),
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])

        # ToUnicode: makes the text searchable and copyable.
        bf_char = []
        for glyph, code in font.subset.items():
            if glyph is None or not isinstance(glyph.unicode, tuple) or not glyph.unicode:
                continue
            target = "".join(
                f"{0xD800 | (u - 0x10000) >> 10:04X}{0xDC00 | (u & 0x3FF):04X}" if u > 0xFFFF else f"{u:04X}"
                for u in glyph.unicode
            )
            bf_char.append(f"<{code:04X}> <{target}>\n")
        to_unicode = PDFContentStream(
            (
                "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo\n"
                "<</Registry (Adobe)\n"
                "/Ordering (UCS)\n"
                "/Supplement 0\n"
                ">> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n"
                "<0000> <FFFF>\n"
                "endcodespacerange\n"
                f"{_build_cmap_blocks(bf_char, 'bfchar')}"
                "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\n"
                "end"
            ).encode("latin-1")
        )
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode

        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info

        descriptor = font.desc
        descriptor.font_name = Name(fontname)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor

        cid_to_gid_obj = _CompressedStream(cid_to_gid_map(code_to_glyph))
        self._add_pdf_obj(cid_to_gid_obj, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid_obj

        font_file = _FontFileStream(embedded)
        self._add_pdf_obj(font_file, "fonts")
        descriptor.font_file2 = font_file  # type: ignore[attr-defined]
        return composite


class FastFPDF(FPDF):
    """An ``FPDF`` that writes :class:`SharedTTFFont` fonts with :class:`SharedFontOutputProducer`."""

    def output(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        """fpdf2's ``output()`` with :class:`SharedFontOutputProducer`; raises
        ``ValueError`` for options that cannot write shared fonts (linearize, another producer)."""
        if kwargs.get("linearize") or kwargs.get("output_producer_class"):
            if any(isinstance(f, SharedTTFFont) for f in self.fonts.values()):
                raise ValueError("documents with shared fonts use SharedFontOutputProducer")
            return super().output(*args, **kwargs)
        return super().output(*args, output_producer_class=SharedFontOutputProducer, **kwargs)
