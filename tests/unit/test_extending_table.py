"""docs/extending.md, "Add a personal-data table", done exactly as written there.

A developer adds ``cloudcv/models/cv_download.py`` (the model with its registry entry), its
labels in a new ``cloudcv/i18n/catalogs/cv_download.py`` and a migration made by
``alembic revision --autogenerate``; nothing else is edited. This test takes the two files
from the recipe's code blocks, writes them into a temporary directory that joins the
``cloudcv.models`` / ``catalogs`` packages, runs the package scan (``models.discover``, what importing the package does), lets alembic
autogenerate and apply the migration on a fresh SQLite database, fills the table for a user
who has a row in every other table too (tests/mydata_factories.py), and finds the table in
export, "Mijn gegevens", /privacy, the Art. 30 register, the retention sweep and erasure.

Everything is undone afterwards (metadata, mapper, registry, modules, catalog keys), so the
rest of the suite sees the real registry. SQLite only: the shared PostgreSQL test database
must not keep the table.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import insert, inspect, select
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import Session, SQLModel

import cloudcv.i18n.catalogs
import cloudcv.models
from cloudcv.i18n import CATALOGS, EN, NL
from cloudcv.models import REGISTRY, metadata
from cloudcv.services.core import db
from cloudcv.services.privacy import erasure, export, holdings, register, retention, statement
from tests.factories import verified_user
from tests.mydata_factories import full_user

ROOT = Path(__file__).resolve().parents[2]


def _recipe() -> tuple[str, str]:
    """The model file and the catalog file, as docs/extending.md shows them (the test
    follows the recipe word for word, so the recipe cannot drift from what works)."""
    text = (ROOT / "docs" / "extending.md").read_text()
    section = text.split("\n## Add a personal-data table\n", 1)[1].split("\n## ", 1)[0]
    model, labels = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    return model, labels


MODEL, LABELS = _recipe()

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
OLD = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)    # more than 1 year before NOW: swept
YOUNG = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)    # half a year old: kept


def _alembic(url: str, versions: Path) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("version_locations", os.pathsep.join(
        [str(ROOT / "alembic" / "versions"), str(versions)]))
    cfg.attributes["url"] = url
    return cfg


@pytest.fixture
def new_table(tmp_path, monkeypatch):
    """The two files of the recipe, found by the package scans; undone afterwards."""
    models_dir, catalogs_dir = tmp_path / "models", tmp_path / "catalogs"
    models_dir.mkdir()
    catalogs_dir.mkdir()
    (models_dir / "cv_download.py").write_text(MODEL)
    (catalogs_dir / "cv_download.py").write_text(LABELS)
    before = (set(REGISTRY), set(metadata.tables))
    cloudcv.models.__path__.append(str(models_dir))
    cloudcv.i18n.catalogs.__path__.append(str(catalogs_dir))
    try:
        found = cloudcv.models.discover()
        # the catalogs' own scan runs once at import; merge the new module the same way
        labels = importlib.import_module("cloudcv.i18n.catalogs.cv_download")
        assert not (set(labels.NL) | set(labels.EN)) & set(NL), "a label key is taken"
        for key, text in labels.NL.items():
            monkeypatch.setitem(NL, key, text)
        for key, text in labels.EN.items():
            monkeypatch.setitem(EN, key, text)
        for key, text in {**labels.NL, **labels.EN}.items():  # English falls back to Dutch
            monkeypatch.setitem(CATALOGS["en"], key, text)
        yield found
    finally:
        model = getattr(sys.modules.get("cloudcv.models.cv_download"), "CVDownload", None)
        REGISTRY.pop("cv_download", None)
        if "cv_download" in metadata.tables:
            metadata.remove(metadata.tables["cv_download"])
        if model is not None:  # the mapper goes too (what registry.dispose() does, for one class)
            manager = manager_of_class(model)
            SQLModel._sa_registry._dispose_manager_and_mapper(manager)
            SQLModel._sa_registry._managers.pop(manager, None)
        for name in ("cloudcv.models.cv_download", "cloudcv.i18n.catalogs.cv_download"):
            sys.modules.pop(name, None)
        for package in (cloudcv.models, cloudcv.i18n.catalogs):
            if hasattr(package, "cv_download"):
                delattr(package, "cv_download")
        cloudcv.models.__path__.remove(str(models_dir))
        cloudcv.i18n.catalogs.__path__.remove(str(catalogs_dir))
        assert (set(REGISTRY), set(metadata.tables)) == before


@pytest.fixture
def migrated(tmp_path, new_table):
    """A fresh database at the project's head, then the autogenerated migration applied."""
    url = f"sqlite:///{tmp_path / 'extending.db'}"
    db.migrate(url)
    versions = tmp_path / "versions"
    versions.mkdir()
    cfg = _alembic(url, versions)
    script = command.revision(cfg, message="cv downloads", autogenerate=True,
                              rev_id="9999_cv_download", version_path=str(versions))
    command.upgrade(cfg, "head")
    text = Path(script.path).read_text()
    yield url, text
    db.engine(url).dispose()


