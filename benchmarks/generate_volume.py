"""Compose FRUS volumes in TEI from the real documents' structures, for benchmarks and tests.

    python benchmarks/generate_volume.py OUTPUT.xml [DOCUMENTS]
    python benchmarks/generate_volume.py --series FOLDER [--volumes 200] [--documents 500] [--processes 2]

``compose`` (one volume, the first form) copies the corpus's documents (``shared/corpus``) word for
word, renumbered: its number, its ids, its page breaks (a running page across the volume, sometimes
breaking between documents) and its notes.

``write_series`` (the second form) writes a whole series for the scale benchmark (``benchmarks/scale.py``):
each volume is a full volume file (``teiHeader``, front matter with persons and terms glossaries,
chapters of documents), each document the markup of one of the corpus's documents (heading with its
source note, dateline, paragraphs, lists, quotes, notes, page breaks inside it and between documents,
people, terms and cross-references) with new words in it. The words follow Zipf's law over the
corpus's own vocabulary (by frequency) lengthened by made-up words, so "the" is in every document
and the rarest words in a few; every volume has people of its own (some with diacritics: Nguyễn,
Łukasz) besides the series' well-known ones, so a rare name is in a handful of documents of one volume.
Everything is seeded by the volume's number: the same command writes the same bytes.
"""

from __future__ import annotations

import argparse
import copy
import functools
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
FRUS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# The copy the tests carry (tests/data/corpus) serves where shared/corpus is not laid beside the clone.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"

HEADER = f"""<teiHeader xmlns="{TEI}"><fileDesc><titleStmt>
<title type="complete">Foreign Relations of the United States, 1969–1976, Volume XCIX, Generated Matters</title>
<title type="series">Foreign Relations of the United States</title><title type="sub-series">1969–1976</title>
<title type="volume-number">Volume XCIX</title><title type="volume">Generated Matters</title>
<editor role="primary">Ada B. Generator</editor></titleStmt>
<publicationStmt><publisher>Government Printing Office</publisher><pubPlace>Washington</pubPlace><date>2020</date>
</publicationStmt><sourceDesc><p>Composed by benchmarks/generate_volume.py.</p></sourceDesc></fileDesc></teiHeader>"""


def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


@functools.cache
def _template_divs(corpus: Path) -> tuple[etree._Element, ...]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    divs = []
    for path in sorted(corpus.glob("*/d*.xml")):
        root = etree.parse(str(path), parser).getroot()
        divs += root.iter(_t("div"))
    return tuple(div for div in divs if div.get("type") == "document")


def templates(corpus: Path = CORPUS) -> list[etree._Element]:
    return list(_template_divs(corpus))


def compose(count: int, corpus: Path = CORPUS) -> bytes:
    """One volume of ``count`` documents, each a verbatim copy of a corpus document, renumbered."""
    sources = templates(corpus)
    tei = etree.Element(_t("TEI"), nsmap={None: TEI})
    tei.set(XML_ID, "frus1969-76v99")
    tei.append(etree.fromstring(HEADER))
    body = etree.SubElement(etree.SubElement(tei, _t("text")), _t("body"))
    page = 1
    etree.SubElement(body, _t("pb"), n=str(page))
    chapter = body
    for i in range(1, count + 1):
        if i % 50 == 1:
            chapter = etree.SubElement(body, _t("div"), type="chapter")
            etree.SubElement(chapter, _t("head")).text = f"Chapter {i // 50 + 1}"
        div = copy.deepcopy(sources[i % len(sources)])
        div.set("n", str(i))
        div.set(XML_ID, f"d{i}")
        head = div.find(_t("head"))
        if head is not None and head.text:
            head.text = f"{i}. " + head.text.split(". ", 1)[-1]
        for pb in div.iter(_t("pb")):
            page += 1
            pb.set("n", str(page))
            pb.set(XML_ID, f"pg_{page}")
        for n, note in enumerate(div.iter(_t("note")), start=1):
            note.set(XML_ID, f"d{i}fn{n}")
        chapter.append(div)
        if i % 3 == 0:  # a page that begins between two documents
            page += 1
            etree.SubElement(chapter, _t("pb"), n=str(page))
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8")


# -- a series with its own words ------------------------------------------------------------------

_SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "var", "bel", "dun", "ga", "hor", "is", "jet", "kor", "lan", "mor",
              "nu", "pol", "qua", "ros", "sen", "tal", "ur", "vin", "wes", "yar", "zen", "ar", "bri", "cal", "del",
              "fen", "gris", "ham", "ing", "ton", "ley", "son", "ter", "ville", "berg")  # fmt: skip
