"""Reflex State classes: thin. Validate the payload, call a service off the loop, set vars.

Every public method of a State is an event any client can call, so helpers start with an
underscore and handlers are declared with ``events.event`` (type-checked arguments). Auto
setters (``REFLEX_STATE_AUTO_SETTERS=true``) would add a client-callable ``set_<var>`` for
every var, the session and role display vars included: the app refuses to start with them.
"""

from reflex_base.config import get_config, get_state_auto_setters


class AutoSettersRefused(RuntimeError):
    """Raised at import when Reflex auto setters are switched on."""

    pass


def _refuse_auto_setters() -> None:
    if get_state_auto_setters() or get_config().state_auto_setters:
        raise AutoSettersRefused(
            "REFLEX_STATE_AUTO_SETTERS / state_auto_setters must stay off: every var would get "
            "a setter that any client can call (see docs/security.md)")


_refuse_auto_setters()
