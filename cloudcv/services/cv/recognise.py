"""From the lines of an uploaded CV to a draft: name, contact and personal details, sections and
their dated entries (issue 22). Pure: no database, no I/O; ``reading.py`` supplies the lines.

What it recognises, in Dutch, English, German and French:

- **section headings**: the names our own CVs print (``i18n/printed.py``) and the usual
  synonyms (``Werkervaring``, ``Work experience``, ``Berufserfahrung``, ``Expérience
  professionnelle``…), in any case, with or without a colon; a line styled like the
  recognised headings (or Word's Heading 1) that names none of them starts a section of
  the user's own under that title;
- **the name**: the largest type on page 1 (Word: the Title style), the **headline** the
  line under it;
- **contact and personal details**, labelled (``Telefoon: …``, or a label line above its
  value) or not: e-mail, phone, website and address by their form, the address split into
  street, postal code, city and country; birth date, nationality, gender, marital status and
  driving licences by their labels;
- **dated entries**: a period (``mrt 2020 – heden``, ``March 2020 - present``, ``03-2020 –
  06/2021``, ``2019 – 2021``, the month names from the CLDR) anywhere in the head of an entry,
  the bold title line (Word: Heading 2), the organisation and place line, the description
  (bullets become ``- `` lines);
- **skills and languages** as lists, grids or ``·``-separated lines; a language's level (CEFR
  ``B2``, "moedertaal", "native"…) becomes its level code.

Nothing is guessed beyond that: what fits nowhere comes back in :attr:`Draft.leftover`, so the
review screen shows it to the user, who decides. The vocabulary and the parsers of periods,
dates, levels and addresses are in ``recognise_text.py``; this module reads the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reading import Line
from .recognise_text import (BULLET, CEFR, EMAIL, PAGE, PHONE, POSTAL, SEP, URL, birth_date, headings,
                             label_prefix, labels, level_code, levels, licences, norm, parse_period,
                             split_address, split_level, tail_period)

FACT_FIELDS = ("email", "email_business", "phone", "website", "address", "birth_date",
               "nationality", "gender", "marital_status", "driving_licence")
# Draft fields (CV columns) in the order the review screen shows them.
FIELDS = ("full_name", "headline", "email", "email_business", "phone", "website", "street",
          "postal_code", "city", "country", "birth_date", "nationality", "gender",
          "marital_status", "driving_licence", "profile", "other_info")


@dataclass
class DraftEntry:
    """One recognised entry; ``start``/``end`` are ``YYYY-MM`` or ""."""

    section: str              # a built-in key or ``own<n>`` (index into Draft.own)
    title: str = ""
    organisation: str = ""
    location: str = ""
    start: str = ""
    end: str = ""
    current: bool = False
    description: str = ""
    level: str = ""


@dataclass
class Draft:
    """A CV as recognised, before the user reviews it. ``fields`` holds CV columns as text
    (``birth_date`` as ``dd-mm-jjjj``, ``driving_licence`` as ``B, BE``)."""

    lang: str = "nl"
    fields: dict[str, str] = field(default_factory=dict)
    own: list[str] = field(default_factory=list)
    entries: list[DraftEntry] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- the reader

@dataclass
class _L:
    """A line as the recogniser sees it."""

    cells: list[str]
    size: float
    bold: bool
    italic: bool
    color: str
    page: int
    y: float
    hint: str
    gap: float = 99.0     # space above the baseline step, in line heights (99: a new page)
    styles: list = field(default_factory=list)   # (size, bold, colour) per cell

    @property
    def text(self) -> str:
        return " ".join(self.cells)


def _style(c) -> tuple:
    return (round(c.size, 1), c.bold, c.color)


def _lines(lines: tuple[Line, ...]) -> list[_L]:
    """The lines without the page footers; a heading in a margin column beside the first line
    of its section (``PROFIEL  Productontwerper met…``) becomes a line of its own."""
    heading_styles = {_style(line.cells[0]) for line in lines
                      if line.cells and headings().get(norm(line.cells[0].text), ("own",))[0] != "own"}
    out: list[_L] = []

    def add(cells, line):
        texts = [c.text.strip() for c in cells]
        main = max(cells, key=lambda c: len(c.text))
        item = _L(texts, max(c.size for c in cells), any(c.bold for c in cells),
                  all(c.italic for c in cells), main.color, line.page, line.y, line.hint,
                  styles=[_style(c) for c in cells])
        prev = out[-1] if out else None
        if prev is not None and prev.page == item.page and line.y and prev.y:
            item.gap = (prev.y - item.y) / max(item.size, prev.size, 1.0)
            if item.gap == 0:
                item.gap = prev.gap
        out.append(item)

    for line in lines:
        cells = [c for c in line.cells if c.text.strip()]
        if not cells or any(PAGE.fullmatch(c.text.strip()) for c in cells):
            continue  # the footer (name, "Pagina 1 van 2")
        first = cells[0]
        if len(cells) > 1 and (headings().get(norm(first.text)) or _style(first) in heading_styles) \
                and first.x < min(c.x for c in cells[1:]):
            add([first], line)
            add(cells[1:], line)
            continue
        add(cells, line)
    return out


def _merge_split_periods(lines: list[_L]) -> list[_L]:
    """``sep 2016 –`` above ``feb 2020`` (a period wrapped in a narrow column) as one line."""
    out: list[_L] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and len(prev.cells) == 1 and len(line.cells) == 1 \
                and re.search(r"[–—-]$", prev.cells[0]) and parse_period(prev.cells[0][:-1].strip()) \
                and parse_period(f"{prev.cells[0]} {line.cells[0]}") and 0 < line.gap < 1.8:
            prev.cells = [f"{prev.cells[0]} {line.cells[0]}"]
            continue
        out.append(line)
    return out


def _heading_of(line: _L, heading_style: set) -> tuple[str, str] | None:
    """(key, title) when ``line`` is a section heading."""
    if len(line.cells) != 1 or len(line.text) > 60:
        return None
    if line.hint in ("title", "subtitle", "h2", "bullet"):
        return None
    known = headings().get(norm(line.text))
    if known:
        return known[0], line.text.strip().rstrip(":")
    style = (round(line.size, 1), line.bold, line.color)
    if line.hint == "h1" or (style in heading_style and not PAGE.match(line.text)
                             and parse_period(line.text) is None):
        return "own", line.text.strip().rstrip(":")
    return None


class _Recogniser:
    def __init__(self, lines: list[_L], author: str = ""):
        self.lines = lines
        self.author = " ".join(author.split())
        self.draft = Draft()
        sizes: dict[float, int] = {}
        colors: dict[str, int] = {}
        for line in lines:
            sizes[line.size] = sizes.get(line.size, 0) + len(line.text)
            colors[line.color] = colors.get(line.color, 0) + len(line.text)
        self.body_size = max(sizes, key=sizes.get) if sizes else 10.0
        self.body_color = max(colors, key=colors.get) if colors else ""
        self.votes: dict[str, int] = {}

    # ---- structure
    def run(self) -> Draft:
        lines = _merge_split_periods(self.lines)
        known_style = set()
        for line in lines:
            h = headings().get(norm(line.text)) if len(line.cells) == 1 else None
            if h and h[0] != "own":
                known_style.add((round(line.size, 1), line.bold, line.color))
                if h[1]:
                    self.votes[h[1]] = self.votes.get(h[1], 0) + 1
        name_at = self._name(lines)
        blocks: list[tuple[str, str, list[_L]]] = [("header", "", [])]
        for n, line in enumerate(lines):
            if n == name_at or (n == name_at + 1 and "headline" in self.draft.fields
                                and self._headline_line == n):
                continue
            head = _heading_of(line, known_style)
            if head:
                blocks.append((head[0], head[1], []))
            else:
                blocks[-1][2].append(line)
        for key, title, body in blocks:
            self._block(key, title, body)
        self.draft.lang = max(self.votes, key=self.votes.get) if self.votes else "nl"
        return self.draft

    _headline_line = -1

    def _name(self, lines: list[_L]) -> int:
        """The index of the name line; sets full_name and headline."""
        candidates = [(n, l) for n, l in enumerate(lines) if l.page == 0 and l.hint not in ("h1", "h2")]
        titled = [(n, l) for n, l in candidates if l.hint == "title"]
        pool = titled or [(n, l) for n, l in candidates
                          if headings().get(norm(l.text)) is None and not EMAIL.match(l.cells[0])]
        if not pool:
            return -1
        n, line = titled[0] if titled else max(pool, key=lambda p: (p[1].size, -p[0]))
        name = line.cells[0]
        if self.author and self.author.casefold() == name.casefold():
            name = self.author  # a template that prints the name in capitals
        self.draft.fields["full_name"] = name
        if len(line.cells) > 1:
            self.draft.fields["headline"] = " ".join(line.cells[1:])
            return n
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if nxt is not None and (nxt.hint == "subtitle" or (
                not nxt.hint and nxt.size > self.body_size + 0.4 and len(nxt.cells) == 1
                and headings().get(norm(nxt.text)) is None)):
            self.draft.fields["headline"] = nxt.text
            self._headline_line = n + 1
        return n

    def _block(self, key: str, title: str, body: list[_L]) -> None:
        if key in ("header", "contact", "personal"):
            self._facts(body)
        elif key in ("profile", "other"):
            name = "profile" if key == "profile" else "other_info"
            text = self._text(body)
            if text:
                old = self.draft.fields.get(name, "")
                self.draft.fields[name] = f"{old}\n{text}".strip()
        elif key in ("skills", "languages"):
            self._list(key, body)
        else:
            section = key
            if key == "own":
                self.draft.own.append(title)
                section = f"own{len(self.draft.own) - 1}"
            self._entries(section, body)

    # ---- facts
    def _facts(self, body: list[_L]) -> None:
        pending: str | None = None
        values: dict[str, list[str]] = {}
        for line in body:
            pieces = [p for cell in line.cells for p in SEP.split(cell) if p.strip()]
            if line.gap > 1.6 or not line.y:
                pending = None
            for piece in pieces:
                piece = piece.strip()
                label, sep, value = piece.partition(":")
                lab = labels().get(norm(label)) if sep else None
                if lab and value.strip():
                    values.setdefault(lab, []).append(value.strip())
                    pending = None
                    continue
                alone = labels().get(norm(piece))
                if alone and len(piece) <= 40:
                    pending = alone
                    continue
                if pending is not None:
                    values.setdefault(pending, []).append(piece)
                    continue
                prefixed = label_prefix(piece)
                if prefixed:  # "Staatsangehörigkeit Nederlandse": a label run into its value
                    values.setdefault(prefixed[0], []).append(prefixed[1])
                    continue
                self._unlabelled(piece, values)
        for name, parts in values.items():
            self._fact(name, " ".join(parts) if name == "address" else ", ".join(parts)
                       if name == "driving_licence" else " ".join(parts))

    def _unlabelled(self, piece: str, values: dict[str, list[str]]) -> None:
        compact = piece.replace(" ", "")
        if EMAIL.match(piece):
            values.setdefault("email" if "email" not in values else "email_business", []).append(piece)
        elif PHONE.match(piece) and sum(ch.isdigit() for ch in piece) >= 8:
            values.setdefault("phone", []).append(piece)
        elif URL.match(compact) and "." in piece and " " not in piece.strip():
            values.setdefault("website", []).append(piece)
        elif birth_date(piece):
            values.setdefault("birth_date", []).append(piece)
        elif "," in piece or POSTAL.match(piece) or any(POSTAL.match(p.strip()) for p in piece.split(",")):
            values.setdefault("address", []).append(piece)
        else:
            self.draft.leftover.append(piece)

    def _fact(self, name: str, value: str) -> None:
        f = self.draft.fields
        if name == "address":
            for k, v in split_address(value).items():
                f.setdefault(k, v)
        elif name == "birth_date":
            born = birth_date(value)
            if born:
                f.setdefault("birth_date", born)
            else:
                self.draft.leftover.append(value)
        elif name == "driving_licence":
            codes = licences(value)
            if codes:
                f.setdefault("driving_licence", codes)
        else:
            f.setdefault(name, value)

    # ---- free text
    def _text(self, body: list[_L]) -> str:
        out: list[str] = []
        for line in body:
            text = line.text
            m = BULLET.match(text)
            if m or line.hint == "bullet":
                out.append("- " + (text[m.end():] if m else text).strip())
            elif out and line.gap < 1.6 and not (line.hint == "" and line.y == 0):
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
        return "\n".join(out).strip()

    # ---- skills and languages
    def _list(self, key: str, body: list[_L]) -> None:
        items: list[DraftEntry] = []
        for line in body:
            cells = [p.strip() for cell in line.cells for p in SEP.split(cell) if p.strip()]
            text = BULLET.sub("", " ".join(cells)) if len(cells) == 1 else ""
            if len(cells) == 1 and items and line.gap < 1.5 and not line.hint and line.y \
                    and not BULLET.match(line.text) and not items[-1].level:
                if key == "languages" and norm(text) in levels():
                    items[-1].level = levels()[norm(text)]  # the level under the language
                else:
                    items[-1].title = f"{items[-1].title} {text}"  # a wrapped item
                continue
            n = 0
            while n < len(cells):
                cell = BULLET.sub("", cells[n])
                nxt = cells[n + 1] if n + 1 < len(cells) else ""
                if key == "languages" and nxt and (norm(nxt) in levels() or CEFR.fullmatch(nxt)):
                    items.append(DraftEntry(key, title=cell, level=level_code(nxt)))
                    n += 2
                    continue
                m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", cell)
                if key == "languages" and m and level_code(m.group(2)):
                    items.append(DraftEntry(key, title=m.group(1), level=level_code(m.group(2))))
                elif key == "languages" and items and not items[-1].level and norm(cell) in levels():
                    items[-1].level = level_code(cell)
                elif key == "languages" and (found := split_level(cell)):
                    items.append(DraftEntry(key, title=found[0], level=found[1]))
                else:
                    items.append(DraftEntry(key, title=cell))
                n += 1
        self.draft.entries += items

    # ---- dated entries
    def _entries(self, section: str, body: list[_L]) -> None:
        entries: list[DraftEntry] = []
        parts: dict[int, dict] = {}
        pending: tuple[str, str, bool] | None = None
        any_bold = any(l.bold or l.hint == "h2" for l in body)

        def state(e):
            return parts.setdefault(id(e), {"head": True, "meta": False, "body": [], "title": []})

        for n, line in enumerate(body):
            period, rest = None, []
            for cell in line.cells:
                pieces = SEP.split(cell)
                for piece in pieces:
                    found = parse_period(piece.strip())
                    if found and period is None:
                        period = found
                    elif period is None and (tail := tail_period(piece)):
                        rest.append(tail[0])   # "Kok 2019 - heden": a period set in the same run
                        period = tail[1]
                    elif piece.strip():
                        rest.append(piece.strip())
            is_head = (line.hint == "h2") or (line.bold and not line.hint and not BULLET.match(line.text)) \
                if any_bold else (period is not None and not entries) or (period is not None and rest
                                                                         and state(entries[-1])["body"])
            current = entries[-1] if entries else None
            if not rest and period is not None:
                nxt = body[n + 1] if n + 1 < len(body) else None
                if nxt is not None and (nxt.bold or nxt.hint == "h2") and (current is None or current.start
                                                                            or state(current)["body"]):
                    pending = period
                elif current is not None and not current.start:
                    current.start, current.end, current.current = period
                else:
                    pending = period
                continue
            if is_head:
                st = state(current) if current is not None else None
                if st is not None and st["head"] and not st["meta"] and not st["body"] \
                        and 0 < line.gap < 1.5 and period is None and not current.start and pending is None:
                    st["title"].append(" ".join(rest))  # a title that wrapped
                    continue
                if st is not None and st["head"] and not st["meta"] and not st["body"] and \
                        0 < line.gap < 1.5 and period is None and current.start and pending is None \
                        and line.hint != "h2":
                    st["title"].append(" ".join(rest))
                    continue
                current = DraftEntry(section)
                entries.append(current)
                st = state(current)
                head = rest
                if len(head) > 1:  # "Title · Organisation, Place" in one bold line
                    st["title"].append(head[0])
                    self._meta(current, head[1:])
                    st["meta"] = True
                elif head:
                    st["title"].append(head[0])
                p = period or pending
                pending = None
                if p:
                    current.start, current.end, current.current = p
                continue
            if current is None:
                current = DraftEntry(section)
                entries.append(current)
            st = state(current)
            if pending and not current.start:
                current.start, current.end, current.current = pending
                pending = None
            if period and not current.start:
                current.start, current.end, current.current = period
            if not st["meta"] and not st["body"] and self._looks_meta(line, period):
                self._meta(current, rest)
                st["meta"] = True
                continue
            st["body"].append(line)
        for e in entries:
            st = state(e)
            e.title = " ".join(st["title"]).strip()
            e.description = self._text(st["body"])
        self.draft.entries += entries

    def _looks_meta(self, line: _L, period) -> bool:
        if BULLET.match(line.text) or line.hint == "bullet":
            return False
        if period is not None or line.italic:
            return True
        if line.hint:
            return False
        if line.y and 0 < line.gap < 1.5:  # set tight under the title: part of the head
            return True
        if not line.y:  # Word: no geometry; a short line that is no sentence, under the title
            text = line.text.strip()
            return len(text) <= 80 and not text.endswith((".", "!", "?", ":")) and (
                ", " in text or len(text.split()) <= 6)
        return line.color != self.body_color or line.size < self.body_size - 0.2

    def _meta(self, entry: DraftEntry, pieces: list[str]) -> None:
        rest = []
        for p in pieces:
            if not entry.level and level_code(p) and len(p) <= 40 and entry.section == "languages":
                entry.level = level_code(p)
            elif CEFR.fullmatch(p.split(" ")[0]) and level_code(p) and len(p) <= 40:
                entry.level = level_code(p)
            else:
                rest.append(p)
        if len(rest) >= 2:
            entry.organisation, entry.location = rest[0], " · ".join(rest[1:])
        elif rest:
            org, comma, place = rest[0].rpartition(", ")
            if comma and org:
                entry.organisation, entry.location = org, place
            else:
                entry.organisation = rest[0]


def recognise(lines: tuple[Line, ...], author: str = "") -> Draft:
    """The draft CV in ``lines`` (from ``reading.read_lines``); ``author`` is the document's
    author metadata, whose spelling the name takes when it is the same name in other case.
    Pure: any caller."""
    return _Recogniser(_lines(lines), author).run()
