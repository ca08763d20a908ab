"""Every script (issue 23): the names and languages of the Netherlands print in the PDF,
shaped, in the right order, aligned to their side, and copy out as they were typed.

The names are written here, in their own scripts; what the PDF holds is read back with
poppler's ``pdftotext`` and PDFium (pypdfium2), and glyph widths with fontTools straight
from the font files: nothing expected comes from the code under test.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from cloudcv.services.cv.pdf import (CVDocument, Item, Section, build, families, registry,
                                     render, render_png, unprintable)
from cloudcv.services.cv.pdf import engine
from cloudcv.services.cv.pdf.canvas import Canvas
from cloudcv.services.cv.pdf.document import Typography
from cloudcv.services.cv.pdf.engine import REPLACEMENT

NOTO = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "noto"

# A person's name in each script written in the Netherlands (and in the languages the
# issue names: Turkish, Polish, Vietnamese diacritics, Greek, Cyrillic).
NAMES = {
    "Arabisch": "محمد العلي",
    "Perzisch": "فاطمه رضایی",
    "Hebreeuws": "דוד כהן",
    "Chinees": "王小明",
    "Japans": "山田花子 やまだ",
    "Koreaans": "김민준",
    "Hindi/Sarnami": "अनीता शर्मा",
    "Tigrinya": "ሃብተ ገብረ",
    "Tamazight": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    "Armeens": "Անի Պետրոսյան",
    "Georgisch": "ნინო ბერიძე",
    "Thai": "สมชาย ใจดี",
    "Tamil": "கமலா",
    "Punjabi": "ਗੁਰਪ੍ਰੀਤ",
    "Turks": "İlkay Işık Gündoğan Şahin",
    "Pools": "Łukasz Żółć",
    "Vietnamees": "Nguyễn Văn Đức",
    "Grieks": "Γιώργος Παπαδόπουλος",
    "Oekraïens": "Олена Ковальчук",
    "Papiamentu": "Kòrsou",
}
ARABIC_PROFILE = ("أنا مهندس برمجيات أعمل في أمستردام منذ عام 2015. أحب بناء أنظمة موثوقة وسريعة، "
                  "وأتحدث العربية والهولندية والإنجليزية بطلاقة. ") * 2
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _cv(name: str, text: str = "", font: str = families.DEFAULT, template: str = "ats",
        items: tuple[Item, ...] = ()) -> CVDocument:
    sections = [Section("profile", "Profiel", text=text)] if text else []
    if items:
        sections.append(Section("skills", "Vaardigheden", items))
    return CVDocument(name=name, template=template, typography=Typography(font=font),
                      sections=tuple(sections))


def _text(pdf: bytes) -> list[str]:
    """The PDF's text lines as poppler extracts them, without the bidi marks it adds
    around right-to-left runs."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return [line for line in _BIDI_MARKS.sub("", out.decode()).splitlines() if line.strip()]


