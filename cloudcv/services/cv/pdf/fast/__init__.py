"""Performance seam between the CV templates and fpdf2 2.8.x.

fpdf2 is correct but slow for our use: every edit re-renders the CV for the live
preview, from worker threads. Everything here keeps what fpdf2 prints — same line
breaks, same text, same glyphs — and only removes work. ``tests/unit/test_pdf.py``
compares it with stock fpdf2. The seam only engages for fonts added with
:func:`add_shared_font`; documents with stock fonts take fpdf2's own code paths.

1. **Fonts are parsed once** (``fonts.py``). :func:`add_shared_font` adds a :class:`SharedTTFFont`
   (a ``TTFFont`` subclass) to a prototype ``FPDF`` that is built once and
   ``copy.deepcopy``'d per document. Stock ``TTFFont.__deepcopy__`` copies the ``cw``
   (char widths) and ``glyph_ids`` tables — ~47k objects per PDF; ours shares them.
   They are read-only: ``cw`` is a :class:`FrozenWidths`, which answers unknown
   characters with the default width *without inserting them* (stock fpdf2 uses a
   ``defaultdict`` that grows on lookups: a data race once shared). The font
   descriptor, which fpdf2 mutates while writing the PDF, is copied per document, and
   the glyph subset map memoises per document (:class:`PrivateSubsetMap`) instead of in
   fpdf2's process-wide ``functools.cache``, which would keep every document alive.

2. **Line breaking by bisection** (``lines.py``). fpdf2's ``MultiLineBreak`` re-measures
   the whole line for every character it adds (``CurrentLine.width``): O(n²) per
   line, plus several property lookups per character. :func:`break_lines` runs the
   same algorithm on prefix sums of the integer glyph widths, finds each line's first
   overflowing character by bisection and converts with fpdf2's exact float
   expression, so its lines are identical to ``multi_cell(..., dry_run=True,
   output="LINES")`` (tested on thousands of inputs). The templates measure with it and
   draw every line at an explicit position. No fpdf2 code is patched.

3. **Embedded font subsets are cached** (``output.py``, subsets in ``fonts.py``). fpdf2's ``output()`` subsets
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

4. **Decoded images are cached** (``images.py``). :class:`ImageInfoCache` keeps fpdf2's parsed
   image info (JPEG bytes and metadata) per content hash in a bounded LRU and
   registers a private copy in each document.

5. **Plain text is measured and drawn directly** (``text.py``): the width as fpdf2
   computes it and the operator ``FPDF.text`` writes, without its fragments and
   graphics-state copies; the subset mapping through a per-document ``str.translate``
   table. The CIDToGIDMap (128 KiB per font before compression) is compressed once per
   distinct map (``output.py``).

6. **Shaped lines come from recipes** (``shaped.py``): the bidi runs, fallback fonts and
   HarfBuzz glyphs of a line that needs shaping are worked out once per process by
   fpdf2's own code and kept as plain data in the engine's bounded memo with the shaped
   widths (``engine._Engine.memo``); each document maps the glyphs into its own subset
   and writes the operators fpdf2's ``cell`` writes (``tests/unit/test_scripts.py``
   compares the pages pixel for pixel with stock fpdf2 in every template).

Thread safety: the prototype is only ever deep-copied, never drawn into; shared
tables are never written; caches are bounded and guarded by locks.
"""

from __future__ import annotations

import fpdf

SUPPORTED_FPDF = fpdf.__version__.startswith("2.8.")  # the seam engages only for this version
