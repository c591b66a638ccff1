"""Phone numbers and e-mail addresses as keyed hashes (APPI): they link accounts without being readable.

Japan's Act on the Protection of Personal Information lets customs hold what it needs for its task and
no more. A phone or e-mail is needed only to see that two accounts share it, so ecgraph stores
HMAC-SHA256(key, normalised value), never the value. The key is generated once in the config folder
(`ecommerce-contact.key`, mode 0600); without it a hash cannot be reversed by trying every phone number.
Normalising first makes "+81 90-1234-5678" and "090 1234 5678" (JP) one contact, and " Li@Example.COM "
and "li@example.com" one e-mail.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers

from ecgraph.schemas.errors import EcgraphError

__all__ = ["KEY_FILE", "ContactHasher", "load_or_create_key", "normalise_email", "normalise_phone"]

KEY_FILE = "ecommerce-contact.key"


def load_or_create_key(config_dir: Path) -> bytes:
    """The HMAC key from the config folder; created (32 random bytes, mode 0600) on first use."""
    path = config_dir / KEY_FILE
    if not path.exists():
        config_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32))
    if path.stat().st_mode & 0o077:
        raise EcgraphError(f"{path} is readable by other users; run `chmod 600 {path}` (it keys the contact hashes)")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise EcgraphError(f"{path} does not hold a key; delete it only if no contact hashes are stored yet "
                           "(a new key makes old hashes unlinkable)")
    return bytes.fromhex(key)


@lru_cache(maxsize=1 << 16)  # validation and hashing both normalise each phone: parse it once
def normalise_phone(raw: str, country: str | None) -> str | None:
    """E.164 (`+819012345678`), reading a national number in the account's country; None if it is no number."""
    try:
        number = phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalise_email(raw: str) -> str | None:
    value = raw.strip().lower()
    return value if "@" in value.strip("@") else None


@dataclass(frozen=True)
class ContactHasher:
    key: bytes

    def hash(self, kind: str, normalised: str) -> str:
        return _keyed_hash(self.key, f"{kind}:{normalised}")

    def phone(self, raw: str, country: str | None) -> str | None:
        value = normalise_phone(raw, country)
        return None if value is None else self.hash("phone", value)

    def email(self, raw: str) -> str | None:
        value = normalise_email(raw)
        return None if value is None else self.hash("email", value)


@lru_cache(maxsize=1 << 17)  # a seller's phone recurs on every one of its orders: one HMAC per value
def _keyed_hash(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