_ACCENTED = ("é", "ü", "ñ", "ø", "ç", "á", "ö", "ł", "ř", "ễ", "ă", "ş")
_GIVEN = ("John", "Mary", "Henry", "Elliot", "Anne", "Pierre", "Zhou", "Nguyễn Văn", "Łukasz", "José", "Søren",
          "Hồ", "Andrei", "Ingrid", "Kurt", "Golda", "Indira", "Ahmed", "Yitzhak", "Chiang", "Đặng")  # fmt: skip
_GENRES = ("Memorandum From", "Telegram From", "Letter From", "Backchannel Message From", "Message From",
           "Memorandum of Conversation Between", "Paper Prepared by", "Minutes of a Meeting of")  # fmt: skip
_PLACES = ("Washington", "Paris", "Saigon", "Tokyo", "Moscow", "Beijing", "Bonn", "London", "Hanoi", "Brasília",
           "San José", "Zürich", "Reykjavík", "Kraków", "Bogotá", "Montréal")  # fmt: skip
_SUBJECTS = ("Vietnam", "Japan", "Soviet Union", "Southern Africa", "Foreign Economic Policy", "Arms Control",
             "Middle East Region", "South Asia Crisis", "Western Europe", "Energy Crisis", "Chile")  # fmt: skip


def _made_up(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(syllables))
    if rng.random() < 0.08:  # a word with a diacritic: search must find it typed without
        at = rng.randrange(len(word))
        word = word[:at] + rng.choice(_ACCENTED) + word[at + 1 :]
    return word


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words by rank, and the cumulative Zipf weights ``random.choices`` takes."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]


