"""A CV without an account (issue 23, ``/probeer``): the form's values in, a PDF out, nothing
kept. Pure: no database, no file, no log line with the content.

The page is a plain HTML form whose values live only in the tab (no Reflex state, so nothing
reaches the state store on disk or in Redis); submitting it posts them to
``/api/probeer/cv.pdf`` (``api.py``), which checks them here with the editor's own rules and
limits (:func:`document_from_form`), lays them out on a transient CV (never added to a
session) and renders it with the same engine as any CV. Whoever wants to keep the CV makes
an account and imports the PDF (``/cv/importeren``): our own PDFs come back whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ...i18n.printed import CV_LANGS
from ...models import CV, CVEntry
from ..core.errors import Invalid
from .checks import clean
from .cvs import ACCENTS, TEXT_FIELDS
from .entries import ENTRY_FIELDS

PERSONAL = ("full_name", "headline", "email", "phone", "city", "website", "profile")
JOBS = 3
STUDIES = 2
LIST_MAX = 30          # skills and languages: one per line
MAX_FIELDS = 64        # form fields a request may carry (the page has fewer)


def _month(value: str, name: str) -> date | None:
    """``YYYY-MM`` (an <input type=month>) or ``mm-jjjj`` to the first of the month."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:]), 1)
        if len(value) == 7 and value[2] == "-":
            return date(int(value[3:]), int(value[:2]), 1)
    except ValueError:
        pass
    raise Invalid("error.date_invalid", field=name)


def _entry(form: Mapping, prefix: str, section: str, position: int) -> CVEntry | None:
    values = {}
    for name in ("title", "organisation", "location", "description"):
        limit, kind = ENTRY_FIELDS[name]
        values[name] = clean(form.get(f"{prefix}_{name}", ""), name=f"{prefix}_{name}",
                             limit=limit, kind=kind)
    if not (values["title"] or values["organisation"] or values["description"]):
        return None
    start = _month(form.get(f"{prefix}_start", ""), f"{prefix}_start")
    current = form.get(f"{prefix}_current") == "1"
    end = None if current else _month(form.get(f"{prefix}_end", ""), f"{prefix}_end")
    if start and end and end < start:
        raise Invalid("error.end_before_start", field=f"{prefix}_end")
    return CVEntry(section=section, position=position, start=start, end=end, current=current,
                   **values)


def _lines(form: Mapping, name: str, section: str, start: int) -> list[CVEntry]:
    text = clean(form.get(name, ""), name=name, limit=3000, kind="multiline")
    items = [" ".join(line.split()) for line in text.splitlines() if line.strip()][:LIST_MAX]
    limit = ENTRY_FIELDS["title"][0]
    if any(len(item) > limit for item in items):
        raise Invalid("error.too_long", field=name, max=limit)
    return [CVEntry(section=section, position=start + n, title=item) for n, item in enumerate(items)]


def document_from_form(form: Mapping):
    """The ``CVDocument`` of the /probeer form (a mapping of field name → text). Raises
    ``Invalid`` with the field of the first value the editor would refuse."""
    from .pdf import registry
    from .rendering import document_of

    if len(form) > MAX_FIELDS or any(not isinstance(v, str) for v in form.values()):
        raise Invalid("error.invalid_input")
    columns = {}
    for name in PERSONAL:
        limit, kind = TEXT_FIELDS[name]
        columns[name] = clean(form.get(name, ""), name=name, limit=limit, kind=kind)
    if not columns["full_name"]:
        raise Invalid("error.required", field="full_name")
    template = form.get("template", "")
    lang = form.get("lang", "nl")
    accent = form.get("accent", ACCENTS[0])
    if template not in registry.templates() or lang not in CV_LANGS or accent not in ACCENTS:
        raise Invalid("error.invalid_input")
    cv = CV(user_id=0, title=columns["full_name"], template=template, lang=lang, accent=accent,
            **columns)
    entries = [e for n in range(JOBS) if (e := _entry(form, f"work{n}", "work", n))]
    entries += [e for n in range(STUDIES) if (e := _entry(form, f"edu{n}", "education", 10 + n))]
    entries += _lines(form, "skills", "skills", 20)
    entries += _lines(form, "languages", "languages", 60)
    return document_of(cv, entries, [], None)


def render_form(form: Mapping) -> tuple[str, bytes]:
    """(file name, PDF) of the /probeer form; ``Invalid`` as :func:`document_from_form`.
    CPU-bound: call off the event loop."""
    from .pdf import render
    from .rendering import pdf_filename

    doc = document_from_form(form)
    return pdf_filename(doc.name), render(doc)
