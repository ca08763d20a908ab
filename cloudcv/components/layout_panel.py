"""The editor's "Opmaak" panel: font family, size, line spacing, margins, text and accent
colour, with the contrast warning (aria-live) and a button that applies the nearest
passing colour. Handlers: ``state/layout.py``; bounds: ``services/cv/typography.py``."""

from __future__ import annotations

import reflex as rx

from ..services.cv import typography
from ..services.cv.pdf import families
from ..state.cvs import EditorState
from ..state.layout import LayoutState
from .cv_fields import labelled
from .i18n import t
from .layout import card


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _select(field_id: str, label_key: str, options: list[tuple[str, rx.Var | str]], value, on_change):
    return labelled(field_id, t(label_key), rx.el.select(
        *[rx.el.option(text, value=key) for key, text in options],
        id=field_id, value=value, on_change=on_change, class_name="md-select cv-select"),
        error_key=f"layout.{field_id}")


def _colour(field_id: str, label_key: str, value, on_change) -> rx.Component:
    return rx.flex(
        rx.el.label(t(label_key), html_for=field_id, class_name="cv-label"),
        rx.el.input(type="color", id=field_id, value=value, on_change=on_change.debounce(250),
                    class_name="cv-colour"),
        direction="column", spacing="1",
    )


def _advice(warning, fix_label, on_click, button_id: str) -> rx.Component:
    return rx.cond(
        warning != "",
        rx.flex(
            rx.text(rx.icon("triangle-alert", size=14, aria_hidden="true"), " ", warning, size="2"),
            rx.button(fix_label, on_click=on_click, size="1", variant="soft", type="button", id=button_id),
            direction="column", spacing="1", align="start", class_name="cv-contrast-warning",
        ),
    )


def layout_panel() -> rx.Component:
    """The panel, as one card of the editor's column."""
    typo = EditorState.typo
    text_colour = rx.cond(typo["text_color"] == typography.DEFAULT, "#3a4049", typo["text_color"])
    return card(
        rx.heading(t("layout.title"), size="5", as_="h2", id="layout-title"),
        rx.text(t("layout.intro"), size="2", color_scheme="gray"),
        rx.grid(
            _select("layout-font", "layout.font",
                    [(f.key, f.label) for f in families.FAMILIES.values()],
                    typo["font"], LayoutState.set_font),
            _select("layout-size", "layout.size",
                    [(_number(v), _number(v).replace(".", ",")) for v in typography.SIZES],
                    typo["size"], LayoutState.set_size),
            _select("layout-spacing", "layout.spacing",
                    [(_number(v), _number(v).replace(".", ",")) for v in typography.SPACINGS],
                    typo["spacing"], LayoutState.set_spacing),
            _select("layout-margin", "layout.margin",
                    [(typography.DEFAULT, t("layout.default"))]
                    + [(str(v), str(v)) for v in typography.MARGINS],
                    typo["margin"], LayoutState.set_margin),
            _colour("layout-text-color", "layout.text_color", text_colour, LayoutState.set_text_color),
            _colour("layout-accent-color", "layout.accent_color", EditorState.accent,
                    LayoutState.set_custom_accent),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
        ),
        rx.cond(typo["text_color"] != typography.DEFAULT,
                rx.button(t("layout.reset_text_color"), on_click=LayoutState.reset_text_color,
                          size="1", variant="ghost", type="button", id="layout-reset-text")),
        rx.box(
            _advice(LayoutState.text_warning, LayoutState.text_fix_label, LayoutState.use_text_fix,
                    "layout-text-fix"),
            _advice(LayoutState.accent_warning, LayoutState.accent_fix_label,
                    LayoutState.use_accent_fix, "layout-accent-fix"),
            role="status", aria_live="polite", id="layout-contrast",
        ),
        rx.cond(EditorState.errors.contains("layout"),
                rx.text(EditorState.errors["layout"], color_scheme="red", size="2", role="alert")),
        role="region", aria_labelledby="layout-title", id="layout-panel",
    )
