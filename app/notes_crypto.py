"""The cryptography of private notes, with no database and no user interface.

- A random 256-bit **data key** encrypts every note with AES-256-GCM, a fresh random 96-bit
  nonce per write, and associated data naming the note's owner (kind and id) and the note's
  id, so a ciphertext moved to another owner or swapped with another note fails to decrypt.
- The data key is only ever stored **wrapped** (AES-256-GCM again, so a wrong key is detected
  by the tag): once under a key derived from the passphrase with Argon2id, once under a key
  derived from a random **recovery key** with HKDF-SHA256 (the recovery key has 128 random
  bits, so a slow derivation adds nothing).
- Keys live in `bytearray`s that the caller overwrites with zeros (`wipe`). Python cannot
  promise that no other copy ever existed, but no copy is made here on purpose: derived keys
  and the unwrapped data key are written straight into mutable buffers (`derive_into`,
  `decrypt_into`).

Nothing here logs, and no exception carries key material, passphrases or note content.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96-bit GCM nonce
SALT_BYTES = 16
FORMAT_VERSION = 1

# Argon2id parameters for new passphrases. The floor is 19 MiB and 2 passes (OWASP);
# we take 128 MiB, 3 passes, 4 lanes: about 0.2 s on the 2-core development machine
# (bench/notes_unlock.py), leaving room for slower laptops under the 1.5 s target. They are
# stored with each wrapped key, so they can be raised later without breaking old files.
ARGON2_MEMORY_KIB = 128 * 1024
ARGON2_ITERATIONS = 3
ARGON2_LANES = 4
MIN_ARGON2_MEMORY_KIB = 19 * 1024
MIN_ARGON2_ITERATIONS = 2

# Recovery keys: 16 random bytes + 4 checksum bytes = 20 bytes = 32 base32 characters,
# shown as 8 groups of 4 (`ABCD-EFGH-...`). The checksum catches typos before any key is tried.
RECOVERY_RANDOM_BYTES = 16
RECOVERY_CHECK_BYTES = 4
_RECOVERY_GROUP = 4
# Letters people confuse with base32's digits and letters: read them as what was meant.
_RECOVERY_CONFUSABLES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})

_WRAP_AAD = {
    "passphrase": b"tandem/notes/v1/data-key/passphrase",
    "recovery": b"tandem/notes/v1/data-key/recovery",
}
_RECOVERY_INFO = b"tandem/notes/v1/recovery-key"
_RECOVERY_CHECK_PREFIX = b"tandem/notes/v1/recovery-checksum"


class CryptoError(Exception):
    """Base of the low-level errors; the notes service turns them into messages for users."""


class UnwrapError(CryptoError):
    """The wrapping key is wrong (wrong passphrase or recovery key), or the slot was altered."""


class DamagedError(CryptoError):
    """A ciphertext failed its authentication: altered, moved or swapped."""


class RecoveryKeyFormatError(CryptoError):
    """A recovery key with the wrong length, letters outside base32, or a failed checksum."""


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a key buffer with zeros in place."""
    if buffer is None:
        return
    for index in range(len(buffer)):
        buffer[index] = 0


def new_data_key() -> bytearray:
    """A fresh random 256-bit data key in a mutable buffer."""
    return bytearray(secrets.token_bytes(KEY_BYTES))


def new_nonce() -> bytes:
    """A fresh random 96-bit nonce (never a counter: files are copied and merged by hand)."""
    return os.urandom(NONCE_BYTES)


# --- key derivation -----------------------------------------------------------------------


@dataclass(frozen=True)
class KdfParams:
    """How a wrapping key was derived; stored (as JSON) with the wrapped key."""

    kdf: str  # "argon2id", "scrypt" or "hkdf-sha256"
    salt: bytes = field(repr=False)
    memory_kib: int = 0
    iterations: int = 0
    lanes: int = 0
    n: int = 0
    r: int = 0
    p: int = 0

    def to_json(self) -> str:
        """The parameters without the salt (kept in its own column)."""
        values: dict[str, Any] = {"kdf": self.kdf}
        if self.kdf == "argon2id":
            values |= {
                "memory_kib": self.memory_kib,
                "iterations": self.iterations,
                "lanes": self.lanes,
            }
        elif self.kdf == "scrypt":
            values |= {"n": self.n, "r": self.r, "p": self.p}
        return json.dumps(values, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, salt: bytes) -> KdfParams:
        """Read parameters stored by `to_json`."""
        values = json.loads(text)
        kdf = values.pop("kdf")
        return cls(kdf=kdf, salt=bytes(salt), **values)


def passphrase_params(
    *,
    memory_kib: int = ARGON2_MEMORY_KIB,
    iterations: int = ARGON2_ITERATIONS,
    lanes: int = ARGON2_LANES,
) -> KdfParams:
    """Argon2id parameters with a new random salt (never below the issue's minimums)."""
    if memory_kib < MIN_ARGON2_MEMORY_KIB or iterations < MIN_ARGON2_ITERATIONS:
        raise ValueError("Argon2id parameters below the minimum")
    return KdfParams(
        kdf="argon2id",
        salt=os.urandom(SALT_BYTES),
        memory_kib=memory_kib,
        iterations=iterations,
        lanes=lanes,
    )


def recovery_params() -> KdfParams:
    """HKDF-SHA256 parameters with a new random salt, for a recovery key."""
    return KdfParams(kdf="hkdf-sha256", salt=os.urandom(SALT_BYTES))


