"""One quotation with its citation, as a historian pastes it into a draft."""

from __future__ import annotations

import html

from workbench.citations import Citer, Source, Style, pinpoint
from workbench.export.quotes import QuoteOptions, quotation, run_in
from workbench.model import Document
from workbench.model.annotation import Span, SpanId


def quote_with_citation(
    document: Document,
    start: int,
    end: int,
    *,
    note_n: int | None = None,
    style: Style = Style.CHICAGO_NOTE,
    options: QuoteOptions | None = None,
) -> tuple[str, str]:
    """``(plain text, HTML)``: the words of ``[start, end)`` quoted, then their full citation."""
    options = options or QuoteOptions()
    text = document.text if note_n is None else document.note_text(note_n)
    span = Span(SpanId(0), "", document.id, start, end, text[start:end], "", "", note_n=note_n)
    citation = Citer(style).cite(Source.of(document), pinpoint(document, span))
    quote = quotation(span.quote, options)
    if quote.block:
        plain_quote = "\n\n".join(quote.paragraphs)
        rich_quote = "<blockquote>" + "".join(f"<p>{html.escape(p)}</p>" for p in quote.paragraphs) + "</blockquote>"
    else:
        plain_quote = run_in(quote, options.marks)
        rich_quote = f"<p>{html.escape(plain_quote)}</p>"
    return f"{plain_quote}\n\n{citation.plain()}", f"{rich_quote}<p>{citation.html()}</p>"
