"""``/beveiliging``: two-factor login with an authenticator app (state: state/security.py)."""

import reflex as rx

from ..components.fields import field, form_error, submit
from ..components.i18n import t
from ..components.layout import card, page
from ..state.security import SecurityState as S
from .registry import route


def _qr() -> rx.Component:
    """The QR code of the secret: a path drawn from the service's matrix, dark on white."""
    return rx.el.svg(
        rx.el.svg.rect(width="100%", height="100%", fill="#ffffff"),
        rx.el.svg.path(d=S.qr_path, fill="#000000"),
        view_box=f"0 0 {S.qr_size} {S.qr_size}", width="200", height="200",
        role="img", aria_label=t("security.qr_alt"), id="totp-qr",
        shape_rendering="crispEdges", class_name="cv-qr",
    )


def _setup() -> rx.Component:
    return rx.flex(
        rx.text(t("security.setup_lead"), size="3"),
        rx.flex(
            _qr(),
            rx.flex(
                rx.text(t("security.secret_label"), size="2", weight="medium"),
                rx.code(S.setup_secret, id="totp-secret", size="3", variant="soft",
                        style={"word_break": "break-all"}),
                rx.text(t("security.secret_hint"), size="1", color_scheme="gray"),
                direction="column", spacing="2", max_width="22rem",
            ),
            spacing="5", wrap="wrap", align="center",
        ),
        rx.form(
            rx.flex(
                field(S, "code", "security.code", autocomplete="one-time-code", required=True,
                      hint_key="security.code_hint"),
                form_error(S), submit(S, "security.confirm"),
                direction="column", spacing="3", max_width="22rem",
            ),
            on_submit=S.confirm, id="totp-confirm-form", reset_on_submit=True,
        ),
        direction="column", spacing="4",
    )


def _codes() -> rx.Component:
    return rx.flex(
        rx.callout(S.done_message, icon="circle-check", color_scheme="green", role="status",
                   high_contrast=True, id="done-message"),
        rx.text(t("security.codes_lead"), size="3"),
        rx.el.ul(rx.foreach(S.recovery_codes, lambda c: rx.el.li(rx.code(c, size="3"))),
                 id="recovery-codes", class_name="cv-recovery-codes"),
        rx.button(t("security.codes_saved"), on_click=S.codes_saved, id="codes-saved", size="2",
                  width="fit-content"),
        direction="column", spacing="3",
    )


def _on() -> rx.Component:
    return rx.flex(
        rx.flex(rx.badge(t("security.on"), color_scheme="green", size="2", id="totp-status"),
                rx.text(t("security.since"), " ", S.since, size="2", color_scheme="gray"),
                spacing="3", align="center", wrap="wrap"),
        rx.text(t("security.codes_left"), " ", rx.el.strong(S.codes_left, id="codes-left"), size="2"),
        rx.cond(S.done,
                rx.callout(S.done_message, icon="circle-check", color_scheme="green",
                           role="status", high_contrast=True)),
        rx.form(
            rx.flex(
                rx.heading(t("security.new_codes"), size="3", as_="h3"),
                field(S, "new_code", "security.code", autocomplete="one-time-code", required=True),
                submit(S, "security.new_codes_submit"),
                direction="column", spacing="3", max_width="22rem",
            ),
            on_submit=S.new_codes, id="new-codes-form", reset_on_submit=True,
        ),
        rx.cond(
            S.admin,
            rx.text(t("security.admin_keeps"), size="2", color_scheme="gray", id="admin-keeps"),
            rx.form(
                rx.flex(
                    rx.heading(t("security.off_title"), size="3", as_="h3"),
                    field(S, "password", "form.password", type_="password",
                          autocomplete="current-password", required=True),
                    field(S, "off_code", "security.code", autocomplete="one-time-code", required=True),
                    submit(S, "security.off_submit"),
                    direction="column", spacing="3", max_width="22rem",
                ),
                on_submit=S.turn_off, id="totp-off-form", reset_on_submit=True,
            ),
        ),
        direction="column", spacing="4",
    )


def _off() -> rx.Component:
    return rx.flex(
        rx.flex(rx.badge(t("security.off"), color_scheme="gray", size="2", id="totp-status"),
                spacing="3"),
        rx.cond(S.done, rx.callout(S.done_message, icon="circle-check", color_scheme="green",
                                   role="status", high_contrast=True)),
        rx.cond(S.admin, rx.callout(t("security.admin_needs"), icon="shield-alert",
                                    color_scheme="amber", high_contrast=True, id="admin-needs")),
        form_error(S),
        rx.button(rx.icon("smartphone", size=16), t("security.start"), on_click=S.start,
                  id="totp-start", size="3", width="fit-content", loading=S.busy),
        direction="column", spacing="4",
    )


@route("/beveiliging", title="title.security", on_load=S.load)
def security() -> rx.Component:
    return page(card(
        rx.heading(t("security.title"), size="7", as_="h1"),
        rx.text(t("security.lead"), size="3", color_scheme="gray"),
        rx.heading(t("security.totp_title"), size="5", as_="h2"),
        rx.cond(
            S.recovery_codes.length() > 0, _codes(),
            rx.cond(S.two_factor_on, _on(), rx.cond(S.qr_path != "", _setup(), _off())),
        ),
    ), narrow=True)
