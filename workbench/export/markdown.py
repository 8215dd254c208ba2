"""Markdown for pandoc: each quotation a block quotation, its citation a real footnote."""

from __future__ import annotations

import json
import re
from datetime import date

from workbench.citations import Rich
from workbench.escaping import markdown_note, markdown_text
from workbench.export.excerpts import Prepared
from workbench.export.references import citation_keys
from workbench.model.text import counted


def heading(prepared: Prepared, title: str) -> tuple[str, str]:
    count = len(prepared.excerpts)
    meta = f"{counted(count, 'quotation')} · {prepared.style.label} · exported {date.today():%B %-d, %Y}"
    return title, meta


def _markdown(rich: Rich) -> str:
    """A citation or reference in Markdown, every mark in its text escaped (titles come from files)."""

    def one(run) -> str:
        text = f"*{markdown_text(run.text)}*" if run.italic else markdown_text(run.text)
        return f"**{text}**" if run.bold else text

    return "".join(one(run) for run in rich)


def write(prepared: Prepared, title: str) -> str:
    """User text is made safe for pandoc (``escaping``): quotes, tags and titles print as typed;
    notes keep their Markdown but no HTML, images, outside links or footnote marks."""
    name, meta = heading(prepared, title)
    out = [f"# {markdown_text(name)}", "", f"*{markdown_text(meta)}*", ""]
    keys = dict(zip((s.key for s in prepared.sources), citation_keys(prepared.sources), strict=True))
    if prepared.options.citekeys:  # pandoc renders the citations from the bibliography beside this file
        sources = json.dumps(prepared.options.citekeys, ensure_ascii=False)
        out = ["---", f"title: {json.dumps(name, ensure_ascii=False)}", f"bibliography: {sources}", "---", "",
               f"*{markdown_text(meta)}*", ""]  # fmt: skip
    notes: list[str] = []
    in_text = prepared.style.in_text
    for excerpt in prepared.excerpts:
        paragraphs = [markdown_text(paragraph) for paragraph in excerpt.quote.paragraphs]
        if prepared.options.citekeys:
            folio = re.search(r"\d[rv]\b", excerpt.page)  # pandoc's locator terms: "fol." for a leaf
            locator = f", {'fol. ' if folio else ''}{excerpt.page}" if excerpt.page else ""
            paragraphs[-1] += f" [@{keys[excerpt.source.key]}{locator}]"
        elif in_text:
            paragraphs[-1] += f" {_markdown(excerpt.citation)}"
        else:
            notes.append(_markdown(excerpt.citation))
            paragraphs[-1] += f"[^{len(notes)}]"
        out.append("\n>\n".join(f"> {paragraph}" for paragraph in paragraphs))
        out.append("")
        if excerpt.tags:
            out += [f"Tags: {', '.join(markdown_text(tag) for tag in excerpt.tags)}", ""]
        if excerpt.note:
            out += [markdown_note(excerpt.note), ""]
        out += ["* * *", ""]
    if prepared.references and not prepared.options.citekeys:
        out += [f"## {prepared.style.references_title}", ""]
        out += [f"- {_markdown(reference)}" for reference in prepared.references]
        out.append("")
    out += [f"[^{n}]: {note}" for n, note in enumerate(notes, start=1)]
    return "\n".join(out).rstrip() + "\n"
