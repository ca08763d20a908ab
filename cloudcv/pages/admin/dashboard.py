"""``/beheer``: figures and charts."""

import reflex as rx

from ...components.i18n import t
from ...state.admin import AdminState
from . import admin_page
from ..registry import route

STATS = ("open_requests", "overdue", "users", "active", "cvs", "holds", "queued", "failed")


def _stat(key: str) -> rx.Component:
    return rx.card(rx.flex(rx.text(t(f"admin.stat.{key}"), size="2", color_scheme="gray"),
                           rx.text(AdminState.stats[key], size="7", weight="bold"),
                           direction="column", spacing="1"), size="2")


@route("/beheer", title="title.admin", on_load=AdminState.load_console)
def dashboard() -> rx.Component:
    return admin_page(
        "dashboard",
        rx.grid(*[_stat(k) for k in STATS], columns=rx.breakpoints(initial="2", sm="4"),
                spacing="3", width="100%", id="admin-stats"),
        rx.card(
            rx.heading(t("admin.chart.title"), size="4", as_="h2"),
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="registrations", name=t("admin.chart.registrations"),
                                fill="var(--accent-9)"),
                rx.recharts.bar(data_key="logins", name=t("admin.chart.logins"), fill="var(--teal-9)"),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                rx.recharts.legend(),
                data=AdminState.series, width="100%", height=260,
            ),
            size="3",
        ),
    )
