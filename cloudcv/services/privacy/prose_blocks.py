"""The small Markdown subset of the privacy statement, parsed into plain data.

The statement is Markdown (services/privacy/statement.py). The browser never parses it: the
page is compiled from these blocks (components/prose.py), and a statement that changed after
the build reaches the page as the same blocks in a state var, rendered with ``rx.foreach``.
So no Markdown library ships to the browser (react-markdown cost /privacy ~30 KB of gzip JS).

Supported, which is what the statement uses: ``#``-``###`` headings, paragraphs with hard
line breaks (two trailing spaces), ``-`` and ``1.`` lists, ``**bold**``, ``*italic*`` and
``[links](href)``. Text stays text: there is no raw HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

INLINE = re.compile(r"\*\*(?P<strong>.+?)\*\*|\[(?P<label>[^\]]+)\]\((?P<href>[^)\s]+)\)"
                    r"|\*(?P<em>[^*\s][^*]*)\*")
HEADING = re.compile(r"^(#{1,3}) +(.*)$")
BULLET = re.compile(r"^- +(.*)$")
NUMBERED = re.compile(r"^\d+\. +(.*)$")


@dataclass(frozen=True)
class Span:
    """A run of text; ``br`` a hard line break. A link's text is never bold or italic."""

    text: str = ""
    strong: bool = False
    em: bool = False
    href: str = ""
    external: bool = False
    br: bool = False


@dataclass(frozen=True)
class Block:
    """``kind``: h1, h2, h3, p, ul or ol. ``lines``: one line of spans, or one per list item."""

    kind: str
    lines: list[list[Span]] = field(default_factory=list)


def inline(text: str, *, strong: bool = False, em: bool = False) -> list[Span]:
    """The spans of one line: text with strong, emphasis and links."""
    out: list[Span] = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()], strong=strong, em=em))
        if m.group("strong") is not None:
            out += inline(m.group("strong"), strong=True, em=em)
        elif m.group("label") is not None:
            href = m.group("href")
            out.append(Span(m.group("label"), href=href,
                            external=href.startswith(("http://", "https://"))))
        else:
            out += inline(m.group("em"), strong=strong, em=True)
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:], strong=strong, em=em))
    return out


def _paragraph(text: str) -> list[Span]:
    """Lines joined by a space; a line ending in two spaces ends in a hard break."""
    spans: list[Span] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        spans += inline(line.rstrip())
        if i < len(lines) - 1:
            spans.append(Span(br=True) if line.endswith("  ") else Span(" "))
    return spans


def block(text: str) -> Block:
    """One block: a heading (one line of ``#``), a list (every line a bullet or a number) or a paragraph."""
    lines = text.split("\n")
    heading = HEADING.match(text) if len(lines) == 1 else None
    if heading:
        return Block(f"h{len(heading.group(1))}", [inline(heading.group(2))])
    for pattern, kind in ((BULLET, "ul"), (NUMBERED, "ol")):
        if all(pattern.match(line) for line in lines):
            return Block(kind, [inline(pattern.match(line).group(1)) for line in lines])
    return Block("p", [_paragraph(text)])


def parse(text: str) -> list[Block]:
    """The blocks of ``text`` (separated by blank lines)."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text)]
    return [block(b) for b in blocks if b.strip()]
