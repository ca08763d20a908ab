"""``POST /api/probeer/cv.pdf``: the PDF of the ``/probeer`` form, for anyone, kept nowhere
(issue 23). The values arrive as a plain form post, are checked and laid out in memory
(``services/cv/trial.py``) and only the PDF goes back; no row, no file, no log line with the
content. A bad value gets a small page in the visitor's language that names the field; going
back in the browser keeps what was typed (the form lives in the tab). Renders are limited per
address in this process's memory (:data:`PER_MINUTE`), which keeps no address either.
"""

from __future__ import annotations

import html
import re
import time
from collections import OrderedDict, deque
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .i18n import LANGS, t
from .services.core import pools
from .services.core.errors import DomainError
from .services.cv import trial

PER_MINUTE = 30
_TRACKED = 10_000                      # addresses remembered at once (oldest forgotten)
_recent: OrderedDict[str, deque] = OrderedDict()
HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _allowed(ip: str, now: float) -> bool:
    hits = _recent.pop(ip, deque())
    while hits and now - hits[0] > 60:
        hits.popleft()
    allowed = len(hits) < PER_MINUTE
    if allowed:
        hits.append(now)
    _recent[ip] = hits
    while len(_recent) > _TRACKED:
        _recent.popitem(last=False)
    return allowed


def _page(lang: str, message: str, status: int) -> HTMLResponse:
    title = html.escape(t("trial.title", lang))
    body = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{title}</title></head>'
            f'<body><main><h1>{title}</h1><p>{html.escape(message)}</p>'
            f'<p>{html.escape(t("trial.go_back", lang))}</p>'
            f'<p><a href="/probeer">{html.escape(t("trial.back_link", lang))}</a></p></main></body></html>')
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _label(field: str, lang: str) -> str:
    """The form's own label of ``field`` ("Werkervaring 2, Functie"), or ""."""
    if field in trial.PERSONAL or field in ("skills", "languages"):
        return t(f"trial.field.{field}", lang)
    m = re.fullmatch(r"(work|edu)(\d)_(\w+)", field)
    if not m:
        return ""
    part = t("trial.job" if m.group(1) == "work" else "trial.study", lang, n=int(m.group(2)) + 1)
    return f"{part}, {t(f'trial.field.{m.group(3)}', lang)}"


async def trial_pdf(request: Request) -> Response:
    """The form's CV as a PDF attachment; 400 with the reason for a bad value, 429 beyond
    the per-address limit, 413 for an oversized body."""
    lang = request.cookies.get("cloudcv_lang", "nl")
    lang = lang if lang in LANGS else "nl"
    if not _allowed(request.client.host if request.client else "", time.monotonic()):
        return _page(lang, t("trial.too_many", lang), 429)
    if int(request.headers.get("content-length") or 0) > 200_000:
        return _page(lang, t("error.invalid_input", lang), 413)
    try:
        async with request.form(max_files=0, max_fields=trial.MAX_FIELDS + 1) as form:
            values = {k: v for k, v in form.items() if isinstance(v, str)}
    except Exception:  # a malformed body: refused like a bad value, never a trace
        return _page(lang, t("error.invalid_input", lang), 400)
    try:
        name, pdf = await pools.run_on("render", trial.render_form, values)
    except DomainError as exc:
        message = t(exc.key, lang, **exc.params)
        label = _label(exc.field or "", lang)
        return _page(lang, f"{label}: {message}" if label else message, 400)
    disposition = f"attachment; filename=\"{name.encode('ascii', 'replace').decode()}\"; " \
                  f"filename*=UTF-8''{quote(name)}"
    return Response(pdf, media_type="application/pdf",
                    headers={**HEADERS, "Content-Disposition": disposition})

