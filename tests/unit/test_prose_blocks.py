"""The statement's Markdown subset, parsed on the server (services/privacy/prose_blocks.py).

Expected values are written out here from the Markdown rules the statement relies on."""

from __future__ import annotations

from cloudcv.services.privacy.prose_blocks import Block, Span, parse

TEXT = """# Privacyverklaring

## 1. Wie wij zijn

CloudCV B.V.  
Zernikelaan 16
Groningen

- **Doel:** je cv maken
- bewaard *tot 2 maanden* na je verzoek

1. Mail [info@cloudcv.nl](mailto:info@cloudcv.nl)
2. Lees [de AP](https://autoriteitpersoonsgegevens.nl)

Tekst met <b>geen</b> HTML en **vet met *schuin* erin**."""


def test_headings_paragraphs_breaks_and_lists():
    assert parse(TEXT) == [
        Block("h1", [[Span("Privacyverklaring")]]),
        Block("h2", [[Span("1. Wie wij zijn")]]),
        Block("p", [[Span("CloudCV B.V."), Span(br=True), Span("Zernikelaan 16"), Span(" "),
                     Span("Groningen")]]),
        Block("ul", [[Span("Doel:", strong=True), Span(" je cv maken")],
                     [Span("bewaard "), Span("tot 2 maanden", em=True), Span(" na je verzoek")]]),
        Block("ol", [[Span("Mail "), Span("info@cloudcv.nl", href="mailto:info@cloudcv.nl")],
                     [Span("Lees "), Span("de AP", href="https://autoriteitpersoonsgegevens.nl",
                                          external=True)]]),
        Block("p", [[Span("Tekst met <b>geen</b> HTML en "), Span("vet met ", strong=True),
                     Span("schuin", strong=True, em=True), Span(" erin", strong=True),
                     Span(".")]]),
    ]


def test_a_list_needs_every_line_to_be_an_item():
    assert parse("- een\ntwee") == [Block("p", [[Span("- een"), Span(" "), Span("twee")]])]
    assert parse("### Klein") == [Block("h3", [[Span("Klein")]])]
    assert parse("\n\n  \n") == []
