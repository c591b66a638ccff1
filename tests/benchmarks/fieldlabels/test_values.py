"""Field values are shaped like the real thing: HS codes print in the ways customs paperwork does but
always start with their 6-digit subheading, GS1 check digits are right, and every country a label can
name has an ISO numeric code for GS1 (422)."""

from __future__ import annotations

import random
import re

import numpy as np
import pycountry

from benchmarks.fieldlabels import values
from benchmarks.fieldlabels.designs.gs1_logistic import check_digit
from benchmarks.fieldlabels.geometry import Camera


def test_printed_hs_codes_start_with_their_subheading() -> None:
    rnd = random.Random(3)
    for hs6, *_ in values.GOODS + tuple((c[0], c[1]) for c in values.CHEMICALS):
        assert re.fullmatch(r"\d{4}\.\d{2}", hs6)
        for _ in range(30):
            printed = values.hs_printed(rnd, hs6)
            assert re.sub(r"\D", "", printed).startswith(hs6.replace(".", "")), printed


def test_gs1_check_digit_matches_a_known_gtin() -> None:
    assert check_digit("400638133393") == "1"  # GTIN-13 4006381333931
    assert check_digit("0001234560001") == "2"  # GS1's worked example 00012345600012


def test_countries_have_iso_alpha2_and_numeric_codes() -> None:
    for alpha2 in values.COUNTRIES:
        country = pycountry.countries.get(alpha_2=alpha2)
        assert country is not None and country.numeric == values.NUMERIC_ISO[alpha2]


def test_companies_are_invented_with_a_legal_form() -> None:
    rnd = random.Random(5)
    for _ in range(50):
        who = values.company(rnd)
        assert who.name and who.address and who.phone.startswith("+")
        jp = values.company(rnd, "JP", japanese=True)
        assert "会社" in jp.name


def test_the_camera_inverse_undoes_the_forward_mapping() -> None:
    cam = Camera((1280, 960), (1000, 700), np.array([[0.8, 0.1, 150.0], [-0.05, 0.75, 200.0], [1e-5, 4e-5, 1.0]]),
                 -0.12, 900.0, "vertical")
    mx, my, _, _ = cam.maps(step=1)
    pts = np.array([[100.0, 100.0], [500.0, 350.0], [900.0, 600.0]])
    for (x, y), (u, v) in zip(pts, cam.forward(pts), strict=True):
        row, col = round(float(v)), round(float(u))
        back = mx[row, col], my[row, col]
        assert abs(back[0] - x) < 2.5 and abs(back[1] - y) < 2.5