def _chars(pdf: bytes) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every character on page 1 with its box (left, bottom, right, top) in points, as PDFium
    reads them through the fonts' ToUnicode maps."""
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        text = page.get_textpage()
        return [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    finally:
        doc.close()


@pytest.mark.parametrize("font", sorted(families.FAMILIES))
@pytest.mark.parametrize("language", sorted(NAMES))
def test_every_name_prints_and_copies_out_as_typed(language, font):
    name = NAMES[language]
    pdf = render(_cv(name, text=name, font=font))
    lines = _text(pdf)
    assert lines[:3] == [name, "Profiel", name]  # the name, the profile
    assert sorted(lines[3:]) == sorted([name, "Pagina 1 van 1"])  # the footer (RTL: read from the right)
    assert unprintable([name], font) == []


@pytest.mark.parametrize("template", registry.names())
def test_every_template_prints_other_scripts(template):
    items = tuple(Item(NAMES[k], k) for k in ("Arabisch", "Chinees", "Hindi/Sarnami", "Hebreeuws"))
    pdf = render(_cv(NAMES["Arabisch"], ARABIC_PROFILE, template=template, items=items))
    text = "\n".join(_text(pdf))
    for key in ("Arabisch", "Chinees", "Hindi/Sarnami", "Hebreeuws"):
        assert NAMES[key] in text, (template, key)
    assert REPLACEMENT not in text
    assert "أنظمة موثوقة" in text


def test_right_to_left_runs_read_right_to_left():
    """The bidi algorithm: in an Arabic or Hebrew name the first letter is the rightmost; in
    a Dutch line with an Arabic name in it, the Dutch comes first on the left and the
    Arabic word still reads from right to left."""
    for name in ("محمد", "שרה"):
        chars = [(ch, box) for ch, box in _chars(render(_cv(name))) if ch.strip()]
        first = next(box for ch, box in chars if ch == name[0])
        last = next(box for ch, box in chars if ch == name[-1])
        assert first[0] > last[0], name
    chars = [(ch, box) for ch, box in _chars(render(_cv("Naam", "Ik heet محمد vandaag")))
             if ch.strip()][4:]  # the profile line, after the name
    x = {ch: box[0] for ch, box in chars}
    assert x["I"] < x["م"] and x["د"] < x["م"] < x["v"]


def test_arabic_is_shaped_into_joined_forms():
    """HarfBuzz picks the joined (initial, medial, final) forms: the word on the page is as
    wide as HarfBuzz shapes it from the font file, not as its isolated letters side by side
    (both read straight from the font file here)."""
    word = "سلام"  # salaam: joined letters and the lam-alef ligature
    path = NOTO / "NotoSansArabic-Regular.ttf"
    font = TTFont(path)
    em = font["head"].unitsPerEm
    cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
    isolated = sum(hmtx[cmap[ord(ch)]][0] for ch in word) / em
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(str(path)))), buf, {})
    joined = sum(p.x_advance for p in buf.glyph_positions) / em
    assert abs(joined - isolated) > 0.5  # the two readings differ enough to tell apart
    size = 100.0
    pdf = engine.new_pdf(True, "liberation_sans")  # no Arabic in Liberation: Noto prints it
    pdf.add_page()
    eng = engine.engine("liberation_sans")
    c = Canvas(pdf, eng.script, eng.images, "liberation_sans", eng.add_fallbacks)
    c.put(10, 50, 40, word, "", size, (0, 0, 0))
    c.put(10, 100, 40, "|", "", size, (0, 0, 0))
    boxes = [box for ch, box in _chars(bytes(pdf.output())) if ch in word]
    ink = (max(b[2] for b in boxes) - min(b[0] for b in boxes)) / size  # points / size = ems
    assert abs(ink - joined) < abs(ink - isolated)


def _lines(bbox_html: str) -> list[tuple[float, float]]:
    """(left, right) in points of the profile's lines in ``pdftotext -bbox-layout`` output:
    below the name and the heading, above the footer."""
    found = re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', bbox_html)
    return [(float(a), float(c)) for a, y, c in found if float(y) < 780][2:]


def test_a_right_to_left_paragraph_is_flush_right():
    """Every line of an Arabic profile ends at the right margin; a Dutch one starts at the left."""
    arabic = render(_cv("Naam", ARABIC_PROFILE))
    dutch = render(_cv("Naam", "Ik bouw betrouwbare systemen voor iedereen. " * 6))
    page_w = 595.28
    bbox = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=arabic, capture_output=True,
                          check=True).stdout.decode()
    profile = _lines(bbox)
    assert len(profile) >= 3
    rights = {round(b) for _, b in profile}
    assert max(rights) - min(rights) <= 2, profile  # flush right, every line
    assert min(a for a, _ in profile) > 0 and profile[-1][0] > profile[0][0] + 20  # ragged left
    dutch_bbox = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=dutch, capture_output=True,
                                check=True).stdout.decode()
    dutch_lines = _lines(dutch_bbox)
    assert len({round(a) for a, _ in dutch_lines}) == 1  # flush left
    assert round(profile[0][1]) > page_w / 2 and round(dutch_lines[0][0]) < page_w / 2


