"""The key system behind sealed fields and backups (cloudcv/keys.py, P28)."""

import os
import stat

import pytest

from cloudcv import keys
from cloudcv.config import settings

KEY_A = "ka:" + "A" * 43  # 32 zero-ish bytes, base64url without padding
KEY_B = "kb:" + "B" * 43


def test_a_sealed_value_opens_only_where_it_was_sealed(monkeypatch):
    monkeypatch.setenv(keys.ENV, KEY_A)
    ring = keys.keyring()
    blob = ring.seal(b"1990-05-17", b"cv|birth_date|7")
    assert b"1990-05-17" not in blob
    assert ring.open(blob, b"cv|birth_date|7") == b"1990-05-17"
    for elsewhere in (b"cv|birth_date|8", b"cv|gender|7", b"photo|birth_date|7"):
        with pytest.raises(keys.SealError):
            ring.open(blob, elsewhere)


def test_a_flipped_bit_is_refused(monkeypatch):
    monkeypatch.setenv(keys.ENV, KEY_A)
    ring = keys.keyring()
    blob = bytearray(ring.seal(b"Nederlandse", b"x"))
    blob[-1] ^= 1
    with pytest.raises(keys.SealError):
        ring.open(bytes(blob), b"x")
    with pytest.raises(keys.SealError):
        ring.open(b"Nederlandse", b"x")  # plain text is not a sealed value


def test_the_first_key_seals_and_the_old_ones_still_open(monkeypatch):
    monkeypatch.setenv(keys.ENV, KEY_A)
    old = keys.keyring().seal(b"B, BE", b"x")
    monkeypatch.setenv(keys.ENV, f"{KEY_B},{KEY_A}")
    ring = keys.keyring()
    assert ring.current == "kb"
    assert ring.sealed_with(old) == "ka" and ring.open(old, b"x") == b"B, BE"
    assert ring.sealed_with(ring.seal(b"B", b"x")) == "kb"
    monkeypatch.setenv(keys.ENV, KEY_B)  # the old key removed: its values no longer open
    with pytest.raises(keys.SealError):
        keys.keyring().open(old, b"x")


@pytest.mark.parametrize("text", ["", "nokey", "k1:short", f"{KEY_A},{KEY_A}", "bad id:" + "A" * 43])
def test_a_malformed_key_list_is_refused(monkeypatch, text):
    monkeypatch.setenv(keys.ENV, text or " ")
    with pytest.raises(keys.KeyConfigError):
        keys.keyring()


def test_the_embedded_default_lives_in_the_data_directory():
    assert keys.key_file() == settings().data_dir / "encryption_keys"


def test_the_embedded_default_generates_one_private_key_file(monkeypatch, tmp_path):
    monkeypatch.delenv(keys.ENV, raising=False)
    path = tmp_path / "encryption_keys"  # not the suite's own key: its sealed rows must open
    monkeypatch.setattr(keys, "key_file", lambda: path)
    ring = keys.keyring()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert keys.keyring().ids == ring.ids == ("k1",)
    blob = ring.seal(b"v", b"x")
    new_id = keys.add_file_key()
    rotated = keys.keyring()
    assert rotated.current == new_id and rotated.ids[1:] == ("k1",)
    assert rotated.open(blob, b"x") == b"v"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
