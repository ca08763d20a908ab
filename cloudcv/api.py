"""HTTP routes next to Reflex: the CV PDF download and the editor's live preview image.

Both authenticate with the session cookie (resolved against the database) and check
ownership in the service; another user's CV and a missing one are the same 404.
Responses are private and never cached.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import api_marketing, api_session, api_trial
from .api_mydata import export_zip
from .api_shared import shared_page, shared_pdf, shared_preview
from .config import settings
from .i18n import LANGS
from .services.accounts import sessions
from .services.core import pools
from .services.core.db import run
from .services.core.errors import DomainError
from .services.cv import gallery, jsonresume, letters, markdown, rendering, versions, word
from .services.cv.preview import document_jpeg
from .services.cv.preview_queue import LatestWins, PreviewCache
from .upload_limit import UploadLimit

NO_STORE = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff"}


def _owner_and_id(request: Request) -> tuple[int, int] | None:
    user = run(sessions.resolve, token=request.cookies.get("cloudcv_session", ""))
    try:
        cv_id = int(request.path_params["cv_id"])
    except (KeyError, ValueError):
        return None
    return (user.id, cv_id) if user else None


def _not_found() -> Response:
    return Response("Not found", status_code=404, headers=NO_STORE, media_type="text/plain")


def _anonymous(request: Request) -> bool:
    """``?anoniem=1``: the anonymous CV ("anoniem solliciteren"); anything else: the CV."""
    return request.query_params.get("anoniem") == "1"


def _download(request: Request, make, media_type: str):
    """The owner's CV as an attachment made by ``make`` (-> (file name, bytes)); 404 for
    anyone else and for a CV that is not theirs."""
    ids = _owner_and_id(request)
    if ids is None:
        return _not_found()
    try:
        name, data = run(make, user_id=ids[0], cv_id=ids[1], anonymous=_anonymous(request))
        run(versions.keep_for, user_id=ids[0], cv_id=ids[1], reason="download")  # issue 23
    except DomainError:
        return _not_found()
    return _attachment(name, data, media_type)


def _attachment(name: str, data: bytes, media_type: str) -> Response:
    disposition = f"attachment; filename=\"{name.encode('ascii', 'replace').decode()}\"; " \
                  f"filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type,
                    headers={**NO_STORE, "Content-Disposition": disposition})


async def cv_pdf(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/pdf``: the owner's CV as a PDF attachment; 404 for anyone else."""
    return await pools.run_on("render", _download, request, rendering.render_pdf, "application/pdf")


def _version(request: Request):
    ids = _owner_and_id(request)
    if ids is None:
        return _not_found()
    try:
        name, data = run(versions.version_pdf, user_id=ids[0], cv_id=ids[1],
                         version_id=request.path_params.get("version_id"))
    except DomainError:
        return _not_found()
    disposition = f"inline; filename=\"{name.encode('ascii', 'replace').decode()}\""
    return Response(data, media_type="application/pdf",
                    headers={**NO_STORE, "Content-Disposition": disposition})