@functools.cache
def vocabulary(corpus: Path = CORPUS, made_up: int = 60_000) -> Vocabulary:
    """The corpus's words by frequency, then ``made_up`` invented ones; weight of rank r ∝ 1/(r+2.7)."""
    counts: Counter[str] = Counter()
    for div in _template_divs(corpus):
        counts.update(w.lower() for w in re.findall(r"[^\W\d_]+", "".join(div.itertext())))
    words = [word for word, _ in counts.most_common()]
    rng, seen = random.Random(1), set(words)
    while len(words) < len(counts) + made_up:
        word = _made_up(rng, rng.choice((2, 2, 3, 3, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    total, cumulative = 0.0, []
    for rank in range(len(words)):
        total += 1 / (rank + 2.7)
        cumulative.append(total)
    return Vocabulary(tuple(words), tuple(cumulative))


def _sentences(rng: random.Random, chars: int, vocab: Vocabulary) -> str:
    """Roughly ``chars`` characters of sentences of Zipf-distributed words."""
    words = rng.choices(vocab.words, cum_weights=vocab.cumulative, k=max(1, chars // 6))
    out, at = [], 0
    while at < len(words):
        length = rng.randint(6, 22)
        sentence = " ".join(words[at : at + length])
        out.append(sentence[:1].upper() + sentence[1:] + ("," if rng.random() < 0.1 else "."))
        at += length
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    given: str
    family: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


_FAMILY_ENDINGS = ("ović", "escu", "opoulos", "ieff", "inho", "ström", "ényi", "awa", "ucci", "ak", "ier", "sky")


def _person(rng: random.Random, key: str) -> Person:
    """Family names end unlike any word (``_FAMILY_ENDINGS``), so a name is found only where it is named."""
    family = (_made_up(rng, rng.choice((1, 2))) + rng.choice(_FAMILY_ENDINGS)).capitalize()
    return Person(key, rng.choice(_GIVEN), family)


@functools.cache
def _famous() -> tuple[Person, ...]:
    """The series' well-known people, in every volume's glossary (under that volume's keys)."""
    rng = random.Random(7)
    return tuple(_person(rng, f"famous{i}") for i in range(40))


def volume_id(number: int) -> str:
    return f"frus1969-76gen{number:03d}"


def volume_people(number: int) -> tuple[Person, ...]:
    """Volume ``number``'s persons glossary, most mentioned first: the famous, then its own."""
    rng = random.Random(f"people-{number}")
    famous = [Person(f"p_F{i}_1", p.given, p.family) for i, p in enumerate(_famous())]
    own = [_person(rng, f"p_V{number}P{i}_1") for i in range(160)]
    return tuple(famous[:12] + own[:40] + famous[12:] + own[40:])


def rare_name(number: int = 1) -> str:
    """The family name of the least mentioned person of volume ``number`` (a few documents)."""
    return volume_people(number)[-1].family


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        while number >= value:
            out, number = out + letters, number - value
    return out


@dataclass(slots=True)
class _Volume:
    """What one volume's documents draw on, and the running page."""

    number: int
    documents: int
    rng: random.Random
    vocab: Vocabulary
    people: tuple[Person, ...]
    people_weights: tuple[float, ...]
    terms: tuple[str, ...]
    page: int = 1

    def person(self) -> Person:
        return self.rng.choices(self.people, cum_weights=self.people_weights)[0]

    def words(self, chars: int) -> str:
        return _sentences(self.rng, chars, self.vocab)


def _header(volume: _Volume) -> etree._Element:
    number, rng = volume.number, volume.rng
    subject = f"{rng.choice(_SUBJECTS)}, {1969 + number % 8}–{1970 + number % 8}"
    editor = volume.people[-2].name
    return etree.fromstring(
        f"""<teiHeader xmlns="{TEI}"><fileDesc><titleStmt>
<title type="complete">Foreign Relations of the United States, 1969–1976, Volume {_roman(number)}, {subject}</title>
<title type="series">Foreign Relations of the United States</title><title type="sub-series">1969–1976</title>
<title type="volume-number">Volume {_roman(number)}</title><title type="volume">{subject}</title>
<editor role="primary">{editor}</editor></titleStmt>
<publicationStmt><publisher>Government Printing Office</publisher><pubPlace>Washington</pubPlace>
<date>{2000 + number % 20}</date></publicationStmt>
<sourceDesc><p>Composed by benchmarks/generate_volume.py.</p></sourceDesc></fileDesc></teiHeader>"""
    )


def _front(volume: _Volume) -> etree._Element:
    front = etree.Element(_t("front"))
    for kind, entries in (
        ("persons", [(p.key, f"{p.family}, {p.given}", volume.words(60)) for p in volume.people]),
        ("terms", [(f"t_{term}_1", term, volume.words(30)) for term in volume.terms]),
    ):
        div = etree.SubElement(front, _t("div"), type="section")
        div.set(XML_ID, kind)
        etree.SubElement(div, _t("head")).text = kind.capitalize()
        listing = etree.SubElement(div, _t("list"), type=kind)
        for key, name, description in entries:
            item = etree.SubElement(listing, _t("item"))
            item.set(XML_ID, key)
            hi = etree.SubElement(item, _t("hi"), rend="strong")
            hi.text = name
            hi.tail = f", {description}"
    return front


def _document(volume: _Volume, template: etree._Element, n: int) -> etree._Element:
    """A copy of ``template`` numbered ``n``, every word, name, date and target new."""
    rng = volume.rng
    div = copy.deepcopy(template)
    for name in list(div.attrib):
        if name not in ("type", "subtype"):
            del div.attrib[name]
    div.set("n", str(n))
    div.set(XML_ID, f"d{n}")
    day = (n * 365) // max(volume.documents, 1)
    when = f"{1969 + volume.number % 8}-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}"
    div.set(f"{{{FRUS}}}doc-dateTime-min", f"{when}T00:00:00-05:00")
    scale = rng.uniform(0.2, 0.8)  # the corpus's documents are long; FRUS's average is shorter
    head = div.find(_t("head"))
    if head is not None:
        _heading(volume, head, n)
    note_number = 1  # the source note, in the heading
    for element in list(div.iter()):
        if not isinstance(element.tag, str) or element is head or _inside(element, head):
            continue
        tag = element.tag.split("}", 1)[-1]
        if tag == "persName":
            person = volume.person()
            element.set("corresp", f"#{person.key}")
            element.text = person.family if rng.random() < 0.7 else person.name
            _no_children(element)
        elif tag == "gloss":
            term = rng.choice(volume.terms)
            element.set("target", f"#t_{term}_1")
            element.text = term
            _no_children(element)
        elif tag == "ref":
            other = rng.randint(1, volume.documents)
            target = f"#d{other}" if rng.random() < 0.8 else f"{volume_id(rng.randint(1, 200))}#d{other}"
            element.set("target", target)
            element.text = f"Document {other}"
            _no_children(element)
        elif tag == "pb":
            volume.page += 1
            element.attrib.clear()
            element.set("n", str(volume.page))
            element.set(XML_ID, f"pg_{volume.page}")
        elif tag == "note":
            note_number += 1
            element.attrib.clear()
            element.set("n", str(note_number))
            element.set(XML_ID, f"d{n}fn{note_number}")
        elif tag == "placeName":
            element.text = rng.choice(_PLACES)
            continue
        elif tag == "date":
            element.attrib.clear()
            element.set("when", f"{when}T{rng.randint(0, 23):02d}00:00+00:00")
            element.text = f"{when}, {rng.randint(0, 23):02d}00Z"
            _no_children(element)
        elif tag in ("label", "rs", "hi") and element.text:
            element.text = element.text if tag == "label" else volume.words(len(element.text))
        if tag not in ("persName", "gloss", "ref", "date", "label", "hi", "rs"):
            element.text = _respoken(volume, element.text, scale)
        element.tail = _respoken(volume, element.tail, scale)
    return div


def _inside(element: etree._Element, ancestor: etree._Element | None) -> bool:
    return ancestor is not None and any(parent is ancestor for parent in element.iterancestors())


def _no_children(element: etree._Element) -> None:
    for child in list(element):
        element.remove(child)


def _respoken(volume: _Volume, text: str | None, scale: float) -> str | None:
    """New words for ``text``, about ``scale`` of its length; white space kept as one space or line."""
    if text is None:
        return None
    if not text.strip():
        return "\n" if "\n" in text else " "
    words = volume.words(max(6, int(len(text.strip()) * scale)))
    # A tail that began with punctuation ("</ref>. Then") is not glued to the new words.
    lead = "" if text[0].isalnum() else " "
    return lead + words + (" " if text[-1].isspace() else "")


def _heading(volume: _Volume, head: etree._Element, n: int) -> None:
    """ "12. Telegram From <persName>…</persName> to <persName>…</persName>" with its source note."""
    rng = volume.rng
    for child in list(head):
        head.remove(child)
    head.text = f"{n}. {rng.choice(_GENRES)} "
    sender, receiver = volume.person(), volume.person()
    first = etree.SubElement(head, _t("persName"), corresp=f"#{sender.key}")
    first.text = sender.name
    first.tail = " to "
    second = etree.SubElement(head, _t("persName"), corresp=f"#{receiver.key}")
    second.text = receiver.name
    note = etree.SubElement(head, _t("note"), n="1", type="source")
    note.set(XML_ID, f"d{n}fn1")
    note.text = f"Source: National Archives, RG 59, Box {rng.randint(1, 3000)}. {volume.words(120)}"


def compose_volume(number: int, documents: int = 500, corpus: Path = CORPUS) -> bytes:
    """Volume ``number`` of a generated series: a whole volume file of ``documents`` documents."""
    rng = random.Random(f"volume-{number}")
    people = volume_people(number)
    weights, total = [], 0.0
    for rank in range(len(people)):
        total += 1 / (rank + 1) ** 1.1
        weights.append(total)
    terms = tuple(dict.fromkeys("".join(rng.choices("ABCDEFGHIJKLMNOPRSTUVW", k=rng.randint(2, 5))) for _ in range(60)))
    volume = _Volume(number, documents, rng, vocabulary(corpus), people, tuple(weights), terms)
    sources = templates(corpus)
    tei = etree.Element(_t("TEI"), nsmap={None: TEI, "frus": FRUS})
    tei.set(XML_ID, volume_id(number))
    tei.append(_header(volume))
    text = etree.SubElement(tei, _t("text"))
    text.append(_front(volume))
    body = etree.SubElement(text, _t("body"))
    etree.SubElement(body, _t("pb"), n=str(volume.page))
    chapter = body
    next_chapter = 1
    for i in range(1, documents + 1):
        if i == next_chapter:
            chapter = etree.SubElement(body, _t("div"), type="chapter")
            etree.SubElement(chapter, _t("head")).text = f"{volume.words(40).rstrip('.,')}"
            next_chapter += rng.randint(20, 80)
        chapter.append(_document(volume, rng.choice(sources), i))
        if rng.random() < 0.35:  # a page that begins between two documents
            volume.page += 1
            etree.SubElement(chapter, _t("pb"), n=str(volume.page))
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8")


def _write_one(job: tuple[Path, int, int]) -> int:
    folder, number, documents = job
    path = folder / f"{volume_id(number)}.xml"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.write_bytes(compose_volume(number, documents))
        partial.replace(path)  # a killed run never leaves half a volume under the final name
    return path.stat().st_size


def write_series(folder: Path, volumes: int = 200, documents: int = 500, processes: int = 2) -> int:
    """Write volumes 1..``volumes`` into ``folder`` (those already there are kept); total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder, number, documents) for number in range(1, volumes + 1)]
    if processes <= 1:
        return sum(map(_write_one, jobs))
    with Pool(processes) as pool:
        return sum(pool.imap_unordered(_write_one, jobs))


def series_paths(folder: Path, volumes: int) -> list[Path]:
    return [folder / f"{volume_id(number)}.xml" for number in range(1, volumes + 1)]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, help="one volume of verbatim copies (OUTPUT.xml)")
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("--series", type=Path, metavar="FOLDER", help="write a generated series into FOLDER")
    parser.add_argument("--volumes", type=int, default=200)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    if args.series:
        size = write_series(args.series, args.volumes, args.documents, args.processes)
        print(f"wrote {args.volumes} volumes of {args.documents} documents into {args.series} ({size:,} bytes)")
    elif args.output:
        args.output.write_bytes(compose(args.count))
        print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    else:
        parser.error("give OUTPUT.xml or --series FOLDER")


if __name__ == "__main__":
    main(sys.argv[1:])
