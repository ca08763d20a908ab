"""The privacy statement's Markdown as Radix components, with no Markdown parser in the browser.

``services/privacy/prose_blocks.py`` parses the text on the server into blocks of spans. Text
known at build time (the statement as compiled) becomes plain headings, paragraphs and lists
in the prerendered HTML (``markdown_tree``); text only known at run time (a statement changed
since the build) arrives as the same blocks in a state var and is drawn by ``live_blocks``
with ``rx.foreach`` into the same components. Both keep the look ``rx.markdown`` had (same
components and margins); react-markdown (~30 KB of gzip JavaScript) no longer ships.
"""

from __future__ import annotations

import reflex as rx

from ..services.privacy.prose_blocks import Block, Span, parse

HEADING_SIZE = {"h1": "6", "h2": "5", "h3": "4"}
_LIST = {"ul": rx.list.unordered, "ol": rx.list.ordered}


# --- compiled: Python values, decided when the page is built -------------------------------

def _span(s: Span):
    if s.br:
        return rx.el.br()
    if s.href:
        return rx.link(s.text, href=s.href, **({"is_external": True} if s.external else {}))
    out = rx.el.em(s.text) if s.em else s.text
    return rx.el.strong(out) if s.strong else out


def _block(b: Block) -> rx.Component:
    if b.kind in HEADING_SIZE:
        return rx.heading(*map(_span, b.lines[0]), as_=b.kind, size=HEADING_SIZE[b.kind],
                          margin_y="0.5em")
    if b.kind in _LIST:
        return _LIST[b.kind](*[rx.list.item(*map(_span, line), margin_y="0.5em")
                               for line in b.lines], margin_y="1em")
    return rx.text(*map(_span, b.lines[0]), as_="p", margin_y="1em")


def markdown_tree(text: str) -> list[rx.Component]:
    """The blocks of ``text`` as components, for the compiled page."""
    return [_block(b) for b in parse(text)]


# --- live: the same blocks as a state var, drawn in the browser ----------------------------

def _live_span(s) -> rx.Component:
    text = rx.cond(s.em, rx.el.em(s.text), rx.fragment(s.text))
    return rx.cond(
        s.br, rx.el.br(),
        rx.cond(s.href != "",
                rx.cond(s.external, rx.link(s.text, href=s.href, is_external=True),
                        rx.link(s.text, href=s.href)),
                rx.cond(s.strong, rx.el.strong(text), text)),
    )


def _live_spans(line) -> rx.Component:
    return rx.foreach(line, _live_span)


def _live_block(b) -> rx.Component:
    first = b.lines[0]
    return rx.match(
        b.kind,
        *[(kind, rx.heading(_live_spans(first), as_=kind, size=size, margin_y="0.5em"))
          for kind, size in HEADING_SIZE.items()],
        *[(kind, make(rx.foreach(b.lines, lambda line: rx.list.item(_live_spans(line),
                                                                     margin_y="0.5em")),
                      margin_y="1em"))
          for kind, make in _LIST.items()],
        rx.text(_live_spans(first), as_="p", margin_y="1em"),
    )


def live_blocks(blocks) -> rx.Component:
    """A state var of ``list[Block]`` drawn as the compiled page would draw it."""
    return rx.foreach(blocks, _live_block)
