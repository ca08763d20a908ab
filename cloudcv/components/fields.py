"""Form fields with a real <label>, a hint and the error shown next to the field."""

from __future__ import annotations

import reflex as rx
from reflex.components.radix.themes.components.checkbox import Checkbox

from .i18n import t


def field(state, name: str, label_key: str, *, type_: str = "text", autocomplete: str = "off",
          hint_key: str | None = None, required: bool = False) -> rx.Component:
    """A labelled input named ``name``; ``state.errors[name]`` is shown under it."""
    field_id = f"field-{name}"
    error = state.errors[name]
    has_error = state.errors.contains(name)
    described = f"{field_id}-hint" if hint_key else ""
    return rx.flex(
        rx.el.label(t(label_key), html_for=field_id,
                    class_name="cv-label"),
        rx.input(dir="auto", id=field_id, name=name, type=type_, auto_complete=autocomplete,
                 required=required, size="3", width="100%",
                 aria_invalid=rx.cond(has_error, "true", "false"),
                 aria_describedby=f"{described} {field_id}-error".strip(),
                 color_scheme=rx.cond(has_error, "red", "indigo")),
        rx.cond(hint_key is not None,
                rx.text(t(hint_key) if hint_key else "", id=f"{field_id}-hint", size="1",
                        color_scheme="gray")),
        rx.cond(has_error,
                rx.text(error, id=f"{field_id}-error", role="alert", size="2",
                        color_scheme="red", weight="medium")),
        direction="column", spacing="1", width="100%",
    )


def form_error(state) -> rx.Component:
    """The form-level error of a ``FormState`` (state/forms.py), above the submit button."""
    return rx.cond(
        state.form_error != "",
        rx.callout(state.form_error, icon="triangle_alert", color_scheme="red", role="alert",
                   width="100%"),
    )


def submit(state, label_key: str) -> rx.Component:
    """The submit button: "Even geduld…" and disabled while ``state.busy``."""
    return rx.button(
        rx.cond(state.busy, t("form.busy"), t(label_key)),
        type="submit", size="3", width="100%", loading=state.busy,
    )


def form(state, form_id: str, submit_key: str, *children: rx.Component,
         after: rx.Component | None = None, on_submit=None) -> rx.Component:
    """A ``FormState`` form: ``children`` (the fields), the form-level error, the submit
    button, then ``after`` (e.g. links); submitting calls ``on_submit`` (default
    ``state.submit``)."""
    return rx.form(
        rx.flex(*children, form_error(state), submit(state, submit_key),
                *([after] if after is not None else []), direction="column", spacing="4"),
        on_submit=on_submit if on_submit is not None else state.submit, id=form_id,
    )


def checkbox(label, *, size: str = "2", text_size: str | None = None, gray: bool = False,
             aria_label=None, **props) -> rx.Component:
    """A Radix checkbox and its text inside ONE <label>, so the box is named by the text.

    ``rx.checkbox`` wraps the box in a <label> of its own; nested in ours, that empty inner
    label left the box (a button with role=checkbox) without a name. ``aria_label`` (from the
    catalog) must start with the visible text (WCAG 2.5.3)."""
    if aria_label is not None:
        props["aria_label"] = aria_label
    text_props = {"color_scheme": "gray"} if gray else {}
    return rx.el.label(
        Checkbox.create(size=size, **props),
        rx.text(label, size=text_size or size, **text_props),
        class_name="cv-inline-check",
    )
