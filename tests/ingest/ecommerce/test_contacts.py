"""Phones and e-mails as keyed hashes (APPI): normalised first, keyed by a 0600 file, never readable."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecgraph.ingest.ecommerce import ContactHasher, load_or_create_key, normalise_email, normalise_phone
from ecgraph.schemas.errors import EcgraphError


def test_national_and_international_spellings_of_one_phone_are_one_number() -> None:
    assert normalise_phone("090-1234-5678", "JP") == normalise_phone("+81 90 1234 5678", None) == "+819012345678"


def test_emails_are_trimmed_and_lower_cased() -> None:
    assert normalise_email("  Li.Wei@Example.COM ") == "li.wei@example.com"
    assert normalise_email("not-an-address") is None


def test_the_key_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "config")
    path = tmp_path / "config" / "ecommerce-contact.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(tmp_path / "config") == key and len(key) == 32


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    load_or_create_key(tmp_path)
    os.chmod(tmp_path / "ecommerce-contact.key", 0o644)
    with pytest.raises(EcgraphError, match="chmod 600"):
        load_or_create_key(tmp_path)


def test_hashes_link_spellings_but_differ_by_key_and_hide_the_value(tmp_path: Path) -> None:
    one = ContactHasher(load_or_create_key(tmp_path / "a"))
    other = ContactHasher(load_or_create_key(tmp_path / "b"))
    digest = one.phone("090-1234-5678", "JP")
    assert digest == one.phone("+81-90-1234-5678", "US")
    assert digest != other.phone("090-1234-5678", "JP")
    assert digest is not None and "1234" not in digest and len(digest) == 64
    assert one.email("A@B.example") == one.email("a@b.example ")


@given(st.text(max_size=40))
def test_normalising_any_text_never_crashes_and_is_idempotent(text: str) -> None:
    phone = normalise_phone(text, "JP")
    assert phone is None or normalise_phone(phone, None) == phone
    email = normalise_email(text)
    assert email is None or normalise_email(email) == email
