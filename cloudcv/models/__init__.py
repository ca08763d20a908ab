"""SQLModel tables. Importing this package registers every table and its registry entry."""

from sqlmodel import SQLModel

from .accounts import AuthSession, LoginEvent, OneTimeToken, User
from .admin import AuthorityRequest, DataBreach
from .audit import AppendOnlyGrant, AuditEvent
from .contact import ContactQuestion
from .consent import AnalyticsEvent, ConsentRecord
from .cv import CV, CVEntry, Photo, Recipient
from .mail import OutboxMail
from .privacy import AbuseHold, ErasureTombstone
from .registry import NOT_PERSONAL, PURPOSES, REGISTRY, Period
from .requests import DataRequest
from .retention import Lease, Processor, RetentionNotice, RetentionRun, StatementNotice
from . import purposes  # noqa: F401  (declares the §3 purposes)

metadata = SQLModel.metadata

__all__ = ["AuthorityRequest", "DataBreach", "AbuseHold", "ErasureTombstone", "AuditEvent", "CV", "CVEntry",
           "Photo", "Recipient", "AuthSession", "LoginEvent", "NOT_PERSONAL", "OneTimeToken", "OutboxMail",
           "REGISTRY", "SQLModel", "User", "metadata",
           "PURPOSES", "Lease", "Processor", "RetentionNotice", "RetentionRun", "StatementNotice"]
__all__ += ["AppendOnlyGrant", "AnalyticsEvent", "ConsentRecord", "ContactQuestion", "DataRequest",
            "Period"]
