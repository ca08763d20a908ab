"""A plain HTML ``<form>`` that the browser submits itself (issue 23, ``/probeer``).

Reflex's ``rx.el.form`` always installs its own submit handler, which prevents the browser's
submission and sends the values as a state event instead: for ``/probeer`` that is exactly
what must not happen (no value of the form may reach the server's state store). This element
has no handler: the browser posts the form to ``action`` and handles the answer (a PDF
download)."""

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """``<form action=… method=…>`` without Reflex's submit handling."""

    tag = "form"
    action: rx.Var[str]
    method: rx.Var[str]


native_form = NativeForm.create
