"""One page, one input, one handler, one computed var: the framework's floor, for the load
benchmarks and for Lighthouse (bench/lighthouse.py)."""

import reflex as rx


class BlankState(rx.State):
    """What the load generator types into: ``set_text`` is its one handler."""

    text: str = ""

    @rx.event
    def set_text(self, value: str):
        """Store the typed text (the analogue of CloudCV's ``save_field``)."""
        self.text = value if isinstance(value, str) else ""

    @rx.var
    def length(self) -> int:
        """The one computed var, recomputed on every change."""
        return len(self.text)


def index() -> rx.Component:
    """The page: Radix Themes components, as CloudCV's pages (Lighthouse compares the two)."""
    return rx.container(
        rx.heading("Blank Reflex app"),
        rx.input(value=BlankState.text, on_change=BlankState.set_text, id="text",
                 aria_label="Text"),
        rx.text(BlankState.length, id="length"),
    )


app = rx.App()
app.add_page(index, route="/", title="Blank")
