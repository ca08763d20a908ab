"""The Reflex app: theme, pages and background tasks.

Every page declares its route, title and on_load next to its function (``@route``,
pages/registry.py); ``register`` finds them in the ``pages`` package and adds them here.
"""

import reflex as rx

from . import pages
from .api import api
from .pages.registry import register
from .services import tasks
from .state.base import backend_exception_handler

app = rx.App(
    html_lang="nl",
    stylesheets=["/cloudcv.css"],
    api_transformer=api,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
    backend_exception_handler=backend_exception_handler,
)

register(app, pages)

app.register_lifespan_task(tasks.mail_sender)
app.register_lifespan_task(tasks.warm_up_pdf)
app.register_lifespan_task(tasks.retention_sweeper)
app.register_lifespan_task(tasks.backup_scheduler)
