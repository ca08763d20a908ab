"""The restrict tab: restrict processing (Art. 18), object per purpose (Art. 21), the requests made."""

import reflex as rx

from ...components.i18n import t
from ...components.layout import card
from ...models.requests import OBJECTION_PURPOSES
from .news import news
from .parts import S, error, notice


def _objection(purpose: str) -> rx.Component:
    state = S.objection_state
    return rx.card(
        rx.flex(
            rx.heading(t(f"objection.purpose.{purpose}"), size="3", as_="h3"),
            rx.text(t(f"objection.text.{purpose}"), size="2", color_scheme="gray"),
            notice(f"object_{purpose}"),
            rx.cond(
                state.contains(purpose),
                rx.cond(state[purpose] == "upheld",
                        rx.badge(t("mydata.object.state_upheld"), color_scheme="green", size="2"),
                        rx.badge(t("mydata.object.state_open"), color_scheme="amber", size="2")),
                rx.form(
                    rx.flex(
                        rx.el.input(type="hidden", name="purpose", value=purpose),
                        rx.flex(
                            rx.el.label(t("mydata.object.motivation"),
                                        html_for=f"motivation-{purpose}", class_name="cv-label"),
                            rx.text_area(dir="auto", id=f"motivation-{purpose}", name="motivation", rows="3",
                                         width="100%", required=True, resize="vertical"),
                            rx.cond(S.errors.contains(f"object_{purpose}"),
                                    rx.text(S.errors[f"object_{purpose}"], role="alert",
                                            size="2", color_scheme="red")),
                            direction="column", spacing="1", width="100%",
                        ),
                        rx.button(t("mydata.object.submit"), type="submit", variant="soft"),
                        direction="column", spacing="2", align="start",
                    ),
                    on_submit=S.object_to, key=S.form_key, id=f"object-{purpose}",
                ),
            ),
            direction="column", spacing="2",
        ),
        size="2",
    )


def _request_row(item) -> rx.Component:
    return rx.flex(
        rx.text(item["line"], size="2"),
        rx.flex(rx.badge(item["status"], variant="soft"),
                rx.cond(item["due"] != "", rx.text(item["due"], size="1", color_scheme="gray")),
                spacing="2", align="center"),
        justify="between", wrap="wrap", spacing="2", padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
    )


def restrict() -> rx.Component:
    return rx.flex(
        card(
            rx.heading(t("mydata.restrict.title"), size="5", as_="h2"),
            rx.text(t("mydata.restrict.lead"), size="3"),
            rx.el.label(
                rx.switch(checked=S.is_restricted, on_change=S.set_restriction, size="3",
                          id="restrict-switch"),
                rx.text(t("mydata.restrict.switch"), weight="medium"),
                class_name="cv-inline-check", html_for="restrict-switch",
            ),
            notice("restrict"),
            error("restrict"),
        ),
        card(
            rx.heading(t("mydata.object.title"), size="5", as_="h2"),
            rx.text(t("mydata.object.lead"), size="3"),
            *[_objection(p) for p in OBJECTION_PURPOSES],
        ),
        news(),
        card(
            rx.heading(t("mydata.requests.title"), size="4", as_="h2"),
            rx.cond(S.request_rows.length() > 0,
                    rx.flex(rx.foreach(S.request_rows, _request_row), direction="column",
                            id="requests"),
                    rx.text(t("mydata.requests.none"), size="2", color_scheme="gray")),
        ),
        direction="column", spacing="4", max_width="46rem",
    )
