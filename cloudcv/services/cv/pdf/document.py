"""What a PDF template receives: a CV flattened to ready-to-print, translated strings.

``services/cv/rendering.py`` (``document_for``) builds it from the database (respecting
hidden sections and the per-export choice to leave out sensitive fields); the templates in
``services/cv/pdf/templates/`` only lay it out. No database, no i18n lookups in templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One entry: a job, a study, a skill or a language."""

    title: str                 # job title / degree / skill / language
    organisation: str = ""     # employer / school
    location: str = ""
    period: str = ""           # already formatted, e.g. "03-2019 – heden"
    description: str = ""      # free text, may hold several paragraphs
    level: str = ""            # e.g. "C1 – Gevorderd" for languages


@dataclass(frozen=True)
class Section:
    """One section of the CV, already translated; either ``items`` or ``text``."""

    key: str                   # "profile", "work", "education", "skills", "languages", "other",
                               # or "c<id>": a section of the user's own (entries like "work")
    heading: str               # translated heading, e.g. "Werkervaring"
    items: tuple[Item, ...] = ()
    text: str = ""             # for free-text sections (profile, other information)
    new_page: bool = False     # the section starts on a new page


@dataclass(frozen=True)
class Fact:
    """A labelled personal detail, e.g. ("Geboortedatum", "14-02-1990")."""

    label: str
    value: str


@dataclass(frozen=True)
class Typography:
    """The user's type and page choices (checked in ``services/cv/typography.py``).

    ``font`` is a key of ``pdf/families.py``; ``size`` the body text in points and
    ``spacing`` the line spacing (1.15: the templates' own); ``margin`` (mm) and
    ``text_color`` (``#rrggbb``) are None for the template's own.
    """

    font: str = "dejavu"
    size: float = 9.5
    spacing: float = 1.15
    margin: float | None = None
    text_color: str | None = None


@dataclass(frozen=True)
class CVDocument:
    """The whole CV as a template prints it: only what the user chose to show."""

    name: str                          # the person's name (also the PDF author)
    headline: str = ""                 # desired role, under the name
    contact: tuple[Fact, ...] = ()     # email, phone, address, website
    personal: tuple[Fact, ...] = ()    # birth date, nationality, gender, marital status, licence
    sections: tuple[Section, ...] = ()
    photo: bytes | None = None         # JPEG bytes, portrait, already cleaned
    template: str = "ats"              # a name in the template registry (pdf/registry.py)
    accent: str = "#3e63dd"            # hex colour for designed templates
    lang: str = "nl"
    title: str = ""                    # PDF title metadata (the CV's title)
    page_label: str = "Pagina {n} van {m}"
    contact_heading: str = "Contact"
    personal_heading: str = "Persoonlijk"
    typography: Typography = Typography()
    extra: dict = field(default_factory=dict)
