"""The editor's "Versies" card (issue 23): every download and send keeps a version, the user
names one, views one as its PDF or restores it."""

import reflex as rx

from ..state.versions import VersionsState as S
from .i18n import t
from .layout import card


def _version(v) -> rx.Component:
    label = rx.cond(v["name"] != "", v["name"], v["reason"])
    return rx.flex(
        rx.flex(
            rx.text(label, size="2", weight="medium"),
            rx.text(v["when"], rx.cond(v["name"] != "", " · " + v["reason"], ""), size="1",
                    color_scheme="gray"),
            direction="column", spacing="0", min_width="0", flex="1",
        ),
        rx.flex(
            rx.link(t("versions.view"), href=v["href"], is_external=True, size="2",
                    aria_label=t("versions.view") + ": " + label + " " + v["when"]),
            rx.button(t("versions.restore"), size="1", variant="soft", type="button",
                      on_click=S.restore_version(v["id"]), disabled=S.locked,
                      aria_label=t("versions.restore") + ": " + label + " " + v["when"]),
            spacing="3", align="center",
        ),
        justify="between", align="center", spacing="3", wrap="wrap", class_name="cv-version",
        key=v["id"],
    )


def versions_card() -> rx.Component:
    """The card; it loads the list when it appears (the editor has loaded the CV)."""
    return card(
        rx.heading(t("versions.title"), size="5", as_="h2"),
        rx.text(t("versions.lead"), size="2", color_scheme="gray"),
        rx.form(
            rx.flex(
                rx.flex(
                    rx.el.label(t("versions.name"), html_for="version-name", class_name="cv-label"),
                    rx.input(dir="auto", id="version-name", name="name", size="2", max_length=80,
                             placeholder=t("versions.name_hint"), width="100%"),
                    direction="column", spacing="1", flex="1", min_width="12rem",
                ),
                rx.button(rx.icon("bookmark-plus", size=16), t("versions.save"), type="submit",
                          size="2", variant="soft", id="save-version"),
                align="end", spacing="3", wrap="wrap",
            ),
            on_submit=S.save_version, reset_on_submit=True, key=S.version_round,
        ),
        rx.cond(S.version_error != "", rx.text(S.version_error, color_scheme="red", size="2",
                                               role="alert", id="version-error")),
        rx.cond(S.version_done != "", rx.text(S.version_done, color_scheme="green", size="2",
                                              role="status", id="version-done")),
        rx.cond(S.versions.length() > 0,
                rx.flex(rx.foreach(S.versions, _version), direction="column", spacing="2",
                        id="version-list", max_height="22rem", overflow_y="auto"),
                rx.text(t("versions.empty"), size="2", color_scheme="gray")),
        on_mount=S.load_versions, id="versions-card",
    )
