"""PDF renderer: text comes out whole, pages break well, hostile input is harmless,
and the fast path (services/cv/pdf/fast/) prints exactly what stock fpdf2 prints.

Text is checked with poppler's ``pdftotext``, as a recruiter's ATS would read it.
"""

from __future__ import annotations

import copy
import io
import random
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from PIL import Image, ImageDraw

from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import pdf as pdfsvc
from cloudcv.services.cv.pdf import (CVDocument, Fact, Item, PdfToolMissing, PreviewError, Section,
                                     build, engine, page_count, registry, render, render_png)
from cloudcv.services.cv.pdf.fast import fonts, images, lines, output

TEMPLATES = registry.names()  # every test marked "per template" runs for each module in templates/

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
    reason="poppler-utils not installed",
)


# ---------------------------------------------------------------------------- helpers


def pdftotext(pdf: bytes, *args: str, page: int | None = None, crop: tuple[int, int, int, int] | None = None) -> str:
    """Text of ``pdf``; ``crop`` = (x, y, w, h) in points limits it to an area."""
    cmd = ["pdftotext", "-enc", "UTF-8", *args]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    if crop is not None:
        x, y, w, h = crop
        cmd += ["-r", "72", "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    proc = subprocess.run([*cmd, "-", "-"], input=pdf, capture_output=True, check=True)
    return proc.stdout.decode("utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def pdfinfo(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-"], input=pdf, capture_output=True, check=True).stdout
    info = {}
    for line in out.decode("utf-8").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def photo_jpeg(width: int = 300, height: int = 400) -> bytes:
    img = Image.new("RGB", (width, height), (200, 210, 220))
    draw = ImageDraw.Draw(img)
    draw.ellipse([width * 0.3, height * 0.15, width * 0.7, height * 0.55], fill=(230, 190, 170))
    draw.ellipse([width * 0.1, height * 0.6, width * 0.9, height * 1.2], fill=(40, 60, 90))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


PHOTO = photo_jpeg()

WORK = (
    Item(
        "Senior ontwikkelaar",
        "Acme Software B.V.",
        "Amsterdam",
        "03-2019 – heden",
        "Verantwoordelijk voor het betaalplatform; budget van € 4.500 per maand.\n"
        "- Introduceerde “curly quotes” en ‘enkele aanhalingstekens’ in de huisstijl\n"
        "- Werkte samen met teams in Athene (Ελληνικά) en Sofia (Кириллица)",
    ),
    Item(
        "Full-stack ontwikkelaar",
        "Bol Digitaal",
        "Utrecht",
        "09-2015 – 02-2019",
        "Bouwde klantportalen in Python en TypeScript voor woningcorporaties en gemeenten.",
    ),
)
EDUCATION = (
    Item("Master Computer Science", "Universiteit van Amsterdam", "Amsterdam", "2013 – 2015",
         "Specialisatie gedistribueerde systemen."),
)


def make_cv(template: str = "ats", **changes) -> CVDocument:
    doc = CVDocument(
        name="Sanne de Vries",
        headline="Senior softwareontwikkelaar",
        contact=(Fact("E-mail", "sanne@example.nl"), Fact("Telefoon", "06 12 34 56 78")),
        personal=(Fact("Geboortedatum", "14-02-1990"), Fact("Nationaliteit", "Nederlandse")),
        sections=(
            Section("profile", "Profiel", text="Ervaren ontwikkelaar met oog voor kwaliteit."),
            Section("work", "Werkervaring", WORK),
            Section("education", "Opleidingen", EDUCATION),
            Section("skills", "Vaardigheden", (Item("Python", level="Expert"), Item("SQL", level="Gevorderd"))),
            Section("languages", "Talen", (Item("Nederlands", level="Moedertaal"), Item("Engels", level="C1 – Gevorderd"))),
        ),
        photo=PHOTO,
        template=template,
        title="CV Sanne de Vries",
        extra={"cv_id": "cv-7f3a9c21", "user_id": 918273},
    )
    return replace(doc, **changes)


def two_page_cv(template: str) -> CVDocument:
    # the compact layout is made to fit one page: it needs more to fill two
    filler = tuple(
        Item(f"Functie {n}", f"Werkgever {n}", "Utrecht", f"20{10 + n}",
             "Werkzaamheden en resultaten. " * 12)
        for n in range(9 if template == "compact" else 5)
    )
    return make_cv(template, sections=(Section("work", "Werkervaring", WORK + filler),))


