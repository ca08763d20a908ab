"""``/api/afmelden?t=<token>``: unsubscribing from marketing mail (P13, RFC 8058).

- ``POST`` is the one-click unsubscribe of the ``List-Unsubscribe`` header: no cookie, no
  login, no redirect; 200 whether or not the address was already unsubscribed (idempotent);
  400 for a forged, expired or other-purpose token.
- ``GET`` (the visible link in the mail) only shows a confirmation page with a button that
  POSTs: mail scanners that follow links unsubscribe no one.

The page is plain HTML in the language of the mail (signed into the token; Dutch for an
invalid one), never cached, never indexed. The work is
``services/privacy/marketing.unsubscribe``, in a thread.
"""

from __future__ import annotations

import asyncio
import html

from starlette.requests import Request
from starlette.responses import HTMLResponse

from .config import settings
from .i18n import t
from .services.core.db import run
from .services.core.errors import Invalid
from .services.privacy import marketing

HEADERS = {"Cache-Control": "no-store, private", "X-Robots-Tag": "noindex",
           "Referrer-Policy": "no-referrer"}


def _lang(request: Request) -> str:
    return marketing.token_lang(request.query_params.get("t", ""))


def _page(lang: str, message: str, *, token: str | None = None, status: int = 200) -> HTMLResponse:
    title = html.escape(t("unsubscribe.title", lang))
    form = ""
    if token is not None:
        form = (f'<form method="post" action="/api/afmelden?t={html.escape(token, quote=True)}">'
                f'<button type="submit">{html.escape(t("unsubscribe.button", lang))}</button></form>')
    body = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{title}</title></head>'
            f'<body><main><h1>{title}</h1><p>{html.escape(message)}</p>{form}</main></body></html>')
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _invalid(lang: str) -> HTMLResponse:
    return _page(lang, t("unsubscribe.invalid", lang, contact=settings().contact_email), status=400)


async def confirm_page(request: Request) -> HTMLResponse:
    """``GET``: the confirmation page with the button (the token is checked, nothing changes)."""
    lang, token = _lang(request), request.query_params.get("t", "")
    try:
        marketing.check_unsubscribe(token)
    except Invalid:
        return _invalid(lang)
    return _page(lang, t("unsubscribe.intro", lang), token=token)


async def one_click(request: Request) -> HTMLResponse:
    """``POST``: unsubscribe now (RFC 8058 one-click); 200 and the done page, 400 when invalid."""
    lang, token = _lang(request), request.query_params.get("t", "")
    try:
        await asyncio.to_thread(run, marketing.unsubscribe, token=token)
    except Invalid:
        return _invalid(lang)
    return _page(lang, t("unsubscribe.done", lang))
