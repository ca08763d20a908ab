"""Performance seam between the CV templates and fpdf2 2.8.x.

fpdf2 is correct but slow for our use: every edit re-renders the CV for the live
preview, from worker threads. Everything here keeps what fpdf2 prints — same line
breaks, same text, same glyphs — and only removes work. ``tests/unit/test_pdf.py``
compares it with stock fpdf2. The seam only engages for fonts added with
:func:`add_shared_font`; documents with stock fonts take fpdf2's own code paths.

1. **Fonts are parsed once.** :func:`add_shared_font` adds a :class:`SharedTTFFont`
   (a ``TTFFont`` subclass) to a prototype ``FPDF`` that is built once and
   ``copy.deepcopy``'d per document. Stock ``TTFFont.__deepcopy__`` copies the ``cw``
   (char widths) and ``glyph_ids`` tables — ~47k objects per PDF; ours shares them.
   They are read-only: ``cw`` is a :class:`FrozenWidths`, which answers unknown
   characters with the default width *without inserting them* (stock fpdf2 uses a
   ``defaultdict`` that grows on lookups: a data race once shared). The font
   descriptor, which fpdf2 mutates while writing the PDF, is copied per document, and
   the glyph subset map memoises per document (:class:`PrivateSubsetMap`) instead of in
   fpdf2's process-wide ``functools.cache``, which would keep every document alive.

2. **Line breaking is O(1) per character.** fpdf2's ``MultiLineBreak`` re-measures
   the whole line for every character it adds (``CurrentLine.width``): O(n²) per
   line, plus several property lookups per character. :func:`break_lines` runs the
   same algorithm on a running integer sum of glyph widths, converted with fpdf2's
   exact float expression, so its lines are identical to ``multi_cell(...,
   dry_run=True, output="LINES")`` (tested on thousands of inputs). The templates
   measure with it and draw every line at an explicit position. No fpdf2 code is
   patched.

3. **Embedded font subsets are cached.** fpdf2's ``output()`` subsets
   ``font.ttfont`` *in place* with fontTools and then closes it, so a prototype whose
   copies share one ``TTFont`` renders the first PDF and breaks every later one that
   uses other glyphs (``MissingGlyphsSubsettingError``) — and subsetting costs
   ~5-10 ms per font even when it works. :class:`SharedFontOutputProducer` (passed
   to ``output()`` through its ``output_producer_class`` parameter) writes the same
   PDF objects as fpdf2 does for a TrueType font (Type0 + CIDFontType2, widths,
   ToUnicode, CIDToGIDMap, FontFile2) but takes the subset font program from
   :meth:`FontSource.embed`: built with fontTools and fpdf2's options from a fresh
   ``TTFont`` and cached in a bounded LRU keyed by the set of glyph names (content,
   never ``id()``). A small pre-subset of each font (Latin-1, Latin Extended-A,
   punctuation, €), built once, is the starting point, so even a cache miss is
   cheap. Unused font styles are not embedded.

4. **Decoded images are cached.** :class:`ImageInfoCache` keeps fpdf2's parsed
   image info (JPEG bytes and metadata) per content hash in a bounded LRU and
   registers a private copy in each document.

Thread safety: the prototype is only ever deep-copied, never drawn into; shared
tables are never written; caches are bounded and guarded by locks.
"""

from __future__ import annotations

import copy
import hashlib
import io
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fpdf
from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf import FPDF
from fpdf import line_break
from fpdf.enums import PDFResourceType
from fpdf.errors import FPDFException
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.image_datastructures import ImageCache
from fpdf.image_parsing import preload_image
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFFont,
    PDFFontStream,
    _build_cmap_blocks,
    _tt_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

SUPPORTED_FPDF = fpdf.__version__.startswith("2.8.")

# Tables fpdf2 2.8.x drops when it subsets (output.py); we drop the same.
_DROP_TABLES = [
    "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC",
    "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR",
]

