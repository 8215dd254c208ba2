"""Spans (highlighted passages), the tags on them, and the tag tree.

A span is a range of a document's reading text, or of one of its footnotes (``note_n``), with
the exact quote and some context on either side (a W3C ``TextQuoteSelector``) so it can be
found again if the text is corrected. Tags form a tree of themes and sub-themes; a span may
carry any number of them, and a note.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple, NewType

from workbench.model.document import DocumentId

SpanId = NewType("SpanId", int)
TagId = NewType("TagId", int)

#: Characters of context kept before and after a quote (W3C ``TextQuoteSelector`` prefix/suffix).
CONTEXT = 32

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

#: Colours for new tags, distinct from one another and readable as a tint behind black text.
PALETTE = (
    "#e8a33d",
    "#4f8fd8",
    "#d9534f",
    "#5cb85c",
    "#9b6fd1",
    "#2bb3b1",
    "#e377c2",
    "#8c7a5b",
    "#bcbd22",
    "#7f7f7f",
    "#f08c5a",
    "#5d6fd6",
)


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class QuoteSelector:
    exact: str
    prefix: str
    suffix: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> QuoteSelector:
        return cls(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])


@dataclass(frozen=True, slots=True)
class Span:
    id: SpanId
    uuid: str
    doc_id: DocumentId
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    tag_ids: tuple[TagId, ...] = ()
    note: str = ""
    author: str = ""
    created: str = ""
    modified: str = ""
    note_n: int | None = None  # the footnote whose text the span is in; None for the reading text
    orphaned: bool = False  # its words are no longer in the (corrected) text: to be placed by hand
    modified_by: str = ""  # who changed it last (its tags, note or extent)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    @property
    def place(self) -> SpanPlace:
        return SpanPlace(self.id, self.doc_id, self.start, self.end, self.tag_ids, self.note_n, self.orphaned,
                         self.author)  # fmt: skip


class SpanPlace(NamedTuple):
    """Where a highlight lies and what it carries: all that drawing it, counting its tags and
    listing it need. Opening a document reads these for its (say) 10,000 highlights, and the
    words — quote, context, note — only for the few shown (``Span``): reading every column of
    every span was half the time of an open. A named tuple, made in under half the time of a
    frozen dataclass, because they are made ten thousand at a time."""

    id: SpanId
    doc_id: DocumentId
    start: int
    end: int
    tag_ids: tuple[TagId, ...]
    note_n: int | None
    orphaned: bool
    author: str


@dataclass(frozen=True, slots=True)
class Tag:
    id: TagId
    uuid: str
    name: str
    color: str
    parent_id: TagId | None = None
    description: str = ""
    key: int | None = None  # 1–9: the key that applies it
    position: int = 0


class TagTree:
    """The tags as a tree: paths ("Troops/Withdrawal"), children in order, sub-trees."""

    def __init__(self, tags: Iterable[Tag]) -> None:
        self.by_id: dict[TagId, Tag] = {tag.id: tag for tag in tags}
        cyclic = in_cycles({tag.id: tag.parent_id for tag in self.by_id.values()})
        #: Each tag's parent in the tree: a missing parent, or a parent cycle (a damaged or hostile
        #: file: ``workbench check --repair`` mends it), makes a tag a top-level one, so no walk loops.
        self.parent: dict[TagId, TagId | None] = {
            tag.id: tag.parent_id if tag.parent_id in self.by_id and tag.id not in cyclic else None
            for tag in self.by_id.values()
        }
        self._children: dict[TagId | None, list[Tag]] = {}
        for tag in sorted(self.by_id.values(), key=lambda t: (t.position, t.name.lower())):
            self._children.setdefault(self.parent[tag.id], []).append(tag)
        self._rank: dict[TagId, int] | None = None
        self._paths: dict[TagId, str] = {}  # painting asks for them per span per frame: a tree is never changed

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[Tag]:
        """Every tag, depth first, in order."""
        stack = list(reversed(self.children(None)))
        while stack:
            tag = stack.pop()
            yield tag
            stack.extend(reversed(self.children(tag.id)))

    def children(self, tag_id: TagId | None) -> list[Tag]:
        return self._children.get(tag_id, [])

    def path(self, tag_id: TagId) -> str:
        if (known := self._paths.get(tag_id)) is not None:
            return known
        names = []
        current: TagId | None = tag_id if tag_id in self.by_id else None
        while current is not None:
            names.append(self.by_id[current].name)
            current = self.parent[current]
        path = self._paths[tag_id] = "/".join(reversed(names))
        return path

    def find(self, path: str) -> Tag | None:
        """The tag at ``path`` ("Parent/Child"; names compared without regard to case)."""
        parent: TagId | None = None
        tag = None
        for name in split_path(path):
            tag = next((t for t in self.children(parent) if t.name.lower() == name.lower()), None)
            if tag is None:
                return None
            parent = tag.id
        return tag

    def subtree(self, tag_id: TagId) -> set[TagId]:
        """``tag_id`` and all its descendants."""
        found = {tag_id}
        stack = [tag_id]
        while stack:
            for child in self.children(stack.pop()):
                found.add(child.id)
                stack.append(child.id)
        return found

    def totals(self, counts: Mapping[TagId, int]) -> dict[TagId, int]:
        """Per tag, its own count plus its sub-tags' (``counts`` holds the direct counts)."""
        return {tag_id: sum(counts.get(t, 0) for t in self.subtree(tag_id)) for tag_id in self.by_id}

    def rank(self, tag_id: TagId) -> int:
        """The tag's place in depth-first order (0 for the first): what gives each tag its own mark."""
        if self._rank is None:
            self._rank = {tag.id: i for i, tag in enumerate(self)}
        return self._rank.get(tag_id, 0)

    def in_order(self, tag_ids: Iterable[TagId]) -> list[Tag]:
        """The tags of ``tag_ids`` that are in the tree, in tree order (without walking the tree)."""
        return sorted((self.by_id[t] for t in tag_ids if t in self.by_id), key=lambda tag: self.rank(tag.id))

    def by_key(self, key: int) -> Tag | None:
        return next((tag for tag in self.by_id.values() if tag.key == key), None)


def in_cycles(parents: Mapping[TagId, TagId | None]) -> set[TagId]:
    """The tags that are their own ancestor (a tag its own parent, or a ring of parents)."""
    state: dict[TagId, int] = {}  # 1: on the walk being made, 2: settled
    cyclic: set[TagId] = set()
    for start in parents:
        walk: list[TagId] = []
        current: TagId | None = start
        while current is not None and current in parents and current not in state:
            state[current] = 1
            walk.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:  # the walk came back to itself
            cyclic.update(walk[walk.index(current) :])
        for tag_id in walk:
            state[tag_id] = 2
    return cyclic


def normal_color(value: object) -> str | None:
    """``value`` as ``#rrggbb`` in lower case, or None: the one form a tag colour takes.

    A colour goes into paint code and style sheets: ``red``, ``#abc`` or ``red'><img …>`` from
    another file must never reach them.
    """
    return value.lower() if isinstance(value, str) and _COLOR.fullmatch(value) else None


def split_path(path: str) -> list[str]:
    """ "Troops / Withdrawal" → ["Troops", "Withdrawal"]."""
    return [part.strip() for part in path.split("/") if part.strip()]
