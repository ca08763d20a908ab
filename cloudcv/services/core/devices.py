"""Who is on the other end: the facts a login event records (§3.2.2).

``Client`` is built by the state layer from Reflex's router data and passed into services;
services never read request objects themselves. What is kept of these facts, and for how
long, is on the ``LoginEvent`` and ``AuthSession`` registry entries in ``models/accounts.py``;
consent records keep only the truncated IP (``services/privacy/consent.py``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from ua_parser import parse

from ...config import settings

UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Client:
    """The request facts a service may record: IP, device cookie, user agent, transport."""

    ip: str = ""
    device_id: str = ""
    user_agent: str = ""
    connection: str = ""  # e.g. "https/websocket"

    @property
    def os(self) -> str:
        """Operating system and major version from the user agent, or 'onbekend'."""
        return _parse(self.user_agent)[0]

    @property
    def browser(self) -> str:
        """Browser and major version from the user agent, or 'onbekend'."""
        return _parse(self.user_agent)[1]

    @property
    def place(self) -> str:
        """'City, Country' for the IP (see ``locate``)."""
        return locate(self.ip)


@lru_cache(maxsize=512)
def _parse(user_agent: str) -> tuple[str, str]:
    if not user_agent:
        return UNKNOWN, UNKNOWN
    result = parse(user_agent[:1000])
    os_ = result.os.family if result.os else UNKNOWN
    if result.os and result.os.major:
        os_ = f"{os_} {result.os.major}"
    browser = result.user_agent.family if result.user_agent else UNKNOWN
    if result.user_agent and result.user_agent.major:
        browser = f"{browser} {result.user_agent.major}"
    return os_[:64], browser[:64]


@lru_cache(maxsize=1)
def _geo_reader():
    path = settings().geoip_db
    if not path:
        return None
    try:
        import geoip2.database  # optional extra: pip install cloudcv[geo]

        return geoip2.database.Reader(path)
    except Exception:  # missing module or unreadable file: places stay "onbekend"
        return None


def locate(ip: str) -> str:
    """'City, Country' from the GeoIP database when configured, else 'onbekend'."""
    reader = _geo_reader()
    if reader is None or not ip:
        return UNKNOWN
    try:
        rec = reader.city(ip)
    except Exception:
        return UNKNOWN
    parts = [rec.city.name, rec.country.name]
    return ", ".join(p for p in parts if p)[:100] or UNKNOWN


def truncate_ip(ip: str) -> str:
    """IPv4 to /24, IPv6 to /48: enough for coarse location and abuse, not a person."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if addr.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def country_code(ip: str) -> str:
    """ISO country code ('NL') from the GeoIP database when configured, else ''."""
    reader = _geo_reader()
    if reader is None or not ip:
        return ""
    try:
        code = reader.city(ip).country.iso_code or ""
    except Exception:
        return ""
    return code[:2].upper()


_TABLET_HINTS = ("ipad", "tablet", "kindle", "silk/", "playbook")
_MOBILE_OS = ("Android", "iOS", "Windows Phone", "BlackBerry OS", "KaiOS", "Firefox OS")


@lru_cache(maxsize=512)
def device_class(user_agent: str) -> str:
    """'desktop', 'mobile' or 'tablet' (coarse, from the user agent); '' when unknown."""
    if not user_agent:
        return ""
    ua = user_agent[:1000]
    low = ua.lower()
    result = parse(ua)
    family = result.device.family if result.device else ""
    os_family = result.os.family if result.os else ""
    if family == "Spider":
        return ""
    if any(h in low for h in _TABLET_HINTS) or (os_family == "Android" and "mobile" not in low):
        return "tablet"
    if os_family in _MOBILE_OS or "mobi" in low:
        return "mobile"
    return "desktop"
