"""rxconfig's BundleChunksPlugin: Radix and the icons go into one ``ui`` chunk (issue 20)."""

from __future__ import annotations

import pytest
from reflex.utils.frontend_skeleton import _compile_vite_config
from reflex_base.config import get_config

import rxconfig


def test_the_ui_group_lands_in_reflexs_own_vite_config_once():
    generated = _compile_vite_config(get_config())  # the template of the installed Reflex
    assert "@radix-ui|lucide-react" not in generated
    patched = rxconfig.BundleChunksPlugin.add_group(generated)
    groups = patched.split("groups: [", 1)[1]
    assert groups.index('name: "ui"') < groups.index('name: "reflex-env"')
    assert "test: /node_modules[\\/](@radix-ui|lucide-react)[\\/]/," in groups
    assert rxconfig.BundleChunksPlugin.add_group(patched) == patched


def test_a_changed_template_is_an_error_not_a_silent_miss():
    with pytest.raises(RuntimeError, match="changed shape"):
        rxconfig.BundleChunksPlugin.add_group("export default defineConfig({});")


def test_the_plugin_is_configured():
    assert any(isinstance(p, rxconfig.BundleChunksPlugin) for p in rxconfig.config.plugins)