# -------------------------------------------------------------------------- the API


def test_the_registry_holds_the_shipped_templates_in_editor_order():
    """The product's list (issue 21: at least 15), with its names in both UI languages."""
    assert registry.names() == ("ats", "accent", "sidebar", "classic", "compact", "timeline",
                                "photohead", "executive", "gutter", "banner", "rightbar",
                                "boxed", "chips", "elegant", "split")
    labels = {name: dict(registry.get(name).labels) for name in registry.names()}
    assert labels == {
        "ats": {"nl": "Eenvoudig (ATS-vriendelijk)", "en": "Simple (ATS-friendly)"},
        "accent": {"nl": "Accent", "en": "Accent"},
        "sidebar": {"nl": "Zijbalk met foto", "en": "Sidebar with photo"},
        "classic": {"nl": "Klassiek", "en": "Classic"},
        "compact": {"nl": "Compact (één pagina)", "en": "Compact (one page)"},
        "timeline": {"nl": "Tijdlijn", "en": "Timeline"},
        "photohead": {"nl": "Foto bovenaan", "en": "Photo on top"},
        "executive": {"nl": "Directie", "en": "Executive"},
        "gutter": {"nl": "Kantlijn", "en": "Margin headings"},
        "banner": {"nl": "Donkere banner", "en": "Dark banner"},
        "rightbar": {"nl": "Kolom rechts met foto", "en": "Right column with photo"},
        "boxed": {"nl": "Kaarten", "en": "Cards"},
        "chips": {"nl": "Tech met labels", "en": "Tech with tags"},
        "elegant": {"nl": "Elegant", "en": "Elegant"},
        "split": {"nl": "Gesplitste kop", "en": "Split header"},
    }
    # the serif designs come in their serif family; the rest keep the CV's own
    assert {n: t.font for n, t in registry.templates().items() if t.font} == {
        "classic": "dejavu_serif", "elegant": "liberation_serif"}


