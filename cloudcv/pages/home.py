"""``/``: what CloudCV is, or a welcome for a logged-in user."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import link_button, page
from ..state.base import AppState
from .registry import route


def _feature(icon: str, title: str, text: str) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.icon(icon, size=24, color="var(--accent-9)"),
            rx.heading(t(title), size="4", as_="h2"),
            rx.text(t(text), color_scheme="gray", size="3"),
            direction="column", spacing="2",
        ),
        size="3",
    )


def _welcome() -> rx.Component:
    return rx.flex(
        rx.heading(t("home.welcome"), " ", AppState.user_name, size="8", as_="h1", id="welcome"),
        rx.text(t("home.welcome_lead"), size="4", color_scheme="gray"),
        direction="column", spacing="3",
    )


def _hero() -> rx.Component:
    return rx.flex(
        rx.heading(t("home.title"), size=rx.breakpoints(initial="8", md="9"), as_="h1"),
        rx.text(t("home.lead"), size="5", color_scheme="gray", max_width="40rem"),
        rx.flex(
            link_button(t("home.cta_register"), "/registreren", size="4"),
            link_button(t("home.cta_login"), "/inloggen", size="4", variant="soft"),
            spacing="3", wrap="wrap",
        ),
        rx.link(t("home.cta_try"), href="/probeer", size="3", id="home-try", high_contrast=True),
        direction="column", spacing="5", padding_y=["0.5rem", "2rem"],
    )


@route("/", title="title.home", on_load=AppState.load)
def index() -> rx.Component:
    return page(
        rx.cond(AppState.logged_in, _welcome(), _hero()),
        rx.grid(
            _feature("shield-check", "home.feature_privacy", "home.feature_privacy_text"),
            _feature("map-pin", "home.feature_nl", "home.feature_nl_text"),
            _feature("sliders-horizontal", "home.feature_control", "home.feature_control_text"),
            columns=rx.breakpoints(initial="1", sm="3"), spacing="4", width="100%",
        ),
    )
