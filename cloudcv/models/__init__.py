"""SQLModel tables. Importing this package registers every table and its registry entry."""

from sqlmodel import SQLModel

from .accounts import AuthSession, LoginEvent, OneTimeToken, User
from .audit import AuditEvent
from .cv import CV, CVEntry, Photo, Recipient
from .mail import OutboxMail
from .privacy import AbuseHold, ErasureTombstone
from .registry import NOT_PERSONAL, REGISTRY
from .requests import DataRequest

metadata = SQLModel.metadata

__all__ = ["AbuseHold", "ErasureTombstone", "AuditEvent", "CV", "CVEntry", "Photo", "Recipient", "AuthSession", "LoginEvent", "NOT_PERSONAL", "OneTimeToken", "OutboxMail",
           "REGISTRY", "SQLModel", "User", "metadata"]
__all__ += ["DataRequest"]
