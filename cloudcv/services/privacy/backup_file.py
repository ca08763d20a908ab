"""The encrypted backup file (P27; ``backups.py`` takes and restores backups in it).

File format (all of it authenticated):

    MAGIC | u32 header length | header (JSON: version, key id, created UTC, db kind,
    journal head at backup time, chunk size) | frames…

A frame is ``u32 length | final flag (1 byte) | sealed chunk``; each chunk (1 MiB of the dump)
is sealed with the key system (``cloudcv/keys.py``, AES-256-GCM) and its associated data names
the header's SHA-256 (with a random id per file), the chunk's index and the final flag, so
a changed header, a chunk moved, dropped or swapped with another backup's, and a file cut
short are all refused.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ... import keys

MAGIC = b"CLOUDCV-BACKUP\n"
VERSION = 1
CHUNK = 1 << 20
AAD = b"cloudcv.backup.v1"
HEADER_MAX = 4096
FRAME = struct.Struct(">IB")


class BackupError(Exception):
    """A backup cannot be made or restored; ``key`` and ``params`` are its translated message
    (``i18n/catalogs/backup.py``). Nothing of the live database has changed."""

    def __init__(self, message: str, **params):
        super().__init__(message, params)
        self.key = message
        self.params = params


def _frame_aad(header: bytes, index: int, final: bool) -> bytes:
    return AAD + hashlib.sha256(header).digest() + index.to_bytes(8, "big") + bytes([final])


def encrypt_stream(source: BinaryIO, out: BinaryIO, header: dict) -> None:
    """Write ``header`` and ``source`` sealed in chunks to ``out`` (a 1 MiB chunk in memory at
    a time). A random id in the header makes every file's chunks its own. Any caller; raises
    ``keys.KeyConfigError`` without a usable key."""
    ring = keys.keyring()
    raw = json.dumps({**header, "key": ring.current, "chunk": CHUNK,
                      "id": secrets.token_hex(16)}, sort_keys=True).encode()
    out.write(MAGIC + struct.pack(">I", len(raw)) + raw)
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if chunk else b""
        final = not following
        blob = ring.seal(chunk, _frame_aad(raw, index, final))
        out.write(FRAME.pack(len(blob), final) + blob)
        if final:
            return
        index, chunk = index + 1, following


def read_header(fh: BinaryIO) -> tuple[dict, bytes]:
    """The header of a backup file (not yet authenticated: ``decrypt_stream`` does that) and its
    raw bytes. Raises ``BackupError("backup.error.not_backup")`` for any other file."""
    if fh.read(len(MAGIC)) != MAGIC:
        raise BackupError("backup.error.not_backup")
    size = fh.read(4)
    if len(size) != 4 or not 0 < struct.unpack(">I", size)[0] <= HEADER_MAX:
        raise BackupError("backup.error.not_backup")
    raw = fh.read(struct.unpack(">I", size)[0])
    try:
        header = json.loads(raw)
    except ValueError:
        raise BackupError("backup.error.not_backup") from None
    if not isinstance(header, dict) or header.get("version") != VERSION:
        raise BackupError("backup.error.not_backup")
    return header, raw


def _frames(fh: BinaryIO, raw: bytes) -> Iterator[bytes]:
    ring = keys.keyring()
    index = 0
    while True:
        head = fh.read(FRAME.size)
        if len(head) != FRAME.size:
            raise BackupError("backup.error.truncated")
        length, final = FRAME.unpack(head)
        if length > CHUNK + 256 or final not in (0, 1):
            raise BackupError("backup.error.tampered")
        blob = fh.read(length)
        if len(blob) != length:
            raise BackupError("backup.error.truncated")
        try:
            yield ring.open(blob, _frame_aad(raw, index, bool(final)))
        except keys.SealError:
            if keys.is_sealed(blob) and ring.sealed_with(blob) not in ring.ids:
                raise BackupError("backup.error.key", key_id=ring.sealed_with(blob)) from None
            raise BackupError("backup.error.tampered") from None
        if final:
            if fh.read(1):
                raise BackupError("backup.error.tampered")
            return
        index += 1


def decrypt_stream(fh: BinaryIO, out: BinaryIO) -> dict:
    """Verify and decrypt a backup into ``out``; returns its header. Raises ``BackupError``
    (not a backup, tampered, truncated, unknown key): then ``out`` holds a partial copy the
    caller throws away. Any caller."""
    header, raw = read_header(fh)
    for chunk in _frames(fh, raw):
        out.write(chunk)
    return header


def verify(path: Path) -> dict:
    """Check a whole backup file without keeping its contents; returns its header. Raises
    ``BackupError`` like ``decrypt_stream``. Operators (``cloudcv restore``)."""
    with open(path, "rb") as fh:
        header, raw = read_header(fh)
        for _ in _frames(fh, raw):
            pass
    return header
