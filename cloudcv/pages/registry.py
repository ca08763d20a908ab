"""``@route``: a page declares its address, title and on_load next to its function.

    from .registry import route

    @route("/contact", title="title.contact", on_load=AppState.load)
    def contact() -> rx.Component:
        return page(...)

``title`` is a catalog key (``i18n/catalogs/titles.py``); the app registers the Dutch text
when it is built. ``cloudcv/cloudcv.py`` calls ``register(app, pages)``, which imports every
module of the ``pages`` package and its subpackages (``pages/admin/``) and adds each
declared page, so a new page is one new module. tests/unit/test_pages.py lists every route
with its title and on_load, and checks that a page module in a new package is found.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..i18n import t

DECLARED = "__cloudcv_page__"


@dataclass(frozen=True)
class Page:
    """One declared page: the function that builds it, where it lives, what loads it."""

    component: Callable
    route: str
    title: str  # a catalog key
    on_load: Any = None


def route(path: str, *, title: str, on_load: Any = None) -> Callable[[Callable], Callable]:
    """Declare the decorated page function at ``path``, titled ``t(title)``, loaded by
    ``on_load`` (an event handler, an event, or a list of them)."""
    def declare(fn: Callable) -> Callable:
        setattr(fn, DECLARED, Page(fn, path, title, on_load))
        return fn
    return declare


def discover(package: ModuleType) -> list[Page]:
    """Every page declared in ``package`` and its subpackages, sorted by route."""
    modules = [package, *(importlib.import_module(info.name) for info in
                          pkgutil.walk_packages(package.__path__, f"{package.__name__}."))]
    found = {id(fn): page for module in modules for fn in vars(module).values()
             if (page := getattr(fn, DECLARED, None)) is not None and page.component is fn
             and fn.__module__ == module.__name__}  # not a page another package declares
    return sorted(found.values(), key=lambda p: p.route)


def register(app, package: ModuleType) -> list[Page]:
    """Add every page of ``package`` to the Reflex ``app``, with its Dutch title."""
    pages = discover(package)
    for page in pages:
        app.add_page(page.component, route=page.route, title=t(page.title, "nl"),
                     on_load=page.on_load)
    return pages
