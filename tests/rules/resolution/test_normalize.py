"""Normalisation (issue 9): one normaliser for every name — bounded, idempotent, never crashing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.rules.resolution import InvalidName, check_name, normalize_name, prepare_name
from ecgraph.rules.resolution.normalize import MAX_NAME_CHARS


def test_nfkc_casefold_punctuation_and_numbers() -> None:
    assert normalize_name("ＡＢＣ　Ｃｏ．，Ｌｔｄ．") == "abc co ltd"  # full-width forms
    assert normalize_name("STRAßE") == "strasse"
    assert normalize_name("3M  Company") == "3m company"
    assert normalize_name("O'Brien") == "obrien"
    assert normalize_name("Plant No. 101") == "plant no 101"


def test_dotted_initialisms_become_one_token() -> None:
    # real CSL name: SOCIALIKA RENTAS Y CATERING, S.A. DE C.V.
    assert normalize_name("SOCIALIKA RENTAS Y CATERING, S.A. DE C.V.") == "socialika rentas y catering sa de cv"
    assert normalize_name("A. Yaskin") == "a yaskin"


def test_control_and_format_characters_vanish() -> None:
    assert normalize_name("Gaz\u00adprom\u200b\tNeft\x07") == "gazprom neft"


def test_names_in_other_scripts_are_kept() -> None:
    assert normalize_name("ООО «Роснефть»") == "ооо роснефть"
    assert normalize_name("株式会社東芝") == "株式会社東芝"


@pytest.mark.parametrize("bad", ["", "   ", "!!!", "\x00binary\x00", "x" * (MAX_NAME_CHARS + 1)])
def test_unusable_names_are_a_clear_error(bad: str) -> None:
    with pytest.raises(InvalidName) as err:
        check_name(bad)
    assert "name" in str(err.value)


def test_prepare_name_returns_none_for_nothing_comparable() -> None:
    assert prepare_name("---") is None
    assert prepare_name("") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_normalize_is_idempotent_and_bounded(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip() and "  " not in once
    assert len(once) <= 2 * MAX_NAME_CHARS * 3  # NFKC/casefold may expand, never unboundedly


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_prepare_never_crashes_on_any_text(text: str) -> None:
    prepared = prepare_name(text, "person")
    if prepared is not None:
        assert prepared.forms and all(isinstance(f, str) for f in prepared.forms)


def test_a_variation_selector_is_not_part_of_the_name() -> None:
    # found by the property test above: 𠀀 + U+E0100 crashed the Japanese reader (pykakasi)
    assert normalize_name("\U00020000\U000e0100") == normalize_name("\U00020000") == "\U00020000"
    assert normalize_name("葛\ufe00城") == "葛城"
    plain = prepare_name("\U00020000", "person")
    assert plain is not None
    assert prepare_name("\U00020000\U000e0100", "person") == plain._replace(original="\U00020000\U000e0100")


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_binary_input_is_rejected_or_normalised(raw: bytes) -> None:
    text = raw.decode("utf-8", errors="replace")
    try:
        check_name(text)
    except InvalidName:
        pass


def test_very_long_and_mixed_script_names_have_a_defined_result() -> None:
    long = "Rosoboronexport " * 500
    assert len(normalize_name(long)) <= MAX_NAME_CHARS * 2
    mixed = prepare_name("Газпром Neft 株式会社 شركة", "organization")
    assert mixed is not None and mixed.forms[0].isascii()


def test_a_white_circle_in_a_han_numeral_is_its_zero() -> None:
    assert normalize_name("第七○二研究所") == "第七〇二研究所"  # ○ typed for 〇: the number is 702
    assert normalize_name("A ○ B") == "a b"  # elsewhere a symbol, as before
