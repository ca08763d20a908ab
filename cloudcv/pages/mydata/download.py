"""The download tab: confirm the password, then build and download the ZIP export (Art. 15/20)."""

import reflex as rx

from ...components.i18n import t
from ...components.fields import field
from ...components.layout import card
from .parts import S, error, submit_button


def download() -> rx.Component:
    return card(
        rx.heading(t("mydata.download.title"), size="5", as_="h2"),
        rx.text(t("mydata.download.lead"), size="3"),
        rx.callout(t("mydata.download.others"), icon="users", color_scheme="gray", size="1"),
        error("export"),
        rx.cond(
            S.needs_reauth,
            rx.form(
                rx.flex(
                    rx.text(t("mydata.download.reauth"), size="2", color_scheme="gray"),
                    field(S, "password", "mydata.download.password", type_="password",
                          autocomplete="current-password", required=True),
                    submit_button("mydata.download.confirm"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.reauth, key=S.form_key, id="reauth-form",
            ),
            rx.flex(
                rx.box(rx.button(rx.icon("package", size=16), t("mydata.download.prepare"),
                                 on_click=S.prepare_export, loading=S.export_busy, size="3",
                                 id="prepare-export")),
                rx.cond(S.export_busy,
                        rx.flex(rx.progress(value=S.export_progress, max=100, size="2",
                                            aria_label=t("mydata.download.title")),
                                rx.text(t("mydata.download.busy").replace(
                                    "{pct}", S.export_progress.to_string()), size="2",
                                    role="status"),
                                direction="column", spacing="2", width="100%")),
                rx.cond(S.export_token != "",
                        rx.callout(
                            rx.flex(
                                rx.text(t("mydata.download.ready").replace(
                                    "{size}", S.export_size)),
                                rx.box(rx.button(rx.link(
                                    rx.icon("download", size=16), t("mydata.download.link"),
                                    href="/api/mijn-gegevens/export.zip?t=" + S.export_token,
                                    reload_document=True, download="", underline="none",
                                    id="download-zip"), as_child=True, size="3")),
                                direction="column", spacing="3",
                            ),
                            icon="circle-check", color_scheme="green", width="100%")),
                direction="column", spacing="3", width="100%",
            ),
        ),
        max_width="46rem",
    )
