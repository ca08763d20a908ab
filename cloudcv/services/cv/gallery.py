"""The template gallery's thumbnails: page 1 of a sample CV, rendered by our own PDF engine in
every template of the registry, so a thumbnail can never drift from what a user gets.

:func:`sample` is the sample CV (a fictional person, texts in Dutch or English, the printed
labels and headings from ``i18n/printed.py`` as a real CV gets them in
``rendering.document_for``, a portrait drawn with Pillow). :func:`thumbnail` renders it with
``pdf.render`` and rasterises page 1 in process (``preview.page_images``, PDFium) to a small
JPEG of exactly :data:`SIZE` pixels (the editor's ``<img>`` carries that width and height).
Thumbnails are cached per (template, language) for the life of the process, bounded by
:data:`CACHE_MAX`. :func:`version` is a short digest of the PDF engine's source (its
templates included) and fonts, the preview's rasteriser and this module: ``api.py`` serves
the images as immutable under a URL that carries it. Templates are never listed here: every name comes
from ``pdf/registry.py``. Rendering is CPU-bound: call :func:`thumbnail` off the event loop
(``api.py`` uses the render pool); :func:`cached` is a dictionary look-up, safe on it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from ...i18n import LANGS
from ...i18n.printed import day, month, printed
from . import preview
from .pdf import families, registry

SIZE = (240, 339)        # pixels: A4 (1 : 1.414) at ~29 dpi; shown at up to ~170 CSS pixels
RENDER_DPI = 58          # rendered at twice the size, then scaled down: smoother small text
JPEG_QUALITY = 85
CACHE_MAX = 256          # thumbnails kept per process (~10-20 KB each); far above names x langs
ACCENT = "#0d7d72"       # a teal that reads well in every designed template

_cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_cache_lock = threading.Lock()
_key_locks: dict[tuple[str, str], threading.Lock] = {}


# ---- the sample CV ------------------------------------------------------------------------

_TEXTS = {
    "nl": {
        "headline": "Senior productontwerper",
        "nationality": "Nederlandse",
        "profile": (
            "Productontwerper met tien jaar ervaring in digitale diensten voor zorg en "
            "overheid. Ik vertaal onderzoek naar heldere ontwerpen, werk nauw samen met "
            "ontwikkelaars en maak toegankelijkheid vanaf de eerste schets een vast onderdeel "
            "van het werk."),
        "work": (
            ("Senior productontwerper", "Zorgpunt B.V.", "Utrecht", (2020, 3), None,
             "Verantwoordelijk voor het ontwerp van de patiëntenapp (120.000 gebruikers).\n"
             "- Zette een ontwerpsysteem op dat vier teams delen\n"
             "- Verhoogde de tevredenheid over het afsprakenproces van 6,8 naar 8,2"),
            ("Interactieontwerper", "Gemeente Amersfoort", "Amersfoort", (2016, 9), (2020, 2),
             "Ontwierp de digitale balie voor vergunningen en belastingen; leidde "
             "gebruikersonderzoek met inwoners en medewerkers."),
            ("Junior ontwerper", "Studio Noordzij", "Rotterdam", (2014, 8), (2016, 8),
             "Websites en campagnes voor culturele instellingen."),
        ),
        "education": (
            ("Master Human-Technology Interaction", "Technische Universiteit Eindhoven",
             "Eindhoven", (2012, 9), (2014, 7), "Afstudeeronderzoek naar leesbaarheid van "
             "formulieren voor laaggeletterden."),
            ("Bachelor Communicatie- en Multimediadesign", "Hogeschool Utrecht", "Utrecht",
             (2008, 9), (2012, 6), ""),
        ),
        "skills": ("Gebruikersonderzoek", "Figma", "Toegankelijkheid (WCAG 2.2)",
                   "Ontwerpsystemen", "Prototypen", "Workshops begeleiden"),
        "languages": (("Nederlands", "native"), ("Engels", "C1"), ("Duits", "B1")),
        "other": "Vrijwilliger bij de Voedselbank Utrecht; fietst graag lange afstanden.",
    },
    "en": {
        "headline": "Senior product designer",
        "nationality": "Dutch",
        "profile": (
            "Product designer with ten years of experience in digital services for healthcare "
            "and government. I turn research into clear designs, work closely with developers "
            "and make accessibility part of the work from the very first sketch."),
        "work": (
            ("Senior product designer", "Zorgpunt B.V.", "Utrecht", (2020, 3), None,
             "Responsible for the design of the patient app (120,000 users).\n"
             "- Set up a design system shared by four teams\n"
             "- Raised satisfaction with booking appointments from 6.8 to 8.2"),
            ("Interaction designer", "Municipality of Amersfoort", "Amersfoort", (2016, 9),
             (2020, 2), "Designed the digital desk for permits and taxes; led user research "
                        "with residents and staff."),
            ("Junior designer", "Studio Noordzij", "Rotterdam", (2014, 8), (2016, 8),
             "Websites and campaigns for cultural institutions."),
        ),
        "education": (
            ("MSc Human-Technology Interaction", "Eindhoven University of Technology",
             "Eindhoven", (2012, 9), (2014, 7), "Thesis on how readable forms are for people "
                                                "with low literacy."),
            ("BA Communication and Multimedia Design", "Utrecht University of Applied "
             "Sciences", "Utrecht", (2008, 9), (2012, 6), ""),
        ),
        "skills": ("User research", "Figma", "Accessibility (WCAG 2.2)", "Design systems",
                   "Prototyping", "Facilitating workshops"),
        "languages": (("Dutch", "native"), ("English", "C1"), ("German", "B1")),
        "other": "Volunteers at the Utrecht food bank; enjoys long-distance cycling.",
    },
}


@functools.cache
def photo_jpeg() -> bytes:
    """The sample's portrait (3 : 4), drawn with Pillow: the same bytes on every call."""
    w, h = 300, 400
    img = Image.new("RGB", (w, h), (214, 222, 228))
    draw = ImageDraw.Draw(img)
    for y in range(h):  # a soft backdrop, lighter at the top
        shade = int(228 - 34 * y / h)
        draw.line([(0, y), (w, y)], fill=(shade - 14, shade - 6, shade))
    draw.ellipse([w * 0.08, h * 0.66, w * 0.92, h * 1.25], fill=(46, 70, 104))      # jacket
    draw.polygon([(w * 0.42, h * 0.66), (w * 0.58, h * 0.66), (w * 0.5, h * 0.8)],
                 fill=(236, 238, 240))                                               # collar
    draw.rectangle([w * 0.43, h * 0.5, w * 0.57, h * 0.68], fill=(219, 176, 150))    # neck
    draw.ellipse([w * 0.27, h * 0.11, w * 0.73, h * 0.4], fill=(92, 58, 40))         # hair
    draw.ellipse([w * 0.31, h * 0.17, w * 0.69, h * 0.58], fill=(232, 190, 165))     # face
    draw.chord([w * 0.29, h * 0.1, w * 0.71, h * 0.36], 180, 360, fill=(92, 58, 40))  # fringe
    for cx in (0.42, 0.58):
        draw.ellipse([w * cx - 6, h * 0.36 - 4, w * cx + 6, h * 0.36 + 4], fill=(60, 44, 36))
    draw.arc([w * 0.43, h * 0.43, w * 0.57, h * 0.5], 20, 160, fill=(170, 90, 84), width=3)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def sample(lang: str = "nl", template: str = "ats"):
    """The sample CV as a ``CVDocument`` in ``lang`` (one of ``i18n.LANGS``; anything else
    is Dutch) for ``template``, in the family that template is designed in. Pure: any
    caller; the name is not checked here (``pdf.render`` checks it)."""
    from .pdf.document import CVDocument, Fact, Item, Section, Typography

    lang = lang if lang in LANGS else "nl"
    text = _TEXTS[lang]

    def tr(key: str) -> str:
        return printed(key, lang)

    def period(start, end) -> str:
        last = tr("cv.present") if end is None else month(date(*end, 1), lang)
        return f"{month(date(*start, 1), lang)} – {last}"

    def entries(rows) -> tuple:
        return tuple(Item(title=t, organisation=o, location=loc, period=period(s, e),
                          description=d) for t, o, loc, s, e, d in rows)

    sections = (
        Section("profile", tr("cv.section.profile"), text=text["profile"]),
        Section("work", tr("cv.section.work"), items=entries(text["work"])),
        Section("education", tr("cv.section.education"), items=entries(text["education"])),
        Section("skills", tr("cv.section.skills"),
                items=tuple(Item(title=s) for s in text["skills"])),
        Section("languages", tr("cv.section.languages"),
                items=tuple(Item(title=n, level=tr(f"cv.cefr.{lv}")) for n, lv in text["languages"])),
        Section("other", tr("cv.section.other"), text=text["other"]),
    )
    tpl = registry.templates().get(template)
    font = tpl.font if tpl is not None and tpl.font else families.DEFAULT
    return CVDocument(
        name="Sanne de Vries",
        headline=text["headline"],
        contact=(Fact(tr("cv.email"), "s.devries@example.com"),
                 Fact(tr("cv.phone"), "+31 6 12 34 56 78"),
                 Fact(tr("cv.address"), "Voorbeeldstraat 12, 3512 AB Utrecht"),
                 Fact(tr("cv.website"), "sannedevries.example")),
        personal=(Fact(tr("cv.birth_date"), day(date(1990, 5, 14), lang)),
                  Fact(tr("cv.nationality"), text["nationality"]),
                  Fact(tr("cv.driving_licence"), "B")),
        sections=sections, photo=photo_jpeg(), template=template, accent=ACCENT, lang=lang,
        title="CV Sanne de Vries", page_label=tr("cv.page_label"),
        contact_heading=tr("cv.contact"), personal_heading=tr("cv.personal"),
        typography=dataclasses.replace(Typography(), font=font),
    )


