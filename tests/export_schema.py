"""docs/export-schema.json (JSON Schema 2020-12), checked with the ``jsonschema`` package,
formats included (``date-time`` needs rfc3339-validator, pinned in the dev extras)."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "export-schema.json").read_text())
Draft202012Validator.check_schema(SCHEMA)
_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

__all__ = ["SCHEMA", "ValidationError", "validate"]


def validate(instance, schema: dict = SCHEMA) -> None:
    """Raise ValidationError when ``instance`` does not match the export schema."""
    validator = _VALIDATOR if schema is SCHEMA else Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    validator.validate(instance)
