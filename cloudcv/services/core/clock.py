"""The service layer's only clock, and its only date/time parsing and formatting.

- ``now()`` is the current instant (aware UTC). Tests move it instead of waiting:
  ``clock.set(fn)``.
- The database stores aware UTC (``models/base.py``: SQLModel's ``UTCDateTime``).
- Everything a person types or reads is Europe/Amsterdam wall-clock time (``TZ``):
  ``parse_local_datetime`` turns what an admin typed into the UTC instant, ``format_*``
  turn a UTC instant back into Amsterdam time. ``zone_name`` gives "CET" (winter, UTC+1) or
  "CEST" (summer, UTC+2), shown next to times on the admin screens.
- Accepted input: ``dd-mm-jjjj`` (also ``d-m-jjjj`` and ``/`` or ``.`` as separator),
  ``mm-jjjj`` / ``jjjj-mm`` / ``jjjj`` for CV months, ``dd-mm-jjjj uu:mm``, and ISO from
  ``<input type=date>`` (``jjjj-mm-dd``) and ``<input type=datetime-local>``
  (``jjjj-mm-ddTuu:mm``).
- Around the DST switches: a time that occurs twice (last Sunday of October, 02:00-03:00)
  is read as the EARLIER one, so a deadline counted from it is never late; a time that does
  not exist (last Sunday of March, 02:00-03:00) is refused.
- Display text comes from ``babel`` in the reader's language (nl/en), never from
  ``strftime`` with ``%B`` and friends, which depends on the server's C locale.

Usage::

    clock.parse_local_datetime("28-03-2027 01:30", field="discovered_at")
    # -> datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    clock.format_datetime(moment, zone=True)      # "31-03-2027 02:30 CEST"
    clock.format_long_date(moment, "en")           # "31 March 2027"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime

from ...models.base import utcnow
from .errors import Invalid

TZ = ZoneInfo("Europe/Amsterdam")
TZ_NAME = "Europe/Amsterdam"

_now: Callable[[], datetime] = utcnow


def now() -> datetime:
    """The current instant, aware UTC: the only clock services read (tests move it with ``set``)."""
    return _now()


def set(fn: Callable[[], datetime] | None) -> None:  # noqa: A001 - mirrors clock.now()
    """Make ``now()`` return ``fn()``; ``None`` restores the real clock. For tests only."""
    global _now
    _now = fn or utcnow


# ---------------------------------------------------------------- conversions
def _aware(moment: datetime) -> datetime:
    """A value from the database: naive means UTC (SQLite can hand those back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def to_local(moment: datetime) -> datetime:
    """The UTC instant as Amsterdam wall-clock time (aware)."""
    return _aware(moment).astimezone(TZ)


def local_today() -> date:
    """Today's date in Amsterdam (what "today" means to a person here)."""
    return to_local(now()).date()


def local_date(moment: datetime | date) -> date:
    """The Amsterdam calendar date of an instant; a ``date`` is returned as it is."""
    return to_local(moment).date() if isinstance(moment, datetime) else moment


def zone_name(moment: datetime | None = None) -> str:
    """'CET' or 'CEST' for that instant (default: now)."""
    return to_local(moment or now()).tzname() or TZ_NAME


def from_local(wall: datetime) -> datetime:
    """Naive Amsterdam wall-clock time -> aware UTC instant.

    Ambiguous (October, occurs twice): the earlier instant. Nonexistent (March gap): ValueError.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    local = wall.replace(tzinfo=TZ, fold=0)
    instant = local.astimezone(UTC)
    if instant.astimezone(TZ).replace(tzinfo=None) != wall:
        raise ValueError(f"{wall} does not exist in {TZ_NAME}")
    return instant


# ---------------------------------------------------------------- parsing
_SEP = re.compile(r"[/.]")
# re.ASCII: "\d" is 0-9 only (not "٠١-٠١-٢٠٠٠", which int() would read as 01-01-2000)
_DMY = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})", re.ASCII)
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_HM = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
_HMS = re.compile(r"\d{2}:\d{2}:\d{2}(\.\d+)?", re.ASCII)


def _clean(value, field: str) -> str:
    if not isinstance(value, str):
        raise Invalid("error.date_invalid", field=field)
    return value.strip()


def _date_part(text: str) -> date:
    text = _SEP.sub("-", text)
    if m := _DMY.fullmatch(text):
        day, month, year = map(int, m.groups())
    elif m := _YMD.fullmatch(text):
        year, month, day = map(int, m.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


def parse_date(value, *, field: str) -> date:
    """'dd-mm-jjjj' (or 'd-m-jjjj', '/', '.') or ISO 'jjjj-mm-dd' -> date. Invalid otherwise."""
    text = _clean(value, field)
    try:
        return _date_part(text)
    except ValueError:
        raise Invalid("error.date_invalid", field=field) from None


def parse_month(value, *, field: str) -> date:
    """'mm-jjjj' (or 'jjjj-mm', or just 'jjjj') -> the first day of that month (1900-2100)."""
    text = _SEP.sub("-", _clean(value, field))
    if re.fullmatch(r"\d{1,2}-\d{4}", text, re.ASCII):
        month, year = map(int, text.split("-"))
    elif re.fullmatch(r"\d{4}-\d{1,2}", text, re.ASCII):
        year, month = map(int, text.split("-"))
    elif re.fullmatch(r"\d{4}", text, re.ASCII):
        year, month = int(text), 1
    else:
        raise Invalid("error.date_invalid", field=field)
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise Invalid("error.date_invalid", field=field)
    return date(year, month, 1)


def parse_local_datetime(value, *, field: str) -> datetime:
    """Amsterdam time as typed -> aware UTC instant.

    'dd-mm-jjjj uu:mm', ISO 'jjjj-mm-ddTuu:mm' (datetime-local, seconds allowed) or a date
    alone (00:00 that day). A time in the spring-forward gap raises ``error.time_nonexistent``.
    """
    text = _clean(value, field)
    parts = re.split(r"[T ]+", text, maxsplit=1)
    try:
        day = _date_part(parts[0])
        clock_time = time(0, 0)
        if len(parts) == 2:
            hm = parts[1][:5] if _HMS.fullmatch(parts[1]) else parts[1]
            m = _HM.fullmatch(hm)
            if not m:
                raise ValueError(text)
            clock_time = time(int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise Invalid("error.date_invalid", field=field) from None
    try:
        return from_local(datetime.combine(day, clock_time))
    except OverflowError:  # 01-01-0001 00:30 Amsterdam is before year 1 in UTC
        raise Invalid("error.date_invalid", field=field) from None
    except ValueError:
        raise Invalid("error.time_nonexistent", field=field) from None


# ---------------------------------------------------------------- formatting
def _locale(lang: str) -> str:
    return "en" if lang == "en" else "nl"


def format_date(value: datetime | date | None, lang: str = "nl") -> str:
    """dd-mm-jjjj (both languages: the form the inputs accept). Instants in Amsterdam time."""
    if value is None:
        return ""
    return _babel_date(local_date(value), "dd-MM-yyyy", locale=_locale(lang))


def format_month(value: date | None, lang: str = "nl") -> str:
    """mm-jjjj, as CV dates are typed."""
    return _babel_date(value, "MM-yyyy", locale=_locale(lang)) if value else ""


def format_day_month(value: datetime | date, lang: str = "nl") -> str:
    """dd-mm, for chart axes."""
    return _babel_date(local_date(value), "dd-MM", locale=_locale(lang))


def format_long_date(value: datetime | date | None, lang: str = "nl") -> str:
    """'5 januari 2027' / '5 January 2027' (mail texts)."""
    if value is None:
        return ""
    return _babel_date(local_date(value), "d MMMM yyyy", locale=_locale(lang))


def format_datetime(value: datetime | None, lang: str = "nl", *, zone: bool = False) -> str:
    """'dd-mm-jjjj uu:mm' in Amsterdam time; ``zone=True`` appends 'CET' / 'CEST'."""
    if value is None:
        return ""
    text = _babel_datetime(_aware(value), "dd-MM-yyyy HH:mm", tzinfo=TZ, locale=_locale(lang))
    return f"{text} {zone_name(value)}" if zone else text
