"""``GET /gedeeld/{token}``: the read-only page a recipient opens from the mailed link,
with the CV's preview image (``/gedeeld/{token}/cv.png``) and its PDF
(``/gedeeld/{token}/cv.pdf``). No account, no cookie, no script.

Every response says ``Referrer-Policy: no-referrer`` (the token never leaves in a Referer
header), ``X-Robots-Tag: noindex`` (and the page a noindex meta) and ``no-store``. The token
is never logged. A revoked, expired, invalid or blocked link answers with a page that says
so and never the CV; too many requests from one IP answer 429
(``services/privacy/shared_view.py`` decides all of it).
"""

from __future__ import annotations

import asyncio
import html
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from .i18n import t
from .services.core import pools
from .services.core.db import run
from .services.core.errors import NotFound, Throttled
from .services.cv.preview import pages_png
from .services.privacy import shared_view

HEADERS = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow"}
_STYLE = ("body{margin:0;font-family:system-ui,sans-serif;color:#1c2024;background:#f9f9fb;"
          "line-height:1.5}main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem}"
          ".card{background:#fff;border:1px solid #e0e1e6;border-radius:12px;padding:1.25rem}"
          "img{width:100%;height:auto;border:1px solid #e0e1e6;margin-top:1rem}"
          "a.button{display:inline-block;background:#3e63dd;color:#fff;padding:.5rem 1rem;"
          "border-radius:6px;text-decoration:none;margin-top:.5rem}"
          "h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:.25rem 0}")


def _page(lang: str, title: str, body: str, status: int = 200) -> Response:
    doc = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           '<meta name="robots" content="noindex, nofollow">'
           '<meta name="referrer" content="no-referrer">'
           f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
           f'<body><main><div class="card">{body}</div></main></body></html>')
    return Response(doc, status_code=status, headers=HEADERS, media_type="text/html")


def _gone(key: str, lang: str = "nl", status: int = 410) -> Response:
    title = t("shared.gone.title", lang)
    body = (f'<h1 id="shared-gone">{html.escape(title)}</h1>'
            f'<p id="shared-reason">{html.escape(t(key, lang))}</p>')
    return _page(lang, title, body, status)


def _client(request: Request) -> tuple[str, str]:
    ip = request.client.host if request.client else ""
    return ip, request.headers.get("user-agent", "")


def _serve(request: Request, kind: str) -> Response:
    token = request.path_params.get("token", "")
    ip, agent = _client(request)
    try:
        shared = run(shared_view.open_link, token=token, kind=kind, ip=ip, user_agent=agent)
    except Throttled as exc:
        response = _gone("shared.throttled", status=429)
        response.headers["Retry-After"] = str(exc.params.get("seconds", 60))
        return response
    except NotFound as exc:
        return _gone(exc.key, status=404 if exc.key == "shared.gone.invalid" else 410)
    if kind == "pdf":
        name = shared.filename
        disposition = (f"attachment; filename=\"{name.encode('ascii', 'replace').decode()}\"; "
                       f"filename*=UTF-8''{quote(name)}")
        return Response(shared.pdf, media_type="application/pdf",
                        headers={**HEADERS, "Content-Disposition": disposition})
    if kind == "preview":
        return Response(pages_png(shared.pdf), media_type="image/png", headers=HEADERS)
    lang = shared.lang
    base = "/gedeeld/" + quote(token, safe="")
    title = t("shared.title", lang, sender=shared.sender)
    body = (f'<h1 id="shared-title">{html.escape(title)}</h1>'
            f"<p>{html.escape(t('shared.lead', lang, sender=shared.sender, until=shared.until))}</p>"
            f'<a class="button" id="shared-pdf" href="{base}/cv.pdf" download>'
            f"{html.escape(t('shared.download', lang))}</a>"
            f'<img id="shared-preview" src="{base}/cv.png" alt="{html.escape(t("shared.preview_alt", lang))}">'
            f'<p><small>{html.escape(t("shared.privacy", lang))}</small></p>')
    return _page(lang, title, body)


async def shared_page(request: Request) -> Response:
    """``GET /gedeeld/{token}``: the page (logged as "bekeken" for the owner)."""
    return await asyncio.to_thread(_serve, request, "view")


async def shared_preview(request: Request) -> Response:
    """``GET /gedeeld/{token}/cv.png``: the preview image of the shared CV."""
    return await pools.run_on("render", _serve, request, "preview")


async def shared_pdf(request: Request) -> Response:
    """``GET /gedeeld/{token}/cv.pdf``: the PDF (logged as "pdf gedownload")."""
    return await pools.run_on("render", _serve, request, "pdf")
