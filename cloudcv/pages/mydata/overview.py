"""The first tab: what CloudCV holds about the user, from the personal-data registry."""

import reflex as rx

from ...components.i18n import t
from .parts import S


def _fact(label_key: str, value) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="7rem"),
        rx.data_list.value(value),
        align="start",
    )


def _holding(item) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading(item["title"], size="4", as_="h2"),
                rx.cond(item["empty"] == "1",
                        rx.badge(t("mydata.none"), color_scheme="gray", variant="soft"),
                        rx.badge(item["count"], variant="soft", radius="full")),
                justify="between", align="start", spacing="3",
            ),
            rx.data_list.root(
                _fact("mydata.what", item["what"]),
                _fact("mydata.why", item["why"]),
                _fact("mydata.basis", item["basis"]),
                _fact("mydata.how_long", item["how_long"]),
                rx.cond(item["deletion"] != "", _fact("mydata.deleted_on", item["deletion"])),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2", spacing="2",
            ),
            rx.cond(item["not_exported"] == "1",
                    rx.text(t("mydata.not_exported"), size="1", color_scheme="gray")),
            direction="column", spacing="3",
        ),
        size="2", class_name="md-holding", custom_attrs={"data-table": item["table"]},
    )


def overview() -> rx.Component:
    return rx.flex(
        rx.text(t("mydata.overview_lead"), color_scheme="gray", size="3", max_width="46rem"),
        rx.grid(rx.foreach(S.overview, _holding), columns=rx.breakpoints(initial="1", md="2"),
                spacing="4", width="100%", id="holdings"),
        direction="column", spacing="4",
    )