@pytest.mark.parametrize("template", TEMPLATES)
def test_what_a_template_declares_it_supports_is_what_it_prints(template):
    declared = registry.get(template)
    assert (b"/DCTDecode" in render(make_cv(template))) == declared.supports_photo
    blue, red = (render_png(render(make_cv(template, accent=colour)), dpi=30) for colour in ("#3e63dd", "#e54666"))
    assert (blue != red) == declared.supports_accent


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_string_comes_out_whole(template):
    doc = make_cv(template)
    pdf = render(doc)
    assert pdf.startswith(b"%PDF-")
    raw = flat(pdftotext(pdf, "-raw"))
    layout = flat(pdftotext(pdf))
    for text in (raw, layout):
        assert "Sanne de Vries" in text
        for item in WORK + EDUCATION:
            assert item.title in text
            assert item.organisation in text
            assert item.period in text
    for needle in ("Senior ontwikkelaar", "€ 4.500", "“curly quotes”", "‘enkele aanhalingstekens’",
                   "Ελληνικά", "Кириллица", "Senior softwareontwikkelaar", "sanne@example.nl",
                   "14-02-1990", "Python", "Moedertaal", "C1 – Gevorderd",
                   "Ervaren ontwikkelaar met oog voor kwaliteit."):
        assert needle in raw, needle
    # Descriptions: every paragraph and bullet, in one piece and in reading order.
    for item in WORK + EDUCATION:
        for line in item.description.split("\n"):
            assert flat(line.lstrip("- ")) in raw, line


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_second_extractor_reads_the_same_text_in_reading_order(template):
    """PDFium (pypdfium2, the engine Chromium's viewer uses) as a second reader beside
    poppler: every entry whole, each heading before its entries, the sections in order."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(render(make_cv(template)))
    try:
        text = flat(" ".join(page.get_textpage().get_text_bounded() for page in pdf))
    finally:
        pdf.close()
    for item in WORK + EDUCATION:
        for needle in (item.title, item.organisation, item.period):
            assert needle in text, needle
    assert not re.search("[\ufb00-\ufb06]", text)  # no ligature glyphs
    work, education = text.lower().find("werkervaring"), text.lower().find("opleidingen")
    assert -1 < work < text.find(WORK[0].title) and work < education < text.find(EDUCATION[0].title)


@pytest.mark.parametrize("template", TEMPLATES)
def test_page_label_and_count(template):
    pdf = render(two_page_cv(template))
    assert page_count(pdf) == 2 == int(pdfinfo(pdf)["Pages"])
    assert "Pagina 1 van 2" in pdftotext(pdf, page=1)
    assert "Pagina 2 van 2" in pdftotext(pdf, page=2)


def test_page_label_in_another_language_and_malformed():
    pdf = render(make_cv(page_label="Page {n} of {m}"))
    assert "Page 1 of 1" in pdftotext(pdf)
    pdf = render(make_cv(page_label="Pagina {n} van {x}"))  # unknown field: a fallback, no crash
    assert "1 / 1" in pdftotext(pdf, "-raw")


@pytest.mark.parametrize("template", TEMPLATES)
def test_metadata_has_author_and_no_internal_ids(template):
    pdf = render(make_cv(template))
    info = pdfinfo(pdf)
    assert info["Author"] == "Sanne de Vries"
    assert info["Title"] == "CV Sanne de Vries"
    assert info["Creator"] == "CloudCV.nl"
    assert info["Producer"] == "CloudCV.nl"
    assert b"/Author" in pdf and b"/Lang" in pdf
    assert b"fpdf" not in pdf.lower() and b"PyFPDF" not in pdf
    for secret in ("cv-7f3a9c21", "7f3a9c21", "918273"):
        assert secret.encode() not in pdf
        assert secret not in pdftotext(pdf) and secret not in str(info)


def test_title_defaults_to_name():
    assert pdfinfo(render(make_cv(title="")))["Title"] == "Sanne de Vries"


@pytest.mark.parametrize("template", TEMPLATES)
def test_empty_cv_is_one_page(template):
    pdf = render(CVDocument(name="Jan Jansen", template=template))
    assert page_count(pdf) == 1
    text = pdftotext(pdf)
    assert "Jan Jansen" in text and "Pagina 1 van 1" in text


@pytest.mark.parametrize("name", ["fancy", "", "ATS", "__init__", None])
def test_an_unknown_template_is_refused_not_replaced(name):
    with pytest.raises(Invalid) as info:
        render(make_cv(name))
    assert info.value.key == "error.template_unknown" and info.value.field == "template"


def test_a_bad_accent_falls_back_to_the_default_colour():
    pdf = render(make_cv("accent", accent="rgb(1,2,3)"))
    assert "Senior ontwikkelaar" in pdftotext(pdf)
    assert render_png(pdf, dpi=30) == render_png(render(make_cv("accent", accent="#3e63dd")), dpi=30)


def test_photo_none_and_broken_photo():
    for photo in (None, b"", b"not a jpeg at all", PHOTO[:200]):
        for template in TEMPLATES:
            assert "Senior ontwikkelaar" in pdftotext(render(make_cv(template, photo=photo)))


def test_photo_is_embedded_as_jpeg():
    pdf = render(make_cv("accent"))
    assert b"/DCTDecode" in pdf
    assert b"/DCTDecode" not in render(make_cv("accent", photo=None))
    assert b"/DCTDecode" not in render(make_cv("ats"))  # ATS: never a photo


# ---------------------------------------------------------------------- page breaks


MM = 72 / 25.4


def _body_text(pdf: bytes, page: int, template: str) -> str:
    """The main column of a page without the footer, in reading order."""
    left = int(62 * MM) + 1 if template == "sidebar" else 0
    return pdftotext(pdf, "-raw", page=page, crop=(left, 0, int(210 * MM) - left, int(280 * MM)))


@pytest.mark.parametrize("template", TEMPLATES)
def test_entry_heading_never_ends_a_page(template):
    """Push a probe entry down line by line until it crosses the page boundary."""
    probe = Item("Probe functie", "Probe werkgever", "Delft", "2001 – 2002",
                 "Eerste regel van de beschrijving die ook nog doorloopt. " * 3)
    moved = 0
    for n in range(0, 72, 2):  # the compact layout takes 70 lines to fill its page
        filler = Item("Opvulling", "Vulbedrijf", "", "2000", "\n".join(f"Regel {k} van de opvulling." for k in range(n)))
        doc = make_cv(template, photo=None, sections=(
            Section("work", "Werkervaring", (filler, probe)),
            Section("education", "Opleidingen", EDUCATION),
        ))
        pdf = render(doc)
        pages = [_body_text(pdf, p, template) for p in range(1, page_count(pdf) + 1)]
        for p, text in enumerate(pages, start=1):
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            assert lines, (n, p)
            last = lines[-1]
            # "in", not "starts with": a layout may put the period before the title
            assert not any(h in last for h in ("Probe functie", "Probe werkgever", "Opleidingen",
                                                "Master Computer")), (n, p, last)
            if "Probe functie" in text:
                assert "Eerste regel van de beschrijving" in text, (n, p)
                assert "Probe werkgever" in text
            if "Opleidingen" in text:
                assert "Master Computer Science" in text, (n, p)
        if len(pages) > 1 and "Probe functie" in pages[1] and "Regel" in pages[0]:
            moved += 1
    assert moved, "the probe never crossed a page boundary: the test proves nothing"


@pytest.mark.parametrize("template", TEMPLATES)
def test_long_description_continues_on_next_pages(template):
    random.seed(7)
    words = "de het een ontwikkelaar software klant project team resultaat verbeterd".split()
    text = ""
    while len(text) < 100_000:
        text += " ".join(random.choice(words) for _ in range(random.randint(10, 120)))
        text += random.choice([". ", ".\n", ".\n\n", "\n- "])
    text += " SLOTWOORD"
    doc = make_cv(template, sections=(Section("work", "Werkervaring", (Item("Lange functie", "Org", "", "2020", text),)),))
    pdf = render(doc)
    assert page_count(pdf) > 10
    body = pdftotext(pdf)
    assert "Lange functie" in body and "SLOTWOORD" in body
    last = page_count(pdf)
    assert f"Pagina {last} van {last}" in pdftotext(pdf, page=last)


@pytest.mark.parametrize("template", TEMPLATES)
def test_long_words_wrap_inside_the_page(template):
    word = "".join(random.Random(1).choice("abcdefghij") for _ in range(300))
    url = "https://example.com/" + "pad/" * 40
    doc = make_cv(template, headline=word, contact=(Fact("Web", url), Fact("E-mail", "x" * 90 + "@example.nl")),
                  sections=(Section("work", "Werk", (Item("Titel " + word, word, word, "2020", f"{word} {url}"),)),
                            Section("skills", "Vaardigheden", (Item(word, level=word),))))
    pdf = render(doc)
    squashed = "".join(pdftotext(pdf, "-raw").split())
    assert word in squashed and url in squashed
    bbox = pdftotext(pdf, "-bbox")
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    x_max = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert x_max <= width - 28  # 10 mm inside the page edge at least


# ------------------------------------------------------------------- hostile input


@pytest.mark.parametrize("template", TEMPLATES)
def test_emoji_cjk_controls_and_html_never_crash(template):
    doc = make_cv(
        template,
        name="Hallo 😀 世界",
        headline="<script>alert(1)</script> \u202eomgekeerd\u202c {nb}",
        contact=(Fact("E-mail", "a\x00b@example.nl"), Fact("Web", "\x07\x1b[31mrood")),
        personal=(Fact("Emoji 🚀", "👍🏽 🇳🇱 👨‍👩‍👧"),),
        sections=(
            Section("work", "Werk 🎉", (Item("Functie\x00", "Org\u200b\ufeff", "Plaats\u202e", "2020 – nu",
                                              "Regel één\r\nRegel twee\ttab\n\x0bverticale tab\ud800 😀 世界"),)),
            Section("other", "Overig", text="<b>vet</b> & <i>schuin</i> \u2066isolaat\u2069"),
        ),
    )
    pdf = render(doc)
    text = pdftotext(pdf, "-raw")
    assert "Hallo" in text
    assert "<script>alert(1)</script>" in text  # printed literally, never interpreted
    assert "<b>vet</b> & <i>schuin</i>" in text
    assert "{nb}" in text  # user text is not taken for the page-count alias
    assert "\x00" not in text and "\u202e" not in text and "\x1b" not in text
    assert "ab@example.nl" in text and "Regel twee tab" in flat(text)


def test_clean_text():
    covered = engine.engine().covered
    assert engine.clean_text("a\x00b\u202ec\u200bd", covered) == "abcd"
    assert engine.clean_text("x\r\ny\rz", covered) == "x\ny\nz"
    assert engine.clean_text("🚀 世", covered) == " 世"  # a fallback font has it (test_scripts.py)
    assert engine.clean_text("🚀 ᠮ", covered) == " " + engine.REPLACEMENT  # none has Mongolian
    assert engine.clean_text("می‌خواهم", covered) == "می‌خواهم"  # ZWNJ shapes Persian
    assert engine.clean_text("e\u0301", covered) == "é"  # NFC
    assert engine.clean_text("<script>", covered) == "<script>"


# ------------------------------------------------------------------------ previews


def test_render_png():
    pdf = render(two_page_cv("accent"))
    png = render_png(pdf)
    assert png.startswith(b"\x89PNG")
    img = Image.open(io.BytesIO(png))
    assert img.size[0] == pytest.approx(210 / 25.4 * 60, abs=2)
    assert render_png(pdf, page=2, dpi=30).startswith(b"\x89PNG")
    with pytest.raises(PreviewError):
        render_png(pdf, page=3)
    with pytest.raises(ValueError):
        render_png(pdf, page=0)


def test_render_png_without_pdftoppm(monkeypatch):
    monkeypatch.setattr(pdfsvc.shutil, "which", lambda name: None)
    with pytest.raises(PdfToolMissing, match="pdftoppm"):
        render_png(render(make_cv()))


@pytest.mark.parametrize("template", TEMPLATES)
def test_sidebar_background_on_every_page(template):
    pdf = render(two_page_cv(template))
    for page in (1, 2):
        img = Image.open(io.BytesIO(render_png(pdf, page=page, dpi=30))).convert("RGB")
        x, y = int(img.size[0] * 5 / 210), int(img.size[1] * 200 / 297)  # 5 mm from the left edge
        tinted = img.getpixel((x, y)) != (255, 255, 255)
        assert tinted == (template == "sidebar"), (page, img.getpixel((x, y)))


# ------------------------------------------------------------------------- fast path


@pytest.mark.parametrize("template", TEMPLATES)
def test_fast_path_prints_what_stock_fpdf2_prints(template):
    doc = make_cv(template)
    fast_pdf = render(doc)
    stock_pdf = bytes(build(doc, use_fast=False).output())
    assert pdftotext(fast_pdf, "-layout") == pdftotext(stock_pdf, "-layout")
    assert render_png(fast_pdf, dpi=50) == render_png(stock_pdf, dpi=50)  # same glyphs, same places
    fonts = subprocess.run(["pdffonts", "-"], input=fast_pdf, capture_output=True, check=True).stdout.decode()
    # regular and bold (and italic where the layout prints it): embedded, subset, unicode
    assert fonts.count("CID TrueType") in (2, 3) and "no " not in fonts.split("\n", 2)[2]


def test_break_lines_matches_multi_cell():
    shared = engine.new_pdf(use_fast=True)
    stock = engine.new_pdf(use_fast=False)
    for pdf in (shared, stock):
        pdf.add_page()
    rng = random.Random(42)
    words = ["a", "de", "ontwikkelaar", "Senior", "€", "4.500", "“curly”", "Ελληνικά", "Кириллица",
             "https://example.com/" + "x" * 80, "x" * 300, "\u00a0", "WWWW", "iiii", "–", " ", "\n", "\n\n",
             "\t", "\u2009", "\u200b", "a\u00a0b", "\r\n"]
    for _ in range(1500):
        text = "".join(rng.choice(words) + rng.choice(["", " ", " ", "  ", "\n"]) for _ in range(rng.randint(1, 50)))
        style, size = rng.choice(["", "B", "I", "BI"]), rng.choice([7.5, 8.5, 9.5, 10.5, 12, 24])
        w = rng.choice([18, 33.3, 44, 57.5, 120, 174])
        for pdf in (shared, stock):
            pdf.set_font(engine.FAMILY, style, size)
        assert lines.can_break_lines(shared) and not lines.can_break_lines(stock)
        expected = stock.multi_cell(w, 5, text, align="L", new_x="LMARGIN", new_y="NEXT", dry_run=True, output="LINES")
        assert lines.break_lines(shared.current_font, size, shared.k, text, w) == expected, (text, style, size, w)


def test_shared_tables_are_read_only_and_shared():
    proto = engine.engine().prototype
    font = proto.fonts[engine.FAMILY]
    copy_ = copy.deepcopy(proto).fonts[engine.FAMILY]
    assert copy_.cw is font.cw and copy_.glyph_ids is font.glyph_ids and copy_.cmap is font.cmap
    assert copy_.desc is not font.desc and copy_.subset is not font.subset
    assert copy_.subset.font is copy_
    size = len(font.cw)
    assert font.cw[0x10FFFF] == font.desc.missing_width and len(font.cw) == size
    with pytest.raises(TypeError):
        font.cw[65] = 1


def test_different_glyphs_after_each_other():
    """A prototype sharing one fontTools font across copies breaks on the 2nd document."""
    latin = make_cv("ats", sections=(Section("other", "Overig", text="Alleen Latijnse letters."),))
    cyrillic = make_cv("ats", sections=(Section("other", "Overig", text="Только кириллица и ελληνικά."),))
    for doc, needle in ((latin, "Alleen Latijnse letters."), (cyrillic, "Только кириллица и ελληνικά."),
                        (latin, "Alleen Latijnse letters.")):
        assert needle in pdftotext(render(doc))


def test_concurrent_renders_match_serial_renders():
    docs = [make_cv(t, name=name, sections=(Section("other", "Overig", text=body),))
            for t in TEMPLATES
            for name, body in (("Anna", "Gewone tekst."), ("Δημήτρης", "Ελληνικά κείμενα."),
                               ("Иван", "Кириллица текст."), ("Zoë", "Ĳsselmeer, façade, naïef."))]
    expected = [pdftotext(render(d)) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(render, docs * 3))
    assert [pdftotext(r) for r in results] == expected * 3


def test_image_cache_is_bounded():
    cache = images.ImageInfoCache(maxsize=2)
    for n in range(4):
        pdf = engine.new_pdf()
        pdf.add_page()
        assert cache.register(pdf, photo_jpeg(100 + n, 140)) == (100 + n, 140)
    assert len(cache._items) == 2


def test_font_caches_are_bounded():
    source = engine.engine().prototype.fonts[engine.FAMILY].source
    for n in range(fonts.EMBED_LRU_SIZE + 5):
        render(make_cv("ats", sections=(Section("other", "Overig", text=f"{n} " + "Ωλ"[n % 2] * (n % 7 + 1)),)))
    assert len(source._embedded) <= fonts.EMBED_LRU_SIZE
    assert len(source._extended) <= fonts.EXTENDED_LRU_SIZE


def test_width_and_glyph_map_caches_are_bounded(monkeypatch):
    """The shaped-text memo of an engine and the CIDToGIDMap cache keep at most their
    size, however many different texts are rendered."""
    eng = engine.engine()
    monkeypatch.setattr(engine, "TEXT_MEMO_SIZE", 8)
    monkeypatch.setattr(output, "_CID_TO_GID_LRU_SIZE", 4)
    for n in range(20):
        render(make_cv("ats", name=f"سارة {n}", sections=(Section("other", "Overig", text="Ωλ" * (n + 1) + "ψ" * n),)))
    assert len(eng._memo) <= 8
    assert len(output._cid_to_gid_cache) <= 4


def test_renders_leave_no_process_wide_cache_behind():
    from fpdf.fonts import SubsetMap

    render(make_cv("accent"))
    before = SubsetMap.pick.cache_info().currsize, SubsetMap.get_glyph.cache_info().currsize
    for template in TEMPLATES:
        render(make_cv(template))
    assert (SubsetMap.pick.cache_info().currsize, SubsetMap.get_glyph.cache_info().currsize) == before


def test_absurdly_long_header_values_stay_on_the_page():
    doc = CVDocument(name="N" * 3000, headline="kop " * 2000, template="accent",
                     contact=tuple(Fact("x", "waarde " * 200) for _ in range(30)))
    pdf = render(doc)
    assert page_count(pdf) == 1
    assert "…" in pdftotext(pdf)
