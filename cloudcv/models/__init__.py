"""SQLModel tables and the one personal-data registry (``registry.py``).

Importing this package imports every module in it (``discover``: a package scan, no list),
so a table and its registry entry exist as soon as its file sits in ``cloudcv/models/``.
Export, erasure, retention, /privacy, the Art. 30 register, "Mijn gegevens" and alembic
(``alembic/env.py``) all read ``REGISTRY`` and ``metadata`` after importing this package;
none of them, and nothing here, lists tables by hand.

The names re-exported below are a convenience for ``from cloudcv.models import User``;
discovery does not depend on them: a new model file needs no edit here. How to add a
personal-data table: docs/extending.md; the test that keeps every table registered and
labelled: tests/unit/test_registry.py.
"""

import importlib
import pkgutil

from sqlmodel import SQLModel

from .registry import NOT_PERSONAL, PURPOSES, REGISTRY, Period


def discover() -> list[str]:
    """Import every module of this package (sub-packages included), in name order, so each
    table is in ``metadata`` and each ``@personal_data`` entry in ``REGISTRY``.

    Runs once when the package is imported; running it again imports only modules not seen
    before (a directory added to ``__path__``, as tests/unit/test_extending_table.py does).
    Any code may call it; an error in a model module (ImportError, a registry ValueError)
    propagates, so a broken model stops the app and the tests instead of going missing.
    Returns the module names found.
    """
    found = []
    for info in sorted(pkgutil.walk_packages(__path__, prefix=f"{__name__}."),
                       key=lambda m: m.name):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        importlib.import_module(info.name)
        found.append(info.name)
    return found


discover()

from .accounts import AuthSession, LoginEvent, OneTimeToken, User  # noqa: E402
from .admin import AuthorityRequest, DataBreach  # noqa: E402
from .audit import AppendOnlyGrant, AuditEvent  # noqa: E402
from .contact import ContactQuestion  # noqa: E402
from .consent import AnalyticsEvent, ConsentRecord  # noqa: E402
from .cv import CV, CoverLetter, CVEntry, CVHistory, CVSection, CVSnapshot, Photo, Recipient  # noqa: E402
from .mail import OutboxMail  # noqa: E402
from .privacy import AbuseHold, ErasureTombstone  # noqa: E402
from .requests import DataRequest  # noqa: E402
from .sharing import ShareAccess, ShareHit, ShareLink, ShareSnapshot  # noqa: E402
from .retention import Lease, Processor, RetentionNotice, RetentionRun, StatementNotice  # noqa: E402
from .security import Passkey, RecoveryCode, TwoFactor  # noqa: E402

metadata = SQLModel.metadata

__all__ = ["AuthorityRequest", "DataBreach", "AbuseHold", "ErasureTombstone", "AuditEvent", "CV", "CVEntry", "CoverLetter", "CVHistory", "CVSection", "CVSnapshot",
           "Photo", "Recipient", "ShareAccess", "ShareHit", "ShareLink", "ShareSnapshot", "AuthSession", "LoginEvent", "NOT_PERSONAL", "OneTimeToken", "OutboxMail",
           "REGISTRY", "SQLModel", "User", "metadata", "discover",
           "PURPOSES", "Lease", "Processor", "RetentionNotice", "RetentionRun", "StatementNotice"]
__all__ += ["Passkey", "RecoveryCode", "TwoFactor"]
__all__ += ["AppendOnlyGrant", "AnalyticsEvent", "ConsentRecord", "ContactQuestion", "DataRequest",
            "Period"]
