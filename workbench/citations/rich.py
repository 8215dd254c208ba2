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


class Rich(tuple[Run, ...]):
    """A sequence of runs; empty runs are dropped and neighbours of one kind merged."""

    def __new__(cls, runs: Iterable[Run | str] = ()) -> Rich:
        merged: list[Run] = []
        for run in runs:
            run = Run(run) if isinstance(run, str) else run
            if not run.text:
                continue
            if merged and merged[-1].italic == run.italic:
                merged[-1] = Run(merged[-1].text + run.text, run.italic)
            else:
                merged.append(run)
        return super().__new__(cls, merged)

    def plain(self) -> str:
        return "".join(run.text for run in self)

    def markdown(self) -> str:
        return "".join(f"*{run.text}*" if run.italic else _escape_markdown(run.text) for run in self)

    def html(self) -> str:
        return "".join(f"<i>{html.escape(run.text)}</i>" if run.italic else html.escape(run.text) for run in self)


def italic(text: str) -> Run:
    return Run(text, True)


_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_")


def from_markdown(line: str) -> Rich:
    """One line of a Markdown note as runs: *emphasis* and **strong** both become italic here,
    the one emphasis a citation-bearing document needs; other marks are left as typed."""
    runs: list[Run | str] = []
    position = 0
    for match in _EMPHASIS.finditer(line):
        runs.append(line[position : match.start()])
        runs.append(italic(next(group for group in match.groups() if group)))
        position = match.end()
    runs.append(line[position:])
    return Rich(runs)


def _escape_markdown(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_")
