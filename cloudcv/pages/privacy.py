"""``/privacy``: the privacy statement (Dutch is the binding text)."""

from pathlib import Path

import reflex as rx

from ..components.layout import page

_TEXT = (Path(__file__).parent.parent / "content" / "privacy-verklaring.nl.md").read_text()


def privacy() -> rx.Component:
    return page(rx.box(rx.markdown(_TEXT), class_name="cv-prose", id="privacy-text"))