# ---- thumbnails ---------------------------------------------------------------------------

def render(name: str, lang: str) -> bytes:
    """Page 1 of the sample in template ``name`` as a JPEG of :data:`SIZE`, made now (no
    cache). Raises ``Invalid("error.template_unknown")`` for a name the registry does not
    hold. CPU-bound: off the event loop."""
    from . import pdf

    registry.get(name)
    (page,) = preview.page_images(pdf.render(sample(lang, name)), dpi=RENDER_DPI, max_pages=1)
    out = io.BytesIO()
    page.resize(SIZE, Image.Resampling.LANCZOS).save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def cached(name: str, lang: str) -> bytes | None:
    """The cached thumbnail of (``name``, ``lang``), or None. A dictionary look-up: any
    caller, the event loop included."""
    with _cache_lock:
        found = _cache.get((name, lang))
        if found is not None:
            _cache.move_to_end((name, lang))
        return found


def thumbnail(name: str, lang: str) -> bytes:
    """The thumbnail of template ``name`` in ``lang`` (anything outside ``i18n.LANGS`` is
    Dutch): rendered once per process, then from the cache. Concurrent callers for the same
    thumbnail wait for one render. Raises ``Invalid("error.template_unknown")`` for a name
    the registry does not hold (checked before anything is cached). CPU-bound on a miss:
    off the event loop."""
    registry.get(name)
    lang = lang if lang in LANGS else "nl"
    key = (name, lang)
    if (hit := cached(*key)) is not None:
        return hit
    with _cache_lock:
        lock = _key_locks.setdefault(key, threading.Lock())
    with lock:
        if (hit := cached(*key)) is not None:
            return hit
        image = render(name, lang)
        with _cache_lock:
            _cache[key] = image
            _cache.move_to_end(key)
            while len(_cache) > CACHE_MAX:
                _cache.popitem(last=False)
        return image


