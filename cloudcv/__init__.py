"""CloudCV.nl — a privacy-first Dutch CV builder.

Layers (imports only point down): pages -> components -> state -> services -> models,
with ``config`` and ``i18n`` usable from every layer.
"""
