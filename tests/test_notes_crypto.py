"""Encryption of private notes: nonces, tampering, moved and swapped ciphertexts, key wrapping,
recovery keys."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlite_utils import Database

from app import notes_crypto as crypto
from app.services.notes import NoteVault, WrongPassphraseError
from tests.helpers.notes import PASSPHRASE, make_vault, seed


@pytest.fixture
def vault(db: Database) -> NoteVault:
    seed(db)
    v = make_vault(db)
    v.setup(PASSPHRASE)
    return v


def _blobs(db: Database, note_id: int) -> tuple[bytes, bytes]:
    row = db.execute(
        "SELECT nonce, ciphertext FROM private_notes WHERE id = ?", [note_id]
    ).fetchone()
    return bytes(row[0]), bytes(row[1])


def test_ten_thousand_nonces_are_unique() -> None:
    cipher = AESGCM(crypto.new_data_key())
    aad = crypto.note_aad("participant", 1, 1)
    results = [crypto.encrypt_note(cipher, {"title": "t", "text": "x"}, aad) for _ in range(10_000)]
    nonces = {nonce for nonce, _ in results}
    assert len(nonces) == 10_000 and all(len(n) == 12 for n in nonces)
    assert len({ct for _, ct in results}) == 10_000  # same note, never the same ciphertext


def test_every_write_of_a_note_gets_a_fresh_nonce(vault: NoteVault, db: Database) -> None:
    note = vault.add_note("participant", 2, "Titel", "Text")
    seen = {_blobs(db, note.id)[0]}
    for _ in range(50):
        vault.update_note(note.id, "Titel", "Text")
        seen.add(_blobs(db, note.id)[0])
    assert len(seen) == 51


def test_plaintext_is_padded_so_lengths_say_little(vault: NoteVault, db: Database) -> None:
    a = vault.add_note("participant", 2, "a", "")
    b = vault.add_note("participant", 2, "ab", "c")
    assert len(_blobs(db, a.id)[1]) == len(_blobs(db, b.id)[1])


@pytest.mark.parametrize("part", ["ciphertext", "tag", "nonce"])
def test_a_flipped_byte_marks_the_note_damaged(vault: NoteVault, db: Database, part: str) -> None:
    good = vault.add_note("participant", 2, "Bleibt", "heil")
    hit = vault.add_note("participant", 2, "Wird", "verändert")
    nonce, ciphertext = _blobs(db, hit.id)
    if part == "nonce":
        nonce = bytes([nonce[0] ^ 0x01]) + nonce[1:]
    else:
        index = 3 if part == "ciphertext" else len(ciphertext) - 1  # the tag is the last 16 bytes
        ciphertext = (
            ciphertext[:index] + bytes([ciphertext[index] ^ 0x80]) + ciphertext[index + 1 :]
        )
    db.execute(
        "UPDATE private_notes SET nonce = ?, ciphertext = ? WHERE id = ?",
        [nonce, ciphertext, hit.id],
    )
    by_id = {n.id: n for n in vault.list_notes()}
    assert by_id[hit.id].damaged and by_id[hit.id].title == "" and by_id[hit.id].text == ""
    assert not by_id[good.id].damaged and by_id[good.id].text == "heil"
    assert vault.get_note(hit.id).damaged
    # A damaged note can be deleted, or overwritten with new content.
    assert not vault.update_note(hit.id, "Neu", "geschrieben").damaged


def test_a_ciphertext_moved_to_another_owner_is_detected(vault: NoteVault, db: Database) -> None:
    note = vault.add_note("participant", 2, "Über Łukasz", "nur für ihn")
    db.execute("UPDATE private_notes SET owner_id = 3 WHERE id = ?", [note.id])
    [moved] = vault.list_notes("participant", 3)
    assert moved.damaged and moved.text == ""
    db.execute(
        "UPDATE private_notes SET owner_kind = 'tandem', owner_id = 2 WHERE id = ?", [note.id]
    )
    assert vault.list_notes("tandem", 2)[0].damaged
    db.execute(
        "UPDATE private_notes SET owner_kind = 'participant', owner_id = 2 WHERE id = ?", [note.id]
    )
    assert vault.get_note(note.id).text == "nur für ihn"  # put back, it reads again


def test_swapped_ciphertexts_between_two_notes_are_detected(vault: NoteVault, db: Database) -> None:
    a = vault.add_note("participant", 2, "A", "erste")
    b = vault.add_note("participant", 2, "B", "zweite")
    (na, ca), (nb, cb) = _blobs(db, a.id), _blobs(db, b.id)
    db.execute("UPDATE private_notes SET nonce = ?, ciphertext = ? WHERE id = ?", [nb, cb, a.id])
    db.execute("UPDATE private_notes SET nonce = ?, ciphertext = ? WHERE id = ?", [na, ca, b.id])
    assert all(n.damaged for n in vault.list_notes())


def test_a_tampered_key_slot_reads_as_a_wrong_passphrase_not_a_crash(
    vault: NoteVault, db: Database
) -> None:
    vault.lock()
    wrapped = bytes(
        db.execute("SELECT wrapped_key FROM note_keys WHERE slot = 'passphrase'").fetchone()[0]
    )
    db.execute(
        "UPDATE note_keys SET wrapped_key = ? WHERE slot = 'passphrase'",
        [bytes([wrapped[0] ^ 1]) + wrapped[1:]],
    )
    with pytest.raises(WrongPassphraseError):
        vault.unlock(PASSPHRASE)
    # Restored, the same passphrase opens again: nothing else was harmed.
    db.execute("UPDATE note_keys SET wrapped_key = ? WHERE slot = 'passphrase'", [wrapped])
    vault.unlock(PASSPHRASE)


def test_stored_kdf_parameters_below_the_minimum_are_refused(
    vault: NoteVault, db: Database
) -> None:
    vault.lock()
    db.execute(
        "UPDATE note_keys SET kdf_params = ? WHERE slot = 'passphrase'",
        ['{"kdf": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}'],
    )
    with pytest.raises(WrongPassphraseError):
        vault.unlock(PASSPHRASE)
    with pytest.raises(ValueError):
        crypto.passphrase_params(memory_kib=8 * 1024)


def test_default_passphrase_kdf_meets_the_issue_minimums() -> None:
    params = crypto.passphrase_params()
    assert params.kdf == "argon2id"
    assert params.memory_kib >= 19 * 1024 and params.iterations >= 2 and len(params.salt) == 16
    assert crypto.passphrase_params().salt != params.salt


def test_wrap_and_unwrap_with_scrypt_params_too() -> None:
    key = crypto.new_data_key()
    params = crypto.KdfParams(kdf="scrypt", salt=b"s" * 16, n=2**14, r=8, p=1)
    wrapped = crypto.wrap_data_key(key, "passphrase", b"secret", params)
    restored = crypto.KdfParams.from_json(params.to_json(), params.salt)
    assert (
        crypto.unwrap_data_key(
            crypto.WrappedKey("passphrase", restored, wrapped.nonce, wrapped.wrapped), b"secret"
        )
        == key
    )
    with pytest.raises(crypto.UnwrapError):
        crypto.unwrap_data_key(wrapped, b"Secret")


def test_recovery_keys_are_random_grouped_and_checksummed() -> None:
    keys = {crypto.new_recovery_key() for _ in range(200)}
    assert len(keys) == 200
    key = next(iter(keys))
    assert len(key) == 39 and key.count("-") == 7
    secret = crypto.parse_recovery_key(key)
    assert len(secret) == 16
    assert crypto.parse_recovery_key(" " + key.lower().replace("-", "  ") + "\n") == secret
    # Every single-letter substitution is caught by the checksum.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    compact = key.replace("-", "")
    caught = 0
    for index in range(0, len(compact), 3):
        replacement = alphabet[(alphabet.index(compact[index]) + 1) % 32]
        typo = compact[:index] + replacement + compact[index + 1 :]
        with pytest.raises(crypto.RecoveryKeyFormatError):
            crypto.parse_recovery_key(typo)
        caught += 1
    assert caught >= 10
    with pytest.raises(crypto.RecoveryKeyFormatError):
        crypto.parse_recovery_key(compact[:-1])


def test_wipe_zeroes_in_place() -> None:
    key = crypto.new_data_key()
    alias = key
    crypto.wipe(key)
    assert alias == bytearray(32)
