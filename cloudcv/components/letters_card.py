"""The editor's "Brieven" card (issue 23): the CV's cover letters, a new one, open or delete."""

import reflex as rx

from ..state.letters import LettersState as S
from .i18n import t
from .layout import card


def _row(letter) -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.link(letter["title"], href="/brief/" + letter["id"], size="2", weight="medium"),
            rx.text(t("cvs.updated"), " ", letter["updated"], size="1", color_scheme="gray"),
            direction="column", spacing="0", min_width="0", flex="1",
        ),
        rx.button(t("letters.delete"), size="1", variant="ghost", color_scheme="red", type="button",
                  on_click=S.delete_letter(letter["id"]),
                  aria_label=t("letters.delete") + ": " + letter["title"]),
        justify="between", align="center", spacing="3", class_name="cv-letter", key=letter["id"],
    )


def letters_card() -> rx.Component:
    """The card; it loads the list when it appears (the editor has loaded the CV)."""
    return card(
        rx.flex(
            rx.heading(t("letters.title"), size="5", as_="h2"),
            rx.button(rx.icon("file-plus", size=16), t("letters.new"), size="2", variant="soft",
                      type="button", on_click=S.new_letter, id="new-letter"),
            justify="between", align="center", spacing="3", wrap="wrap",
        ),
        rx.text(t("letters.lead"), size="2", color_scheme="gray"),
        rx.cond(S.letters_error != "", rx.text(S.letters_error, color_scheme="red", size="2",
                                               role="alert")),
        rx.cond(S.letter_rows.length() > 0,
                rx.flex(rx.foreach(S.letter_rows, _row), direction="column", spacing="2",
                        id="letter-list"),
                rx.text(t("letters.empty"), size="2", color_scheme="gray")),
        on_mount=S.load_letters, id="letters-card",
    )
