"""The recipe "Add a PDF template" in docs/extending.md, followed to the letter.

The example module is copied from the docs into a temporary folder that is added to the
templates package, as if a developer had saved it in ``services/cv/pdf/templates/``;
then every place a template must appear is checked. Also: a name the registry does not
hold is refused, at ``set_layout`` and at render, never replaced by another layout.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import reflex as rx
from PIL import Image

from cloudcv.i18n import t
from cloudcv.models import CV
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, rendering
from cloudcv.services.cv.pdf import registry
from cloudcv.services.cv.pdf import templates as templates_package
from tests.factories import verified_user

DOCS = Path(__file__).resolve().parents[2] / "docs" / "extending.md"
PACKAGE = templates_package.__name__

pytestmark = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                                reason="poppler-utils not installed")


def recipe() -> str:
    """The first Python block of the section "## Add a PDF template"."""
    section = DOCS.read_text().split("## Add a PDF template", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def drop_in(tmp_path, monkeypatch):
    """Save modules in a folder of the templates package; forget them afterwards."""
    monkeypatch.setattr(templates_package, "__path__", [*templates_package.__path__, str(tmp_path)])
    added = []

    def save(name: str, source: str) -> None:
        (tmp_path / f"{name}.py").write_text(source)
        added.append(name)
        registry.templates.cache_clear()

    yield save
    for name in added:
        sys.modules.pop(f"{PACKAGE}.{name}", None)
        vars(templates_package).pop(name, None)
    registry.templates.cache_clear()


@pytest.fixture
def anna(session):
    return verified_user(session).id


def pdftotext(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_the_documented_template_appears_everywhere_a_template_must(session, anna, drop_in):
    shipped = registry.names()
    drop_in("stripe", recipe())

    # the registry: after every shipped template (docs: order=1000)
    assert registry.names() == (*shipped, "stripe")
    assert dict(registry.get("stripe").labels) == {"nl": "Streep", "en": "Stripe"}

    # the editor's radio cards, with both labels in the compiled page
    from cloudcv.pages.editor import template_cards

    page = str(rx.radio_cards.root(*template_cards()))
    assert 'id:"template-stripe"' in page and 'value:"stripe"' in page
    assert '"Streep"' in page and '"Stripe"' in page
    assert page.index(f'id:"template-{shipped[-1]}"') < page.index('id:"template-stripe"')

    # accepted by set_layout, stored on the CV
    cv_id = cvs.create_cv(session, user_id=anna, title="Streep-cv")
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="stripe", accent="#e54666")
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).template == "stripe"

    # rendered: the CV's text, and the stripe down the left edge in the accent colour
    _, pdf = rendering.render_pdf(session, user_id=anna, cv_id=cv_id)
    assert "Anna de Vries" in pdftotext(pdf) and "anna@example.nl" in pdftotext(pdf)
    from cloudcv.services.cv.pdf import render_png

    page_1 = Image.open(io.BytesIO(render_png(pdf, dpi=50))).convert("RGB")
    x, y = round(page_1.width * 1.5 / 210), round(page_1.height * 150 / 297)  # 1.5 mm from the edge
    assert max(abs(a - b) for a, b in zip(page_1.getpixel((x, y)), (0xE5, 0x46, 0x66))) <= 3


@pytest.mark.parametrize("name", ["fancy", "ATS", "", "stripe", "__init__", "sidebar "])
def test_set_layout_refuses_a_name_the_registry_does_not_hold(session, anna, name):
    cv_id = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, template="sidebar")
    with pytest.raises(Invalid) as info:
        cvs.set_layout(session, user_id=anna, cv_id=cv_id, template=name)
    assert info.value.key == "error.template_unknown" and info.value.field == "template"
    session.rollback()
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).template == "sidebar"


def test_the_refusal_is_a_sentence_in_dutch_and_english():
    assert t("error.template_unknown", "nl") == "Dit sjabloon bestaat niet (meer). Kies een ander sjabloon."
    assert t("error.template_unknown", "en") == "This template does not exist (any more). Choose another template."


def test_a_cv_whose_template_module_is_gone_is_refused_at_render(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="Oud cv")
    cv = session.get(CV, cv_id)
    cv.template = "removed"  # stored when that template still existed
    session.add(cv)
    session.commit()
    for render in (rendering.render_pdf, rendering.render_preview):
        with pytest.raises(Invalid) as info:
            render(session, user_id=anna, cv_id=cv_id)
        assert info.value.key == "error.template_unknown"


@pytest.mark.parametrize("source, complaint", [
    ("X = 1\n", "TEMPLATE = Template"),
    (recipe().replace('name="stripe"', 'name="other"'), "file name 'stripe'"),
    (recipe().replace(', "en": "Stripe"', ""), "labels lacks en"),
])
def test_a_broken_template_module_is_refused_at_discovery(drop_in, source, complaint):
    drop_in("stripe", source)
    with pytest.raises(registry.TemplateError, match=re.escape(complaint)):
        registry.templates()


def test_helper_modules_with_a_leading_underscore_are_not_templates(drop_in):
    shipped = registry.names()
    drop_in("_shapes", "def square():\n    return 4\n")
    assert registry.names() == shipped and "_shapes" not in shipped
