"""WCAG contrast maths (services/cv/contrast.py) against published values.

Expected ratios: WebAIM's contrast checker and the WCAG 2.2 Understanding SC 1.4.3 text
(#767676 is the lightest grey that passes AA on white, #777777 the darkest that fails).
"""

import pytest

from cloudcv.services.cv import contrast


@pytest.mark.parametrize("colour, expected", [
    ("#000000", 21.0),
    ("#ffffff", 1.0),
    ("#777777", 4.48),
    ("#767676", 4.54),
    ("#595959", 7.0),
    ("#0000ff", 8.59),
    ("#ff0000", 4.0),
    ("#949494", 3.03),
])
def test_ratio_on_white_matches_published_values(colour, expected):
    assert contrast.ratio(colour) == pytest.approx(expected, abs=0.01)


def test_ratio_is_symmetric_and_works_on_other_backgrounds():
    assert contrast.ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast.ratio("#777777", "#ffffff") == contrast.ratio("#ffffff", "#777777")


def test_the_aa_thresholds_are_the_published_ones():
    assert contrast.BODY_MIN == 4.5 and contrast.HEADING_MIN == 3.0
    assert not contrast.passes("#777777", contrast.BODY_MIN)
    assert contrast.passes("#767676", contrast.BODY_MIN)


def test_nearest_passing_grey_is_the_first_grey_that_passes():
    assert contrast.nearest_passing("#777777", 4.5) == "#767676"
    assert contrast.nearest_passing("#aaaaaa", 4.5) == "#767676"


def test_nearest_passing_keeps_the_hue_and_passes():
    for colour, minimum in (("#ff8800", 4.5), ("#ffff00", 3.0), ("#12a594", 4.5), ("#f76b15", 3.0)):
        fix = contrast.nearest_passing(colour, minimum)
        assert contrast.ratio(fix) >= minimum
        r, g, b = contrast.parse_hex(fix)
        r0, g0, b0 = contrast.parse_hex(colour)
        assert (r >= g) == (r0 >= g0) and (g >= b) == (g0 >= b0)  # same hue order
        # nearest: one step lighter in each channel would fail again
        lighter = contrast.to_hex(tuple(min(255, v + 3) for v in (r, g, b)))
        assert contrast.ratio(lighter) < minimum + 0.15


def test_a_passing_colour_is_its_own_suggestion():
    assert contrast.nearest_passing("#1c2024", 4.5) == "#1c2024"


def test_on_a_dark_background_the_suggestion_is_lighter():
    fix = contrast.nearest_passing("#333333", 4.5, on="#000000")
    assert contrast.ratio(fix, "#000000") >= 4.5 and fix > "#333333"


@pytest.mark.parametrize("bad", ["777777", "#777", "#gggggg", "", None, 7, ["#000000"]])
def test_parse_hex_refuses_anything_but_rrggbb(bad):
    assert contrast.parse_hex(bad) is None
