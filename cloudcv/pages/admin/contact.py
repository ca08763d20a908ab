"""``/beheer/contact``: contact questions: answer by mail or mark handled."""

import reflex as rx

from ...components.i18n import t
from ...state.contact import AdminContactState as C
from . import open_list_page
from ..registry import route


def _question(q) -> rx.Component:
    return rx.card(rx.flex(
        rx.flex(rx.text(q["name"], weight="bold"), rx.text(q["email"], color_scheme="gray", size="2"),
                rx.text(q["organisation"], color_scheme="gray", size="2"), rx.spacer(),
                rx.text(q["received"], size="1", color_scheme="gray"), spacing="2", wrap="wrap", align="center"),
        rx.text(q["message"], white_space="pre-wrap", size="2"),
        rx.cond(q["handled"] != "",
                rx.callout(t("admin.contact.handled") + " " + q["handled"] + rx.cond(q["answer"] != "", ": " + q["answer"], ""),
                           icon="check", color_scheme="green", size="1"),
                rx.form(rx.flex(
                    rx.el.input(type="hidden", name="question_id", value=q["id"]),
                    rx.el.label(t("admin.contact.answer"), html_for="answer-" + q["id"], class_name="cv-label"),
                    rx.text_area(dir="auto", id="answer-" + q["id"], name="answer", rows="3", width="100%"),
                    rx.flex(rx.button(t("admin.contact.send_answer"), type="submit", size="2"),
                            rx.button(t("admin.contact.mark_handled"), type="button", size="2", variant="soft",
                                      on_click=C.handled(q["id"])), spacing="2", wrap="wrap"),
                    direction="column", spacing="2"), on_submit=C.answer, reset_on_submit=True)),
        direction="column", spacing="2"), size="2", class_name="contact-question")


@route("/beheer/contact", title="title.admin_contact", on_load=C.load)
def contact() -> rx.Component:
    return open_list_page("contact", C, _question, open_key="admin.contact.open",
                          all_key="admin.contact.all", id_="contact-list")
