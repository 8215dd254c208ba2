"""The same person (or term) in many volumes' glossaries: which entries are one, and why.

Every FRUS volume has its own persons glossary, keyed by its own ids ("p_KHA_1"), so Henry
Kissinger is a dozen entries in a dozen volumes, and ``p_SJ_1`` may be two different men in two
volumes. Entries are grouped here by a deterministic heuristic, in one pass with a dict (60,000
entries of 200 volumes take a fraction of a second; nothing is compared pairwise):

- the **name key**: the surname, the first given name in full and the other given names as
  initials, and a generational suffix ("Jr.", "III"), folded (case, diacritics, punctuation)
  and without titles ("Ambassador", "General"). "Kissinger, Henry A." and "Kissinger, Henry
  Alfred" share a key; "Bush, George H.W." and "Bush, George W." do not;
- **life dates**, where a glossary gives them (after the name or at the start of the
  description: "(1923–2023)", "b. 1923"): entries of one name key with different birth years
  are different people; an undated entry joins the dated ones only when they are one person;
- the **period** of the volume ("frus1969-76v09": 1969): undated entries of one name key whose
  volumes lie more than ``SAME_GENERATION`` years apart are taken for different people (the
  John Adams of 1861 is not the John Adams of 1969);
- **one volume, one entry**: editors who listed two entries of one name in one volume meant two
  people, so such entries stay on their own.

The historian corrects what the heuristic gets wrong with two kinds of link, stored in the
project (``glossary_links``) and applied after it: an entry set *apart* from its group, and two
entries declared the *same* (their whole groups become one).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.model.document import GlossaryEntry

#: Undated namesakes whose volumes' periods start further apart than this are different people.
SAME_GENERATION = 30

_TITLES = frozenset(
    "ambassador adm admiral amb brig capt captain cardinal col colonel dr gen general gov governor hon king lord "
    "lt maj major minister mr mrs ms pope president prime prince princess queen rev sen senator sheikh shah sir "
    "archbishop bishop father".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_YEAR = r"(1[5-9]\d\d|20\d\d)"
_YEARS = re.compile(rf"^\(?\s*(?:b\.|born)?\s*{_YEAR}?\s*[-–—]?\s*(?:d\.|died)?\s*{_YEAR}?\s*\)?")
_PAREN = re.compile(r"\(([^)]*)\)")
_MAY_BE_DATED = re.compile(r"\s*[(bB\d]")
_NOT_WORD = re.compile(r"[^\w]+")
_VOLUME_YEAR = re.compile(r"^frus(\d{4})")

#: An entry's identity in the project: its volume and its key there.
Ref = tuple[str, str]


def ref_of(entry: GlossaryEntry) -> Ref:
    return (entry.volume, entry.key)


def folded(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces (punctuation dropped)."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def name_key(entry: GlossaryEntry) -> str:
    """What namesakes share: the folded surname, first given name, initials of the others, suffix."""
    return _name_key(entry.kind, entry.name)


@functools.lru_cache(maxsize=65536)
def _name_key(kind: str, name: str) -> str:
    """(Cached: most names recur in many volumes.)"""
    name = _PAREN.sub(" ", name)
    if kind != "person":  # "G.V.N." is "GVN"
        return folded(name).replace(" ", "")
    surname, _, given = name.partition(",")
    words = [w for w in folded(given).split() if w not in _TITLES]
    suffix = " ".join(w for w in words if w in _SUFFIXES)
    words = [w for w in words if w not in _SUFFIXES]
    # "H.W." folds to "h w": initials, one letter each.
    first = words[0] if words else ""
    initials = "".join(w[0] for w in words[1:])
    return f"{folded(surname)}|{first}|{initials}|{suffix}"


def life_dates(entry: GlossaryEntry) -> tuple[int | None, int | None]:
    """Birth and death years, when the glossary gives them right after the name or at the start of
    the description (never from inside it: "Secretary of State, 1969–1973" is a term of office)."""
    if "(" not in entry.name and not _MAY_BE_DATED.match(entry.description):
        return (None, None)  # (most entries: nothing that could be a date where one would stand)
    for text in (*_PAREN.findall(entry.name), entry.description[:40]):
        match = _YEARS.match(text.strip())
        if match and (match.group(1) or match.group(2)):
            return (int(match.group(1)) if match.group(1) else None, int(match.group(2)) if match.group(2) else None)
    return (None, None)


@functools.lru_cache(maxsize=4096)
def volume_year(volume: str) -> int | None:
    """The first year a FRUS volume covers ("frus1969-76v09": 1969), or None for other sources."""
    match = _VOLUME_YEAR.match(volume)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Person:
    """One person (or term) across volumes: the entries that are they, oldest volume first."""

    id: str  # "volume/key" of its first entry: stable while that entry is in the group
    kind: str
    name: str
    entries: tuple[GlossaryEntry, ...]

    @property
    def volumes(self) -> list[str]:
        return sorted({e.volume for e in self.entries})


@dataclass(frozen=True, slots=True)
class Links:
    """The historian's corrections: entries set apart, and pairs declared the same."""

    apart: frozenset[Ref] = frozenset()
    same: tuple[tuple[Ref, Ref], ...] = ()


