"""A small JSON Schema validator for the subset docs/export-schema.json uses.

Supported: type (also lists), const, enum, required, properties, additionalProperties
(bool or schema), items, minItems, maxItems, minLength, minimum, pattern,
format "date-time" (RFC 3339), local $ref ("#/$defs/..."), allOf, anyOf, not.
Anything else in a schema raises, so the schema cannot silently use an unchecked keyword.
"""

from __future__ import annotations

import re
from datetime import datetime

KNOWN = {"$schema", "$id", "$defs", "title", "description", "type", "const", "enum",
         "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
         "minLength", "minimum", "pattern", "format", "$ref", "allOf", "anyOf", "not"}
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class ValidationError(AssertionError):
    pass


def _date_time(value: str) -> bool:
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def errors(instance, schema: dict, root: dict | None = None, path: str = "$") -> list[str]:
    root = root if root is not None else schema
    unknown = set(schema) - KNOWN
    if unknown:
        raise ValueError(f"unsupported schema keywords at {path}: {unknown}")
    found: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref supported: {ref}")
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        found += errors(instance, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](instance) for t in types):
            return found + [f"{path}: {instance!r} is not of type {types}"]
    if "const" in schema and instance != schema["const"]:
        found.append(f"{path}: {instance!r} != {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{path}: {instance!r} not in {schema['enum']}")
    if isinstance(instance, str):
        if "minLength" in schema and len(instance) < schema["minLength"]:
            found.append(f"{path}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            found.append(f"{path}: {instance!r} does not match {schema['pattern']}")
        if schema.get("format") == "date-time" and not _date_time(instance):
            found.append(f"{path}: {instance!r} is not an RFC 3339 date-time")
    if TYPES["number"](instance) and "minimum" in schema and instance < schema["minimum"]:
        found.append(f"{path}: {instance} < {schema['minimum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                found.append(f"{path}: missing required {key!r}")
        props = schema.get("properties", {})
        for key, value in instance.items():
            if key in props:
                found += errors(value, props[key], root, f"{path}.{key}")
            elif "additionalProperties" in schema:
                extra = schema["additionalProperties"]
                if extra is False:
                    found.append(f"{path}: unexpected property {key!r}")
                elif isinstance(extra, dict):
                    found += errors(value, extra, root, f"{path}.{key}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            found.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            found.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, item in enumerate(instance):
                found += errors(item, schema["items"], root, f"{path}[{i}]")
    for sub in schema.get("allOf", []):
        found += errors(instance, sub, root, path)
    if "anyOf" in schema and not any(not errors(instance, s, root, path) for s in schema["anyOf"]):
        found.append(f"{path}: matches none of anyOf")
    if "not" in schema and not errors(instance, schema["not"], root, path):
        found.append(f"{path}: must not match {schema['not']}")
    return found


def validate(instance, schema: dict) -> None:
    found = errors(instance, schema)
    if found:
        raise ValidationError("\n".join(found[:20]))
