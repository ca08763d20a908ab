"""The page shell: header (navigation, language switch, account menu), flash, footer."""

from __future__ import annotations

import reflex as rx

from ..state.base import AppState
from ..state.consent import ConsentState
from .cookie_banner import cookie_banner
from .i18n import t
from .session_bridge import session_bridge
from .statement_notice import statement_notice

MAX_WIDTH = "72rem"


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("file-text", size=22),
            rx.text("CloudCV", weight="bold", size="5"),
            spacing="2", align="center",
        ),
        href="/", underline="none", color_scheme="indigo", high_contrast=True,
        aria_label="CloudCV home",
    )


def _lang_switch() -> rx.Component:
    """Named "Taal: English" from its content, so the name holds the visible text (WCAG 2.5.3).
    Below 520 px only the icon shows; the text stays for screen readers (visually hidden)."""
    return rx.button(
        rx.icon("languages", size=16, aria_hidden="true"),
        rx.el.span(t("nav.language"), ": ", class_name="cv-sr-only"),
        rx.el.span(t("nav.lang_switch"), lang=AppState.other_lang, class_name="cv-hide-narrow"),
        on_click=AppState.switch_language, variant="ghost", size="2", id="lang-switch",
    )


def _account_menu() -> rx.Component:
    # Non-modal: a modal menu hides the rest of the page (aria-hidden) while its links stay
    # focusable, which axe reports as aria-hidden-focus.
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(rx.icon("circle-user", size=16, aria_hidden="true"),
                      rx.el.span(t("nav.account_menu"), ": ", class_name="cv-sr-only"),
                      rx.text(AppState.user_name, id="user-name", max_width=["4.5rem", "12rem"],
                              overflow="hidden", text_overflow="ellipsis", white_space="nowrap"),
                      rx.icon("chevron-down", size=14, aria_hidden="true"),
                      variant="soft", size="2"),
        ),
        rx.menu.content(
            rx.menu.item(t("nav.cvs"), on_click=rx.redirect("/cv")),
            rx.menu.item(t("nav.mydata"), on_click=rx.redirect("/mijn-gegevens"), id="nav-mydata"),
            rx.menu.item(t("nav.security"), on_click=rx.redirect("/beveiliging"), id="nav-security"),
            rx.cond(AppState.is_admin,
                    rx.menu.item(t("nav.admin"), on_click=rx.redirect("/beheer"))),
            rx.menu.item(t("nav.logout"), on_click=AppState.logout, id="logout"),
            rx.menu.separator(),
            rx.menu.item(t("nav.logout_all"), on_click=AppState.logout_everywhere,
                         color_scheme="red"),
        ),
        modal=False,
    )


def header() -> rx.Component:
    """The sticky header: brand, language switch, login or the account menu."""
    return rx.el.header(
        rx.flex(
            _brand(),
            rx.spacer(),
            rx.flex(
                _lang_switch(),
                rx.cond(
                    AppState.logged_in,
                    _account_menu(),
                    rx.flex(
                        link_button(t("nav.login"), "/inloggen", variant="soft", size="2"),
                        link_button(t("nav.register"), "/registreren", size="2",
                                    display=["none", "inline-flex"]),
                        spacing="2",
                    ),
                ),
                spacing="3", align="center",
            ),
            align="center", max_width=MAX_WIDTH, margin_x="auto", padding_x="1rem",
            padding_y="0.75rem", gap="0.75rem",
        ),
        border_bottom="1px solid var(--gray-a5)",
        background_color="var(--color-panel-solid)", position="sticky", top="0",
        z_index="10",
    )


def footer() -> rx.Component:
    """The footer: rights, privacy, contact, request and cookie settings links."""
    return rx.el.footer(
        rx.flex(
            rx.text(t("footer.rights"), size="2", color_scheme="gray"),
            rx.spacer(),
            rx.flex(
                rx.link(t("footer.privacy"), href="/privacy", size="2"),
                rx.link(t("footer.contact"), href="/contact", size="2"),
                rx.link(t("footer.request"), href="/verzoek", size="2"),
                rx.link(rx.el.button(t("consent.footer_link"), type="button",
                                     on_click=ConsentState.open_settings_from_footer,
                                     id="cookie-settings-link", class_name="cv-link-button"),
                        as_child=True, size="2"),
                spacing="4", wrap="wrap",
            ),
            max_width=MAX_WIDTH, margin_x="auto", padding="1.5rem 1rem", gap="0.75rem", wrap="wrap",
            align="center",
        ),
        border_top="1px solid var(--gray-a5)", margin_top="auto",
    )


def flash() -> rx.Component:
    """The one-time message at the top of the page (``AppState.flash``, a catalog key)."""
    return rx.cond(
        AppState.flash != "",
        rx.callout(
            AppState.flash_text, icon="info", role="status", width="100%",
            id="flash",
        ),
    )


def restriction_banner() -> rx.Component:
    """Art. 18: while processing is restricted, every page says so (state: AppState.restricted)."""
    return rx.cond(
        AppState.restricted,
        rx.box(
            rx.flex(
                rx.icon("shield-off", size=16),
                rx.text(t("restriction.banner"), size="2"),
                rx.link(t("restriction.banner_link"), href="/mijn-gegevens", size="2",
                        weight="medium"),
                spacing="2", align="center", wrap="wrap", max_width=MAX_WIDTH, margin_x="auto",
                padding="0.5rem 1rem",
            ),
            background_color="var(--amber-3)", color="var(--amber-12)", role="status",
            border_bottom="1px solid var(--amber-6)", id="restriction-banner",
        ),
    )


def page(*children: rx.Component, narrow: bool = False) -> rx.Component:
    """A full page: header, an optional flash message, the content, the footer.

    The cookie banner is first in the DOM but outside the screen-high shell: it appears after
    hydration below the footer (sticky, so on screen at the bottom) and moves nothing that
    is already painted. Inside the shell it made ``main`` shrink and lifted the footer: a
    layout shift on every short page (Lighthouse CLS 0.07 on /inloggen, mobile)."""
    return rx.flex(
        session_bridge(),
        cookie_banner(),
        rx.flex(
            header(),
            restriction_banner(),
            rx.el.main(
                rx.flex(flash(), statement_notice(), *children, direction="column", spacing="5",
                        width="100%"),
                width="100%", max_width="28rem" if narrow else MAX_WIDTH,
                margin_x="auto", padding_x="1rem", padding_y=["2rem", "3rem"], flex="1",
            ),
            footer(),
            direction="column", min_height="100vh",
        ),
        direction="column",
    )


def card(*children: rx.Component, **props) -> rx.Component:
    """A card with its children in a column."""
    return rx.card(rx.flex(*children, direction="column", spacing="4"), size="3", width="100%",
                   **props)


def link_button(text, href: str, **props) -> rx.Component:
    """A link that looks like a button (a real <a>, not a button nested in a link)."""
    return rx.button(rx.link(text, href=href, underline="none"), as_child=True, **props)
