"""The encryption keys (§5 of the statement: sensitive information is stored encrypted).

One key system serves the sealed database fields (``models/sealed.py``) and the backup files
(``services/privacy/backups.py``). Values are sealed with AES-256-GCM from the ``cryptography``
library; the associated data names where a value belongs (table, column and row for a field),
so a ciphertext copied to another row or another file does not open.

Keys come from ``CLOUDCV_ENCRYPTION_KEYS``: comma-separated ``id:base64url-key`` pairs, the
first one current (it seals), the others only open what they sealed (rotation,
``cloudcv keys rotate``). Without the variable the embedded default keeps the same list in
``data/encryption_keys`` (mode 0600), generated once with one key, like the secret key.

A sealed blob is ``b"S1" + len(id) + id + nonce(12) + ciphertext-and-tag``.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .config import settings

MAGIC = b"S1"
NONCE_BYTES = 12
KEY_BYTES = 32
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
ENV = "CLOUDCV_ENCRYPTION_KEYS"
FILE = "encryption_keys"


class KeyConfigError(Exception):
    """The key configuration is unusable (malformed list, wrong key length, duplicate id)."""


class SealError(Exception):
    """A blob does not open: not sealed by us, sealed for another place, tampered with, or
    sealed under a key that is no longer configured."""


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key_entry(key_id: str | None = None) -> str:
    """A fresh ``id:key`` entry for the key list (ids default to a random ``k…``)."""
    key_id = key_id or f"k{secrets.token_hex(4)}"
    return f"{key_id}:{_b64(AESGCM.generate_key(bit_length=256))}"


def parse(text: str) -> list[tuple[str, bytes]]:
    """``id:key,id:key`` → ``[(id, key), …]``, current first; refuses anything malformed."""
    entries = []
    for part in (p.strip() for p in text.replace("\n", ",").split(",")):
        if not part:
            continue
        key_id, sep, encoded = part.partition(":")
        if not sep or not KEY_ID.match(key_id):
            raise KeyConfigError(f"malformed key entry (expected id:base64url-key): {key_id[:32]!r}")
        try:
            key = _unb64(encoded)
        except ValueError as exc:
            raise KeyConfigError(f"key {key_id!r} is not base64url") from exc
        if len(key) != KEY_BYTES:
            raise KeyConfigError(f"key {key_id!r} must be {KEY_BYTES} bytes, is {len(key)}")
        if any(key_id == seen for seen, _ in entries):
            raise KeyConfigError(f"key id {key_id!r} appears twice")
        entries.append((key_id, key))
    if not entries:
        raise KeyConfigError("no encryption key configured")
    return entries


@dataclass(frozen=True)
class Keyring:
    """The configured keys; ``current`` seals, every key opens what it sealed."""

    entries: tuple[tuple[str, bytes], ...]

    @property
    def current(self) -> str:
        """The id of the key that seals new values."""
        return self.entries[0][0]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every configured key id, current first."""
        return tuple(key_id for key_id, _ in self.entries)

    def _key(self, key_id: str) -> bytes:
        for candidate, key in self.entries:
            if candidate == key_id:
                return key
        raise SealError(f"sealed under key {key_id!r}, which is not configured")

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        """Encrypt ``plaintext`` under the current key, bound to ``aad`` (where it belongs)."""
        key_id = self.current.encode()
        nonce = os.urandom(NONCE_BYTES)
        body = AESGCM(self.entries[0][1]).encrypt(nonce, plaintext, aad)
        return MAGIC + bytes([len(key_id)]) + key_id + nonce + body

    def open(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt a sealed blob; ``SealError`` when it is not ours, moved, or tampered with."""
        key_id, nonce, body = _split(blob)
        try:
            return AESGCM(self._key(key_id)).decrypt(nonce, body, aad)
        except InvalidTag as exc:
            raise SealError("the sealed value was altered or belongs elsewhere") from exc

    def sealed_with(self, blob: bytes) -> str:
        """The id of the key a blob was sealed with (rotation re-seals the others)."""
        return _split(blob)[0]


def is_sealed(blob: bytes | None) -> bool:
    """Whether a stored value has the sealed format (migrations and rotation use it)."""
    return bool(blob) and bytes(blob[:2]) == MAGIC


def _split(blob: bytes) -> tuple[str, bytes, bytes]:
    blob = bytes(blob)
    if not is_sealed(blob) or len(blob) < 3:
        raise SealError("not a sealed value")
    id_len = blob[2]
    start = 3 + id_len
    if len(blob) < start + NONCE_BYTES + 16:
        raise SealError("sealed value is truncated")
    try:
        key_id = blob[3:start].decode("ascii")
    except UnicodeDecodeError as exc:
        raise SealError("sealed value has a malformed key id") from exc
    return key_id, blob[start:start + NONCE_BYTES], blob[start + NONCE_BYTES:]


_lock = threading.Lock()
_cached: tuple[str, Keyring] | None = None


def key_file() -> Path:
    """Where the embedded default keeps its key list."""
    return settings().data_dir / FILE


_file_seen: tuple[tuple[int, int, int], str] | None = None


def _file_text(path: Path) -> str | None:
    """The key file's text, re-read only when the file changed (inode, mtime, size): every
    sealed value opened asks for the keyring, and one ``stat`` is ~30x cheaper than a read.
    ``add_file_key`` replaces the file, so a new key is seen at once. None: no file yet."""
    global _file_seen
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    signature = (st.st_ino, st.st_mtime_ns, st.st_size)
    seen = _file_seen
    if seen is not None and seen[0] == signature:
        return seen[1]
    text = path.read_text()
    _file_seen = (signature, text)
    return text


def _configured_text() -> str:
    env = os.environ.get(ENV)
    if env:
        return env
    path = key_file()
    text = _file_text(path)
    if text is not None:
        return text
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker generated it first
            return path.read_text()
        with os.fdopen(fd, "w") as fh:
            fh.write(new_key_entry("k1") + "\n")
    return path.read_text()


def keyring() -> Keyring:
    """The keys now configured (re-read when the environment or the key file changes)."""
    global _cached
    text = _configured_text()
    with _lock:
        if _cached is None or _cached[0] != text:
            _cached = (text, Keyring(tuple(parse(text))))
        return _cached[1]


def add_file_key() -> str:
    """Embedded default: put a fresh key in front of ``data/encryption_keys`` (it becomes
    current; the old ones stay to open existing values). Returns the new id. With
    ``CLOUDCV_ENCRYPTION_KEYS`` set the operator edits that variable instead."""
    if os.environ.get(ENV):
        raise KeyConfigError(f"{ENV} is set: put the new key first in that variable")
    old = keyring()
    entry = new_key_entry()
    path = key_file()
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(",".join([entry, *(f"{i}:{_b64(k)}" for i, k in old.entries)]) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return entry.split(":", 1)[0]