def normalize_passphrase(passphrase: str) -> bytes:
    """The passphrase as UTF-8 bytes in Unicode NFC, so `ä` typed either way is the same."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(secret: bytes | bytearray, params: KdfParams) -> bytearray:
    """Derive a 256-bit wrapping key into a new mutable buffer."""
    out = bytearray(KEY_BYTES)
    if params.kdf == "argon2id":
        if params.memory_kib < MIN_ARGON2_MEMORY_KIB or params.iterations < MIN_ARGON2_ITERATIONS:
            raise UnwrapError("stored Argon2id parameters are below the minimum")
        kdf: Any = Argon2id(
            salt=params.salt,
            length=KEY_BYTES,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        )
    elif params.kdf == "scrypt":
        kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    elif params.kdf == "hkdf-sha256":
        kdf = HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=params.salt, info=_RECOVERY_INFO
        )
    else:
        raise UnwrapError("unknown key derivation")
    kdf.derive_into(secret, out)
    return out


# --- wrapping the data key ------------------------------------------------------------------


@dataclass(frozen=True)
class WrappedKey:
    """The data key encrypted under one wrapping key, with everything needed to unwrap it."""

    slot: str  # "passphrase" or "recovery"
    params: KdfParams
    nonce: bytes = field(repr=False)
    wrapped: bytes = field(repr=False)


def wrap_data_key(data_key: bytearray, slot: str, secret: bytes, params: KdfParams) -> WrappedKey:
    """Encrypt the data key under a key derived from `secret`."""
    kek = derive_key(secret, params)
    try:
        nonce = new_nonce()
        wrapped = AESGCM(kek).encrypt(nonce, data_key, _WRAP_AAD[slot])
    finally:
        wipe(kek)
    return WrappedKey(slot=slot, params=params, nonce=nonce, wrapped=wrapped)


def unwrap_data_key(slot: WrappedKey, secret: bytes) -> bytearray:
    """The data key from a wrapped slot; UnwrapError when the secret is wrong."""
    kek = derive_key(secret, slot.params)
    out = bytearray(KEY_BYTES)
    try:
        AESGCM(kek).decrypt_into(slot.nonce, slot.wrapped, _WRAP_AAD[slot.slot], out)
    except (InvalidTag, ValueError) as exc:
        wipe(out)
        raise UnwrapError("the wrapped data key did not authenticate") from exc
    finally:
        wipe(kek)
    return out


# --- recovery keys --------------------------------------------------------------------------


def _recovery_checksum(random_part: bytes) -> bytes:
    return hashlib.sha256(_RECOVERY_CHECK_PREFIX + random_part).digest()[:RECOVERY_CHECK_BYTES]


def new_recovery_key() -> str:
    """A new recovery key for people: `ABCD-EFGH-...`, 8 groups of 4 base32 letters."""
    random_part = secrets.token_bytes(RECOVERY_RANDOM_BYTES)
    text = base64.b32encode(random_part + _recovery_checksum(random_part)).decode("ascii")
    return "-".join(text[i : i + _RECOVERY_GROUP] for i in range(0, len(text), _RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The recovery key's secret bytes; RecoveryKeyFormatError on a typo.

    Spaces, dashes and case do not matter; 0, 1, 8 and 9 are read as O, I, B and G.
    """
    compact = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_RECOVERY_CONFUSABLES)
    expected = (RECOVERY_RANDOM_BYTES + RECOVERY_CHECK_BYTES) * 8 // 5
    if len(compact) != expected:
        raise RecoveryKeyFormatError("wrong length")
    try:
        raw = base64.b32decode(compact)
    except ValueError as exc:
        raise RecoveryKeyFormatError("not base32") from exc
    random_part, check = raw[:RECOVERY_RANDOM_BYTES], raw[RECOVERY_RANDOM_BYTES:]
    if not secrets.compare_digest(check, _recovery_checksum(random_part)):
        raise RecoveryKeyFormatError("checksum")
    return random_part


# --- notes ----------------------------------------------------------------------------------

_PAD_TO = 32  # hide exact lengths a little: plaintexts are padded to a multiple of 32 bytes


def note_aad(owner_kind: str, owner_id: int, note_id: int) -> bytes:
    """The associated data binding a ciphertext to its owner and its note."""
    return f"tandem/notes/v1/note/{owner_kind}/{int(owner_id)}/{int(note_id)}".encode("ascii")


def encrypt_note(cipher: AESGCM, payload: dict[str, Any], aad: bytes) -> tuple[bytes, bytes]:
    """(nonce, ciphertext) of a JSON payload, with a fresh nonce."""
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    plain += b" " * (-len(plain) % _PAD_TO)  # JSON ignores trailing white space
    nonce = new_nonce()
    return nonce, cipher.encrypt(nonce, plain, aad)


def decrypt_note(cipher: AESGCM, nonce: bytes, ciphertext: bytes, aad: bytes) -> dict[str, Any]:
    """The payload of a note; DamagedError when it was altered, moved or swapped."""
    try:
        plain = cipher.decrypt(bytes(nonce), bytes(ciphertext), aad)
        payload = json.loads(plain.decode("utf-8"))
    except (InvalidTag, ValueError, UnicodeDecodeError) as exc:
        raise DamagedError("note did not authenticate") from exc
    if not isinstance(payload, dict):
        raise DamagedError("note payload is not an object")
    return payload
