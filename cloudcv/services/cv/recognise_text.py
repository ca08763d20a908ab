"""What a piece of a CV's text means, for ``recognise.py`` (issue 22): the vocabulary of
section headings, labels, language levels and month names in nl, en, de and fr, and the
parsers of periods, dates, levels and addresses. Pure: no database, no I/O."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import get_month_names

from ...i18n.printed import CV_LANGS, printed
from .cvs import LICENCES

BUILT_IN = ("profile", "work", "education", "skills", "languages", "other")
_SYNONYMS = {
    "profile": ("profiel", "persoonlijk profiel", "over mij", "samenvatting", "profile",
                "summary", "about me", "personal profile", "profil", "zusammenfassung",
                "über mich", "à propos", "résumé"),
    "work": ("werkervaring", "ervaring", "werk", "loopbaan", "arbeidsverleden",
             "work experience", "experience", "employment", "professional experience",
             "employment history", "berufserfahrung", "berufliche erfahrung", "praxis",
             "expérience professionnelle", "expériences professionnelles", "expérience"),
    "education": ("opleiding", "opleidingen", "opleiding en cursussen", "studie", "onderwijs",
                  "education", "studies", "ausbildung", "bildung", "bildungsweg",
                  "formation", "formations", "études"),
    "skills": ("vaardigheden", "competenties", "kennis en vaardigheden", "skills",
               "competences", "competencies", "kenntnisse", "fähigkeiten", "compétences"),
    "languages": ("talen", "talenkennis", "languages", "sprachen", "sprachkenntnisse", "langues"),
    "other": ("overige informatie", "overig", "overige", "hobby's", "hobbies",
              "other information", "additional information", "sonstiges", "autres informations"),
    "contact": ("contact", "contactgegevens", "contact details", "contact information",
                "kontakt", "kontaktdaten", "coordonnées"),
    "personal": ("persoonlijk", "persoonlijke gegevens", "personalia", "personal",
                 "personal details", "persönliches", "persönliche daten",
                 "informations personnelles"),
}
_LABEL_SYNONYMS = {
    "email": ("e-mail", "email", "e-mailadres", "mail", "e-mail-adresse", "courriel"),
    "email_business": (),
    "phone": ("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "mobile", "telefon",
              "handy", "téléphone", "portable"),
    "website": ("website", "web", "site", "homepage", "site web", "linkedin"),
    "address": ("adres", "woonplaats", "address", "adresse", "anschrift"),
    "birth_date": ("geboortedatum", "date of birth", "born", "geboren", "geburtsdatum",
                   "date de naissance", "née le", "né le"),
    "nationality": ("nationaliteit", "nationality", "staatsangehörigkeit", "nationalité"),
    "gender": ("geslacht", "gender", "geschlecht", "genre", "sexe"),
    "marital_status": ("burgerlijke staat", "marital status", "familienstand", "situation familiale"),
    "driving_licence": ("rijbewijs", "driving licence", "driving license", "driver's license",
                        "führerschein", "permis de conduire", "permis"),
}
_PRINTED_LABEL = {"email": "cv.email", "email_business": "cv.email_business", "phone": "cv.phone",
                  "website": "cv.website", "address": "cv.address", "birth_date": "cv.birth_date",
                  "nationality": "cv.nationality", "gender": "cv.gender",
                  "marital_status": "cv.marital_status", "driving_licence": "cv.driving_licence"}
_PRESENT = ("heden", "nu", "present", "now", "current", "today", "heute", "aujourd'hui",
            "aujourd’hui", "actuel", "en cours")
_NATIVE = ("moedertaal", "native", "native speaker", "mother tongue", "muttersprache",
           "langue maternelle")

EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]{2,}$")
PHONE = re.compile(r"^\+?[\d\s().\-/]{8,20}$")
URL = re.compile(r"^(https?://)?(www\.)?[\w\-]+(\.[\w\-]+)+(/\S*)?$", re.I)
POSTAL = re.compile(r"^(\d{4}\s?[A-Za-z]{2}|\d{4,5}|[A-Z]{1,2}\d[\dA-Z]?\s?\d[A-Z]{2})\s+(\S.*)$")
_STREET = re.compile(r"\D+\s\d+\s?[a-zA-Z]?(\s?[-/]\s?\w+)?$")
_DAY = re.compile(r"^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
CEFR = re.compile(r"\b([ABC][12])\b")
BULLET = re.compile(r"^\s*(?:[•▪‣◦·]\s*|[-*–]\s+)")
SEP = re.compile(r"\s+[|·•]\s+")
PAGE = re.compile(r"^(pagina|page|seite)\s+\d+\s+(van|of|von|sur|/)\s+\d+$", re.I)


def norm(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a heading or label."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").strip().rstrip(":").strip()
    return " ".join(text.casefold().split())


@cache
def headings() -> dict[str, tuple[str, str]]:
    """normalised heading → (section key, language or "")."""
    out: dict[str, tuple[str, str]] = {}
    for key, words in _SYNONYMS.items():
        for w in words:
            out.setdefault(norm(w), (key, ""))
    for lang in CV_LANGS:
        for key in BUILT_IN:
            out[norm(printed(f"cv.section.{key}", lang))] = (key, lang)
        out[norm(printed("cv.contact", lang))] = ("contact", lang)
        out[norm(printed("cv.personal", lang))] = ("personal", lang)
    from .jsonresume import _TITLES  # the titles an imported resume.json gives own sections

    for lang, titles in _TITLES.items():
        for title in titles.values():
            out.setdefault(norm(title), ("own", lang))
    return out


@cache
def labels() -> dict[str, str]:
    """normalised label → fact field."""
    out: dict[str, str] = {}
    for name, words in _LABEL_SYNONYMS.items():
        for w in words:
            out[norm(w)] = name
    for lang in CV_LANGS:
        for name, key in _PRINTED_LABEL.items():
            out[norm(printed(key, lang))] = name
    return out


def label_prefix(piece: str) -> tuple[str, str] | None:
    """(fact field, value) of a piece that starts with a label and a space."""
    low = piece.casefold()
    for label in sorted(labels(), key=len, reverse=True):
        if len(label) >= 4 and low.startswith(label + " ") and piece[len(label):].strip():
            return labels()[label], piece[len(label):].strip()
    return None


@cache
def levels() -> dict[str, str]:
    """normalised printed level ("c1 – zeer goed", "moedertaal") → level code."""
    out = {norm(w): "native" for w in _NATIVE}
    for lang in CV_LANGS:
        for code in ("A1", "A2", "B1", "B2", "C1", "C2", "native"):
            out[norm(printed(f"cv.cefr.{code}", lang))] = code
    return out


def split_level(text: str) -> tuple[str, str] | None:
    """(language, level code) of ``Engels C1 – Zeer goed`` or ``Engels (Moedertaal)``: a
    language with its printed level at the end; None when it ends in none."""
    t = " ".join(text.split())
    bare = t[:-1].rstrip() if t.endswith(")") else t
    low = bare.casefold()
    for label in sorted(levels(), key=len, reverse=True):
        if low.endswith(label) and len(low) > len(label):
            title = bare[: len(bare) - len(label)].rstrip(" (–-:")
            if title:
                return title, levels()[label]
    return None


def level_code(text: str) -> str:
    """The level code of a printed language level, or ""."""
    key = norm(text)
    if key in levels():
        return levels()[key]
    if any(w in key for w in _NATIVE):
        return "native"
    m = CEFR.search(text)
    return m.group(1) if m else ""


@cache
def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for lang in CV_LANGS:
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for n, name in get_month_names(width, context, locale=lang).items():
                    out[norm(name).rstrip(".")] = n
    out.update({"sept": 9, "mrt": 3, "maa": 3, "okt": 10, "mär": 3, "mae": 3})
    return out


@cache
def _period_re() -> re.Pattern:
    names = sorted(_months(), key=len, reverse=True)
    month = "|".join(re.escape(n) for n in names)
    one = rf"(?:(?:{month})\.?\s+\d{{4}}|\d{{1,2}}[-/.]\d{{4}}|\d{{4}})"
    present = "|".join(re.escape(p) for p in _PRESENT)
    return re.compile(rf"^(?P<a>{one})(?:\s*(?:[–—-]|tot|to|bis|à|au)\s*(?P<b>{one}|{present}))?$", re.I)


def _one_date(text: str) -> str:
    """``YYYY-MM`` of ``mrt 2020``, ``03-2020``, ``2020``; "" when it is none."""
    t = norm(text)
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{4})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(\d{4})", t)
    if m:
        return f"{m.group(1)}-01"
    m = re.fullmatch(r"(\S+?)\.?\s+(\d{4})", t)
    if m and m.group(1) in _months():
        return f"{m.group(2)}-{_months()[m.group(1)]:02d}"
    return ""


def parse_period(text: str) -> tuple[str, str, bool] | None:
    """(start, end, current) of a printed period, or None when ``text`` is not one."""
    m = _period_re().fullmatch(" ".join(text.split()))
    if not m:
        return None
    start = _one_date(m.group("a"))
    if not start:
        return None
    b = m.group("b")
    if b is None:
        return start, "", False
    if norm(b) in {norm(p) for p in _PRESENT}:
        return start, "", True
    end = _one_date(b)
    return (start, end, False) if end else None


def tail_period(text: str) -> tuple[str, tuple[str, str, bool]] | None:
    """(the text before it, the period) when ``text`` ends in a period with a start and an
    end (``Kok 2019 - heden``); None otherwise."""
    words = text.split()
    for n in range(max(1, len(words) - 6), len(words) - 1):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        found = parse_period(tail)
        if found and (found[1] or found[2]) and head.strip(" ,|·–-"):
            return head.strip(" ,|·–-"), found
    return None


def birth_date(text: str) -> str:
    """``dd-mm-jjjj`` (the editor's form) of a printed birth date, or ""."""
    t = text.strip()
    m = _DAY.fullmatch(t)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _ISO_DAY.fullmatch(t)):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\.?\s+(\S+?)\.?\s+(\d{4})", norm(t))
        if not m or m.group(2) not in _months():
            return ""
        d, mo, y = int(m.group(1)), _months()[m.group(2)], int(m.group(3))
    try:
        date(y, mo, d)
    except ValueError:
        return ""
    return f"{d:02d}-{mo:02d}-{y:04d}"


