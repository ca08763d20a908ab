"""The template registry: the one list of PDF templates.

Every module in the package ``services/cv/pdf/templates/`` is one layout and declares a
module-level ``TEMPLATE = Template(...)``; :func:`discover` finds them with ``pkgutil``
(no import list anywhere). Everything that needs to know the templates reads
:func:`templates` or :func:`get`: the editor's radio cards (``pages/editor.py``), the
validation in ``services/cv/cvs.py`` (``set_layout``), :func:`cloudcv.services.cv.pdf.render`
and the per-template tests in ``tests/unit/test_pdf.py``. How to add one:
``docs/extending.md``, "Add a PDF template"; ``tests/unit/test_extending_template.py``
follows that recipe.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ....i18n import LANGS
from ...core.errors import Invalid
from . import families
from . import templates as _package

if TYPE_CHECKING:
    from .canvas import Ctx

NAME = re.compile(r"[a-z][a-z0-9_]{0,15}")  # stored in CV.template (16 characters)


class TemplateError(TypeError):
    """A module in the templates package does not declare a valid ``TEMPLATE``."""


@dataclass(frozen=True)
class Template:
    """One PDF layout, as its module declares it.

    ``name`` is the module's file name and what a CV stores; ``labels`` its name in the
    editor, one per UI language (``i18n.LANGS``); ``supports_photo`` / ``supports_accent``
    say whether the layout prints the photo and the accent colour, ``columns`` how many
    text columns it has (``tests/unit/test_pdf.py`` checks the claims). ``build(ctx)``
    draws the CV into ``ctx.c.pdf`` (see ``canvas.Ctx``); ``order`` places it among the
    editor's choices. ``font`` is the family (a key of ``families.py``) the layout is
    designed in: choosing the template in the editor switches the CV to it (the user can
    pick another afterwards); None keeps the CV's font. ``tint`` says that body text also
    sits on the accent mixed with white at that share (0.9: 90% white), so the editor's
    contrast check (``typography.py``) tests the text colour on that surface too.
    """

    name: str
    labels: Mapping[str, str]
    build: Callable[[Ctx], None]
    supports_photo: bool = False
    supports_accent: bool = False
    columns: int = 1
    order: int = 100
    font: str | None = None
    tint: float | None = None


def _checked(module: ModuleType, short: str) -> Template:
    tpl = getattr(module, "TEMPLATE", None)
    where = f"{module.__name__}: "
    if not isinstance(tpl, Template):
        raise TemplateError(where + "every module in the templates package declares TEMPLATE = Template(...)")
    if tpl.name != short or not NAME.fullmatch(tpl.name):
        raise TemplateError(where + f"TEMPLATE.name must be the file name {short!r} "
                            "(lower case, at most 16 characters)")
    missing = [lang for lang in LANGS if not (isinstance(tpl.labels.get(lang), str) and tpl.labels[lang])]
    if missing:
        raise TemplateError(where + f"TEMPLATE.labels lacks {', '.join(missing)}")
    if tpl.font is not None and tpl.font not in families.FAMILIES:
        raise TemplateError(where + f"TEMPLATE.font {tpl.font!r} is not a family of families.py")
    if tpl.tint is not None and not 0.0 < tpl.tint <= 1.0:
        raise TemplateError(where + "TEMPLATE.tint is a share of white between 0 and 1")
    if not callable(tpl.build) or tpl.columns < 1:
        raise TemplateError(where + "TEMPLATE.build must be callable and columns at least 1")
    return tpl


def discover(package: ModuleType) -> dict[str, Template]:
    """The templates declared by the modules of ``package``, by name, in editor order.

    Modules whose name starts with ``_`` are helpers and skipped. Raises
    :class:`TemplateError` when a module declares no valid ``TEMPLATE``. Pure: any
    caller; :func:`templates` caches it for the real package.
    """
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.append(_checked(module, info.name))
    return {tpl.name: tpl for tpl in sorted(found, key=lambda tpl: (tpl.order, tpl.name))}


@functools.cache
def templates() -> dict[str, Template]:
    """Every template of ``services/cv/pdf/templates/``, by name, in editor order.

    Discovered once per process (``templates.cache_clear()`` discovers again); any
    caller. Raises :class:`TemplateError` for a broken template module.
    """
    return discover(_package)


def names() -> tuple[str, ...]:
    """The template names, in editor order. Any caller."""
    return tuple(templates())


def get(name: object) -> Template:
    """The template called ``name``. Any caller.

    Raises ``Invalid("error.template_unknown", field="template")`` for any other name:
    there is no fallback to another layout.
    """
    found = templates().get(name) if isinstance(name, str) else None
    if found is None:
        raise Invalid("error.template_unknown", field="template")
    return found
