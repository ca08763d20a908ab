"""The editor's section list ("Secties"): order, own names, the announcement after a move."""

NL = {
    "sections.title": "Secties: volgorde en namen",
    "sections.intro": "Sleep een sectie naar een andere plek of gebruik de pijltjes. Geef een sectie een eigen naam; leeg laten geeft de standaardnaam. Laat een sectie op een nieuwe pagina beginnen, of voeg een eigen sectie toe. De PDF volgt je keuze.",
    "sections.name_of": "Eigen naam voor",
    "sections.up": "Omhoog:",
    "sections.down": "Omlaag:",
    "sections.reset": "Standaardnaam terug voor",
    "sections.hidden": "verborgen",
    "sections.moved": "{title} staat nu op plaats {place} van {total}.",
}

EN = {
    "sections.title": "Sections: order and names",
    "sections.intro": "Drag a section to another place or use the arrows. Give a section a name of your own; leave it empty for the default name. Start a section on a new page, or add a section of your own. The PDF follows your choice.",
    "sections.name_of": "Own name for",
    "sections.up": "Up:",
    "sections.down": "Down:",
    "sections.reset": "Default name again for",
    "sections.hidden": "hidden",
    "sections.moved": "{title} is now in place {place} of {total}.",
}
