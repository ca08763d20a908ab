"""The PDF layouts, one module each: ``ats``, ``accent``, ``sidebar``.

A module here *is* a template: it declares ``TEMPLATE = Template(...)`` (``registry.py``)
and the registry finds it; nothing else lists templates. Modules starting with ``_`` are
shared helpers, not templates. The building blocks a layout uses: ``canvas.py``
(measuring, drawing), ``rows.py`` (rows, page flow), ``blocks.py`` (headings, entries,
footer), ``colour.py``. Recipe: ``docs/extending.md``, "Add a PDF template".
"""
