"""How far two coders agree, tag by tag: the text both coded, only one coded, and a percentage.

Coding is compared character by character (code points of the reading text or of a footnote),
as NVivo's coding comparison does: for each tag (its sub-tags included), the text each author
tagged is merged into ranges, and the ranges are intersected.

Two figures per tag, because each alone misleads:

* **agreement** — the share of characters on which the two agree, coded by both *or by neither*,
  over the documents where either coded the tag (NVivo's "percentage agreement"). It stays high
  when a tag covers little text, since most characters are agreed to be uncoded.
* **overlap** — the text both coded over the text either coded (Jaccard): how far their passages
  coincide, blind to what both left alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from sqlite_utils import Database

from workbench.model.annotation import TagId, TagTree
from workbench.storage.annotations import load_tags

Target = tuple[str, int | None]  # document id, footnote number (None: the reading text)
Ranges = list[tuple[int, int]]


@dataclass
class TagAgreement:
    tag: str
    both: int = 0  # characters coded by both authors
    only_first: int = 0
    only_second: int = 0
    total: int = 0  # characters of the texts compared
    #: The passages, in reading order: (document id, footnote, start, end, "both" | first | second).
    passages: list[tuple[str, int | None, int, int, str]] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        """Percentage of characters coded by both or by neither."""
        return 100.0 * (self.total - self.only_first - self.only_second) / self.total if self.total else 100.0

    @property
    def overlap(self) -> float:
        """Percentage of the text either coded that both coded."""
        either = self.both + self.only_first + self.only_second
        return 100.0 * self.both / either if either else 100.0


def authors(db: Database) -> list[str]:
    """Everyone who has made a highlight, in alphabetical order."""
    return [row[0] for row in db.execute("SELECT DISTINCT author FROM spans WHERE author <> '' ORDER BY author")]


def compare(db: Database, first: str, second: str) -> list[TagAgreement]:
    """Per tag that either author used (tree order), how their coding agrees."""
    tree = TagTree(load_tags(db))
    coded: dict[int, dict[str, dict[Target, Ranges]]] = defaultdict(lambda: {first: {}, second: {}})
    rows = db.execute(
        'SELECT st.tag_id, s.author, s.doc_id, s.note_n, s.start, s."end" FROM spans s '
        "JOIN span_tags st ON st.span_id = s.id WHERE s.author IN (?, ?) AND NOT s.orphaned",
        [first, second],
    )
    for tag_id, author, doc_id, note_n, start, end in rows.fetchall():
        for ancestor in _with_ancestors(tree, tag_id):
            coded[ancestor][author].setdefault((doc_id, note_n), []).append((start, end))
    results = []
    for tag in tree:
        if tag.id not in coded:
            continue
        result = TagAgreement(tree.path(tag.id))
        by_author = coded[tag.id]
        for target in sorted(set(by_author[first]) | set(by_author[second]), key=lambda t: (t[0], t[1] or 0)):
            a, b = _merged(by_author[first].get(target, [])), _merged(by_author[second].get(target, []))
            result.total += _length(db, target)
            for start, end, who in _compare_ranges(a, b, first, second):
                result.passages.append((target[0], target[1], start, end, who))
                size = end - start
                if who == "both":
                    result.both += size
                elif who == first:
                    result.only_first += size
                else:
                    result.only_second += size
        results.append(result)
    return results


def _with_ancestors(tree: TagTree, tag_id: TagId) -> list[TagId]:
    chain: list[TagId] = []
    current: TagId | None = tag_id if tag_id in tree.by_id else None
    while current is not None:
        chain.append(current)
        current = tree.parent[current]  # the tree's parents hold no cycle
    return chain


def _merged(ranges: Ranges) -> Ranges:
    """Overlapping or touching ranges joined: [(0, 5), (3, 8), (8, 9)] → [(0, 9)]."""
    out: Ranges = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _compare_ranges(a: Ranges, b: Ranges, first: str, second: str) -> list[tuple[int, int, str]]:
    """Cut two merged range lists at every boundary and label each piece by who covers it.

    One sweep over the sorted boundaries, with a pointer into each list: linear, so a tag with
    thousands of passages costs no more than reading them.
    """
    cuts = sorted({x for r in a + b for x in r})
    pieces: list[tuple[int, int, str]] = []
    i = j = 0
    for start, end in pairwise(cuts):
        while i < len(a) and a[i][1] <= start:
            i += 1
        while j < len(b) and b[j][1] <= start:
            j += 1
        in_a = i < len(a) and a[i][0] <= start
        in_b = j < len(b) and b[j][0] <= start
        if not (in_a or in_b):
            continue
        who = "both" if in_a and in_b else first if in_a else second
        if pieces and pieces[-1][1] == start and pieces[-1][2] == who:
            pieces[-1] = (pieces[-1][0], end, who)
        else:
            pieces.append((start, end, who))
    return pieces


def _length(db: Database, target: Target) -> int:
    doc_id, note_n = target
    if note_n is None:
        row = db.execute("SELECT length(text) FROM documents WHERE id = ?", [doc_id]).fetchone()
    else:
        row = db.execute("SELECT length(text) FROM notes WHERE doc_id = ? AND n = ?", [doc_id, note_n]).fetchone()
    return row[0] if row else 0
