"""A CV's typography (services/cv/typography.py): bounds written here, refused values
change nothing, another user's CV is not found, the export carries the settings."""

import pytest

from cloudcv.models import CV
from cloudcv.services.core.errors import Invalid, NotFound
from cloudcv.services.cv import cvs, rendering, typography
from tests.factories import verified_user


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def cv_id(session, anna):
    return cvs.create_cv(session, user_id=anna, title="Mijn cv")


def _row(session, cv_id) -> CV:
    session.expire_all()
    return session.get(CV, cv_id)


def test_a_new_cv_prints_as_before(session, anna, cv_id):
    typo = typography.typography_of(_row(session, cv_id))
    assert (typo.font, typo.size, typo.spacing, typo.margin, typo.text_color) == ("dejavu", 9.5, 1.15, None, None)


def test_valid_choices_are_stored_and_reach_the_pdf_document(session, anna, cv_id):
    typography.set_typography(session, user_id=anna, cv_id=cv_id, font="liberation_serif", size="11.5",
                              spacing="1.3", margin="12", text_color="#1A2B3C")
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.typography.font == "liberation_serif"
    assert (doc.typography.size, doc.typography.spacing, doc.typography.margin) == (11.5, 1.3, 12)
    assert doc.typography.text_color == "#1a2b3c"


@pytest.mark.parametrize("bounds", [("size", 9), ("size", 12), ("spacing", 1.0), ("spacing", 1.6),
                                    ("margin", 10), ("margin", 25)])
def test_the_bounds_themselves_are_allowed(session, anna, cv_id, bounds):
    name, value = bounds
    typography.set_typography(session, user_id=anna, cv_id=cv_id, **{name: value})


@pytest.mark.parametrize("name, value, key", [
    ("font", "comic_sans", "error.typography.font"),
    ("font", {"key": "dejavu"}, "error.typography.font"),
    ("size", 8.5, "error.typography.size"),
    ("size", 12.5, "error.typography.size"),
    ("size", "10.25", "error.typography.size"),     # off the 0.5 pt step
    ("size", "nan", "error.typography.size"),
    ("size", "Infinity", "error.typography.size"),
    ("size", True, "error.typography.size"),
    ("size", [10], "error.typography.size"),
    ("spacing", 0.9, "error.typography.spacing"),
    ("spacing", 1.65, "error.typography.spacing"),
    ("spacing", "1.12", "error.typography.spacing"),
    ("margin", 9, "error.typography.margin"),
    ("margin", 26, "error.typography.margin"),
    ("margin", -20, "error.typography.margin"),
    ("margin", "12.5", "error.typography.margin"),
    ("text_color", "red", "error.typography.colour"),
    ("text_color", "#12345", "error.typography.colour"),
    ("text_color", "#1234567", "error.typography.colour"),
    ("text_color", "javascript:alert(1)", "error.typography.colour"),
])
def test_a_tampered_value_is_refused_and_nothing_changes(session, anna, cv_id, name, value, key):
    typography.set_typography(session, user_id=anna, cv_id=cv_id, font="dejavu_serif", size=10,
                              spacing=1.3, margin=15, text_color="#222222")
    before = _row(session, cv_id).model_dump()
    with pytest.raises(Invalid) as exc:
        # a valid change next to the bad one must not be saved either
        valid = {"size": 11} if name == "font" else {"font": "liberation_sans"}
        typography.set_typography(session, user_id=anna, cv_id=cv_id, **valid, **{name: value})
    assert exc.value.key == key
    after = _row(session, cv_id).model_dump()
    assert after == before


def test_every_error_key_is_translated():
    from cloudcv.i18n import t
    for key in ("font", "size", "spacing", "margin", "colour"):
        for lang in ("nl", "en"):
            assert t(f"error.typography.{key}", lang) != f"error.typography.{key}"


def test_default_resets_margin_and_text_colour(session, anna, cv_id):
    typography.set_typography(session, user_id=anna, cv_id=cv_id, margin=12, text_color="#222222")
    typography.set_typography(session, user_id=anna, cv_id=cv_id, margin="default", text_color="default")
    row = _row(session, cv_id)
    assert row.margin_mm is None and row.text_color is None


def test_another_users_cv_is_not_found(session, anna, cv_id):
    bob = verified_user(session, email="bob@example.nl", name="Bob").id
    with pytest.raises(NotFound):
        typography.set_typography(session, user_id=bob, cv_id=cv_id, size=11)
    assert _row(session, cv_id).font_size == 9.5


def test_the_view_warns_with_the_nearest_passing_colour(session, anna, cv_id):
    typography.set_typography(session, user_id=anna, cv_id=cv_id, text_color="#777777")
    view = typography.view_of(_row(session, cv_id))
    assert view["text_ratio"] == "4.48" and view["text_fix"] == "#767676"
    typography.set_typography(session, user_id=anna, cv_id=cv_id, text_color="#767676")
    view = typography.view_of(_row(session, cv_id))
    assert view["text_ratio"] == "4.54" and view["text_fix"] == ""


def test_the_orange_accent_is_flagged_below_three_to_one(session, anna, cv_id):
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, accent="#f76b15")  # 2.97:1 on white
    view = typography.view_of(_row(session, cv_id))
    assert view["accent_ratio"] == "2.97" and view["accent_fix"]
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, accent="#3e63dd")  # 5.21:1
    assert typography.view_of(_row(session, cv_id))["accent_fix"] == ""


def test_the_suggestion_is_computed_from_the_stored_colour(session, anna, cv_id):
    typography.set_typography(session, user_id=anna, cv_id=cv_id, text_color="#aaaaaa")
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, accent="#f76b15")
    typography.apply_suggestion(session, user_id=anna, cv_id=cv_id, which="text")
    typography.apply_suggestion(session, user_id=anna, cv_id=cv_id, which="accent")
    row = _row(session, cv_id)
    assert row.text_color == "#767676"  # the lightest grey at 4.5:1 (WCAG: 4.54)
    assert row.accent != "#f76b15" and typography.contrast.ratio(row.accent) >= 3.0
    with pytest.raises(Invalid):
        typography.apply_suggestion(session, user_id=anna, cv_id=cv_id, which="#000000")


def test_text_on_a_templates_tinted_surface_is_checked_there_too(session, anna, cv_id):
    """The sidebar's text sits on the accent at 10% (#3e63dd → #eceffc): a grey that passes
    on white (4.54:1) falls short there, and the suggestion passes on both."""
    typography.set_typography(session, user_id=anna, cv_id=cv_id, text_color="#767676")
    assert typography.view_of(_row(session, cv_id))["text_fix"] == ""  # accent: white only
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="sidebar", accent="#3e63dd")
    assert typography.surface_of(_row(session, cv_id)) == "#eceffc"
    view = typography.view_of(_row(session, cv_id))
    ratio = typography.contrast.ratio
    assert float(view["text_ratio"]) == pytest.approx(ratio("#767676", "#eceffc"), abs=0.01)
    assert float(view["text_ratio"]) < 4.5
    fix = view["text_fix"]
    assert fix and ratio(fix, "#eceffc") >= 4.5 and ratio(fix) >= 4.5
    typography.apply_suggestion(session, user_id=anna, cv_id=cv_id, which="text")
    assert _row(session, cv_id).text_color == fix
    assert typography.view_of(_row(session, cv_id))["text_fix"] == ""
