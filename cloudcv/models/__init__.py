"""SQLModel tables. Importing this package registers every table and its registry entry."""

from sqlmodel import SQLModel

from .accounts import AuthSession, LoginEvent, OneTimeToken, User
from .cv import CV, CVEntry, Photo, Recipient
from .mail import OutboxMail
from .registry import NOT_PERSONAL, REGISTRY

metadata = SQLModel.metadata

__all__ = ["CV", "CVEntry", "Photo", "Recipient", "AuthSession", "LoginEvent", "NOT_PERSONAL", "OneTimeToken", "OutboxMail",
           "REGISTRY", "SQLModel", "User", "metadata"]