async def cv_version_pdf(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/versie/{version_id}.pdf``: one saved version of the owner's CV
    as its PDF (issue 23); 404 for anyone else and for another CV's version."""
    return await pools.run_on("render", _version, request)


def _letter(request: Request, make, media_type: str):
    """One of the owner's cover letters as an attachment made by ``make``; 404 otherwise."""
    user = run(sessions.resolve, token=request.cookies.get("cloudcv_session", ""))
    if user is None:
        return _not_found()
    try:
        name, data = run(make, user_id=user.id, letter_id=request.path_params.get("letter_id"))
    except DomainError:
        return _not_found()
    return _attachment(name, data, media_type)


LETTER_FORMATS = {
    "pdf": (letters.letter_pdf, "application/pdf"),
    "docx": (letters.letter_docx,
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": (letters.letter_markdown, "text/markdown; charset=utf-8"),
}


async def letter_file(request: Request) -> Response:
    """``GET /api/brief/{letter_id}.{pdf|docx|md}``: one of the owner's cover letters (issue
    23) in its CV's template; 404 for anyone else."""
    found = LETTER_FORMATS.get(request.path_params.get("fmt", ""))
    if found is None:
        return _not_found()
    return await pools.run_on("render", _letter, request, *found)


async def cv_markdown(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/cv.md``: the owner's CV as Markdown (issue 22); 404 for anyone else."""
    return await pools.run_on("render", _download, request, markdown.export_markdown,
                              "text/markdown; charset=utf-8")


async def cv_docx(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/cv.docx``: the owner's CV as a Word document (issue 22); 404 for
    anyone else."""
    return await pools.run_on("render", _download, request, word.export_docx,
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


async def cv_resume(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/resume.json``: the owner's CV as JSON Resume (issue 22); 404
    for anyone else."""
    return await pools.run_on("render", _download, request, jsonresume.export_bytes,
                              "application/json")


# one process-wide queue and cache: see services/cv/preview_queue.py
PREVIEWS: LatestWins[tuple[str, bytes]] = LatestWins()
PREVIEW_CACHE = PreviewCache()


async def _background_jpeg(doc) -> bytes:
    return await pools.in_process(document_jpeg, doc)


async def _render_preview(user_id: int, cv_id: int, anonymous: bool = False) -> tuple[str, bytes]:
    doc = await asyncio.to_thread(run, rendering.document_for, user_id=user_id, cv_id=cv_id,
                                  anonymous=anonymous)
    return await rendering.cached_preview(doc, user_id=user_id, cv_id=cv_id,
                                          cache=PREVIEW_CACHE, rasterise=_background_jpeg)


async def cv_preview(request: Request) -> Response:
    """``GET /api/cv/{cv_id}/preview.jpg``: the editor's preview image; 404 for anyone else.

    Requests for one CV that arrive while it renders are answered by ONE next render of
    the newest state (latest wins); the ``ETag`` names the version shown. The image is made
    in a background process at a lower priority (``pools.in_process``): the saves come first."""
    ids = await asyncio.to_thread(_owner_and_id, request)
    if ids is None:
        return _not_found()
    try:
        key = (*ids, _anonymous(request))
        digest, data = await PREVIEWS.get(key, lambda: _render_preview(*key))
    except DomainError:
        return _not_found()
    return Response(data, media_type="image/jpeg", headers={**NO_STORE, "ETag": f'"{digest[:32]}"'})


IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable",
             "X-Content-Type-Options": "nosniff"}


async def template_thumbnail(request: Request) -> Response:
    """``GET /api/template/{name}.jpg?lang=nl&v=<version>``: the template gallery's thumbnail,
    page 1 of the fictional sample CV in template ``name`` (``services/cv/gallery.py``).
    Public: no login, no personal data. 404 for a name the registry does not hold; ``lang``
    outside ``i18n.LANGS`` is Dutch. Cached forever by browsers when ``v`` is the current
    ``gallery.version()`` (the editor's URL carries it); any other ``v`` is revalidated, so an
    old page can never pin a new image under its address. A miss renders on the render pool."""
    name = request.path_params.get("name", "")
    lang = request.query_params.get("lang", "nl")
    lang = lang if lang in LANGS else "nl"
    data = gallery.cached(name, lang)
    if data is None:
        try:
            data = await pools.run_on("render", gallery.thumbnail, name, lang)
        except DomainError:
            return _not_found()
    current = request.query_params.get("v") == gallery.version()
    headers = {**(IMMUTABLE if current else {"Cache-Control": "public, no-cache",
                                             "X-Content-Type-Options": "nosniff"}),
               "ETag": f'"{gallery.version()}-{lang}"'}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type="image/jpeg", headers=headers)


_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def _build_dir() -> Path:
    from reflex.utils.prerequisites import get_web_dir

    return get_web_dir() / "build" / "client"


@lru_cache(maxsize=4)
def _inline_script_hashes(build: Path, stamp: float) -> tuple[str, ...]:
    """SHA-256 sources of every inline script in the compiled pages (React Router's
    hydration data, the colour-mode snippet): allowed by hash, nothing else inline."""
    found = set()
    for html in build.rglob("*.html"):
        for body in _INLINE_SCRIPT.findall(html.read_bytes()):
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'")
    return tuple(sorted(found))


_HOST = re.compile(r"[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")


def content_security_policy(build: Path | None = None, host: str = "", *,
                            document: bool = True) -> str:
    """The policy for every response; see docs/security.md for what Reflex needs and why.

    ``host`` (the request's Host header, when it is a plain host[:port]) names the event
    websocket explicitly: not every browser lets ``'self'`` cover ``ws:``/``wss:``.
    Only an HTML ``document`` gets the hashes of the pages' inline scripts (~3 KB); any other
    response (scripts, styles, PDFs, images) allows no inline script at all. That is stricter,
    and keeps 3 KB of header off each of the ~30 requests a page makes (issue 20: on mobile
    Lighthouse they cost a third of a second of first paint)."""
    build = build or _build_dir()
    sockets = f" ws://{host} wss://{host}" if host and _HOST.fullmatch(host) else ""
    index = build / "index.html"
    stamp = index.stat().st_mtime if index.exists() else 0.0
    hashes = _inline_script_hashes(build, stamp) if document else ()
    scripts = " ".join(("'self'", *hashes))
    return "; ".join((
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",  # Emotion (Radix via Reflex) injects <style> at run time
        "img-src 'self' blob:",  # the editor's preview and photos come from /api; blob: for a picked file
        "font-src 'self' data:",  # a bundled stylesheet (markdown code theme) inlines a font
        f"connect-src 'self'{sockets}",  # the event websocket and our own API; nothing else
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


class SecurityHeaders:
    """ASGI middleware: security headers on every HTTP response (Reflex's pages included).

    HSTS only when the public URL is https (P26); no referrer leaves the site for other
    origins, no framing, no powerful browser features (P25, P30)."""

    def __init__(self, app):
        self.app = app
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if settings().https:
            self.headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                given = {k.lower(): v for k, v in message.get("headers", [])}
                present = set(given)
                host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
                kind = given.get(b"content-type", b"text/html").lower()
                document = kind.startswith((b"text/html", b"application/xhtml"))
                ours = [*self.headers,
                        (b"content-security-policy",
                         content_security_policy(host=host, document=document).encode())]
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in ours if k not in present]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


api = Starlette(routes=[
    Route("/api/session/start", api_session.start, methods=["POST"]),
    Route("/api/session/end", api_session.end, methods=["POST"]),
    Route("/api/cv/{cv_id:int}/pdf", cv_pdf, methods=["GET"]),
    Route("/api/cv/{cv_id:int}/resume.json", cv_resume, methods=["GET"]),
    Route("/api/cv/{cv_id:int}/cv.md", cv_markdown, methods=["GET"]),
    Route("/api/cv/{cv_id:int}/cv.docx", cv_docx, methods=["GET"]),
    Route("/api/cv/{cv_id:int}/preview.jpg", cv_preview, methods=["GET"]),
    Route("/api/cv/{cv_id:int}/versie/{version_id:int}.pdf", cv_version_pdf, methods=["GET"]),
    Route("/api/mijn-gegevens/export.zip", export_zip, methods=["GET"]),
    Route("/api/template/{name:str}.jpg", template_thumbnail, methods=["GET"]),
    Route("/api/probeer/cv.pdf", api_trial.trial_pdf, methods=["POST"]),
    Route("/api/brief/{letter_id:int}.{fmt:str}", letter_file, methods=["GET"]),
    Route("/gedeeld/{token:str}", shared_page, methods=["GET"]),
    Route("/gedeeld/{token:str}/cv.png", shared_preview, methods=["GET"]),
    Route("/gedeeld/{token:str}/cv.pdf", shared_pdf, methods=["GET"]),
    Route("/api/afmelden", api_marketing.one_click, methods=["POST"]),
    Route("/api/afmelden", api_marketing.confirm_page, methods=["GET"]),
], middleware=[Middleware(SecurityHeaders), Middleware(UploadLimit)])
