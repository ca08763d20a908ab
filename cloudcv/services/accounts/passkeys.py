"""Passkeys (WebAuthn, the ``webauthn`` library; issue 24): register several per account with
a name, log in with one instead of the password, remove one after the password.

The relying party is the host of ``CLOUDCV_BASE_URL`` and the origin its scheme, host and
port, so passkeys work on http://localhost and on the configured https origin. Every
ceremony's challenge is made here and kept server-side by the state that asked for it
(a private Reflex var): the browser only gets the options as JSON and returns the
authenticator's answer as JSON (``assets/passkeys.js``). A response for another challenge,
origin or relying party, for an unknown credential, or with a signature counter that does
not move forward (a cloned authenticator, or a replay) is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlmodel import Session, select
from webauthn import (generate_authentication_options, generate_registration_options,
                      options_to_json, verify_authentication_response,
                      verify_registration_response)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (AuthenticatorSelectionCriteria, PublicKeyCredentialDescriptor,
                                      ResidentKeyRequirement, UserVerificationRequirement)

from ...config import settings
from ...models import Passkey, User
from ..core import audit, clock, fields, mail
from ..core.errors import Invalid, NotFound
from . import my_sessions

RP_NAME = "CloudCV.nl"
MAX_PASSKEYS = 10
NAME_MAX = 60
MAX_RESPONSE = 16_000  # characters of an authenticator's JSON answer


@dataclass(frozen=True)
class Ceremony:
    """Options for the browser (JSON) and the challenge the answer must sign."""

    options: str
    challenge: bytes


@dataclass(frozen=True)
class PasskeyView:
    """One passkey as the security page lists it."""

    id: int
    name: str
    created: datetime
    last_used: datetime | None


def relying_party() -> tuple[str, str]:
    """(rp id, origin) from ``CLOUDCV_BASE_URL``: ``localhost`` and ``http://localhost:3000``."""
    url = urlsplit(settings().base_url)
    return url.hostname or "localhost", f"{url.scheme}://{url.netloc}"


def list_passkeys(session: Session, *, user_id: int) -> list[PasskeyView]:
    """The user's passkeys, newest first. Any logged-in user, for themselves."""
    rows = session.exec(select(Passkey).where(Passkey.user_id == user_id)
                        .order_by(Passkey.created_at.desc())).all()
    return [PasskeyView(r.id, r.name, r.created_at, r.last_used_at) for r in rows]


def _name(value) -> str:
    return fields.text(value, field="passkey_name", max_len=NAME_MAX, required=True)


def registration(session: Session, *, user_id: int, password, name="Passkey", ip: str = "") -> Ceremony:
    """Options to make a new passkey for the user (a discoverable one, so it logs in
    without typing the address), after the password (re-authentication); the user's
    passkeys are excluded (no duplicates on one authenticator). ``name`` is checked now, so
    that a bad one is refused before the device is asked. Raises the errors of
    ``fields.text`` and ``my_sessions.check_password``, and Invalid("error.passkey_limit")
    at ``MAX_PASSKEYS``."""
    _name(name)
    user = my_sessions.check_password(session, user_id=user_id, password=password, ip=ip,
                                      field="passkey_password")
    existing = session.exec(select(Passkey.credential_id).where(Passkey.user_id == user_id)).all()
    if len(existing) >= MAX_PASSKEYS:
        raise Invalid("error.passkey_limit", max=MAX_PASSKEYS)
    rp_id, _ = relying_party()
    options = generate_registration_options(
        rp_id=rp_id, rp_name=RP_NAME, user_name=user.email, user_display_name=user.name,
        user_id=f"cloudcv-{user.id}".encode(),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c)) for c in existing],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED),
    )
    return Ceremony(options_to_json(options), options.challenge)


def _response(value) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_RESPONSE:
        raise Invalid("error.passkey_failed")
    try:
        json.loads(value)
    except ValueError:
        raise Invalid("error.passkey_failed") from None
    return value


def register(session: Session, *, user_id: int, challenge: bytes, response, name, ip: str = "") -> None:
    """Store the passkey of ``response`` (``navigator.credentials.create()``'s JSON) under
    ``name``, after checking it answers ``challenge`` for our relying party and origin.
    Raises Invalid("error.passkey_failed"), the errors of ``fields.text`` for the name."""
    name = _name(name)
    rp_id, origin = relying_party()
    if not isinstance(challenge, bytes) or not challenge:
        raise Invalid("error.passkey_failed")
    try:
        verified = verify_registration_response(
            credential=_response(response), expected_challenge=challenge,
            expected_rp_id=rp_id, expected_origin=origin)
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError):
        raise Invalid("error.passkey_failed") from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if session.exec(select(Passkey.id).where(Passkey.credential_id == credential_id)).first():
        raise Invalid("error.passkey_failed")
    user = session.get(User, user_id)
    session.add(Passkey(user_id=user_id, name=name, credential_id=credential_id,
                        public_key=verified.credential_public_key, sign_count=verified.sign_count,
                        created_at=clock.now()))
    audit.record(session, action="account.passkey_added", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    mail.enqueue(session, to=user.email, template="passkey_added", lang=user.lang,
                 user_id=user_id, name=user.name, passkey=name)
    session.commit()


def authentication() -> Ceremony:
    """Options to log in with any passkey of this site (the authenticator offers them)."""
    rp_id, _ = relying_party()
    options = generate_authentication_options(
        rp_id=rp_id, user_verification=UserVerificationRequirement.PREFERRED)
    return Ceremony(options_to_json(options), options.challenge)


def verify_login(session: Session, *, challenge: bytes, response, now: datetime) -> User | None:
    """The account whose passkey signed ``challenge`` in ``response``
    (``navigator.credentials.get()``'s JSON), its counter moved on (in the caller's
    transaction); None for anything else. Never raises for bad input."""
    try:
        raw = json.loads(_response(response))
        credential_id = raw.get("rawId") or raw.get("id") if isinstance(raw, dict) else None
    except Invalid:
        return None
    if not isinstance(credential_id, str) or not isinstance(challenge, bytes) or not challenge:
        return None
    row = session.exec(select(Passkey).where(Passkey.credential_id == credential_id)).first()
    if row is None:
        return None
    rp_id, origin = relying_party()
    try:
        verified = verify_authentication_response(
            credential=response, expected_challenge=challenge, expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=row.public_key,
            credential_current_sign_count=row.sign_count)
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError):
        return None
    row.sign_count, row.last_used_at = verified.new_sign_count, now
    session.add(row)
    return session.get(User, row.user_id)


def remove(session: Session, *, user_id: int, passkey_id, password, ip: str = "") -> None:
    """Remove one of the user's passkeys after the password (re-authentication). Raises the
    errors of ``my_sessions.check_password`` and NotFound for another user's passkey."""
    my_sessions.check_password(session, user_id=user_id, password=password, ip=ip)
    row = session.get(Passkey, passkey_id) if fields.is_id(passkey_id) else None
    if row is None or row.user_id != user_id:
        raise NotFound("error.not_found")
    session.delete(row)
    audit.record(session, action="account.passkey_removed", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    session.commit()
