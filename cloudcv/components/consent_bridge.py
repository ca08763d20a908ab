"""Consent glue compiled at build time, so the server never sends script text.

- When ``ConsentState.expire_seq`` moves, the page deletes the optional cookies named in
  ``ConsentState.expire_cookies`` — but only names declared in ``models/cookies.py``, which
  are written into this hook when the app is compiled; any other name is ignored.
- Closing the cookie settings dialog returns focus to the footer link it was opened from
  (``return_focus_to_footer``, the dialog's ``onCloseAutoFocus``).
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionStringVar

from ..models.cookies import ANALYTICS, MARKETING
from ..state.base import SECURE
from ..state.consent import ConsentState

_DECLARED = json.dumps(sorted(c.name for c in (*ANALYTICS.cookies, *MARKETING.cookies)))
_FLAGS = json.dumps("=; Path=/; Max-Age=0; SameSite=Strict" + ("; Secure" if SECURE else ""))


class ConsentBridge(rx.Fragment):
    """Renders nothing; its hook expires refused optional cookies."""

    def add_hooks(self) -> list[str | Var]:
        """The page hook that expires the cookies the visitor refused (``expire_cookies``)."""
        names, seq = ConsentState.expire_cookies, ConsentState.expire_seq
        js = f"""useEffect(() => {{
  const names = {names!s};
  if (!{seq!s} || !Array.isArray(names)) return;
  for (const declared of {_DECLARED}) {{
    if (names.includes(declared)) document.cookie = declared + {_FLAGS};
  }}
}}, [{seq!s}]);"""
        return [Var(js, _var_data=VarData.merge(VarData(imports={"react": ["useEffect"]}),
                                                 names._get_all_var_data(),
                                                 seq._get_all_var_data()))]


def consent_bridge() -> rx.Component:
    """The invisible element that expires refused optional cookies in the browser."""
    return ConsentBridge.create()


def return_focus_to_footer() -> Var:
    """``onCloseAutoFocus`` of the settings dialog: back to the footer link when opened there."""
    flag = ConsentState.return_to_footer
    return FunctionStringVar.create(
        f"""((e) => {{ if ({flag!s}) {{ e.preventDefault();
  document.getElementById("cookie-settings-link")?.focus({{preventScroll: true}}); }} }})""",
        _var_data=flag._get_all_var_data())
