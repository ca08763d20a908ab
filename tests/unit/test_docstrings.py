"""Every service module says what it holds, and every public service function says what it does.

An AST scan of ``cloudcv/services``, one parametrization per domain package (``core``,
``accounts``, ``admin``, ``cv``, ``privacy``) plus ``tasks.py`` (with ``services/__init__.py``),
so a package that is not documented yet fails on its own and names what is missing:

- a module without a docstring;
- a public module-level function or class (name not starting with ``_``) without one;
- a public method (or property) of a public class without one.

Nested functions and ``_private`` names are the module's own business and are not checked.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[2] / "cloudcv" / "services"
PACKAGES = ["core", "accounts", "admin", "cv", "privacy"]
TOP = "tasks.py"  # the modules directly in services/: tasks.py and the package's __init__.py
DOMAINS = [*PACKAGES, TOP]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _files(domain: str) -> list[Path]:
    if domain == TOP:
        return sorted(SERVICES.glob("*.py"))
    return sorted((SERVICES / domain).rglob("*.py"))


def _public(nodes, kinds) -> list:
    return [n for n in nodes if isinstance(n, kinds) and not n.name.startswith("_")]


def _undocumented(domain: str, *, methods: bool) -> list[str]:
    missing = []
    for path in _files(domain):
        where = path.relative_to(SERVICES).as_posix()
        tree = ast.parse(path.read_text(), filename=str(path))
        if not methods and not ast.get_docstring(tree):
            missing.append(f"{where}: module")
        for node in _public(tree.body, _DEFS):
            if not methods and not ast.get_docstring(node):
                missing.append(f"{where}:{node.lineno} {node.name}")
            if methods and isinstance(node, ast.ClassDef):
                missing += [f"{where}:{m.lineno} {node.name}.{m.name}"
                            for m in _public(node.body, _FUNCS) if not ast.get_docstring(m)]
    return missing


@pytest.mark.parametrize("domain", DOMAINS)
def test_modules_functions_and_classes_have_docstrings(domain):
    missing = _undocumented(domain, methods=False)
    assert not missing, f"{len(missing)} without a docstring:\n" + "\n".join(missing)


@pytest.mark.parametrize("domain", DOMAINS)
def test_public_methods_have_docstrings(domain):
    missing = _undocumented(domain, methods=True)
    assert not missing, f"{len(missing)} without a docstring:\n" + "\n".join(missing)


def test_every_service_module_is_scanned():
    """A new domain package must join DOMAINS (and the layering order) on purpose."""
    scanned = {p for domain in DOMAINS for p in _files(domain)}
    assert scanned, "no service modules found"
    unscanned = sorted(p.relative_to(SERVICES).as_posix()
                       for p in SERVICES.rglob("*.py") if p not in scanned)
    assert not unscanned, unscanned


def test_the_scan_names_what_it_misses(tmp_path, monkeypatch):
    """The scan itself: a module, a function, a class and a method without docstrings are named;
    private names, nested functions and documented ones are not."""
    pkg = tmp_path / "demo"
    pkg.mkdir()
    (pkg / "bare.py").write_text(
        "def shown(): pass\n"
        "def _hidden(): pass\n"
        "class Row:\n"
        "    def method(self): pass\n"
        "    def _own(self): pass\n")
    (pkg / "fine.py").write_text(
        '"""Module."""\n'
        "def documented():\n"
        '    """Does a thing."""\n'
        "    def nested(): pass\n"
        "class Row:\n"
        '    """A row."""\n'
        "    @property\n"
        "    def value(self):\n"
        '        """The value."""\n')
    monkeypatch.setattr(sys.modules[__name__], "SERVICES", tmp_path)
    assert _undocumented("demo", methods=False) == [
        "demo/bare.py: module", "demo/bare.py:1 shown", "demo/bare.py:3 Row"]
    assert _undocumented("demo", methods=True) == ["demo/bare.py:4 Row.method"]