# Code points whose glyphs go into each font's base pre-subset.
_BASE_CODEPOINTS = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028), *range(0x2030, 0x203B),
     0x20AC, 0x2122, 0x2190, 0x2192, 0x2212, 0x25A1, 0x25CF, 0xFFFD]
)
EXTENDED_LRU_SIZE = 16  # pre-subsets for glyphs beyond the base (Greek, Cyrillic, …), per font
EMBED_LRU_SIZE = 64  # final subsets, per font


# ----------------------------------------------------------------------------- fonts


class FrozenWidths(dict):
    """A read-only ``{codepoint: width}`` table with a default for unknown characters.

    Lookups of unknown keys return ``default`` and do not insert anything, so one
    instance can be shared by all documents and threads.
    """

    __slots__ = ("default",)

    def __init__(self, widths: dict[int, float], default: float):
        super().__init__(widths)
        self.default = default

    def __missing__(self, key: int) -> float:
        return self.default

    def _readonly(self, *args: Any, **kwargs: Any):
        raise TypeError("FrozenWidths is read-only")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _readonly  # type: ignore[assignment]

    def __deepcopy__(self, memo: dict) -> "FrozenWidths":
        return self

    def __copy__(self) -> "FrozenWidths":
        return self

    def __reduce__(self):
        return (FrozenWidths, (dict(self), self.default))


@dataclass(frozen=True)
class EmbeddedFont:
    """A font program subset to some glyphs, ready to be written as ``FontFile2``."""

    length: int  # uncompressed size (``/Length1``)
    compressed: bytes  # zlib, as PDFFontStream would write it
    gids: dict[str, int]  # glyph name -> glyph id in the subset


def _subset_options(keep_names: bool) -> ftsubset.Options:
    # fpdf2's own options (output.py), plus keeping glyph names for pre-subsets.
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=keep_names)
    options.drop_tables += _DROP_TABLES
    return options


class FontSource:
    """One font file: its bytes, a base pre-subset, and LRU caches of subsets."""

    def __init__(self, path: Path):
        self.path = path
        self.data = path.read_bytes()
        self._lock = threading.Lock()
        self._base: tuple[bytes, frozenset[str]] | None = None
        self._extended: OrderedDict[frozenset[str], bytes] = OrderedDict()
        self._embedded: OrderedDict[frozenset[str], EmbeddedFont] = OrderedDict()

    def _lru_get(self, cache: OrderedDict, key: Any) -> Any:
        with self._lock:
            value = cache.get(key)
            if value is not None:
                cache.move_to_end(key)
            return value

    def _lru_put(self, cache: OrderedDict, key: Any, value: Any, size: int) -> None:
        with self._lock:
            cache[key] = value
            cache.move_to_end(key)
            while len(cache) > size:
                cache.popitem(last=False)

    @staticmethod
    def _subset(data: bytes, glyph_names: Iterable[str], keep_names: bool, exact_boxes: bool = True) -> tuple[bytes, list[str]]:
        # exact_boxes=False keeps the (looser, still valid) bounding box and maxp
        # limits of ``data`` instead of decoding every outline to recompute them.
        font = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=exact_boxes, lazy=True)
        subsetter = ftsubset.Subsetter(_subset_options(keep_names))
        subsetter.populate(glyphs=list(glyph_names))
        subsetter.subset(font)
        order = font.getGlyphOrder()
        out = io.BytesIO()
        font.save(out)
        font.close()
        return out.getvalue(), order

    def base(self, cmap: dict[int, str]) -> tuple[bytes, frozenset[str]]:
        """The pre-subset every document starts from, and its glyph names."""
        if self._base is None:
            names = sorted({cmap[cp] for cp in _BASE_CODEPOINTS if cp in cmap})
            data, order = self._subset(self.data, names, keep_names=True)
            with self._lock:
                if self._base is None:
                    self._base = (data, frozenset(order))
        return self._base

    def _source_for(self, wanted: frozenset[str], cmap: dict[int, str]) -> bytes:
        data, kept = self.base(cmap)
        if wanted <= kept:
            return data
        extra = wanted - kept
        cached = self._lru_get(self._extended, extra)
        if cached is None:
            cached, _ = self._subset(self.data, kept | extra, keep_names=True)
            self._lru_put(self._extended, extra, cached, EXTENDED_LRU_SIZE)
        return cached

    def embed(self, glyph_names: Iterable[str], cmap: dict[int, str]) -> EmbeddedFont:
        """The font subset to ``glyph_names``, as fpdf2 would embed it."""
        wanted = frozenset(glyph_names)
        hit = self._lru_get(self._embedded, wanted)
        if hit is not None:
            return hit
        data, order = self._subset(self._source_for(wanted, cmap), wanted, keep_names=False, exact_boxes=False)
        compressed = zlib.compress(data, level=PDFContentStream._COMPRESSION_LEVEL)
        embedded = EmbeddedFont(len(data), compressed, {name: gid for gid, name in enumerate(order)})
        self._lru_put(self._embedded, wanted, embedded, EMBED_LRU_SIZE)
        return embedded


