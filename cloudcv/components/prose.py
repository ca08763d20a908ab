"""Markdown turned into Radix components when the page is compiled.

For text known at build time (the privacy statement): the page ships as plain headings,
paragraphs and lists in the prerendered HTML, with the look of ``rx.markdown`` (same
components and margins) but without parsing Markdown in the browser. Supports what the
statement uses: ``#``-``###`` headings, paragraphs with hard line breaks (two trailing
spaces), ``-`` and ``1.`` lists, ``**bold**``, ``*italic*`` and ``[links](href)``.
"""

from __future__ import annotations

import re

import reflex as rx

INLINE = re.compile(r"\*\*(?P<strong>.+?)\*\*|\[(?P<label>[^\]]+)\]\((?P<href>[^)\s]+)\)"
                    r"|\*(?P<em>[^*\s][^*]*)\*")
HEADING = re.compile(r"^(#{1,3}) +(.*)$")
BULLET = re.compile(r"^- +(.*)$")
NUMBERED = re.compile(r"^\d+\. +(.*)$")
HEADING_SIZE = {1: "6", 2: "5", 3: "4"}


def inline(text: str) -> list:
    """Children for one line: text with strong, emphasis and links."""
    out: list = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        if m.group("strong") is not None:
            out.append(rx.el.strong(*inline(m.group("strong"))))
        elif m.group("label") is not None:
            href = m.group("href")
            external = href.startswith(("http://", "https://"))
            out.append(rx.link(m.group("label"), href=href,
                               **({"is_external": True} if external else {})))
        else:
            out.append(rx.el.em(*inline(m.group("em"))))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def _lines(block: str) -> list:
    """A paragraph's children: lines joined by a space, "  " line ends as breaks."""
    children: list = []
    lines = block.split("\n")
    for i, line in enumerate(lines):
        hard = line.endswith("  ")
        children += inline(line.rstrip())
        if i < len(lines) - 1:
            children.append(rx.el.br() if hard else " ")
    return children


def _list(items: list[str], *, ordered: bool) -> rx.Component:
    make = rx.list.ordered if ordered else rx.list.unordered
    return make(*[rx.list.item(*inline(item), margin_y="0.5em") for item in items],
                margin_y="1em")


def block(text: str) -> rx.Component:
    """One markdown block as a component."""
    lines = text.split("\n")
    heading = HEADING.match(text) if len(lines) == 1 else None
    if heading:
        level = len(heading.group(1))
        return rx.heading(*inline(heading.group(2)), as_=f"h{level}", size=HEADING_SIZE[level],
                          margin_y="0.5em")
    for pattern, ordered in ((BULLET, False), (NUMBERED, True)):
        if all(pattern.match(line) for line in lines):
            return _list([pattern.match(line).group(1) for line in lines], ordered=ordered)
    return rx.text(*_lines(text), as_="p", margin_y="1em")


def markdown_tree(text: str) -> list[rx.Component]:
    """The blocks of ``text`` (separated by blank lines) as components."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text)]
    return [block(b) for b in blocks if b.strip()]


def _pre(value, **_props) -> rx.Component:
    return rx.el.pre(value)


def live_markdown(text) -> rx.Component:
    """``rx.markdown`` for text that is only known at run time, without what its defaults
    pull in and the statement never uses: the code highlighter (190 KB of JavaScript),
    KaTeX (a 28 KB render-blocking stylesheet) and raw HTML (admin-entered processor
    names are text, never markup)."""
    return rx.markdown(text, component_map={"pre": _pre}, use_math=False, use_katex=False,
                       use_raw=False, use_gfm=False, use_unwrap_images=False)
