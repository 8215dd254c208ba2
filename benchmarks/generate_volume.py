"""Compose a FRUS volume in TEI from the real documents' structures, for benchmarks and tests.

    python benchmarks/generate_volume.py OUTPUT.xml [DOCUMENTS]

Each document is a copy of one of the corpus's documents (``shared/corpus``), renumbered: its
number, its ids, its page breaks (a running page across the volume, sometimes breaking between
documents) and its notes. The volume has a header and a front matter like a real one.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
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


def templates(corpus: Path = CORPUS) -> list[etree._Element]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    divs = []
    for path in sorted(corpus.glob("*/d*.xml")):
        root = etree.parse(str(path), parser).getroot()
        divs += root.iter(f"{{{TEI}}}div")
    return [div for div in divs if div.get("type") == "document"]


def compose(count: int, corpus: Path = CORPUS) -> bytes:
    sources = templates(corpus)
    tei = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})
    tei.set(XML_ID, "frus1969-76v99")
    tei.append(etree.fromstring(HEADER))
    body = etree.SubElement(etree.SubElement(tei, f"{{{TEI}}}text"), f"{{{TEI}}}body")
    page = 1
    etree.SubElement(body, f"{{{TEI}}}pb", n=str(page))
    chapter = None
    for i in range(1, count + 1):
        if i % 50 == 1:
            chapter = etree.SubElement(body, f"{{{TEI}}}div", type="chapter")
            etree.SubElement(chapter, f"{{{TEI}}}head").text = f"Chapter {i // 50 + 1}"
        div = copy.deepcopy(sources[i % len(sources)])
        div.set("n", str(i))
        div.set(XML_ID, f"d{i}")
        head = div.find(f"{{{TEI}}}head")
        if head is not None and head.text:
            head.text = f"{i}. " + head.text.split(". ", 1)[-1]
        for pb in div.iter(f"{{{TEI}}}pb"):
            page += 1
            pb.set("n", str(page))
            pb.set(XML_ID, f"pg_{page}")
        for n, note in enumerate(div.iter(f"{{{TEI}}}note"), start=1):
            note.set(XML_ID, f"d{i}fn{n}")
        chapter.append(div)
        if i % 3 == 0:  # a page that begins between two documents
            page += 1
            etree.SubElement(chapter, f"{{{TEI}}}pb", n=str(page))
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8")


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.write_bytes(compose(int(sys.argv[2]) if len(sys.argv) > 2 else 500))
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
