"""Timing of a known versus an unknown e-mail address at login and at the password reset,
shared by ``test_brute_force.py`` and ``bench/timing.py`` (which prints the figures).

The two kinds of request are interleaved (known, unknown, known, ...) so that drift in the
machine's load hits both alike, and compared by their medians (robust against the outliers
a busy machine produces). Login attempts use a wrong password from a new IP each time and
move the clock past the throttle window between pairs, so throttling never answers instead
of the password check.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from cloudcv.services.accounts import accounts
from cloudcv.services.core import clock, throttle
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid

KNOWN = "anna@example.nl"
WRONG = "verkeerd wachtwoord"


@dataclass(frozen=True)
class Timing:
    """Medians (ms) of the known and unknown address and their relative difference."""

    what: str
    tries: int
    known_ms: float
    unknown_ms: float

    @property
    def relative(self) -> float:
        """|known - unknown| as a fraction of the larger median."""
        return abs(self.known_ms - self.unknown_ms) / max(self.known_ms, self.unknown_ms)

    def __str__(self) -> str:
        return (f"{self.what:6} {self.tries} tries each: known {self.known_ms:8.2f} ms, "
                f"unknown {self.unknown_ms:8.2f} ms, difference {self.relative:6.1%}")


def _ms(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interleaved(what: str, known: Callable[[int], None], unknown: Callable[[int], None],
                tries: int, between: Callable[[], None] = lambda: None) -> Timing:
    """Median wall time of ``known(i)`` and ``unknown(i)``, called alternately ``tries``
    times each (``between`` runs untimed after every pair)."""
    a, b = [], []
    for i in range(tries):
        a.append(_ms(lambda: known(i)))
        b.append(_ms(lambda: unknown(i)))
        between()
    return Timing(what, tries, statistics.median(a), statistics.median(b))


def _client(i: int) -> Client:
    return Client(ip=f"198.51.{i // 250}.{i % 250 + 1}", device_id=f"{i:032d}",
                  user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")


def login_timing(session, tries: int) -> Timing:
    """A wrong password for ``KNOWN`` (an account) versus an address without one."""
    def attempt(email: str, i: int) -> None:
        try:
            accounts.login(session, email=email, password=WRONG, client=_client(i))
        except Invalid as err:
            assert err.key == "error.login_failed", err.key
        else:
            raise AssertionError("a wrong password logged in")

    start = clock.now()
    moved = [timedelta(0)]

    def later() -> None:  # past the throttle window: every try reaches the password check
        moved[0] += throttle.WINDOW + timedelta(seconds=1)

    clock.set(lambda: start + moved[0])
    try:
        return interleaved("login", lambda i: attempt(KNOWN, i),
                           lambda i: attempt(f"niemand{i}@example.nl", i), tries, later)
    finally:
        clock.set(None)


def reset_timing(session, tries: int) -> Timing:
    """A reset request for ``KNOWN`` versus an address without an account."""
    return interleaved(
        "reset", lambda i: accounts.request_password_reset(session, email=KNOWN),
        lambda i: accounts.request_password_reset(session, email=f"niemand{i}@example.nl"),
        tries)
