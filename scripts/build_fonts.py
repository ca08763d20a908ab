"""Rebuild the fallback fonts in ``assets/fonts/noto/`` from Debian's Noto packages.

The CV's own families (DejaVu, Liberation) draw Latin, Greek and Cyrillic. Every other
script a name or a text in the Netherlands is written in falls back, run by run, to these
(``cloudcv/services/cv/pdf/scripts.py``):

- Noto Sans (Latin Extended Additional, IPA, Vietnamese, …) and Noto Sans Arabic, Hebrew,
  Devanagari, Ethiopic (Tigrinya, Amharic), Armenian, Georgian, Thai, Tamil, Bengali and
  Gurmukhi, regular and bold, and Tifinagh (Tamazight), as Debian ships them
  (``fonts-noto-core``);
- a CJK subset of Noto Sans CJK SC (``fonts-noto-cjk``), regular only: the 3,755 characters
  of GB 2312 level 1, the 2,965 kanji of JIS X 0208 level 1, the 2,350 Hangul syllables of
  KS X 1001, kana, CJK punctuation and full-width forms: 3.7 MB instead of 19 MB. Its CFF
  outlines are converted to TrueType (quadratic) outlines, the kind of font the PDF engine
  shares between documents (``pdf/fast/fonts.py``).

All are under the SIL Open Font License 1.1 (``assets/fonts/noto/LICENSE-Noto.txt``).
Run by hand (it needs ``apt-get download``); the result is committed, so neither CI nor
``make run`` needs the packages: ``.venv/bin/python scripts/build_fonts.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

OUT = Path(__file__).resolve().parents[1] / "assets" / "fonts" / "noto"
SCRIPTS = ["", "Arabic", "Hebrew", "Devanagari", "Ethiopic", "Armenian", "Georgian", "Thai",
           "Tamil", "Bengali", "Gurmukhi"]
CORE = [f"NotoSans{script}-{weight}.ttf" for script in SCRIPTS for weight in ("Regular", "Bold")]
CORE += ["NotoSansTifinagh-Regular.ttf"]  # Tifinagh has no bold
CJK_SC = 2  # index of "Noto Sans CJK SC" in NotoSansCJK-Regular.ttc


def _double_byte(codec: str, rows: range, cols: range = range(0xA1, 0xFF)) -> set[str]:
    found = set()
    for row in rows:
        for col in cols:
            try:
                found.add(bytes([row, col]).decode(codec))
            except UnicodeDecodeError:
                pass
    return found


def cjk_characters() -> set[str]:
    han = _double_byte("gb2312", range(0xB0, 0xD8))     # GB 2312 level 1
    kanji = _double_byte("euc_jp", range(0xB0, 0xD0))   # JIS X 0208 level 1
    hangul = _double_byte("euc_kr", range(0xB0, 0xC9))  # KS X 1001 Hangul
    other = {chr(c) for c in [*range(0x3000, 0x3100), *range(0xFF00, 0xFFF0)]}
    return han | kanji | hangul | other


def _to_truetype(font) -> None:
    """CFF (cubic) outlines to glyf (quadratic) in place: fontTools' otf2ttf recipe."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0  # keep glyph names (the engine subsets by name)
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(["apt-get", "download", "fonts-noto-core", "fonts-noto-cjk"], cwd=work, check=True)
        for deb in work.glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "x")], check=True)
        core = work / "x/usr/share/fonts/truetype/noto"
        for name in CORE:
            shutil.copyfile(core / name, OUT / name)
        ttc = TTCollection(str(work / "x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
        font = ttc.fonts[CJK_SC]
        options = subset.Options(notdef_outline=True, hinting=False, name_IDs=["*"],
                                 name_languages=["*"], glyph_names=True)
        options.layout_features = ["*"]
        sub = subset.Subsetter(options)
        sub.populate(unicodes=sorted(ord(ch) for ch in cjk_characters()))
        sub.subset(font)
        _to_truetype(font)
        font.save(str(OUT / "NotoSansCJKsc-Subset.ttf"))
        (OUT / "LICENSE-Noto.txt").write_text("\n\n".join(
            (work / f"x/usr/share/doc/{package}/copyright").read_text()
            for package in ("fonts-noto-core", "fonts-noto-cjk")))
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>10,}  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
