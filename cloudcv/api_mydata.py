"""``GET /api/mijn-gegevens/export.zip[?t=<token>]``: the data export download (Art. 20).

Authenticated with the session cookie (resolved against the database). With the token
of an export prepared in Mijn gegevens it hands out that file once; without one (or
when it is gone, e.g. another host prepared it) it builds the ZIP on the spot — but only
for a session that logged in or re-entered its password less than 15 minutes ago.
Otherwise it sends the browser back to Mijn gegevens. Never cached.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .services.accounts import my_sessions, sessions
from .services.core import pools
from .services.core.db import run
from .services.privacy import export

NO_STORE = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff"}


def _export(request: Request) -> Response:
    user = run(sessions.resolve, token=request.cookies.get("cloudcv_session", ""))
    if user is None:
        return RedirectResponse("/inloggen", status_code=303, headers=NO_STORE)
    data = export.take(user_id=user.id, token=request.query_params.get("t"))
    if data is None:
        if not run(my_sessions.recently_authenticated, user_id=user.id,
                   public_id=user.session_public_id):
            return RedirectResponse("/mijn-gegevens", status_code=303, headers=NO_STORE)
        ip = request.client.host if request.client else ""
        data = run(export.build_audited, user_id=user.id, lang=user.lang, ip=ip)
    name = export.filename()
    return Response(data, media_type="application/zip", headers={
        **NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})


async def export_zip(request: Request) -> Response:
    """The route itself (see the module docstring); the work runs in a thread."""
    return await pools.run_on("render", _export, request)
