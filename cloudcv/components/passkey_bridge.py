"""The page side of ``assets/passkeys.js`` (issue 24): an element holding the WebAuthn
options the server made (JSON in a data attribute: text, never script) and a hidden input
that the script fills with the authenticator's answer, whose change event sends it to the
state. The script is loaded only on the pages that use it (/inloggen, /beveiliging)."""

from __future__ import annotations

import reflex as rx


def passkey_bridge(bridge_id: str, kind: str, options, on_answer) -> rx.Component:
    """``kind`` "create" or "get"; ``options`` a state var with the JSON ("" when no
    ceremony is asked for); ``on_answer`` the handler that takes the answer (a string)."""
    target = f"{bridge_id}-answer"
    return rx.fragment(
        rx.el.script(src="/passkeys.js", async_=True),
        rx.cond(options != "", rx.el.div(
            id=bridge_id, hidden=True,
            custom_attrs={"data-passkey": kind, "data-options": options, "data-target": target})),
        rx.el.input(id=target, type="text", hidden=True, default_value="", on_change=on_answer,
                    aria_hidden="true", tab_index=-1, auto_complete="off"),
    )
