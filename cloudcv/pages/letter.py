"""``/brief/[letter_id]``: one cover letter, saved as you type, downloaded in its CV's style."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..services.cv.letters import LETTER_FIELDS
from ..state.letters import LetterState as S
from .registry import route

_WIDE = ("recipient_address", "body")


def _field(name: str) -> rx.Component:
    field_id = f"letter-{name}"
    limit = LETTER_FIELDS[name][0] if name in LETTER_FIELDS else 10
    props = dict(id=field_id, default_value=S.letter[name], width="100%",
                 on_blur=lambda v: S.save_letter_field(name, v), max_length=limit)
    control = rx.text_area(dir="auto", rows="14" if name == "body" else "3", **props) if name in _WIDE \
        else rx.input(dir="auto", size="2", placeholder="dd-mm-jjjj" if name == "letter_date" else None, **props)
    return rx.flex(
        rx.el.label(t(f"letters.field.{name}"), html_for=field_id, class_name="cv-label"),
        control,
        rx.cond(S.letter_errors.contains(name),
                rx.text(S.letter_errors[name], color_scheme="red", size="2", role="alert")),
        direction="column", spacing="1", width="100%",
        grid_column=rx.cond(name in _WIDE, "1 / -1", "auto"),
    )


def _downloads() -> rx.Component:
    return rx.flex(
        *[rx.button(rx.link(label, href=href, download="", reload_document=True, underline="none",
                            id=f"letter-download-{fmt}"),
                    as_child=True, size="2", variant=variant)
          for fmt, label, href, variant in (("pdf", t("letters.download_pdf"), S.pdf_href, "solid"),
                                            ("docx", t("editor.download_docx"), S.docx_href, "soft"),
                                            ("md", t("editor.download_markdown"), S.markdown_href, "soft"))],
        spacing="2", wrap="wrap",
    )


@route("/brief/[letter_id]", title="title.letter", on_load=S.load_letter)
def letter_page() -> rx.Component:
    return page(rx.cond(
        S.letter_found,
        rx.flex(
            rx.link(rx.flex(rx.icon("arrow-left", size=16), t("letters.back"), align="center",
                            spacing="1"), href="/cv/" + S.letter_cv, size="2"),
            rx.flex(rx.heading(t("letters.page_title"), size="7", as_="h1"),
                    rx.cond(S.letter_saved, rx.badge(rx.icon("check", size=12), t("editor.saved"),
                                                     color_scheme="green", size="2", id="letter-saved")),
                    align="center", spacing="3", wrap="wrap"),
            rx.text(t("letters.page_lead"), size="2", color_scheme="gray"),
            _downloads(),
            card(
                rx.grid(*[_field(name) for name in (
                    "title", "subject", "recipient_name", "recipient_org", "recipient_address",
                    "place", "letter_date", "salutation", "body", "closing")],
                    columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%"),
                key=S.letter_key,
            ),
            direction="column", spacing="4",
        ),
        rx.flex(rx.heading(t("error.not_found"), size="6", as_="h1", id="not-found"),
                link_button(t("editor.back"), "/cv", variant="soft"),
                direction="column", spacing="4", align="start"),
    ))
