"""One page, one input, one handler, one computed var: the framework's own floor."""

import reflex as rx


class BlankState(rx.State):
    text: str = ""

    @rx.event
    def set_text(self, value: str):
        self.text = value

    @rx.var
    def length(self) -> int:
        return len(self.text)


def index() -> rx.Component:
    return rx.container(
        rx.heading("Blank Reflex app"),
        rx.input(value=BlankState.text, on_change=BlankState.set_text, aria_label="Text"),
        rx.text(BlankState.length),
    )


app = rx.App()
app.add_page(index, title="Blank")
