"""The devices tab: where the user is logged in; log out one device or all others."""

import reflex as rx

from ...components.i18n import t
from .parts import S, error, notice


def _device(item) -> rx.Component:
    current = item["current"] == "1"
    return rx.card(
        rx.flex(
            rx.flex(
                rx.flex(
                    rx.icon("monitor-smartphone", size=18, color="var(--accent-9)"),
                    rx.text(item["os"], " · ", item["browser"], weight="medium"),
                    rx.cond(current, rx.badge(t("mydata.devices.this"), color_scheme="green")),
                    spacing="2", align="center", wrap="wrap",
                ),
                rx.text(t("mydata.devices.place").replace("{place}", item["place"])
                        .replace("{ip}", item["ip"]), size="2", color_scheme="gray"),
                rx.text(t("mydata.devices.last_seen").replace("{when}", item["last_seen"]),
                        size="2", color_scheme="gray"),
                direction="column", spacing="1", min_width="0",
            ),
            rx.cond(current, rx.fragment(),
                    rx.button(t("mydata.devices.revoke"), variant="soft", color_scheme="red",
                              on_click=S.revoke(item["id"]), class_name="md-revoke",
                              aria_label=t("mydata.devices.revoke_label").replace(
                                  "{device}", item["os"] + " · " + item["browser"]))),
            justify="between", align="center", spacing="3", wrap="wrap",
        ),
        size="2", class_name="md-device", custom_attrs={"data-current": item["current"]},
    )


def devices() -> rx.Component:
    return rx.flex(
        rx.text(t("mydata.devices.lead"), color_scheme="gray", size="3"),
        notice("devices"),
        error("devices"),
        rx.flex(rx.foreach(S.devices, _device), direction="column", spacing="3", id="devices"),
        rx.cond(S.devices.length() > 1,
                rx.box(rx.button(rx.icon("log-out", size=16), t("mydata.devices.revoke_others"),
                                 on_click=S.revoke_others, variant="outline", color_scheme="red",
                                 id="revoke-others")),
                rx.text(t("mydata.devices.only_this"), size="2", color_scheme="gray")),
        direction="column", spacing="4", max_width="46rem",
    )
