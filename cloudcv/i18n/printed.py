"""What a CV prints in its own language: labels, section headings, "heden", "Pagina n van m",
language levels and month names. The CV's language is its own choice (``CV.lang``), apart
from the UI language of whoever edits it.

Dutch and English come from the catalogs (``catalogs/core.py``, the ``cv.*`` keys); German
and French are here, complete for exactly those keys (tests/unit/test_cv_language.py
checks it). Month names come from the CLDR via babel (``mrt 2021``, ``Mar 2021``,
``März 2021``, ``mars 2021``), not from a hand-written list.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as _babel_date

from . import NL, fill, t

CV_LANGS = ("nl", "en", "de", "fr")
# Each language's name in itself (the editor's choice list shows it so).
CV_LANG_NAMES = {"nl": "Nederlands", "en": "English", "de": "Deutsch", "fr": "Français"}
PRINTED_KEYS = tuple(k for k in NL if k.startswith("cv."))

DE = {
    "cv.email": "E-Mail",
    "cv.email_business": "E-Mail (geschäftlich)",
    "cv.phone": "Telefon",
    "cv.address": "Adresse",
    "cv.website": "Website",
    "cv.birth_date": "Geburtsdatum",
    "cv.nationality": "Staatsangehörigkeit",
    "cv.gender": "Geschlecht",
    "cv.marital_status": "Familienstand",
    "cv.driving_licence": "Führerschein",
    "cv.present": "heute",
    "cv.page_label": "Seite {n} von {m}",
    "cv.contact": "Kontakt",
    "cv.personal": "Persönliches",
    "cv.section.profile": "Profil",
    "cv.section.work": "Berufserfahrung",
    "cv.section.education": "Ausbildung",
    "cv.section.skills": "Kenntnisse",
    "cv.section.languages": "Sprachen",
    "cv.section.other": "Sonstiges",
    "cv.cefr.A1": "A1 – Anfänger",
    "cv.cefr.A2": "A2 – Grundkenntnisse",
    "cv.cefr.B1": "B1 – Mittelstufe",
    "cv.cefr.B2": "B2 – Gute Mittelstufe",
    "cv.cefr.C1": "C1 – Fortgeschritten",
    "cv.cefr.C2": "C2 – Verhandlungssicher",
    "cv.cefr.native": "Muttersprache",
    "cv.letter": "Anschreiben",
    "cv.letter_to": "An",
    "cv.letter_salutation": "Sehr geehrte Damen und Herren,",
    "cv.letter_closing": "Mit freundlichen Grüßen",
}

FR = {
    "cv.email": "E-mail",
    "cv.email_business": "E-mail (professionnel)",
    "cv.phone": "Téléphone",
    "cv.address": "Adresse",
    "cv.website": "Site web",
    "cv.birth_date": "Date de naissance",
    "cv.nationality": "Nationalité",
    "cv.gender": "Genre",
    "cv.marital_status": "Situation familiale",
    "cv.driving_licence": "Permis de conduire",
    "cv.present": "aujourd’hui",
    "cv.page_label": "Page {n} sur {m}",
    "cv.contact": "Contact",
    "cv.personal": "Informations personnelles",
    "cv.section.profile": "Profil",
    "cv.section.work": "Expérience professionnelle",
    "cv.section.education": "Formation",
    "cv.section.skills": "Compétences",
    "cv.section.languages": "Langues",
    "cv.section.other": "Autres informations",
    "cv.cefr.A1": "A1 – Débutant",
    "cv.cefr.A2": "A2 – Élémentaire",
    "cv.cefr.B1": "B1 – Intermédiaire",
    "cv.cefr.B2": "B2 – Intermédiaire avancé",
    "cv.cefr.C1": "C1 – Avancé",
    "cv.cefr.C2": "C2 – Maîtrise",
    "cv.cefr.native": "Langue maternelle",
    "cv.letter": "Lettre de motivation",
    "cv.letter_to": "À l’attention de",
    "cv.letter_salutation": "Madame, Monsieur,",
    "cv.letter_closing": "Je vous prie d’agréer mes salutations distinguées.",
}

_OWN = {"de": DE, "fr": FR}


def printed(key: str, lang: str, **params) -> str:
    """``key`` (a ``cv.*`` key) as a CV in ``lang`` prints it; an unknown language prints
    Dutch. Pure: any caller."""
    own = _OWN.get(lang)
    if own is None:
        return t(key, lang if lang in ("nl", "en") else "nl", **params)
    return fill(own.get(key, key), params)


def month(value: date | None, lang: str) -> str:
    """A month as a CV in ``lang`` prints it (``mrt 2021``); "" for None. Pure: any caller."""
    if value is None:
        return ""
    return _babel_date(value, "MMM yyyy", locale=lang if lang in CV_LANGS else "nl")


# A birth date as each language writes it (numbers only: no month name to misread).
_DAY = {"nl": "dd-MM-yyyy", "en": "dd-MM-yyyy", "de": "dd.MM.yyyy", "fr": "dd/MM/yyyy"}


def day(value: date | None, lang: str) -> str:
    """A date as a CV in ``lang`` prints it (``01.03.1990`` in German); "" for None."""
    if value is None:
        return ""
    return _babel_date(value, _DAY.get(lang, _DAY["nl"]), locale=lang if lang in CV_LANGS else "nl")
