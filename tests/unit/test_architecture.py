"""Layering and i18n rules that keep the code honest."""

import ast
import re
from pathlib import Path

from cloudcv.i18n import DUPLICATE_KEYS, EN, NL

PKG = Path(__file__).resolve().parents[2] / "cloudcv"
LAYERS = ["pages", "components", "state", "services", "models"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                parts = path.relative_to(PKG.parent).with_suffix("").parts[:-node.level]
                mod = ".".join([*parts, mod]) if mod else ".".join(parts)
            found.add(mod)
    return found


def test_services_and_models_never_import_reflex_or_higher_layers():
    for layer in ("services", "models"):
        for path in (PKG / layer).rglob("*.py"):
            for mod in _imports(path):
                assert not mod.startswith("reflex"), f"{path} imports {mod}"
                higher = LAYERS[: LAYERS.index(layer)]
                assert not any(mod.startswith(f"cloudcv.{h}") for h in higher), f"{path} imports {mod}"


def test_every_dutch_message_has_an_english_translation():
    assert set(NL) - set(EN) <= {"app.name"}, set(NL) - set(EN) - {"app.name"}


def test_no_key_is_defined_twice_across_catalogs():
    assert DUPLICATE_KEYS == []


def test_every_key_used_in_code_exists_in_the_catalog():
    keys = set()
    prefixes = sorted({k.split(".", 1)[0] for k in NL})
    # audit actions (action="admin.block") look like keys but are not shown to users
    pattern = re.compile(r"""(?<!action=)(?<!action = )["']((?:%s)\.[a-z_]+(?:\.[a-z_]+)*)["']""" % "|".join(prefixes))
    for path in PKG.rglob("*.py"):
        if "i18n" in path.parts or "models" in path.parts:
            continue
        keys |= set(pattern.findall(path.read_text()))
    not_keys = {"cv.pdf", "data.json"}  # file names that look like keys
    assert keys and not keys - set(NL) - not_keys, keys - set(NL) - not_keys


def test_placeholders_match_between_languages():
    fmt = re.compile(r"{(\w+)}")
    for key, text in NL.items():
        if key in EN:
            assert set(fmt.findall(text)) == set(fmt.findall(EN[key])), key
