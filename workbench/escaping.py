"""Making user text safe for the program that reads an export: a spreadsheet, a reference manager,
pandoc, Word, another annotation tool.

Quotes come from imported files and notes, tag names and titles from colleagues' projects: any of
them may hold text that the next program would take as an instruction. A cell ``=HYPERLINK(…)`` is a
live formula in Calc and Excel; a newline in a RIS field opens a new field (``UR  - javascript:…``);
a ``}`` in BibTeX closes the field early and forges the next; ``<script>`` and ``javascript:`` links in
Markdown reach pandoc's HTML; a ``\\x01`` makes an XML file that Word and REFI-QDA readers refuse.
Each writer passes user text through the one helper for its format here, so every export of that
format is safe in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# -- spreadsheets (CSV) ---------------------------------------------------------------------------

#: What makes a cell a formula in Calc, Excel and Sheets (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """``value`` as a cell a spreadsheet shows as text: a leading ``'`` before a formula character."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def spreadsheet_row(values: Iterable[object]) -> list[str]:
    return [spreadsheet_cell(value) for value in values]


# -- XML 1.0 (Word, REFI-QDA, and the W3C JSON that other tools turn into XML) -------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 cannot hold (controls, U+FFFE, lone surrogates),
    and how many were removed (for the export's warnings)."""
    cleaned, removed = _NOT_XML.subn("", text)
    return cleaned, removed


def removed_warning(count: int) -> list[str]:
    """The warning an export gives when it had to leave characters out, or none."""
    if not count:
        return []
    return [f"{count} control character(s) that this format cannot hold were left out"]


# -- RIS ------------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def ris_value(text: str) -> str:
    """One line: a line break in a field would start a new field (``UR  - javascript:…``)."""
    return " ".join(_LINE_BREAK.sub(" ", xml_text(text)[0]).split())


# -- BibTeX ---------------------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
}
_BIB_CHARS = re.compile("|".join(re.escape(char) for char in _BIB_SPECIAL))


def bibtex_value(text: str) -> str:
    """``text`` for inside ``{…}``: LaTeX specials escaped and no brace of the user's left as a brace,
    so the braces in the value always balance and no ``}`` can close the field."""
    folded = " ".join(_LINE_BREAK.sub(" ", xml_text(text)[0]).split())
    return _BIB_CHARS.sub(lambda match: _BIB_SPECIAL[match.group(0)], folded)


_NAME_SEPARATOR = re.compile(r"\band\b|,", re.IGNORECASE)


def bibtex_name(family: str, given: str) -> str:
    """One name of an ``author``/``editor`` list ("Family, Given"); a part holding "and" or a comma is
    braced so it cannot split into two people or shift given and family."""

    def part(text: str) -> str:
        value = bibtex_value(text)
        return f"{{{value}}}" if _NAME_SEPARATOR.search(text) else value

    return f"{part(family)}, {part(given)}".strip(", ")


# -- Markdown (pandoc) ----------------------------------------------------------------------------

# Characters that make Markdown out of plain text (pandoc's extensions included: ^super^, ~sub~,
# $math$, @citations, |tables|, [^notes], <html>, &entities;, `code`).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!^~$@&])")


def markdown_text(text: str) -> str:
    """Plain text (a quote, a tag name, a title) that pandoc prints as it is: every mark escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


_SAFE_DESTINATION = re.compile(r"\s*(?:https?://|mailto:)", re.IGNORECASE)
_LINK_OPEN = re.compile(r"\]\(")
_DEFINITION = re.compile(r"^( {0,3})\[", re.MULTILINE)


def markdown_note(text: str) -> str:
    """A note written in Markdown, kept as Markdown but unable to reach out or break the export.

    Emphasis, lists and ``http(s)``/``mailto`` links stay. Raw HTML (``<script>``, ``onerror=``),
    images, links to anything else (``javascript:``, ``file:``, paths), attributes and raw blocks
    (``{onclick=…}``, ``{=html}``), reference definitions and footnote marks (a ``[^1]`` would
    become the export's footnote 1) become plain text. The characters are written as entities,
    which pandoc prints as the characters, whatever backslashes the note holds before them.
    """
    text = text.replace("<", "&lt;").replace("{", "&#123;")
    text = text.replace("![", "!&#91;").replace("[^", "&#91;^")
    text = _DEFINITION.sub(r"\1&#91;", text)
    return _LINK_OPEN.sub(
        lambda match: match.group(0) if _SAFE_DESTINATION.match(text, match.end()) else "]&#40;", text
    )
