"""``/verzoek``: the public request form for people who cannot log in (§6), with the
one-time code step (state/verzoek.py)."""

import reflex as rx

from ..components.fields import field, form_error
from ..components.i18n import t
from ..components.layout import card, page
from ..models.requests import KINDS, OBJECTION_PURPOSES
from ..state.verzoek import VerzoekState
from .registry import route

V = VerzoekState


def _textarea(name: str, label, *, state=V, required: bool = False) -> rx.Component:
    field_id = f"field-{name}"
    return rx.flex(
        rx.el.label(label, html_for=field_id, class_name="cv-label"),
        rx.text_area(dir="auto", id=field_id, name=name, rows="4", width="100%", required=required,
                     aria_describedby=f"{field_id}-error", resize="vertical"),
        rx.cond(state.errors.contains(name),
                rx.text(state.errors[name], id=f"{field_id}-error", role="alert", size="2",
                        color_scheme="red", weight="medium")),
        direction="column", spacing="1", width="100%",
    )


@route("/verzoek", title="title.verzoek", on_load=VerzoekState.load)
def verzoek() -> rx.Component:
    return page(card(
        rx.heading(t("verzoek.title"), size="7", as_="h1"),
        rx.match(
            V.step,
            ("done", rx.flex(
                rx.heading(t("verzoek.done_title"), size="4", as_="h2"),
                rx.callout(V.done_message, icon="circle-check", color_scheme="green",
                           role="status", id="verzoek-done"),
                direction="column", spacing="3")),
            ("code", rx.form(
                rx.flex(
                    rx.callout(t("verzoek.code_sent").replace("{email}", V.sent_to),
                               icon="mail", role="status", id="code-sent"),
                    field(V, "code", "verzoek.code", autocomplete="one-time-code",
                          required=True),
                    rx.button(rx.cond(V.busy, t("form.busy"), t("verzoek.verify")),
                              type="submit", size="3", width="100%", loading=V.busy),
                    rx.button(t("verzoek.restart"), type="button", variant="ghost",
                              on_click=V.restart),
                    direction="column", spacing="4",
                ),
                on_submit=V.verify, id="code-form",
            )),
            rx.form(
                rx.flex(
                    rx.text(t("verzoek.lead"), size="3", color_scheme="gray"),
                    rx.cond(V.logged_in,
                            rx.callout(rx.link(t("verzoek.logged_in"), href="/mijn-gegevens"),
                                       icon="info")),
                    rx.el.fieldset(
                        rx.el.legend(t("verzoek.kind"), class_name="cv-label"),
                        rx.radio_group.root(
                            rx.flex(*[rx.el.label(
                                rx.radio_group.item(value=k, id=f"kind-{k}"),
                                rx.text(t(f"request.kind.{k}"), size="2"),
                                html_for=f"kind-{k}", class_name="md-radio")
                                for k in KINDS], direction="column", spacing="2"),
                            name="kind", value=V.kind, on_change=V.set_kind, required=True,
                        ),
                        rx.cond(V.errors.contains("kind"),
                                rx.text(V.errors["kind"], role="alert", size="2",
                                        color_scheme="red")),
                        class_name="cv-fieldset",
                    ),
                    rx.cond(
                        V.kind == "objection",
                        rx.flex(
                            rx.el.label(t("verzoek.purpose"), html_for="field-purpose",
                                        class_name="cv-label"),
                            rx.el.select(
                                *[rx.el.option(t(f"objection.purpose.{p}"), value=p)
                                  for p in OBJECTION_PURPOSES],
                                name="purpose", id="field-purpose", class_name="md-select"),
                            rx.cond(V.errors.contains("purpose"),
                                    rx.text(V.errors["purpose"], role="alert", size="2",
                                            color_scheme="red")),
                            _textarea("motivation", t("verzoek.motivation"), state=V),
                            direction="column", spacing="2",
                        ),
                    ),
                    field(V, "email", "verzoek.email", type_="email", autocomplete="email",
                          hint_key="verzoek.email_hint", required=True),
                    _textarea("details", t("verzoek.details"), state=V),
                    form_error(V),
                    rx.button(rx.cond(V.busy, t("form.busy"), t("verzoek.submit")),
                              type="submit", size="3", width="100%", loading=V.busy),
                    direction="column", spacing="4",
                ),
                on_submit=V.submit, id="verzoek-form",
            ),
        ),
    ), narrow=True)
