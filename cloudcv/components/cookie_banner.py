"""The cookie banner and the cookie settings dialog, rendered by ``layout.page`` on every page.

- Non-modal: a region stuck to the bottom of the viewport; the page stays fully usable.
  It comes first in the DOM (so keyboard and screen-reader users meet it first) and is
  shown last (CSS ``order``), sticky at the bottom, so it never hides the page's end.
- "Alles weigeren" and "Alles accepteren" share one style (``_EQUAL``) and sit in two
  equal grid columns: the same size, style and prominence.
- Categories, cookies, purposes and retention come from ``models/cookies.py``, the same
  declaration the decision helper and the privacy statement read.
- Mounting the banner asks the server for the visitor's choice (``ConsentState.sync``).
"""

from __future__ import annotations

import reflex as rx

from ..models.cookies import ALWAYS_ON_KEY, CATEGORIES, Category
from ..state.consent import ConsentState
from .consent_bridge import consent_bridge, return_focus_to_footer
from .i18n import t

# Reject and accept: one style for both, so neither is nudged.
_EQUAL = dict(size="3", variant="solid", color_scheme="indigo", width="100%",
              white_space="nowrap")
_VISUALLY_HIDDEN = {"position": "absolute", "width": "1px", "height": "1px", "overflow": "hidden",
                    "clip": "rect(0 0 0 0)", "white_space": "nowrap", "margin": "-1px"}


def _reject_accept(prefix: str) -> rx.Component:
    return rx.grid(
        rx.button(t("consent.reject_all"), on_click=ConsentState.reject_all,
                  id=f"{prefix}-reject", **_EQUAL),
        rx.button(t("consent.accept_all"), on_click=ConsentState.accept_all,
                  id=f"{prefix}-accept", **_EQUAL),
        columns="2", spacing="3", width=["100%", "100%", "auto"],
    )


def _switch(cat: Category) -> rx.Component:
    label = f"consent-cat-{cat.key}"
    if cat.required:
        return rx.flex(
            rx.text(t(ALWAYS_ON_KEY), size="2", color_scheme="gray", id=f"{label}-on"),
            rx.switch(checked=True, disabled=True, id=f"consent-switch-{cat.key}",
                      aria_labelledby=f"{label} {label}-on"),
            spacing="2", align="center",
        )
    state_var = getattr(ConsentState, f"allow_{cat.key}")
    setter = getattr(ConsentState, f"set_allow_{cat.key}")
    return rx.switch(checked=state_var, on_change=setter, id=f"consent-switch-{cat.key}",
                     aria_labelledby=label)


def _cookie_list(cat: Category) -> rx.Component:
    """Each cookie: its name, purpose and retention, stacked (reads well at 360 px)."""
    return rx.el.ul(
        *[
            rx.el.li(
                rx.flex(
                    rx.code(c.name, size="2", variant="ghost", weight="bold"),
                    rx.badge(t(c.kind_key), variant="soft", color_scheme="gray")
                    if c.kind_key else rx.fragment(),
                    spacing="2", align="center", wrap="wrap",
                ),
                rx.text(t(c.purpose_key), size="2"),
                rx.text(t("consent.col.retention"), ": ", t(c.retention_key), size="1",
                        color_scheme="gray"),
                class_name="cv-cookie",
            )
            for c in cat.cookies
        ],
        aria_label=t(cat.title_key), class_name="cv-cookie-list",
    )


def _category(cat: Category) -> rx.Component:
    return rx.box(
        rx.flex(
            # h2: Radix renders the dialog title as h1 (the dialog is modal, the page hidden)
            rx.heading(t(cat.title_key), size="3", as_="h2", id=f"consent-cat-{cat.key}"),
            _switch(cat),
            spacing="3", align="center", justify="between",
        ),
        rx.flex(
            rx.text(t(cat.purpose_key), size="2"),
            rx.text(t(cat.data_key), size="2", color_scheme="gray"),
            direction="column", spacing="1", margin_top="0.25rem",
        ),
        _cookie_list(cat),
        class_name="cv-entry", id=f"consent-category-{cat.key}",
    )


def settings_dialog() -> rx.Component:
    """The cookie settings dialog: one switch per purpose."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.flex(
                rx.flex(
                    rx.dialog.title(t("consent.dialog.title"), size="5", margin="0"),
                    rx.dialog.close(rx.icon_button(rx.icon("x", size=18), variant="ghost",
                                                   color_scheme="gray",
                                                   aria_label=t("consent.close"))),
                    justify="between", align="center",
                ),
                rx.dialog.description(t("consent.dialog.lead"), size="2"),
                *[_category(cat) for cat in CATEGORIES],
                rx.flex(
                    rx.button(t("consent.reject_all"), on_click=ConsentState.reject_all,
                              id="consent-dialog-reject", **_EQUAL),
                    rx.button(t("consent.save"), on_click=ConsentState.save_settings,
                              id="consent-save", size="3", variant="outline", width="100%",
                              white_space="nowrap"),
                    rx.button(t("consent.accept_all"), on_click=ConsentState.accept_all,
                              id="consent-dialog-accept", **_EQUAL),
                    direction=rx.breakpoints(initial="column", sm="row"), spacing="3",
                ),
                direction="column", spacing="4",
            ),
            max_width="44rem", id="consent-dialog",
            on_close_auto_focus=return_focus_to_footer(),
        ),
        open=ConsentState.settings_open,
        on_open_change=ConsentState.set_settings_open,
    )


def _banner() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.flex(
                rx.heading(t("consent.banner.title"), size="3", as_="h2", id="consent-title"),
                rx.text(t("consent.banner.text"), size="2"),
                direction="column", spacing="1", flex="1", min_width="0",
            ),
            rx.flex(
                _reject_accept("consent"),
                rx.button(t("consent.settings"), on_click=ConsentState.open_settings,
                          id="consent-settings", variant="ghost", size="2"),
                direction="column", spacing="2", align="center", flex_shrink="0",
                width=["100%", "100%", "auto"],
            ),
            direction=rx.breakpoints(initial="column", md="row"), spacing="4",
            align=rx.breakpoints(initial="stretch", md="center"),
            max_width="72rem", margin_x="auto", padding_x="1rem",
            padding_y=["0.75rem", "1rem"],
        ),
        role="region", aria_label=t("consent.banner.label"),
        id="cookie-banner", position="sticky", bottom="0", order="99", z_index="20",
        background_color="var(--color-panel-solid)", border_top="1px solid var(--gray-a6)",
        box_shadow="0 -4px 16px var(--gray-a4)",
    )


def cookie_banner() -> rx.Component:
    """The banner (until a choice is in force), the settings dialog and a live region."""
    return rx.fragment(
        consent_bridge(),
        rx.box(
            rx.cond(ConsentState.status != "", ConsentState.status_text, ""),
            role="status", aria_live="polite", id="consent-status", style=_VISUALLY_HIDDEN,
            on_mount=ConsentState.sync(rx.Var(_js_expr="document.referrer", _var_type=str)),
        ),
        rx.cond(ConsentState.banner_open, _banner()),
        settings_dialog(),
    )
