"""Fonts parsed once and shared read-only between documents (point 1 of ``fast/__init__``),
and the cached subsets the PDF embeds (point 3; written by ``output.py``)."""

from __future__ import annotations

import copy
import io
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.syntax import PDFContentStream

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
    """The one :class:`FontSource` of the font file at ``path`` (thread-safe)."""
    key = str(Path(path).resolve())
    with _SOURCES_LOCK:
        src = _SOURCES.get(key)
        if src is None:
            src = _SOURCES[key] = FontSource(Path(key))
        return src


_NO_GLYPHS: dict[int, Any] = {}


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
        """``SubsetMap.pick``, memoised per instance."""
        try:
            return self._picked[unicode]
        except KeyError:
            char_id = self._picked[unicode] = SubsetMap.pick.__wrapped__(self, unicode)
            return char_id

    def get_glyph(self, glyph=None, unicode=None, glyph_name=None, glyph_width=None):  # type: ignore[override]
        """``SubsetMap.get_glyph``, memoised per instance; the glyphs of the base code
        points come from the font's shared, read-only table (:func:`add_shared_font`)."""
        if glyph is None and glyph_name is None and glyph_width is None:
            found = getattr(self.font, "base_glyphs", _NO_GLYPHS).get(unicode)
            if found is not None:
                return found
        key = (glyph, unicode, glyph_name, glyph_width)
        try:
            return self._glyphs[key]
        except KeyError:
            found = self._glyphs[key] = SubsetMap.get_glyph.__wrapped__(self, glyph, unicode, glyph_name, glyph_width)
            return found


class _Metrics:
    __slots__ = ("metrics",)

    def __init__(self, metrics: dict[str, tuple[int, int]]) -> None:
        self.metrics = metrics


class GlyphTables:
    """What fpdf2's text shaping reads of ``font.ttfont`` (``TTFFont.shape_text``: glyph
    names by id, advance widths by name), read-only and shared by every copy of a font."""

    __slots__ = ("_order", "_hmtx")

    def __init__(self, ttfont: ttLib.TTFont) -> None:
        self._order = tuple(ttfont.getGlyphOrder())
        self._hmtx = _Metrics(dict(ttfont["hmtx"].metrics))

    def getGlyphName(self, glyph_id: int) -> str:  # noqa: N802 (fontTools' name)
        """The name of glyph ``glyph_id``."""
        return self._order[glyph_id]

    def __getitem__(self, tag: str) -> _Metrics:
        if tag != "hmtx":
            raise KeyError(tag)
        return self._hmtx

    def close(self) -> None:
        """Nothing to close: fontTools' font was closed when the tables were read."""


class SharedTTFFont(TTFFont):
    """A ``TTFFont`` whose read-only tables are shared between deep copies.

    Copies have no fontTools font: their ``ttfont`` is the shared :class:`GlyphTables`
    (for shaping), and their font program comes from ``source`` when the PDF is written
    (:class:`SharedFontOutputProducer`).
    """

    __slots__ = ("source", "tables", "translation", "base_glyphs")

    def __deepcopy__(self, memo: dict[int, Any]) -> "SharedTTFFont":
        new = SharedTTFFont.__new__(SharedTTFFont)
        memo[id(self)] = new  # so that subset.font points back at this very copy
        for name in (
            "i", "type", "ttffile", "fontkey", "scale", "name", "up", "ut", "sp", "ss",
            "emphasis", "is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros",
            "collection_font_number", "biggest_size_pt", "_hbfont", "color_font",
            "palette_index", "source", "tables",
            # shared, read-only:
            "cw", "glyph_ids", "cmap", "base_glyphs",
        ):
            setattr(new, name, getattr(self, name))
        new.desc = copy.copy(self.desc)  # written to (object id, font file) at output
        new.ttfont = self.tables
        new.missing_glyphs = []
        # a prototype's map has picked nothing yet: a fresh one is the same, made 5x faster
        new.subset = (PrivateSubsetMap(new) if self.subset._next == 0 and type(self.subset) is PrivateSubsetMap
                      else copy.deepcopy(self.subset, memo))
        new.translation = {}  # code point -> subset character, for this copy's subset (fast/text.py)
        return new

    def close(self) -> None:
        """Close the fontTools font if this copy has one (copies do not)."""
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
    font.base_glyphs = {}
    font.subset = PrivateSubsetMap(font)
    font.base_glyphs = {  # what get_glyph(unicode=cp) makes of the base code points, once
        cp: found for cp in _BASE_CODEPOINTS
        if (found := SubsetMap.get_glyph.__wrapped__(font.subset, unicode=cp)) is not None
    }
    font.source = font_source(path)
    font.tables = GlyphTables(font.ttfont)
    font.translation = {}
    font.ttfont.close()  # everything needed was read; copies use the shared tables
    font.ttfont = font.tables
    pdf.fonts[fontkey] = font
    return font


def warm_up(font: SharedTTFFont) -> None:
    """Build the font's base pre-subset now rather than during the first render."""
    font.source.base(font.cmap)
