"""Legal forms (issue 9): recognised from rigour's maintained table and compared as a feature."""

from __future__ import annotations

import pytest

from ecgraph.rules.resolution import compare_legal_forms, normalize_name, split_legal_form


@pytest.mark.parametrize(("name", "core", "form"), [
    ("ООО Роснефть", "роснефть", "llc"),
    ("Rosneft OOO", "rosneft", "llc"),
    ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU SIGNUM", "signum", "llc"),  # real EU name
    ("ZAO Kalashnikov", "kalashnikov", "jsc"),
    ("Siemens GmbH", "siemens", "llc"),
    ("AUTEL ROBOTICS CO., LTD.", "autel robotics", "llc"),  # real UK name
    ("道通机器人有限公司", "道通机器人", "llc"),
    ("株式会社東芝", "東芝", "kk"),
    ("Toshiba Kabushiki Kaisha", "toshiba", "kk"),
    ("Toshiba K.K.", "toshiba", "kk"),
])
def test_forms_are_recognised_and_set_aside(name: str, core: str, form: str) -> None:
    split = split_legal_form(normalize_name(name))
    assert split.core == core
    assert form in split.forms


def test_initials_are_not_a_legal_form() -> None:
    assert split_legal_form("abramov a g").forms == ()


def test_a_name_that_is_only_a_legal_form_keeps_it_as_core() -> None:
    assert split_legal_form("co ltd").core == "co ltd"


def test_comparison_outcomes() -> None:
    assert compare_legal_forms(("llc",), ("llc",)) == "same"
    assert compare_legal_forms(("kk",), ("llc",)) == "compatible"  # 株式会社 printed as Co., Ltd.
    assert compare_legal_forms(("jsc",), ("llc",)) == "different"
    assert compare_legal_forms((), ("llc",)) == "absent"