@cache
def _countries() -> set[str]:
    return {norm(label) for lang in CV_LANGS for code, label in Locale.parse(lang).territories.items()
            if len(code) == 2 and code.isalpha()}


def split_address(text: str) -> dict[str, str]:
    """street, postal_code, city, country of a printed address (``Street 1, 1234 AB City,
    Country``); the parts it finds."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    out: dict[str, str] = {}
    if len(parts) > 1 and norm(parts[-1]) in _countries():
        out["country"] = parts.pop()
    for n, part in enumerate(parts):
        m = POSTAL.match(part)
        if m and n == len(parts) - 1 or (m and n > 0):
            out["postal_code"], out["city"] = m.group(1), m.group(2)
            rest = parts[:n] + parts[n + 1:]
            if rest:
                out["street"] = ", ".join(rest)
            return out
    if len(parts) == 1:
        out["street" if _STREET.match(parts[0]) else "city"] = parts[0]
    elif parts:
        out["street"], out["city"] = ", ".join(parts[:-1]), parts[-1]
    return out


def licences(text: str) -> str:
    """The driving licence categories named in ``text`` ("B, BE"), in the editor's order."""
    codes = [c.strip().upper() for c in re.split(r"[,;/\s]+", text) if c.strip()]
    return ", ".join(c for c in LICENCES if c in codes)
