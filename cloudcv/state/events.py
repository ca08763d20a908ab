"""``@event``: Reflex's ``@rx.event`` plus a check of every argument against its type hint.

Reflex does not enforce handler type hints: a client can send a dict where a field name
(``str``) is expected, and the handler then fails with a TypeError and a traceback. Every
handler in ``state/`` is declared with ``@event`` instead of ``@rx.event`` (a test walks the
states and refuses any that is not). A call whose arguments do not match is refused before
the handler runs: nothing is stored, the page shows the translated "invalid input" flash,
and the server logs one warning line, not a crash.

Accepted shapes: ``str``, ``int`` and ``float`` (never ``bool``), ``bool``, ``X | None``,
``list[X]``, and ``dict`` (a submitted form: string keys, values that are scalars or lists
of scalars). Anything else must be an instance of the hinted class.
"""

from __future__ import annotations

import functools
import inspect
import logging
import types
import typing
from collections.abc import Callable
from typing import Any

import reflex as rx

log = logging.getLogger("cloudcv.events")
CHECKED = "__cloudcv_checked__"
_SCALAR = (str, int, float, bool, type(None))


def _conforms(value: Any, hint: Any) -> bool:
    if hint is Any or hint is inspect.Parameter.empty:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if hint is dict or origin is dict:
        return isinstance(value, dict) and all(
            isinstance(k, str) and (isinstance(v, _SCALAR) or (
                isinstance(v, list) and all(isinstance(x, _SCALAR) for x in v)))
            for k, v in value.items())
    if hint is list or origin is list:
        args = typing.get_args(hint)
        return isinstance(value, list) and all(_conforms(x, args[0]) for x in value) \
            if args else isinstance(value, list)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return False


def _mismatch(spec: tuple[inspect.Signature, dict], args: tuple, kwargs: dict) -> str | None:
    """The first argument that does not fit its hint, or None."""
    signature, hints = spec
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError:
        return "(arguments)"
    for name, value in list(bound.arguments.items())[1:]:
        if not _conforms(value, hints.get(name, Any)):
            return name
    return None


def _refuse(state, fn: Callable, name: str) -> None:
    log.warning("refused %s: argument %r has the wrong type", fn.__qualname__, name)
    if not getattr(fn, "_background", False):
        state.flash = "error.invalid_input"


def event(fn: Callable | None = None, **options) -> Any:
    """``@event`` / ``@event(background=True)``: a type-checked ``rx.event``."""
    if fn is None:
        return lambda f: event(f, **options)
    cache: list[tuple[inspect.Signature, dict]] = []

    def _hints() -> tuple[inspect.Signature, dict]:
        """Signature and hints, resolved once at the first call (every event runs this on
        the event loop; by then the module is fully imported)."""
        if not cache:
            cache.append((inspect.signature(fn), typing.get_type_hints(fn)))
        return cache[0]

    if inspect.isasyncgenfunction(fn):
        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            if (bad := _mismatch(_hints(), args, kwargs)) is not None:
                _refuse(self, wrapper, bad)
                return
            async for item in fn(self, *args, **kwargs):
                yield item
    elif inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            if (bad := _mismatch(_hints(), args, kwargs)) is not None:
                return _refuse(self, wrapper, bad)
            return await fn(self, *args, **kwargs)
    else:
        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            if (bad := _mismatch(_hints(), args, kwargs)) is not None:
                return _refuse(self, wrapper, bad)
            return fn(self, *args, **kwargs)

    setattr(wrapper, CHECKED, True)
    wrapper._background = bool(options.get("background"))
    return rx.event(wrapper, **options) if options else rx.event(wrapper)