def test_each_line_of_a_mixed_profile_takes_its_own_side():
    """A Dutch line, then an Arabic one, then Dutch again (a line break starts a paragraph
    of its own direction in the Unicode bidi algorithm): the Arabic line ends at the
    right margin, the Dutch lines start at the left one."""
    dutch = "Ik spreek Nederlands en Arabisch."
    pdf = render(_cv("Naam", f"{dutch}\nأتحدث العربية والهولندية بطلاقة.\n{dutch}"))
    bbox = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    first, arabic, last = _lines(bbox)[:3]
    assert round(first[0]) == round(last[0])  # the Dutch lines: flush left
    assert arabic[0] > first[0] + 100  # the Arabic line starts far right of them ...
    assert abs(arabic[1] - 595.28 + first[0]) <= 3  # ... and ends at the right margin


def test_a_character_no_font_has_becomes_a_visible_box_and_is_named():
    mongolian = "ᠮᠣᠩᠭᠣᠯ"  # Mongolian script: no shipped font has it
    pdf = render(_cv("Bat " + mongolian, "Naam: " + mongolian))
    assert REPLACEMENT * len(mongolian) in "".join(_text(pdf))
    assert unprintable(["Bat " + mongolian, "en 😀"], families.DEFAULT) == ["ᠮ", "ᠣ", "ᠩ", "ᠭ", "ᠯ"]
    assert unprintable(["Bat", "Ελληνικά", NAMES["Chinees"]], families.DEFAULT) == []


def test_latin_cvs_stay_on_the_fast_path_and_embed_no_fallback_font():
    """Shaping and fallbacks only for runs that need them: a Dutch CV embeds only its family."""
    dutch = render(_cv("Jan de Vries", "Ik werk graag met mensen. Één café, ü, €."))
    fonts = subprocess.run(["pdffonts", "-"], input=dutch, capture_output=True, check=True).stdout.decode()
    assert "Noto" not in fonts and "DejaVu" in fonts
    mixed = render(_cv("Jan de Vries", "Mijn naam in het Arabisch: " + NAMES["Arabisch"], font="liberation_sans"))
    fonts = subprocess.run(["pdffonts", "-"], input=mixed, capture_output=True, check=True).stdout.decode()
    assert "NotoSansArabic" in fonts and "Devanagari" not in fonts


@pytest.mark.parametrize("template", registry.names())
def test_the_fast_path_prints_other_scripts_as_stock_fpdf2_does(template):
    """The shared fonts (GlyphTables, cached subsets) and the shaped-line recipes
    (fast/shaped.py, drawn twice: made, then from the memo) print shaped glyphs exactly as
    fpdf2's cell with its own fonts: the same page, pixel for pixel, in every template."""
    items = tuple(Item(NAMES[k], k) for k in ("Arabisch", "Chinees", "Hindi/Sarnami", "Thai", "Tigrinya"))
    doc = _cv(NAMES["Hebreeuws"], ARABIC_PROFILE, items=items, template=template)
    render(doc)  # the recipes are made ...
    fast = render(doc)  # ... and drawn from the memo
    stock = bytes(build(doc, use_fast=False).output())
    assert _text(fast) == _text(stock)
    assert render_png(fast, dpi=50) == render_png(stock, dpi=50)


def test_parts_of_one_line_keep_their_own_direction():
    """An address with a Hebrew street: each part in its own bidi isolate, so the postcode
    and the city beside it still read 1011 AB Amsterdam, and the line reads left to right."""
    from cloudcv.services.cv.pdf.document import Fact
    from cloudcv.services.cv.pdf.scripts import isolated

    street, place = "רחוב הרצל 5", "1011 AB Amsterdam"
    assert isolated(["1011 AB", "Amsterdam"]) == ["1011 AB", "Amsterdam"]  # no RTL: untouched
    address = ", ".join(isolated([street, place]))
    for template in ("ats", "sidebar"):
        doc = CVDocument(name="Dana Levi", template=template, contact=(Fact("Adres", address),))
        text = " ".join(_text(render(doc)))
        assert place in text and "רחוב הרצל" in text, template
        assert text.index("רחוב") < text.index(place), template  # street first: left to right
