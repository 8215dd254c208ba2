"""Markdown for pandoc: each quotation a block quotation, its citation a real footnote."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TextIO

from workbench.citations import Rich
from workbench.escaping import markdown_note, markdown_text
from workbench.export.excerpts import Prepared
from workbench.export.spool import Spool
from workbench.model.text import counted


def heading(prepared: Prepared, title: str) -> tuple[str, str]:
    meta = f"{counted(prepared.count, 'quotation')} · {prepared.style.label} · exported {date.today():%B %-d, %Y}"
    return title, meta


def _markdown(rich: Rich) -> str:
    """A citation or reference in Markdown, every mark in its text escaped (titles come from files)."""

    def one(run) -> str:
        text = f"*{markdown_text(run.text)}*" if run.italic else markdown_text(run.text)
        return f"**{text}**" if run.bold else text

    return "".join(one(run) for run in rich)


class _Blocks:
    """Writes blocks separated by one blank line, and nothing after the last but its line's end."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.started = out, False

    def add(self, *blocks: str) -> None:
        for block in blocks:
            self.out.write(("\n\n" if self.started else "") + block)
            self.started = True


def write(prepared: Prepared, title: str, out: TextIO) -> None:
    """User text is made safe for pandoc (``escaping``): quotes, tags and titles print as typed;
    notes keep their Markdown but no HTML, images, outside links or footnote marks. Written as the
    excerpts come, the footnotes kept aside in a ``Spool`` until the end."""
    name, meta = heading(prepared, title)
    blocks = _Blocks(out)
    if prepared.options.citekeys:  # pandoc renders the citations from the bibliography beside this file
        sources = json.dumps(prepared.options.citekeys, ensure_ascii=False)
        blocks.add(f"---\ntitle: {json.dumps(name, ensure_ascii=False)}\nbibliography: {sources}\n---")
    else:
        blocks.add(f"# {markdown_text(name)}")
    blocks.add(f"*{markdown_text(meta)}*")
    notes = Spool()
    in_text = prepared.style.in_text
    for excerpt in prepared.excerpts():
        paragraphs = [markdown_text(paragraph) for paragraph in excerpt.quote.paragraphs]
        if prepared.options.citekeys:
            folio = re.search(r"\d[rv]\b", excerpt.page)  # pandoc's locator terms: "fol." for a leaf
            locator = f", {'fol. ' if folio else ''}{excerpt.page}" if excerpt.page else ""
            paragraphs[-1] += f" [@{excerpt.key}{locator}]"
        elif in_text:
            paragraphs[-1] += f" {_markdown(excerpt.citation)}"
        else:
            n = notes.add(f"\n[^{notes.count + 1}]: {_markdown(excerpt.citation)}")
            paragraphs[-1] += f"[^{n}]"
        blocks.add("\n>\n".join(f"> {paragraph}" for paragraph in paragraphs))
        if excerpt.tags:
            blocks.add(f"Tags: {', '.join(markdown_text(tag) for tag in excerpt.tags)}")
        if excerpt.note:
            blocks.add(markdown_note(excerpt.note).rstrip())
        blocks.add("* * *")
    if not prepared.options.citekeys:
        for n, reference in enumerate(prepared.references()):
            if not n:
                blocks.add(f"## {prepared.style.references_title}", f"- {_markdown(reference)}")
            else:
                out.write(f"\n- {_markdown(reference)}")
    if notes.count:
        out.write("\n")
    notes.copy_to(out)
    out.write("\n")
