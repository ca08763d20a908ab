"""Writing shared fonts into the PDF (point 3 of ``fast/__init__``): :class:`FastFPDF`."""

from __future__ import annotations

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


class _FontFileStream(PDFFontStream):
    """``PDFFontStream`` for an already compressed font program."""

    def __init__(self, embedded: EmbeddedFont) -> None:  # pylint: disable=super-init-not-called
        PDFContentStream.__init__(self, contents=b"", compress=False)
        self._contents = embedded.compressed
        self.filter = Name("FlateDecode")
        self.length = len(embedded.compressed)
        self.length1 = embedded.length


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

        cid_to_gid = bytearray(256 * 256 * 2)
        for code, gid in code_to_glyph.items():
            cid_to_gid[code * 2] = gid >> 8
            cid_to_gid[code * 2 + 1] = gid & 0xFF
        cid_to_gid_obj = PDFContentStream(contents=bytes(cid_to_gid), compress=True)
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
