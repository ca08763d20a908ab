"""A software passkey for the service tests (the browser tests use Chromium's virtual
authenticator): an ES256 key pair made with ``cryptography`` that answers WebAuthn
ceremonies the way an authenticator does (W3C WebAuthn level 2, "none" attestation), so
``services/accounts/passkeys.py`` is tested against the format, not against itself."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftPasskey:
    """One credential on one authenticator. ``create``/``get`` take the options JSON the
    server sent and return the JSON a browser's ``credential.toJSON()`` gives."""

    def __init__(self, origin: str, rp_id: str) -> None:
        self.origin, self.rp_id = origin, rp_id
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.user_handle = b""

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin,
                           "crossOrigin": False}).encode()

    def _auth_data(self, rp_id: str | None, attested: bytes = b"") -> bytes:
        flags = 0x01 | 0x04 | (0x40 if attested else 0)  # user present, verified, attested data
        rp_hash = hashlib.sha256((rp_id or self.rp_id).encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.counter) + attested

    def create(self, options_json: str, *, origin: str | None = None, rp_id: str | None = None) -> str:
        options = json.loads(options_json)
        self.user_handle = unb64(options["user"]["id"])
        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                            -3: numbers.y.to_bytes(32, "big")})
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {},
                                   "authData": self._auth_data(rp_id, attested)})
        client = self._client_data("webauthn.create", options["challenge"], origin)
        return json.dumps({"id": b64(self.credential_id), "rawId": b64(self.credential_id),
                           "type": "public-key", "clientExtensionResults": {},
                           "response": {"clientDataJSON": b64(client),
                                        "attestationObject": b64(attestation),
                                        "transports": ["internal"]}})

    def get(self, options_json: str, *, origin: str | None = None, rp_id: str | None = None,
            counter_step: int = 1) -> str:
        options = json.loads(options_json)
        self.counter += counter_step
        auth = self._auth_data(rp_id)
        client = self._client_data("webauthn.get", options["challenge"], origin)
        signature = self.key.sign(auth + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps({"id": b64(self.credential_id), "rawId": b64(self.credential_id),
                           "type": "public-key", "clientExtensionResults": {},
                           "response": {"clientDataJSON": b64(client), "authenticatorData": b64(auth),
                                        "signature": b64(signature),
                                        "userHandle": b64(self.user_handle)}})
