"""Browser glue compiled at build time: the HttpOnly session cookie and ``<html lang>``.

No script text is ever sent from the server (``rx.call_script`` would ``eval`` it, and a
value pasted into it is script injection). Instead these hooks are written here, compiled
into the page once, and react to *data* in state vars:

- ``AppState.login_ticket`` set after a correct password: the page POSTs it to
  ``/api/session/start``, which answers with the HttpOnly session cookie, then reloads at
  ``/`` so the new websocket carries that cookie. A stale ticket (after a reload) is
  refused by the server and nothing happens.
- ``AppState.drop_session`` bumped after a logout: the page POSTs to ``/api/session/end``,
  which clears the cookie only when its session is already gone (a live one stays).
- ``AppState.html_lang`` (always "nl" or "en", checked on the server) goes on ``<html lang>``.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from ..state.base import AppState

_REACT = VarData(imports={"react": ["useEffect"]})


def _hook(js: str, *deps: Var) -> Var:
    return Var(js, _var_data=VarData.merge(_REACT, *(d._get_all_var_data() for d in deps)))


class SessionBridge(rx.Fragment):
    """Renders nothing; its hooks do the work."""

    def add_hooks(self) -> list[str | Var]:
        """The page hooks: the login ticket becomes the HttpOnly cookie, a logout clears it,
        ``<html lang>`` follows the language."""
        ticket, drop, lang = AppState.login_ticket, AppState.drop_session, AppState.html_lang
        return [
            _hook(f"""useEffect(() => {{
  const ticket = {ticket!s};
  if (typeof ticket !== "string" || ticket === "") return;
  fetch("/api/session/start", {{method: "POST", credentials: "same-origin",
    headers: {{"Content-Type": "text/plain"}}, body: ticket}})
    .then((r) => {{ if (r.ok) window.location.assign("/"); }});
}}, [{ticket!s}]);""", ticket),
            _hook(f"""useEffect(() => {{
  if (!{drop!s}) return;
  fetch("/api/session/end", {{method: "POST", credentials: "same-origin"}});
}}, [{drop!s}]);""", drop),
            _hook(f"""useEffect(() => {{
  const lang = {lang!s};
  if (lang === "nl" || lang === "en") document.documentElement.lang = lang;
}}, [{lang!s}]);""", lang),
        ]


def session_bridge() -> rx.Component:
    """The invisible element that sets and clears the session cookie over HTTP."""
    return SessionBridge.create()