def _rows(session, table) -> list[tuple[int | None, str]]:
    return sorted(session.execute(select(table.c.user_id, table.c.ip)).all(),
                  key=lambda r: r.ip)


def test_a_new_model_file_is_found_and_its_table_appears_everywhere(new_table, migrated,
                                                                    frozen_clock):
    url, migration = migrated
    assert "cloudcv.models.cv_download" in new_table
    assert "cv_download" in REGISTRY and "cv_download" in metadata.tables
    # alembic saw the new model (and only it): the migration creates exactly this table
    assert "op.create_table('cv_download'" in migration
    assert migration.count("op.create_table(") == 1 and "drop_table" not in migration.split(
        "def downgrade", 1)[0]
    table = metadata.tables["cv_download"]
    frozen_clock.now = NOW
    with Session(db.engine(url), expire_on_commit=False) as session:
        assert "cv_download" in inspect(session.connection()).get_table_names()
        anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
        bob = verified_user(session, email="bob@example.nl", name="Bob Bakker")
        session.execute(insert(table), [
            {"user_id": anna.id, "ip": "192.0.2.10", "device_id": "a1", "created_at": OLD},
            {"user_id": anna.id, "ip": "192.0.2.11", "device_id": "a2", "created_at": YOUNG},
            {"user_id": bob.id, "ip": "192.0.2.20", "device_id": "b1", "created_at": OLD},
        ])
        session.commit()

        # export: Anna's rows (not Bob's) in data.json, with the period of the entry
        with zipfile.ZipFile(io.BytesIO(export.build_zip(session, user_id=anna.id))) as zf:
            data = json.loads(zf.read("data.json"))["tables"]["cv_download"]
        assert [r["ip"] for r in data["rows"]] == ["192.0.2.10", "192.0.2.11"]
        assert data["rows"][0]["created_at"] == "2025-11-20T09:00:00Z"
        assert (data["clause"], data["retention"]["period"]) == (
            "3.2.2", {"amount": 1, "unit": "years"})

        # Mijn gegevens: the overview lists it with its label and Anna's two rows
        mine = {h.table: h for h in holdings.holdings(session, user_id=anna.id)}["cv_download"]
        assert mine.count == 2
        assert holdings.label("table", "cv_download", "nl") == "Downloads van uw cv's"
        assert "1 jaar" in holdings.retention_text(mine, "nl")

        # /privacy: the table with its period, the new category in the §3.2.2 list
        nl = statement.render(session, lang="nl")
        assert ("- **Downloads van uw cv's** (art. 3.2.2): 1 jaar na het moment van "
                "verzamelen (langer zolang wij na geconstateerd misbruik een blokkade met "
                "reden hebben vastgelegd)") in nl.splitlines()
        assert "- tijd en datum van downloaden" in nl.splitlines()
        en = statement.render(session, lang="en")
        assert any(line.startswith("- **Downloads of your CVs** (art. 3.2.2): 1 year after "
                                   "collection") for line in en.splitlines())

        # the Art. 30 register: under the security activity, with its period
        doc = register.build(session, lang="nl")
        security = next(a for a in doc["activities"] if a["clause"] == "3.2.2")
        listed = {r["table"]: r for r in security["tables"]}
        assert "cv_download" in listed, sorted(listed)
        row = listed["cv_download"]
        assert (row["label"], row["retention_period"]) == (
            "Downloads van uw cv's", {"amount": 1, "unit": "years"})
        assert "tijd en datum van downloaden" in row["categories"]
        assert "cv_download" in register.to_markdown(doc)

        # retention: rows collected more than a year ago go, the younger one stays
        report = retention.sweep(session)
        assert report.rule("cv_download").deleted == 2
        assert _rows(session, table) == [(anna.id, "192.0.2.11")]

        # erasure: Anna's remaining row goes with her account, nobody else's rows
        session.execute(insert(table), {"user_id": bob.id, "ip": "192.0.2.21",
                                        "created_at": YOUNG})
        session.commit()
        result = erasure.erase_user(session, user_id=anna.id)
        assert result.deleted["cv_download"] == 1
        assert _rows(session, table) == [(bob.id, "192.0.2.21")]


def test_after_the_extension_test_the_registry_is_the_real_one_again():
    """Runs after the test above (file order): nothing of cv_download is left behind."""
    assert "cv_download" not in REGISTRY and "cv_download" not in metadata.tables
    assert "table.cv_download" not in NL and "table.cv_download" not in CATALOGS["en"]
    assert "cloudcv.models.cv_download" not in sys.modules
    assert all("cv_download" not in str(m.class_) for m in SQLModel._sa_registry.mappers)
