"""JSON Resume (https://jsonresume.org, schema v1.0.0 in ``content/jsonresume/``): a CV out
as ``resume.json`` and a ``resume.json`` in as a new CV (issue 22).

Export (:func:`export_cv`) maps every field the schema has; what it lacks goes in
``meta.cloudcv``: the Dutch personal details (birth date, nationality, gender, marital
status, driving licences; only those the CV prints), other information, the sections of
the user's own, and the layout (template, accent, section order and names). Dates are ISO
8601 (``2021-03``); the CV's language is ``meta.language``. The private note and the photo
never leave: ``basics.image`` stays empty.

Import (:func:`import_cv`) checks size (:data:`MAX_BYTES`), nesting (:data:`MAX_DEPTH`)
before parsing, then the schema; any problem raises :class:`ImportRefused` with the list of
what is wrong, and nothing is created. A valid file becomes one new CV in one transaction.
Sections the CV has no built-in place for (volunteer, projects, awards, certificates,
publications, interests, references) become sections of the user's own; what has no place
at all is listed back (:attr:`Imported.unmapped`), never dropped silently. No URL is ever
fetched (``basics.image`` is ignored with a notice). The owner only, like every CV service.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema
from babel import Locale
from sqlmodel import Session, select

from ...i18n.printed import CV_LANGS
from ...models import CV, CVEntry, User
from ..core.errors import Invalid
from .checks import clean, owned_cv
from .cvs import LICENCES, TEXT_FIELDS
from .entries import ENTRY_FIELDS, MAX_ENTRIES
from .creating import write_cv
from .sections import MAX_OWN, SECTIONS, TITLE_MAX, keys_of, order_of, own_key, own_sections

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "content" / "jsonresume" / "schema.json"
MAX_BYTES = 1_000_000
MAX_DEPTH = 12
MAX_PROBLEMS = 20
# JSON Resume sections with no built-in place here: they become sections of one's own, with
# the title in the CV's language (i18n key ``jsonresume.section.<key>``, Dutch and English).
OWN_SECTIONS = ("volunteer", "projects", "awards", "certificates", "publications",
                "interests", "references")
_TITLES = {
    "nl": {"volunteer": "Vrijwilligerswerk", "projects": "Projecten", "awards": "Prijzen",
           "certificates": "Certificaten", "publications": "Publicaties",
           "interests": "Interesses", "references": "Referenties"},
    "en": {"volunteer": "Volunteering", "projects": "Projects", "awards": "Awards",
           "certificates": "Certificates", "publications": "Publications",
           "interests": "Interests", "references": "References"},
}
_NATIVE = re.compile(r"native|moedertaal|muttersprache|langue maternelle|mother tongue", re.I)
_CEFR = re.compile(r"\b([ABC][12])\b")


class ImportRefused(Invalid):
    """A ``resume.json`` that cannot be imported; ``problems`` says what is wrong (JSON
    paths and messages, at most :data:`MAX_PROBLEMS`). Nothing was created."""

    def __init__(self, key: str, problems: list[str] | None = None, **params):
        super().__init__(key, field="import", **params)
        self.problems = problems or []


@dataclass(frozen=True)
class Unmapped:
    """A part of the file with no place in the CV: its JSON path, why (an i18n key:
    ``import.no_place``, ``import.not_fetched``, ``import.kept_as_text``…) and what it said."""

    path: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Imported:
    """The new CV and what of the file found no place in it."""

    cv_id: int
    unmapped: list[Unmapped] = field(default_factory=list)


# ------------------------------------------------------------------------------ export

def _month(d: date | None) -> str:
    return f"{d.year:04d}-{d.month:02d}" if d else ""


def _country_code(name: str) -> str:
    """ISO 3166 alpha-2 code of a country named in Dutch, English, German or French."""
    wanted = name.strip().casefold()
    if not wanted:
        return ""
    for lang in CV_LANGS:
        for code, label in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and label.casefold() == wanted:
                return code
    return ""


def _country_name(code: str, lang: str) -> str:
    return Locale.parse(lang if lang in CV_LANGS else "nl").territories.get(code.upper(), "")


def _url(value: str) -> str:
    return value if not value or re.match(r"https?://", value, re.I) else f"https://{value}"


def _drop_empty(data):
    """``data`` without empty strings, lists and objects (the schema's style)."""
    if isinstance(data, dict):
        out = {k: _drop_empty(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in ("", [], {}, None)}
    if isinstance(data, list):
        return [v for v in (_drop_empty(x) for x in data) if v not in ("", [], {}, None)]
    return data


def export_cv(session: Session, *, user_id: int, cv_id, anonymous: bool = False) -> dict:
    """The CV as a JSON Resume document (a dict that validates against the v1 schema);
    ``anonymous`` leaves out what ``rendering.document_for(anonymous=True)`` leaves out.
    The owner only: other users get ``NotFound``."""
    from .rendering import initials

    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    own = own_sections(session, cv)
    rows = session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                        .order_by(CVEntry.position, CVEntry.id)).all()
    by_section: dict[str, list[CVEntry]] = {}
    for e in rows:
        by_section.setdefault(e.section, []).append(e)

    def dated(e: CVEntry) -> dict:
        return {"startDate": _month(e.start), "endDate": "" if e.current else _month(e.end)}

    omit = set(cv.omit_fields or [])
    if anonymous:
        omit |= {"birth_date", "nationality", "gender", "marital_status"}
    code = _country_code(cv.country)
    personal = {
        "birthDate": cv.birth_date.isoformat() if cv.birth_date and "birth_date" not in omit else "",
        "nationality": cv.nationality if "nationality" not in omit else "",
        "gender": cv.gender if "gender" not in omit else "",
        "maritalStatus": cv.marital_status if "marital_status" not in omit else "",
        "drivingLicence": list(cv.driving_licence or []),
    }
    doc = {
        "$schema": SCHEMA_URL,
        "basics": {
            "name": cv.full_name, "label": cv.headline, "email": cv.email, "phone": cv.phone,
            "url": _url(cv.website), "summary": cv.profile,
            "location": {"address": cv.street, "postalCode": cv.postal_code, "city": cv.city,
                         "countryCode": code},
        },
        "work": [{"position": e.title, "name": e.organisation, "location": e.location,
                  "summary": e.description, **dated(e)} for e in by_section.get("work", [])],
        "education": [{"area": e.title, "institution": e.organisation, **dated(e),
                       **({"location": e.location} if e.location else {}),
                       "summary": e.description} for e in by_section.get("education", [])],
        "skills": [{"name": e.title} for e in by_section.get("skills", [])],
        "languages": [{"language": e.title, "fluency": "Native speaker" if e.level == "native" else e.level}
                      for e in by_section.get("languages", [])],
        "meta": {
            "language": cv.lang, "lastModified": cv.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "cloudcv": {
                "version": 1, **personal,
                "emailBusiness": cv.email_business, "otherInfo": cv.other_info,
                # the exact words where the schema's form differs (a country by its code, a
                # website with its scheme)
                "country": "" if code and _country_name(code, cv.lang) == cv.country else cv.country,
                "website": cv.website if _url(cv.website) != cv.website else "",
                "sections": [{"key": own_key(r), "title": r.title,
                              "entries": [{"title": e.title, "subtitle": e.organisation,
                                           "location": e.location, "summary": e.description,
                                           **dated(e)} for e in by_section.get(own_key(r), [])]}
                             for r in own],
                "layout": {"template": cv.template, "accent": cv.accent,
                           "order": order_of(cv, own), "titles": dict(cv.section_titles or {}),
                           "hidden": list(cv.hidden_sections or []),
                           "pageBreaks": list(cv.page_breaks or [])},
            },
        },
    }
    if anonymous:
        alias = cv.alias.strip() or initials(cv.full_name)
        doc["basics"] = {"name": alias, "label": cv.headline, "summary": cv.profile}
        ours = doc["meta"]["cloudcv"]
        for key in ("emailBusiness", "country", "website"):
            ours.pop(key, None)
        ours["anonymous"] = True
    return _drop_empty(doc)


def export_bytes(session: Session, *, user_id: int, cv_id, anonymous: bool = False) -> tuple[str, bytes]:
    """(file name, UTF-8 JSON) of :func:`export_cv`, named after the CV (the alias when
    ``anonymous``)."""
    from .rendering import initials, pdf_filename

    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    data = export_cv(session, user_id=user_id, cv_id=cv_id, anonymous=anonymous)
    title = (cv.alias.strip() or initials(cv.full_name)) if anonymous else (cv.title or cv.full_name)
    name = pdf_filename(title)[:-4] + ".resume.json"
    return name, json.dumps(data, ensure_ascii=False, indent=2).encode()


# ------------------------------------------------------------------------------ import

@cache
def schema() -> dict:
    """The JSON Resume v1 schema shipped in ``content/jsonresume/`` (MIT, LICENSE.md)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def read_upload(file) -> bytes:
    """At most :data:`MAX_BYTES` + 1 bytes of an uploaded file (one past the limit, so
    :func:`parse` can refuse it); b"" when it cannot be read. Blocking: off the event loop."""
    try:
        raw = file.read(MAX_BYTES + 1)
    except (AttributeError, OSError, TypeError, ValueError):
        return b""
    return raw if isinstance(raw, bytes) else b""


def _depth(raw: bytes) -> int:
    """The deepest nesting of ``[`` / ``{`` outside strings, counted without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse(raw) -> dict:
    """The document in ``raw`` (bytes), checked: size, nesting, JSON, the schema. Raises
    :class:`ImportRefused` with what is wrong."""
    if not isinstance(raw, (bytes, bytearray)) or not raw.strip():
        raise ImportRefused("error.import_empty")
    if len(raw) > MAX_BYTES:
        raise ImportRefused("error.import_too_large", max="1 MB")
    if _depth(raw) > MAX_DEPTH:
        raise ImportRefused("error.import_too_deep", max=str(MAX_DEPTH))
    try:
        data = json.loads(bytes(raw).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportRefused("error.import_not_json", [str(exc)[:200]]) from None
    if not isinstance(data, dict):
        raise ImportRefused("error.import_not_resume", ["$: an object is expected"])
    validator = jsonschema.Draft7Validator(schema(), format_checker=jsonschema.FormatChecker())
    problems = [f"{_path(err.absolute_path)}: {err.message[:160]}"
                for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
    if problems:
        raise ImportRefused("error.import_schema", problems[:MAX_PROBLEMS])
    return data


def _path(parts) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _iso_month(value) -> date | None:
    """The first day of the month of an ISO 8601 date (``2021``, ``2021-03``, ``2021-03-14``)."""
    if not isinstance(value, str) or not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", value)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2) or 1)
    return date(year, month, 1) if 1 <= month <= 12 else None


class _Builder:
    """Collects the rows of the new CV, each value checked like the editor checks it;
    the first value that would be refused there refuses the whole import."""

    def __init__(self, data: dict, lang: str):
        self.data = data
        self.lang = lang
        self.unmapped: list[Unmapped] = []
        self.problems: list[str] = []
        self.entries: list[tuple[str, dict]] = []  # (section key, fields)
        self.own: list[tuple[str, str]] = []  # (import key, title)

    def text(self, path: str, value, name: str, limit: int, kind: str = "line") -> str:
        if value is None:
            return ""
        try:
            return clean(value, name=name, limit=limit, kind=kind)
        except Invalid as exc:
            self.problems.append(f"{path}: {exc.key}")
            return ""

    def note(self, path: str, why: str, detail: str = "") -> None:
        self.unmapped.append(Unmapped(path, why, detail))

    def extra_keys(self, path: str, obj: dict, known: set[str]) -> None:
        for key in obj:
            if key not in known:
                self.note(f"{path}.{key}", "import.no_place")

    def entry(self, section: str, path: str, item: dict, *, title, organisation="", location="",
              description="", start=None, end=None, known: set[str], level="") -> None:
        self.extra_keys(path, item, known)
        fields_ = {
            "title": self.text(f"{path}.title", title, "title", ENTRY_FIELDS["title"][0]),
            "organisation": self.text(path, organisation, "organisation", ENTRY_FIELDS["organisation"][0]),
            "location": self.text(path, location, "location", ENTRY_FIELDS["location"][0]),
            "description": self.text(path, description, "description", ENTRY_FIELDS["description"][0],
                                     "multiline"),
            "start": _iso_month(start), "end": _iso_month(end),
            "current": bool(start) and not end, "level": level,
        }
        if fields_["start"] and fields_["end"] and fields_["end"] < fields_["start"]:
            self.problems.append(f"{path}.endDate: error.end_before_start")
        self.entries.append((section, fields_))


def _summary(item: dict, *keys: str) -> str:
    """The item's text: its summary/description, then its highlights as "- " bullet lines."""
    parts = [item[k] for k in keys if isinstance(item.get(k), str) and item[k].strip()]
    bullets = [f"- {h}" for h in item.get("highlights", []) if isinstance(h, str) and h.strip()]
    return "\n".join(parts + bullets)


def _map(b: _Builder) -> dict:
    """The CV's columns from ``basics`` and ``meta``; the entries into ``b``."""
    data, lang = b.data, b.lang
    basics = data.get("basics") or {}
    loc = basics.get("location") or {}
    meta = data.get("meta") or {}
    ours = meta.get("cloudcv") if isinstance(meta.get("cloudcv"), dict) else {}
    b.extra_keys("$.basics", basics, {"name", "label", "email", "phone", "url", "summary",
                                      "location", "image", "profiles"})
    b.extra_keys("$.basics.location", loc, {"address", "postalCode", "city", "countryCode"})
    if basics.get("image"):
        b.note("$.basics.image", "import.not_fetched")
    for n, profile in enumerate(basics.get("profiles") or []):
        b.note(f"$.basics.profiles[{n}]", "import.no_place",
               str(profile.get("network") or profile.get("url") or "")[:60])

    def field_(path, value, name):
        limit, kind = TEXT_FIELDS[name]
        return b.text(path, value, name, limit, kind)

    country = ours.get("country") or _country_name(loc.get("countryCode") or "", lang)
    columns = {
        "full_name": field_("$.basics.name", basics.get("name"), "full_name"),
        "headline": field_("$.basics.label", basics.get("label"), "headline"),
        "email": field_("$.basics.email", basics.get("email"), "email"),
        "phone": field_("$.basics.phone", basics.get("phone"), "phone"),
        "website": field_("$.basics.url", ours.get("website") or basics.get("url"), "website"),
        "profile": field_("$.basics.summary", basics.get("summary"), "profile"),
        "street": field_("$.basics.location.address", (loc.get("address") or "").replace("\n", ", "), "street"),
        "postal_code": field_("$.basics.location.postalCode", loc.get("postalCode"), "postal_code"),
        "city": field_("$.basics.location.city", loc.get("city"), "city"),
        "country": field_("$.basics.location.countryCode", country, "country"),
        "email_business": field_("$.meta.cloudcv.emailBusiness", ours.get("emailBusiness"), "email_business"),
        "other_info": field_("$.meta.cloudcv.otherInfo", ours.get("otherInfo"), "other_info"),
        "nationality": field_("$.meta.cloudcv.nationality", ours.get("nationality"), "nationality"),
        "gender": field_("$.meta.cloudcv.gender", ours.get("gender"), "gender"),
        "marital_status": field_("$.meta.cloudcv.maritalStatus", ours.get("maritalStatus"), "marital_status"),
    }
    born = ours.get("birthDate")
    if born:
        try:
            columns["birth_date"] = date.fromisoformat(born)
        except (TypeError, ValueError):
            b.problems.append("$.meta.cloudcv.birthDate: error.date_invalid")
    licences = ours.get("drivingLicence") or []
    if not isinstance(licences, list) or any(x not in LICENCES for x in licences):
        b.problems.append("$.meta.cloudcv.drivingLicence: error.invalid_input")
    else:
        columns["driving_licence"] = [x for x in LICENCES if x in licences]

    for n, w in enumerate(data.get("work") or []):
        b.entry("work", f"$.work[{n}]", w, title=w.get("position"), organisation=w.get("name"),
                location=w.get("location"), description=_summary(w, "summary", "description"),
                start=w.get("startDate"), end=w.get("endDate"),
                known={"position", "name", "location", "summary", "description", "highlights",
                       "startDate", "endDate"})
    for n, e in enumerate(data.get("education") or []):
        title = " ".join(x for x in (e.get("studyType"), e.get("area")) if x)
        if e.get("studyType") and e.get("area") and str(e["area"]).startswith(str(e["studyType"])):
            title = e["area"]
        text = _summary(e, "summary")
        if e.get("score"):
            text = "\n".join(x for x in (text, f"{e['score']}") if x)
        if e.get("courses"):
            text = "\n".join([text, *[f"- {c}" for c in e["courses"] if isinstance(c, str)]]).strip()
        b.entry("education", f"$.education[{n}]", e, title=title, organisation=e.get("institution"),
                location=e.get("location"), description=text,
                start=e.get("startDate"), end=e.get("endDate"),
                known={"area", "studyType", "institution", "location", "summary", "score",
                       "courses", "startDate", "endDate"})
    for n, s in enumerate(data.get("skills") or []):
        keywords = [k for k in s.get("keywords") or [] if isinstance(k, str)]
        name = s.get("name") or ""
        if s.get("level"):
            b.note(f"$.skills[{n}].level", "import.no_place", str(s["level"])[:40])
        b.entry("skills", f"$.skills[{n}]", s, title=name + (f" ({', '.join(keywords)})" if keywords else ""),
                known={"name", "level", "keywords"})
    for n, item in enumerate(data.get("languages") or []):
        fluency = str(item.get("fluency") or "")
        level = "native" if _NATIVE.search(fluency) else (m.group(1) if (m := _CEFR.search(fluency)) else "")
        if fluency and not level:
            b.note(f"$.languages[{n}].fluency", "import.no_level", fluency[:40])
        b.entry("languages", f"$.languages[{n}]", item, title=item.get("language"), level=level,
                known={"language", "fluency"})

    titles = _TITLES.get(lang, _TITLES["en"])
    for key in OWN_SECTIONS:
        items = data.get(key) or []
        if not items:
            continue
        b.own.append((key, titles[key]))
        for n, it in enumerate(items):
            path = f"$.{key}[{n}]"
            if key in ("volunteer", "projects"):
                b.entry(key, path, it, title=it.get("position") or it.get("name"),
                        organisation=it.get("organization") or it.get("entity"),
                        description=_summary(it, "summary", "description"),
                        start=it.get("startDate"), end=it.get("endDate"),
                        known={"position", "name", "organization", "entity", "summary", "description",
                               "highlights", "startDate", "endDate"})
            elif key in ("awards", "certificates", "publications"):
                b.entry(key, path, it, title=it.get("title") or it.get("name"),
                        organisation=it.get("awarder") or it.get("issuer") or it.get("publisher"),
                        description=_summary(it, "summary"),
                        start=it.get("date") or it.get("releaseDate"), end=it.get("date") or it.get("releaseDate"),
                        known={"title", "name", "awarder", "issuer", "publisher", "summary", "date",
                               "releaseDate"})
            elif key == "interests":
                b.entry(key, path, it, title=it.get("name"),
                        description=", ".join(k for k in it.get("keywords") or [] if isinstance(k, str)),
                        known={"name", "keywords"})
            else:  # references
                b.entry(key, path, it, title=it.get("name"), description=it.get("reference"),
                        known={"name", "reference"})
    for n, sec in enumerate(ours.get("sections") or []):
        if not isinstance(sec, dict) or not re.fullmatch(r"c[0-9]{1,10}", str(sec.get("key"))) \
                or sec["key"] in {k for k, _ in b.own}:
            b.note(f"$.meta.cloudcv.sections[{n}]", "import.not_ours")
            continue
        path = f"$.meta.cloudcv.sections[{n}]"
        b.own.append((sec["key"], b.text(f"{path}.title", sec.get("title"), "title", TITLE_MAX)))
        for m, it in enumerate(sec.get("entries") or []):
            if isinstance(it, dict):
                b.entry(sec["key"], f"{path}.entries[{m}]", it, title=it.get("title"),
                        organisation=it.get("subtitle"), location=it.get("location"),
                        description=it.get("summary"), start=it.get("startDate"), end=it.get("endDate"),
                        known={"title", "subtitle", "location", "summary", "startDate", "endDate"})
    for key in data:
        if key not in {"$schema", "basics", "work", "education", "skills", "languages", "meta",
                       *OWN_SECTIONS}:
            b.note(f"$.{key}", "import.no_place")
    return columns


def import_cv(session: Session, *, user_id: int, raw, title) -> Imported:
    """A new CV for the user from the ``resume.json`` bytes ``raw``, named ``title`` (or the
    person's name); returns its id and what found no place. One transaction: a refusal
    (:class:`ImportRefused`, ``error.too_many_cvs``) creates nothing."""
    data = parse(raw)
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.not_found")
    meta = data.get("meta") or {}
    lang = meta.get("language") if meta.get("language") in CV_LANGS else "nl"
    b = _Builder(data, lang)
    columns = _map(b)
    if not columns["full_name"]:
        columns["full_name"] = user.name
    name = b.text("title", title, "title", 100) if title else ""
    if len(b.entries) > MAX_ENTRIES:
        b.problems.append(f"$: error.too_many_entries ({MAX_ENTRIES})")
    if len(b.own) > MAX_OWN:
        b.problems.append(f"$: error.too_many_sections ({MAX_OWN})")
    if b.problems:
        raise ImportRefused("error.import_values", b.problems[:MAX_PROBLEMS])
    cv, keys = write_cv(session, user_id=user_id, title=name or columns["full_name"] or "CV",
                        lang=lang, columns=columns, own=b.own, entries=b.entries)
    layout = (meta.get("cloudcv") or {}).get("layout") if isinstance(meta.get("cloudcv"), dict) else None
    if isinstance(layout, dict):
        _apply_layout(cv, layout, keys, keys_of(own_sections(session, cv)))
    session.add(cv)
    session.commit()
    return Imported(cv.id, b.unmapped)


def _apply_layout(cv: CV, layout: dict, keys: dict, allowed: tuple[str, ...]) -> None:
    """Our own layout block, where it is valid: unknown or bad values keep the defaults."""
    from .pdf import registry

    if layout.get("template") in registry.templates():
        cv.template = layout["template"]
    if isinstance(layout.get("accent"), str) and re.fullmatch(r"#[0-9a-fA-F]{6}", layout["accent"]):
        cv.accent = layout["accent"].lower()

    def mapped(values):
        return [keys.get(k, k) for k in values if isinstance(k, str) and keys.get(k, k) in allowed] \
            if isinstance(values, list) else []

    cv.section_order = mapped(layout.get("order"))
    cv.hidden_sections = mapped(layout.get("hidden"))
    cv.page_breaks = mapped(layout.get("pageBreaks"))
    titles = layout.get("titles")
    if isinstance(titles, dict):
        cv.section_titles = {k: v.strip() for k, v in titles.items()
                             if k in SECTIONS and isinstance(v, str) and 0 < len(v.strip()) <= TITLE_MAX
                             and "\n" not in v}
