"""``/mijn-gegevens``: everything CloudCV holds about the user, and the user's rights.

One page, one state (``MyDataState``), one module per tab: ``overview``, ``account``
(correct, delete), ``devices``, ``download``, ``restrict`` (restrict and object).
"""

import reflex as rx

from ...components.i18n import t
from ...components.layout import page
from ...state.mydata import MyDataState
from ..registry import route
from .account import correct, delete
from .devices import devices
from .download import download
from .overview import overview
from .parts import S
from .restrict import restrict

TABS = (("overzicht", "mydata.tab.overview", "list"),
        ("wijzigen", "mydata.tab.correct", "pencil"),
        ("apparaten", "mydata.tab.devices", "monitor-smartphone"),
        ("downloaden", "mydata.tab.download", "download"),
        ("beperken", "mydata.tab.restrict", "shield-off"),
        ("verwijderen", "mydata.tab.delete", "trash-2"))


@route("/mijn-gegevens", title="title.mydata", on_load=MyDataState.load)
def mydata() -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("mydata.title"), size="8", as_="h1"),
            rx.text(t("mydata.lead"), color_scheme="gray", size="3", max_width="46rem"),
            direction="column", spacing="2",
        ),
        rx.tabs.root(
            rx.box(
                rx.tabs.list(
                    *[rx.tabs.trigger(rx.flex(rx.icon(icon, size=15), t(key), spacing="2",
                                              align="center"),
                                      value=value, id=f"tab-{value}")
                      for value, key, icon in TABS],
                    size="2", aria_label=t("mydata.tabs"),
                ),
                class_name="md-tabs",
            ),
            *[rx.tabs.content(body, value=value, padding_top="1.5rem")
              for (value, _, _), body in zip(TABS, (overview(), correct(), devices(),
                                                    download(), restrict(), delete()))],
            value=S.tab, on_change=S.set_tab, width="100%",
            # The overview fills in after the page loads (thousands of px): reserving a screen
            # keeps the footer below the fold meanwhile, so nothing visible shifts (CLS 0.88 on
            # desktop Lighthouse before, issue 20).
            min_height="100vh",
        ),
    )