def clear() -> None:
    """Forget every cached thumbnail (tests; a reloaded template)."""
    with _cache_lock:
        _cache.clear()
        _key_locks.clear()


def warm_up(langs: tuple[str, ...] = LANGS) -> int:
    """Render every template's thumbnail in every language of ``langs`` into the cache now;
    returns how many there are. For a start-up hook (``tasks.py``); CPU-bound: off the loop."""
    count = 0
    for name in registry.names():
        for lang in langs:
            thumbnail(name, lang)
            count += 1
    return count


# ---- the version in the URL -----------------------------------------------------------------

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parents[2]  # the checkout: cloudcv/ and assets/ are below it


def sources() -> list[Path]:
    """The files that decide what a thumbnail looks like: every module of the PDF engine
    (``pdf/``, its templates and fast path included), the font files of its families, the
    rasteriser and this module, in a stable order."""
    from .pdf import engine

    modules = sorted((_HERE / "pdf").rglob("*.py"))
    fonts = sorted({(engine.FONT_DIR / name).resolve() for family in families.FAMILIES.values()
                    for name in family.files.values()})
    return [*modules, *fonts, _HERE / "preview.py", Path(__file__).resolve()]


def _source(path: Path) -> bytes:
    return path.read_bytes()


@functools.cache
def version() -> str:
    """A short digest (12 hex digits) of :func:`sources` (their paths in the checkout and
    their bytes): it changes when any template, the engine or a font changes. Read once per
    process (the modules are imported once; ~15 ms); ``version.cache_clear()`` reads again."""
    digest = hashlib.sha256()
    for path in sources():
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(_source(path)).digest())
    return digest.hexdigest()[:12]
