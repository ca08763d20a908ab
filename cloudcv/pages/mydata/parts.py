"""What the tabs of ``/mijn-gegevens`` share: the state and the per-form messages.

``MyDataState`` (state/mydata.py) keys ``errors`` and ``notices`` by form; ``notice(key)``
and ``error(key)`` show them where that form is.
"""

import reflex as rx

from ...components.i18n import t
from ...state.mydata import MyDataState

S = MyDataState


def notice(key: str) -> rx.Component:
    """The green "done" callout of one form."""
    return rx.cond(S.notices.contains(key),
                   rx.callout(S.notices[key], icon="circle-check", color_scheme="green",
                              role="status", width="100%", id=f"notice-{key}"))


def error(key: str) -> rx.Component:
    """The red error callout of one form."""
    return rx.cond(S.errors.contains(key),
                   rx.callout(S.errors[key], icon="triangle_alert", color_scheme="red",
                              role="alert", width="100%", id=f"error-{key}"))


def submit_button(label_key: str, **props) -> rx.Component:
    """A form's submit button."""
    return rx.button(t(label_key), type="submit", size="3", **props)