_SOURCES: dict[str, FontSource] = {}  # one per font file we ship: naturally bounded
_SOURCES_LOCK = threading.Lock()


def clear_font_caches() -> None:
    """Forget cached subsets (the base pre-subsets stay). For benchmarks and tests."""
    with _SOURCES_LOCK:
        sources = list(_SOURCES.values())
    for src in sources:
        with src._lock:
            src._embedded.clear()
            src._extended.clear()


def font_source(path: Path) -> FontSource:
    key = str(Path(path).resolve())
    with _SOURCES_LOCK:
        src = _SOURCES.get(key)
        if src is None:
            src = _SOURCES[key] = FontSource(Path(key))
        return src


class PrivateSubsetMap(SubsetMap):
    """``SubsetMap`` memoising in the instance.

    Stock ``SubsetMap.pick``/``get_glyph`` use ``functools.cache`` on the class: a
    process-wide, unbounded cache keyed by the ``SubsetMap`` instance, emptied only by
    fpdf2's own font writer. It would keep every document we render alive.
    """

    def __init__(self, font: TTFFont) -> None:
        self._picked: dict[int, int | None] = {}
        self._glyphs: dict[tuple, Any] = {}
        super().__init__(font)

    def pick(self, unicode: int):  # type: ignore[override]
        try:
            return self._picked[unicode]
        except KeyError:
            char_id = self._picked[unicode] = SubsetMap.pick.__wrapped__(self, unicode)
            return char_id

    def get_glyph(self, glyph=None, unicode=None, glyph_name=None, glyph_width=None):  # type: ignore[override]
        key = (glyph, unicode, glyph_name, glyph_width)
        try:
            return self._glyphs[key]
        except KeyError:
            found = self._glyphs[key] = SubsetMap.get_glyph.__wrapped__(self, glyph, unicode, glyph_name, glyph_width)
            return found


class SharedTTFFont(TTFFont):
    """A ``TTFFont`` whose read-only tables are shared between deep copies.

    Copies have no ``ttfont``: their font program comes from ``source`` when the
    PDF is written (:class:`SharedFontOutputProducer`).
    """

    __slots__ = ("source",)

    def __deepcopy__(self, memo: dict[int, Any]) -> "SharedTTFFont":
        new = SharedTTFFont.__new__(SharedTTFFont)
        memo[id(self)] = new  # so that subset.font points back at this very copy
        for name in (
            "i", "type", "ttffile", "fontkey", "scale", "name", "up", "ut", "sp", "ss",
            "emphasis", "is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros",
            "collection_font_number", "biggest_size_pt", "_hbfont", "color_font",
            "palette_index", "source",
            # shared, read-only:
            "cw", "glyph_ids", "cmap",
        ):
            setattr(new, name, getattr(self, name))
        new.desc = copy.copy(self.desc)  # written to (object id, font file) at output
        new.ttfont = None
        new.missing_glyphs = []
        new.subset = copy.deepcopy(self.subset, memo)
        return new

    def close(self) -> None:
        if self.ttfont is not None:
            self.ttfont.close()
        self._hbfont = None


