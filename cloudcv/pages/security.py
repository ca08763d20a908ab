"""``/beveiliging``: two-factor login with an authenticator app (state: state/security.py)."""

import reflex as rx

from ..components.fields import field, form_error, submit
from ..components.i18n import t
from ..components.layout import card, page
from ..components.passkey_bridge import passkey_bridge
from ..state.security import SecurityState as S
from .registry import route


def _outcome(section: str) -> rx.Component:
    """The done message or form-level error of the last action, in its own card only."""
    return rx.cond(S.section == section, rx.fragment(
        rx.cond(S.done, rx.callout(S.done_message, icon="circle-check", color_scheme="green",
                                   role="status", high_contrast=True, id=f"{section}-done")),
        form_error(S),
    ))


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
        _outcome("totp"),
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
        _outcome("totp"),
        rx.cond(S.admin, rx.callout(t("security.admin_needs"), icon="shield-alert",
                                    color_scheme="amber", high_contrast=True, id="admin-needs")),
        rx.button(rx.icon("smartphone", size=16), t("security.start"), on_click=S.start,
                  id="totp-start", size="3", width="fit-content", loading=S.busy),
        direction="column", spacing="4",
    )


def _passkeys() -> rx.Component:
    """The passkeys card: the list, adding one (after the password), removing one."""
    return rx.flex(
        rx.heading(t("security.passkeys_title"), size="5", as_="h2"),
        rx.text(t("security.passkeys_lead"), size="3", color_scheme="gray"),
        _outcome("passkeys"),
        rx.cond(
            S.passkeys.length() > 0,
            rx.el.ul(rx.foreach(S.passkeys, lambda p: rx.el.li(
                rx.text(rx.el.strong(p["name"]), " · ", t("security.passkey_created"), " ", p["created"],
                        rx.cond(p["last_used"] != "",
                                rx.fragment(" · ", t("security.passkey_used"), " ", p["last_used"])),
                        size="2"),
                class_name="passkey-row")), id="passkey-list", class_name="cv-plain-list"),
            rx.text(t("security.passkeys_none"), size="2", color_scheme="gray", id="passkeys-none"),
        ),
        rx.form(
            rx.flex(
                rx.heading(t("security.passkey_add"), size="3", as_="h3"),
                field(S, "passkey_name", "security.passkey_name", required=True,
                      hint_key="security.passkey_name_hint"),
                field(S, "passkey_password", "form.password", type_="password",
                      autocomplete="current-password", required=True),
                submit(S, "security.passkey_add_submit"),
                direction="column", spacing="3", max_width="22rem",
            ),
            on_submit=S.start_passkey, id="passkey-add-form", reset_on_submit=True,
        ),
        rx.cond(
            S.passkeys.length() > 0,
            rx.form(
                rx.flex(
                    rx.heading(t("security.passkey_remove"), size="3", as_="h3"),
                    rx.el.label(t("security.passkey_which"), html_for="passkey-which", class_name="cv-label"),
                    rx.el.select(rx.foreach(S.passkeys, lambda p: rx.el.option(p["name"], value=p["id"])),
                                 name="passkey_id", id="passkey-which", class_name="cv-select"),
                    field(S, "remove_password", "form.password", type_="password",
                          autocomplete="current-password", required=True),
                    submit(S, "security.passkey_remove_submit"),
                    direction="column", spacing="3", max_width="22rem",
                ),
                on_submit=S.remove_passkey, id="passkey-remove-form", reset_on_submit=True,
            ),
        ),
        passkey_bridge("passkey-create", "create", S.passkey_options, S.passkey_answer),
        direction="column", spacing="4",
    )


def _password() -> rx.Component:
    """Change the password: the current one, a new one; other devices are logged out."""
    return rx.flex(
        rx.heading(t("security.password_title"), size="5", as_="h2"),
        _outcome("password"),
        rx.form(
            rx.flex(
                field(S, "current_password", "security.current_password", type_="password",
                      autocomplete="current-password", required=True),
                field(S, "new_password", "form.new_password", type_="password",
                      autocomplete="new-password", hint_key="form.password_hint", required=True),
                submit(S, "security.password_submit"),
                direction="column", spacing="3", max_width="22rem",
            ),
            on_submit=S.change_password, id="password-change-form", reset_on_submit=True,
        ),
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
    ), card(_passkeys()), card(_password()), narrow=True)
