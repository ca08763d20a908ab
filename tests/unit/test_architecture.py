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


DOMAINS = ["core", "cv", "privacy", "accounts", "admin"]  # each may import only those before it


def _is_module(name: str) -> bool:
    path = PKG.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _services_graph() -> dict[str, set[str]]:
    """module -> cloudcv.services modules it imports (lazy imports inside functions count);
    ``from . import fast`` counts as importing the module ``fast``, not its package."""
    graph = {}
    for path in (PKG / "services").rglob("*.py"):
        name = ".".join(path.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = path.relative_to(PKG.parent).with_suffix("").parts[:-node.level]
                    base = ".".join([*parts, base]) if base else ".".join(parts)
                subs = {f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")}
                deps |= subs if len(subs) == len(node.names) else subs | {base}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
        graph[name] = {m for m in deps if m.startswith("cloudcv.services.") and m != name}
    return graph


def _owner(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else "__init__"


def test_services_are_split_into_domain_packages():
    top = {p.stem for p in (PKG / "services").glob("*.py")} - {"__init__"}
    assert top == {"tasks"}, f"flat modules left in services/: {top - {'tasks'}}"
    packages = {p.name for p in (PKG / "services").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(DOMAINS)
    for name in DOMAINS:
        assert ast.get_docstring(ast.parse((PKG / "services" / name / "__init__.py").read_text()))


def test_no_import_circle_between_modules_or_domains():
    graph = _services_graph()
    # packages: core imports no domain; a domain imports only the ones below it (DOMAINS order)
    # or core; tasks (the scheduler) may import any of them
    for module, deps in graph.items():
        src = _owner(module)
        for dep in deps:
            dst = _owner(dep)
            if src in ("tasks", dst) or dst == "__init__":
                continue
            assert src in DOMAINS and dst in DOMAINS, (module, dep)
            assert DOMAINS.index(dst) < DOMAINS.index(src), f"{module} imports {dep}: {src} → {dst}"
    # modules: no circle at all, lazy imports included
    seen, stack = set(), []

    def visit(node):
        if node in stack:
            raise AssertionError(f"import circle: {' → '.join(stack[stack.index(node):] + [node])}")
        if node in seen:
            return
        stack.append(node)
        for dep in graph.get(node, ()):
            visit(dep)
        stack.pop()
        seen.add(node)

    for module in graph:
        visit(module)