def add_shared_font(pdf: FPDF, family: str, style: str, path: Path) -> SharedTTFFont:
    """Like ``pdf.add_font(family, style, path)`` but adds a :class:`SharedTTFFont`."""
    style = "".join(sorted(style.upper()))
    fontkey = f"{family.lower()}{style}"
    if fontkey in pdf.fonts:
        raise ValueError(f"font {fontkey} already added")
    font = SharedTTFFont(pdf, Path(path), fontkey, style)
    if font.color_font is not None or font.is_cff or font.is_symbol:
        raise ValueError(f"{path}: only plain TrueType fonts can be shared")
    font.cw = FrozenWidths(dict(font.cw), font.desc.missing_width)
    font.subset = PrivateSubsetMap(font)
    font.source = font_source(path)
    font.ttfont.close()  # everything needed was read; copies never use it
    font.ttfont = None
    pdf.fonts[fontkey] = font
    return font


def warm_up(font: SharedTTFFont) -> None:
    """Build the font's base pre-subset now rather than during the first render."""
    font.source.base(font.cmap)


# ---------------------------------------------------------------------- line breaking

_BREAKING_SPACES = line_break.BREAKING_SPACE_SYMBOLS_STR
_NBSP = line_break.NBSP


def break_lines(font: SharedTTFFont, size_pt: float, k: float, text: str, max_width: float) -> list[str]:
    """The lines ``multi_cell(max_width, text=text, align="L", dry_run=True, output="LINES")``
    returns, for a document with ``c_margin == 0``, no alias, markdown, shaping,
    char spacing or stretching — computed per character in O(1).

    fpdf2's ``MultiLineBreak`` re-measures the whole line for every character it
    adds (``CurrentLine.width``), O(n²) per line, with several property lookups per
    character on top. This is the same algorithm — break at the last breaking space
    when a character would overflow, drop a space that overflows, break inside a word
    that has no space, a newline forces a break, NBSP prints as a space — with the line
    width kept as a running integer sum of glyph widths and converted with the exact
    float expression fpdf2 uses (``sum * size_pt * 0.001 / k``, 1e-9 tolerance), so the
    result is identical; ``tests/unit/test_pdf.py`` compares both on many inputs.
    """
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


# ------------------------------------------------------------------------------ images


class ImageInfoCache:
    """fpdf2's parsed image info per image content, in a bounded LRU."""

    def __init__(self, maxsize: int = 32):
        self.maxsize = maxsize
        self._lock = threading.Lock()
        self._items: OrderedDict[bytes, tuple[Any, bytes | None]] = OrderedDict()

    def _parsed(self, data: bytes) -> tuple[Any, bytes | None]:
        key = hashlib.sha256(data).digest()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        scratch = ImageCache()
        _, _, info = preload_image(scratch, io.BytesIO(data))
        icc = None
        if info.get("iccp_i") is not None:
            icc = next(p for p, i in scratch.icc_profiles.items() if i == info["iccp_i"])
        hit = (info, icc)
        with self._lock:
            self._items[key] = hit
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return hit

    def register(self, pdf: FPDF, data: bytes) -> tuple[float, float]:
        """Put a private copy of the parsed image into ``pdf``'s image cache.

        A following ``pdf.image(io.BytesIO(data), ...)`` then finds it there instead
        of decoding the image again. Returns the image size in pixels.
        """
        template, icc = self._parsed(data)
        name = hashlib.new("md5", data.strip(), usedforsecurity=False).hexdigest()
        cache = pdf.image_cache
        if name not in cache.images:
            info = type(template)(template)
            info["i"] = len(cache.images) + 1
            info["usages"] = 0
            info["iccp_i"] = None
            if icc is not None:
                info["iccp_i"] = cache.icc_profiles.setdefault(icc, len(cache.icc_profiles))
            cache.images[name] = info
        return template["w"], template["h"]


# ------------------------------------------------------------------------------ output


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
        if kwargs.get("linearize") or kwargs.get("output_producer_class"):
            if any(isinstance(f, SharedTTFFont) for f in self.fonts.values()):
                raise ValueError("documents with shared fonts use SharedFontOutputProducer")
            return super().output(*args, **kwargs)
        return super().output(*args, output_producer_class=SharedFontOutputProducer, **kwargs)