def _by_dates(entries: list[GlossaryEntry]) -> list[list[GlossaryEntry]]:
    """Namesakes split into people by their life dates, then by their volumes' periods."""
    if len(entries) == 1:
        return [entries]
    dated: dict[int, list[GlossaryEntry]] = defaultdict(list)
    undated = []
    for entry in entries:
        born, died = life_dates(entry)
        if born is None and died is None:
            undated.append(entry)
        else:  # a death year alone is kept apart from birth years (negative: no collision)
            dated[born if born is not None else -(died or 0)].append(entry)
    if len(dated) == 1:
        (only,) = dated.values()
        return [only + undated]
    groups = list(dated.values())
    generation: list[GlossaryEntry] = []
    start: int | None = None
    for entry in sorted(undated, key=lambda e: (volume_year(e.volume) or 0, e.volume, e.key)):
        year = volume_year(entry.volume)
        if generation and year is not None and start is not None and year - start > SAME_GENERATION:
            groups.append(generation)
            generation, start = [], None
        generation.append(entry)
        start = start if start is not None else year
    if generation:
        groups.append(generation)
    return groups


def _one_per_volume(group: list[GlossaryEntry]) -> list[list[GlossaryEntry]]:
    """A group with two entries from one volume: those entries stand alone, the rest stay together."""
    count: dict[str, int] = defaultdict(int)
    for entry in group:
        count[entry.volume] += 1
    together = [e for e in group if count[e.volume] == 1]
    return ([together] if together else []) + [[e] for e in group if count[e.volume] > 1]


def automatic_groups(entries: Iterable[GlossaryEntry]) -> list[list[GlossaryEntry]]:
    """The heuristic's grouping, before the historian's corrections."""
    buckets: dict[tuple[str, str], list[GlossaryEntry]] = defaultdict(list)
    for entry in entries:
        buckets[(entry.kind, name_key(entry))].append(entry)
    return [part for bucket in buckets.values() for group in _by_dates(bucket) for part in _one_per_volume(group)]


def _display_name(entries: list[GlossaryEntry]) -> str:
    """The name most volumes give; of equals, one not in capitals ("KISSINGER"), then the fullest."""
    count: dict[str, int] = defaultdict(int)
    for entry in entries:
        count[entry.name] += 1
    return max(count, key=lambda n: (count[n], not n.partition(",")[0].isupper(), len(n), n))


NO_LINKS = Links()


def group_people(entries: Iterable[GlossaryEntry], links: Links = NO_LINKS) -> list[Person]:
    """Every person (or term) of the project, the historian's corrections applied, by name.

    Entries set apart leave their automatic group; then each pair declared the same joins the
    two groups (union-find, so chains of links join too). Links to entries no longer in the
    project are ignored.
    """
    entries = list(entries)
    if not links.apart and not links.same:
        return _people(automatic_groups(entries))
    known = {ref_of(e) for e in entries}
    parent: dict[Ref, Ref] = {}

    def root(ref: Ref) -> Ref:
        while parent[ref] != ref:
            parent[ref] = parent[parent[ref]]
            ref = parent[ref]
        return ref

    def join(a: Ref, b: Ref) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for group in automatic_groups(entries):
        staying = [ref_of(e) for e in group if ref_of(e) not in links.apart]
        for ref in (ref_of(e) for e in group):
            parent[ref] = ref
        for ref in staying[1:]:
            join(staying[0], ref)
    for a, b in links.same:
        if a in known and b in known:
            join(a, b)
    grouped: dict[Ref, list[GlossaryEntry]] = defaultdict(list)
    for entry in entries:
        grouped[root(ref_of(entry))].append(entry)
    return _people(grouped.values())


def _people(groups: Iterable[list[GlossaryEntry]]) -> list[Person]:
    people = []
    for members in groups:
        members.sort(key=lambda e: (volume_year(e.volume) or 0, e.volume, e.key))
        first = min(ref_of(e) for e in members)
        people.append(Person(f"{first[0]}/{first[1]}", members[0].kind, _display_name(members), tuple(members)))
    people.sort(key=lambda p: (folded(p.name), p.id))
    return people
