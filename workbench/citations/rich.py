"""Citations as runs of text, some italic, rendered into each output format."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False


class Rich(tuple[Run, ...]):
    """A sequence of runs; empty runs are dropped and neighbours of one kind merged."""

    def __new__(cls, runs: Iterable[Run | str] = ()) -> Rich:
        merged: list[Run] = []
        for run in runs:
            run = Run(run) if isinstance(run, str) else run
            if not run.text:
                continue
            if merged and (merged[-1].italic, merged[-1].bold) == (run.italic, run.bold):
                merged[-1] = Run(merged[-1].text + run.text, run.italic, run.bold)
            else:
                merged.append(run)
        return super().__new__(cls, merged)

    def plain(self) -> str:
        return "".join(run.text for run in self)

    def markdown(self) -> str:
        return "".join(f"*{run.text}*" if run.italic else _escape_markdown(run.text) for run in self)

    def html(self) -> str:
        def one(run: Run) -> str:
            text = html.escape(run.text)
            text = f"<i>{text}</i>" if run.italic else text
            return f"<b>{text}</b>" if run.bold else text

        return "".join(one(run) for run in self)


def italic(text: str) -> Run:
    return Run(text, True)


#: CommonMark's emphasis, as far as a note's line needs it: ``**strong**``/``__strong__``, ``*em*``, and
#: ``_em_`` only at word boundaries (an underscore inside a word, "Box_26", "HAK_Trip_Files", is a letter).
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<!\w)__(.+?)__(?!\w)|\*(.+?)\*|(?<!\w)_(.+?)_(?!\w)")


def from_markdown(line: str) -> Rich:
    """One line of a Markdown note as runs: *emphasis* in italics, **strong** in bold, as the window
    shows them; other marks are left as typed."""
    runs: list[Run | str] = []
    position = 0
    for match in _EMPHASIS.finditer(line):
        runs.append(line[position : match.start()])
        strong = match[1] or match[2]
        runs.append(Run(strong, bold=True) if strong else italic(match[3] or match[4]))
        position = match.end()
    runs.append(line[position:])
    return Rich(runs)


def _escape_markdown(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_")
