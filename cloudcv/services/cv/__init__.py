"""CVs: the builder's data (CVs, entries, photos), the PDF engine and its templates, previews.

``cvs.py`` CV-level actions (list, create, rename, duplicate, delete, fields, layout,
photo), ``entries.py`` jobs, studies, skills and languages, ``checks.py`` ownership and
input rules they share, ``rendering.py`` the CV as a PDF document, its download and
preview, ``photos.py`` the upload pipeline, ``preview.py`` the stacked PNG. ``pdf/``
lays out the PDF; its templates are one module each in ``pdf/templates/``, listed only
by ``pdf/registry.py``. What is personal data and how long it is kept:
``models/registry.py``.
"""
