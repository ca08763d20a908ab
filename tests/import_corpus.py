"""The import round-trip corpus (issue 22): 20 generated CVs across every template and the four
CV languages, written through the services like a user writes them; and the score of a
recognised draft against the CV it came from. Shared by tests/unit/test_import_roundtrip.py
and bench/import.py.

A field counts once when the CV has it (not empty): every personal-detail column, every own
section's title, and every entry's title, organisation, place, start, end, "current" and
level, and its description. It is recovered when the draft holds the same value, compared
after collapsing whitespace (a PDF wraps lines; the words and their order must be the same)
and, for section titles that a template prints in capitals, without case.
"""

from __future__ import annotations

import random

from sqlmodel import select

from cloudcv.models import CV, CVEntry
from cloudcv.services.cv import cvs, entries, sections
from cloudcv.services.cv.pdf import registry
from cloudcv.services.cv.sections import own_sections

FIRST = ("Sanne", "Daan", "Fatima", "Lucas", "Emma", "Mohammed", "Julia", "Bram", "Sophie", "Noah",
         "Eva", "Sem", "Lotte", "Ayoub", "Anouk", "Thijs", "Zoë", "Jesse", "Lieke", "Milan")
LAST = ("de Vries", "Jansen", "El Amrani", "van Dijk", "Bakker", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
        "Dekker", "Brouwer", "de Wit", "Dijkstra")
CITIES = (("Utrecht", "3512 AB"), ("Amsterdam", "1011 AC"), ("Zwolle", "8011 CW"),
          ("Rotterdam", "3011 AD"), ("Groningen", "9711 LM"), ("Eindhoven", "5611 EM"))
STREETS = ("Voorbeeldstraat", "Oudegracht", "Dorpsstraat", "Kerkweg", "Stationsplein", "Molenlaan")
JOBS = (("Verpleegkundige", "UMC Utrecht"), ("Software-ontwikkelaar", "Kadaster"),
        ("Docent Nederlands", "Het Baken"), ("Accountmanager", "Bol.com"),
        ("Projectleider", "Gemeente Zwolle"), ("Logistiek medewerker", "PostNL"),
        ("Data-analist", "CBS"), ("Kok", "Restaurant De Haven"), ("Jurist", "Rabobank"))
STUDIES = (("Bachelor Verpleegkunde", "Hogeschool Utrecht"), ("Master Informatica", "Universiteit Twente"),
           ("Mbo Logistiek", "Deltion College"), ("Bachelor Rechten", "Universiteit Leiden"),
           ("Havo", "Stedelijk Gymnasium"))
SKILLS = ("Python", "Excel", "Projectmanagement", "Klantcontact", "SQL", "Scrum", "Presenteren",
          "Budgetbeheer", "Figma", "Onderhandelen")
LANGUAGES = {"nl": ("Nederlands", "Engels", "Duits"), "en": ("Dutch", "English", "German"),
             "de": ("Niederländisch", "Englisch", "Französisch"), "fr": ("Néerlandais", "Anglais", "Allemand")}
LEVELS = ("native", "C1", "B2", "B1")
SENTENCES = ("Verantwoordelijk voor de planning van twaalf collega's.",
             "Voerde een nieuw roostersysteem in dat wekelijks vier uur bespaart.",
             "Begeleidde stagiairs en nieuwe medewerkers.",
             "Schreef handleidingen en gaf trainingen aan gebruikers.",
             "Werkte nauw samen met leveranciers en klanten in binnen- en buitenland.")
CV_LANGS = ("nl", "en", "de", "fr")
N = 20


def make_corpus(session, user_id: int, n: int = N, seed: int = 22) -> list[int]:
    """``n`` CVs for the user, each in a template of the registry (every template at least
    once when ``n`` ≥ their number), in turn in each CV language; returns their ids."""
    rnd = random.Random(seed)
    names = registry.names()
    ids = []
    for i in range(n):
        lang = CV_LANGS[i % len(CV_LANGS)]
        cv = cvs.create_cv(session, user_id=user_id, title=f"Corpus {i}")
        cvs.set_layout(session, user_id=user_id, cv_id=cv, template=names[i % len(names)], lang=lang)
        city, postal = CITIES[i % len(CITIES)]
        first, last = FIRST[i], LAST[(i * 7) % len(LAST)]
        values = {
            "full_name": f"{first} {last}", "headline": JOBS[i % len(JOBS)][0],
            "email": f"{first.lower()}.{i}@example.nl".replace("ë", "e"),
            "phone": f"+31 6 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
            "website": f"www.{first.lower()}{i}.example.nl".replace("ë", "e"),
            "street": f"{STREETS[i % len(STREETS)]} {rnd.randint(1, 200)}",
            "postal_code": postal, "city": city,
            "nationality": "Nederlandse", "gender": ("vrouw", "man", "")[i % 3],
            "marital_status": ("ongehuwd", "gehuwd", "")[i % 3],
            "profile": " ".join(rnd.sample(SENTENCES, 2)),
            "other_info": "Vrijwilliger bij de voedselbank; fietst graag." if i % 2 else "",
        }
        for name, value in values.items():
            if value:
                cvs.set_field(session, user_id=user_id, cv_id=cv, name=name, value=value)
        cvs.set_birth_date(session, user_id=user_id, cv_id=cv, value=f"{rnd.randint(1, 28):02d}-0{rnd.randint(1, 9)}-19{rnd.randint(60, 99)}")
        cvs.set_licences(session, user_id=user_id, cv_id=cv, licences=["B"] if i % 2 else ["B", "BE"])
        year = 2024
        for j in range(2 + i % 2):
            title, org = JOBS[(i + j + 1) % len(JOBS)]
            start = f"{rnd.randint(1, 12):02d}-{year - 3}"
            fields = {"title": title, "organisation": org, "location": CITIES[(i + j) % len(CITIES)][0],
                      "start": start, "description": rnd.choice(SENTENCES) + "\n- " + rnd.choice(SENTENCES)}
            if j == 0:
                fields["current"] = True
            else:
                fields["end"] = f"{rnd.randint(1, 12):02d}-{year}"
            _entry(session, user_id, cv, "work", fields)
            year -= 4
        for j in range(1 + i % 2):
            title, org = STUDIES[(i + j) % len(STUDIES)]
            _entry(session, user_id, cv, "education", {
                "title": title, "organisation": org, "location": CITIES[(i + j + 2) % len(CITIES)][0],
                "start": f"09-{year - 4}", "end": f"06-{year}"})
            year -= 4
        for skill in rnd.sample(SKILLS, 4):
            _entry(session, user_id, cv, "skills", {"title": skill})
        for k, language in enumerate(LANGUAGES[lang][: 2 + i % 2]):
            _entry(session, user_id, cv, "languages", {"title": language, "level": LEVELS[k]})
        if i % 4 == 3:
            own = sections.add_own_section(session, user_id=user_id, cv_id=cv, title="Projecten")
            _entry(session, user_id, cv, own, {"title": "Nieuwe website", "organisation": "Buurtvereniging",
                                                "start": "03-2022", "end": "09-2022",
                                                "description": "Bouwde de site met vrijwilligers."})
        ids.append(cv)
    return ids


