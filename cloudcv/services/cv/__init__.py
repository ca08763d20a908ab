"""CVs: the builder's data (CVs, entries, photos), the PDF engine and its templates, previews."""
