"""The "our privacy statement has changed" notice (§2), shown to logged-in users above the
content of every page until they dismiss it."""

from __future__ import annotations

import reflex as rx

from ..state.base import AppState
from ..state.retention import NoticeState
from .i18n import t


def statement_notice() -> rx.Component:
    """The "our privacy statement has changed" notice for a logged-in user."""
    return rx.box(
        rx.cond(
            AppState.logged_in & (NoticeState.notice_version > 0),
            rx.callout.root(
                rx.callout.icon(rx.icon("file-pen-line")),
                rx.flex(
                    rx.text(t("notice.title"), weight="bold"),
                    rx.text(NoticeState.notice_text),
                    rx.flex(
                        rx.link(t("notice.read"), href="/privacy"),
                        rx.button(t("notice.dismiss"), size="2", variant="soft",
                                  on_click=NoticeState.dismiss, id="notice-dismiss"),
                        spacing="4", align="center", wrap="wrap",
                    ),
                    direction="column", spacing="2",
                ),
                color_scheme="blue", role="status", width="100%", id="statement-notice",
            ),
        ),
        on_mount=NoticeState.check, width="100%",
    )
