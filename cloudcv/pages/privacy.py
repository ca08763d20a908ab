"""``/privacy``: the privacy statement (Dutch is the binding text), rendered from the
personal-data registry and the processor table on every visit (services/statement.py)."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import page
from ..state.base import AppState
from ..state.retention import PrivacyState


def privacy() -> rx.Component:
    text = rx.cond(AppState.lang == "en", PrivacyState.text_en, PrivacyState.text_nl)
    return page(rx.box(
        rx.cond(text != "", rx.markdown(text),
                rx.flex(rx.spinner(size="3"), rx.text(t("privacy.loading"), color_scheme="gray"),
                        spacing="3", align="center", role="status")),
        class_name="cv-prose", id="privacy-text",
    ))