def _entry(session, user_id, cv, section, values):
    entry = entries.add_entry(session, user_id=user_id, cv_id=cv, section=section)
    for name, value in values.items():
        entries.set_entry_field(session, user_id=user_id, entry_id=entry, name=name, value=value)


def _same(a, b, fold=False) -> bool:
    a, b = " ".join(str(a).split()), " ".join(str(b).split())
    return a.casefold() == b.casefold() if fold else a == b


def expected(session, cv_id: int) -> dict:
    """What a perfect import of the CV holds: {"fields": {...}, "own": [...], "entries":
    {section: [fields]}} in the draft's own terms (own sections as ``own<n>``)."""
    cv = session.get(CV, cv_id)
    fields = {}
    for name in ("full_name", "headline", "email", "email_business", "phone", "website", "street",
                 "postal_code", "city", "country", "nationality", "gender", "marital_status",
                 "profile", "other_info"):
        if getattr(cv, name):
            fields[name] = getattr(cv, name)
    if cv.birth_date:
        fields["birth_date"] = cv.birth_date.strftime("%d-%m-%Y")
    if cv.driving_licence:
        fields["driving_licence"] = ", ".join(cv.driving_licence)
    own = own_sections(session, cv)
    own_keys = {f"c{s.id}": f"own{n}" for n, s in enumerate(own)}
    found: dict[str, list[dict]] = {}
    rows = session.exec(select(CVEntry).where(CVEntry.cv_id == cv_id).order_by(CVEntry.position, CVEntry.id)).all()
    for e in rows:
        values = {k: getattr(e, k) for k in ("title", "organisation", "location", "description", "level")
                  if getattr(e, k)}
        if e.start:
            values["start"] = e.start.strftime("%Y-%m")
        if e.end and not e.current:
            values["end"] = e.end.strftime("%Y-%m")
        if e.current:
            values["current"] = True
        found.setdefault(own_keys.get(e.section, e.section), []).append(values)
    return {"fields": fields, "own": [s.title for s in own], "entries": found}


def score(want: dict, draft) -> tuple[int, int, list[str]]:
    """(recovered, total, what was missed) of a draft against :func:`expected`."""
    got, total, misses = 0, 0, []
    for name, value in want["fields"].items():
        total += 1
        if _same(value, draft.fields.get(name, "")):
            got += 1
        else:
            misses.append(f"{name}: {value!r} → {draft.fields.get(name, '')!r}")
    for n, title in enumerate(want["own"]):
        total += 1
        if n < len(draft.own) and _same(title, draft.own[n], fold=True):
            got += 1
        else:
            misses.append(f"own{n}: {title!r} → {draft.own[n] if n < len(draft.own) else ''!r}")
    by_section: dict[str, list] = {}
    for e in draft.entries:
        by_section.setdefault(e.section, []).append(e)
    for section, items in want["entries"].items():
        drafted = by_section.get(section, [])
        for n, values in enumerate(items):
            entry = drafted[n] if n < len(drafted) else None
            for name, value in values.items():
                total += 1
                have = getattr(entry, name, "") if entry is not None else ""
                if (have is True) if value is True else _same(value, have):
                    got += 1
                else:
                    misses.append(f"{section}[{n}].{name}: {value!r} → {have!r}")
    return got, total, misses


def as_draft(got: dict):
    """:func:`expected` of an imported CV as a draft, to score it with :func:`score`."""
    from cloudcv.services.cv.recognise import Draft, DraftEntry

    return Draft(fields=dict(got["fields"]), own=list(got["own"]),
                 entries=[DraftEntry(section, **values)
                          for section, items in got["entries"].items() for values in items])
