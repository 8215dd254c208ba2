"""Markdown for pandoc: each quotation a block quotation, its citation a real footnote."""

from __future__ import annotations

from datetime import date

from workbench.citations import Style
from workbench.export.excerpts import Prepared
from workbench.model.text import counted


def heading(prepared: Prepared, title: str) -> tuple[str, str]:
    count = len(prepared.excerpts)
    meta = f"{counted(count, 'quotation')} · {prepared.style.label} · exported {date.today():%B %-d, %Y}"
    return title, meta


def references_title(style: Style) -> str:
    return "References" if style == Style.CHICAGO_AUTHOR_DATE else "Bibliography"


def write(prepared: Prepared, title: str) -> str:
    name, meta = heading(prepared, title)
    out = [f"# {name}", "", f"*{meta}*", ""]
    notes: list[str] = []
    in_text = prepared.style == Style.CHICAGO_AUTHOR_DATE
    for excerpt in prepared.excerpts:
        paragraphs = list(excerpt.quote.paragraphs)
        if in_text:
            paragraphs[-1] += f" {excerpt.citation.markdown()}"
        else:
            notes.append(excerpt.citation.markdown())
            paragraphs[-1] += f"[^{len(notes)}]"
        out.append("\n>\n".join(f"> {paragraph}" for paragraph in paragraphs))
        out.append("")
        if excerpt.tags:
            out += [f"Tags: {', '.join(excerpt.tags)}", ""]
        if excerpt.note:
            out += [excerpt.note, ""]
        out += ["* * *", ""]
    if prepared.references:
        out += [f"## {references_title(prepared.style)}", ""]
        out += [f"- {reference.markdown()}" for reference in prepared.references]
        out.append("")
    out += [f"[^{n}]: {note}" for n, note in enumerate(notes, start=1)]
    return "\n".join(out).rstrip() + "\n"
