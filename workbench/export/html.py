"""One standalone HTML file that reads well on screen and prints cleanly."""

from __future__ import annotations

import html
from typing import TextIO

from workbench.citations.rich import from_markdown
from workbench.export.excerpts import Prepared
from workbench.export.markdown import heading
from workbench.export.spool import Spool

_STYLE = """
body { font-family: "Noto Serif", Georgia, serif; max-width: 42em; margin: 3em auto; padding: 0 1em;
       line-height: 1.55; color: #1f1d1a; background: #fbfaf6; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } .meta { color: #6f695f; margin-top: 0; }
section.excerpt { border-top: 1px solid #ddd6c8; padding: 0.8em 0; }
blockquote { margin: 0.6em 0 0.6em 2em; } .tags { font-family: sans-serif; font-size: 0.85em; color: #6f695f; }
.note i { font-style: italic; } .note { color: #3d3a35; } sup a { text-decoration: none; color: #a23b22; }
.notes, .references { border-top: 2px solid #1f1d1a; margin-top: 2em; font-size: 0.92em; }
@media print { body { background: white; margin: 0; max-width: none; } section.excerpt { break-inside: avoid; } }
"""


def write(prepared: Prepared, title: str, out: TextIO) -> None:
    """Each line written as it is made; the notes kept aside (``Spool``) until after the quotations."""
    name, meta = heading(prepared, title)
    head = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(name)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
           f"<h1>{html.escape(name)}</h1>", f'<p class="meta">{html.escape(meta)}</p>']  # fmt: skip
    out.writelines(f"{line}\n" for line in head)
    notes = Spool()
    in_text = prepared.style.in_text
    for excerpt in prepared.excerpts():
        paragraphs = [html.escape(p) for p in excerpt.quote.paragraphs]
        if in_text:
            paragraphs[-1] += f" {excerpt.citation.html()}"
        else:
            n = notes.count + 1
            notes.add(f'<li id="note-{n}">{excerpt.citation.html()} <a href="#ref-{n}">↩</a></li>\n')
            paragraphs[-1] += f'<sup><a href="#note-{n}" id="ref-{n}">{n}</a></sup>'
        out.write('<section class="excerpt">\n')
        out.write("<blockquote>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</blockquote>\n")
        if excerpt.tags:
            out.write(f'<p class="tags">{html.escape(", ".join(excerpt.tags))}</p>\n')
        if excerpt.note:
            body = "<br>".join(from_markdown(line).html() for line in excerpt.note.splitlines())
            out.write(f'<p class="note">{body}</p>\n')
        out.write("</section>\n")
    if notes.count:
        out.write('<section class="notes"><h2>Notes</h2><ol>\n')
    notes.copy_to(out)
    if notes.count:
        out.write("</ol></section>\n")
    listed = False
    for reference in prepared.references():
        if not listed:
            out.write(f'<section class="references"><h2>{prepared.style.references_title}</h2>\n')
            listed = True
        out.write(f"<p>{reference.html()}</p>\n")
    if listed:
        out.write("</section>\n")
    out.write("</body>\n</html>\n")
