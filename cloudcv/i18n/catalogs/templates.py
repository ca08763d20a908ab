"""PDF template texts. The templates' own names are not here: each template module in
``services/cv/pdf/templates/`` carries its labels (``Template.labels``)."""

NL = {
    "error.template_unknown": "Dit sjabloon bestaat niet (meer). Kies een ander sjabloon.",
}

EN = {
    "error.template_unknown": "This template does not exist (any more). Choose another template.",
}
