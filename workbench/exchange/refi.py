"""REFI-QDA exchange (the format NVivo, MAXQDA, ATLAS.ti and QualCoder read): ``.qdpx`` and ``.qdc``.

A ``.qdpx`` is a ZIP of ``project.qde`` (XML in ``urn:QDA-XML:project:1.0``, checked against the
schema in the tests) and each document's reading text as ``sources/<guid>.txt``. Identities are
the project's own UUIDs, so exporting twice gives the same GUIDs; users get a GUID derived from
their name. Offsets are code points, end exclusive, like ours: no conversion.

What REFI-QDA cannot carry is said, not dropped: highlights inside footnotes (their offsets are
in the note's text, not the source's) are left out of an export and counted in its warnings;
picture, PDF, audio and video sources in an import are listed as skipped.
"""

from __future__ import annotations

import io
import json
import re
import threading
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from sqlite_utils import Database

from workbench import __version__
from workbench.escaping import removed_warning, xml_text
from workbench.exchange.offsets import OffsetMap
from workbench.importers import plain_text
from workbench.importers.errors import ImportFailed
from workbench.importers.limits import MAX_TEXT_BYTES, open_archive, read_bytes, read_entry
from workbench.importers.source_file import decode
from workbench.model import Document, DocumentId, Metadata, PageBreak, PageMap
from workbench.model.annotation import TagId, TagTree
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_memos, load_spans, load_tags

NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_USERS = uuid.UUID("6b1f3c1e-9d6a-4c3e-8f5e-2a7c4b9d0e11")  # namespace for users' GUIDs from their names
_CODINGS = uuid.UUID("0f6c2d4e-5b7a-4e8c-9a1d-3c5e7f9b1d22")  # namespace for codings: span + tag


#: The two variables a Workbench source carries: its details (CSL-JSON) and its printed pages.
DETAILS_VARIABLE = "6f1c0f5e-3f4b-4c8e-9a51-0d4c8c5e2a01"
PAGES_VARIABLE = "6f1c0f5e-3f4b-4c8e-9a51-0d4c8c5e2a02"
DETAILS_NAME = "Workbench details (CSL-JSON)"
PAGES_NAME = "Workbench printed pages (JSON)"


def user_guid(name: str) -> str:
    return str(uuid.uuid5(_USERS, name or "unknown"))


def coding_guid(span_uuid: str, tag_uuid: str) -> str:
    return str(uuid.uuid5(_CODINGS, f"{span_uuid}/{tag_uuid}"))


@dataclass(slots=True)
class Exported:
    data: bytes
    warnings: list[str] = field(default_factory=list)


_cleaning = threading.local()  # characters left out of the export being written on this thread


def _xml(value: str) -> str:
    """``value`` without characters XML 1.0 cannot hold (a ``\x01`` in a note failed the whole export)."""
    cleaned, removed = xml_text(value)
    _cleaning.removed = getattr(_cleaning, "removed", 0) + removed
    return cleaned


def _element(parent: etree._Element, tag: str, namespace: str = NS, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{namespace}}}{tag}", {k: _xml(v) for k, v in attributes.items() if v})


def _root(tag: str, namespace: str, **attributes: str) -> etree._Element:
    """A document element in its namespace as the default one (no prefix), as REFI-QDA readers expect."""
    default = {None: namespace}  # lxml's key for the default namespace, which lxml-stubs does not admit
    return etree.Element(f"{{{namespace}}}{tag}", nsmap=default, **attributes)  # type: ignore[arg-type]


def code_names(tree: TagTree) -> tuple[dict[TagId, str], list[str]]:
    """Each tag's code name, unique in the whole codebook: QualCoder (and others) take two codes of one
    name for one code, so "People/Paris" and "Places/Paris" go out as "Paris (People)" and "Paris
    (Places)", and the warnings say so."""
    by_name: dict[str, list[TagId]] = {}
    for tag in tree.by_id.values():
        by_name.setdefault(tag.name.casefold(), []).append(tag.id)
    names = {tag.id: tag.name for tag in tree.by_id.values()}
    warnings = []
    for ids in by_name.values():
        if len(ids) < 2:
            continue
        for tag_id in ids:
            parent = tree.by_id[tag_id].parent_id
            where = tree.path(parent) if parent is not None else "top level"
            names[tag_id] = f"{tree.by_id[tag_id].name} ({where})"
        warnings.append(f"{len(ids)} tags are called “{tree.by_id[ids[0]].name}”; exported as "
                        + ", ".join(f"“{names[i]}”" for i in ids) + " so other tools keep them apart")  # fmt: skip
    return names, warnings


def _codes(parent: etree._Element, tree: TagTree, namespace: str) -> list[str]:
    """The tag tree as codes; what had to be renamed is returned as warnings."""
    codes = _element(parent, "Codes", namespace)
    names, warnings = code_names(tree)

    def add(holder: etree._Element, tag_id: TagId) -> None:
        tag = tree.by_id[tag_id]
        code = _element(holder, "Code", namespace, guid=tag.uuid, name=names[tag.id], isCodable="true",
                        color=tag.color)  # fmt: skip
        if tag.description:
            _element(code, "Description", namespace).text = _xml(tag.description)
        for child in tree.children(tag.id):
            add(code, child.id)

    for root in tree.children(None):
        add(codes, root.id)
    return warnings


def codebook(db: Database) -> bytes:
    """The tag tree alone, as a REFI-QDA codebook (``.qdc``)."""
    root = _root("CodeBook", CODEBOOK_NS, origin=f"Workbench {__version__}")
    tree = TagTree(load_tags(db))
    if len(tree):
        _codes(root, tree, CODEBOOK_NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_project(db: Database, name: str) -> Exported:
    """The whole project as a ``.qdpx`` archive (characters XML cannot hold left out, and said)."""
    warnings: list[str] = []
    _cleaning.removed = 0
    tree = TagTree(load_tags(db))
    tag_uuid = {tag.id: tag.uuid for tag in tree.by_id.values()}
    root = _root("Project", NS, name=name, origin=f"Workbench {__version__}",
                 creationDateTime=datetime.now(UTC).isoformat(timespec="seconds"))  # fmt: skip
    users: dict[str, str] = {}

    def user(author: str) -> str:
        users.setdefault(author or "unknown", user_guid(author))
        return users[author or "unknown"]

    users_element = _element(root, "Users")
    if len(tree):
        warnings += _codes(_element(root, "CodeBook"), tree, NS)
    variables = _element(root, "Variables")  # the details and printed pages travel as two text variables
    for guid, variable_name in ((DETAILS_VARIABLE, DETAILS_NAME), (PAGES_VARIABLE, PAGES_NAME)):
        _element(variables, "Variable", guid=guid, name=variable_name, typeOfVariable="Text")
    sources = _element(root, "Sources")
    files: dict[str, str] = {}
    memos = load_memos(db)
    for row in list_documents(db):
        document = load_document(db, row.id)
        label = f"{document.number}. {document.title}" if document.number else document.title
        source = _element(
            sources, "TextSource", guid=document.id, name=label, plainTextPath=f"internal://{document.id}.txt"
        )
        files[document.id] = document.text
        skipped = 0
        for span in load_spans(db, document.id):
            if span.note_n is not None:
                skipped += 1
                continue
            selection = _element(
                source, "PlainTextSelection", guid=span.uuid, name=span.quote[:60], startPosition=str(span.start),
                endPosition=str(span.end), creatingUser=user(span.author), creationDateTime=span.created,
                modifiedDateTime=span.modified,
            )  # fmt: skip
            if span.note:
                _element(selection, "Description").text = _xml(span.note)
            for tag_id in span.tag_ids:
                coding = _element(selection, "Coding", guid=coding_guid(span.uuid, tag_uuid[tag_id]),
                                  creatingUser=user(span.author), creationDateTime=span.created)  # fmt: skip
                _element(coding, "CodeRef", targetGUID=tag_uuid[tag_id])
        for memo in memos:
            if memo.doc_id == document.id:
                _element(source, "NoteRef", targetGUID=memo.uuid)
        pages = {"first": document.pages.first_page, "breaks": [[b.n, b.start] for b in document.pages.breaks]}
        for guid, value in ((DETAILS_VARIABLE, document.metadata.to_csl()), (PAGES_VARIABLE, pages)):
            holder = _element(source, "VariableValue")
            _element(holder, "VariableRef", targetGUID=guid)
            _element(holder, "TextValue").text = _xml(json.dumps(value, ensure_ascii=False))
        if skipped:
            warnings.append(f"{label}: {skipped} highlight(s) in footnotes left out (REFI-QDA has no place for them)")
    if not len(sources):
        root.remove(sources)
    if memos:
        notes = _element(root, "Notes")
        for memo in memos:
            note = _element(notes, "Note", guid=memo.uuid, name=memo.title or "Note", creatingUser=user(memo.author),
                            creationDateTime=memo.created, modifiedDateTime=memo.modified)  # fmt: skip
            _element(note, "PlainTextContent").text = _xml(memo.text)
    for memo in memos:
        if memo.doc_id is None:
            _element(root, "NoteRef", targetGUID=memo.uuid)
    for name_, guid in users.items():
        _element(users_element, "User", guid=guid, name=name_)
    if not len(users_element):
        root.remove(users_element)
    warnings += removed_warning(_cleaning.removed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        for guid, text in files.items():
            archive.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
    return Exported(buffer.getvalue(), warnings)


# -- import -------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportedProject:
    """What a ``.qdpx`` holds that Workbench can take in, and what it could not."""

    documents: list[Document] = field(default_factory=list)
    tags: list[tuple[str, str | None, str, str, str]] = field(default_factory=list)  # uuid, parent, name, color, text
    spans: list[tuple] = field(default_factory=list)  # uuid, doc, start, end, note, author, created, modified, tags
    memos: list[tuple] = field(default_factory=list)  # uuid, doc or None, title, text, author, created, modified
    warnings: list[str] = field(default_factory=list)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_POSITION = re.compile(r"[0-9]{1,12}")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def read_qdpx(path: Path) -> ImportedProject:
    """Parse a ``.qdpx`` (``ImportFailed`` if it is not one).

    The archive is checked against ``limits`` before anything is expanded, and read entry by
    entry with reads that stop at the limits. What is wrong inside a valid project (a position
    that is no number or lies outside the text, a GUID given twice or not at all, a source that
    cannot be decoded) is skipped and said in the warnings; the rest comes in.
    """
    archive = open_archive(path, "a REFI-QDA project")
    try:
        root = _parse_xml(path, read_entry(path, archive, "project.qde"))
    except KeyError:
        raise ImportFailed(path, "this is not a REFI-QDA project (a .qdpx holds project.qde)") from None
    if root.tag != _q("Project"):
        raise ImportFailed(path, "its project.qde is not a REFI-QDA project")
    result = ImportedProject()
    guids = _Guids(result.warnings)
    users = {u.get("guid"): u.get("name") or "" for u in root.iter(_q("User"))}
    _read_codes(root, NS, result, guids)
    memo_owner: dict[str, str] = {}
    variables = {v.get("guid"): v.get("name") for v in root.iter(_q("Variable"))}
    sources = root.find(_q("Sources"))
    for source in sources if sources is not None else []:
        kind = etree.QName(source).localname
        if kind != "TextSource":
            result.warnings.append(
                f"skipped {kind} “{source.get('name') or source.get('guid')}”: only text sources are taken"
            )
            continue
        name = source.get("name") or "Untitled"
        guid = guids.take(source.get("guid"), f"the source “{name}”")
        if guid is None:
            continue
        text = _source_text(path, archive, source, result.warnings)
        number, _, title = name.partition(". ") if re.match(r"^\d{1,6}[A-Za-z]?\. ", name) else ("", "", name)
        lines = text.replace("\r\n", "\n").replace("\r", "\n")  # offsets stay in ``text``: see OffsetMap
        document = plain_text.parse(lines, name=name) if text.strip() else _empty_document(name)
        document.id = DocumentId(guid)
        document.metadata = Metadata(title=title or name, number=number)
        offsets = OffsetMap(text, document.text)
        _read_variables(source, variables, document, offsets, result.warnings)
        result.documents.append(document)
        for selection in source.findall(_q("PlainTextSelection")):
            span = _selection(selection, name, text, document, offsets, users, guids, result.warnings)
            if span is not None:
                result.spans.append(span)
        for ref in source.findall(_q("NoteRef")):
            memo_owner[_guid(ref.get("targetGUID"))] = document.id
    for note in root.iter(_q("Note")):
        guid = guids.take(note.get("guid"), f"the note “{note.get('name') or ''}”")
        if guid is None:
            continue
        text = _source_text(path, archive, note, result.warnings)
        result.memos.append((guid, memo_owner.get(guid), note.get("name") or "", text,
                             users.get(note.get("creatingUser"), ""), note.get("creationDateTime") or "",
                             note.get("modifiedDateTime") or ""))  # fmt: skip
    return result


def _parse_xml(path: Path, data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as error:
        raise ImportFailed(path, f"its project.qde is malformed ({error.msg})") from None


class _Guids:
    """Every GUID once: a second use is skipped and said; a missing one is made up (and said)."""

    def __init__(self, warnings: list[str]) -> None:
        self._seen: set[str] = set()
        self._warnings = warnings

    def take(self, guid: str | None, what: str) -> str | None:
        if not guid or not guid.strip():
            self._warnings.append(f"{what} has no GUID; it was given one")
            guid = str(uuid.uuid4())
        guid = _guid(guid)
        if guid in self._seen:
            self._warnings.append(f"{what} repeats GUID {guid[:40]}; skipped")
            return None
        self._seen.add(guid)
        return guid


def _guid(value: str | None) -> str:
    """GUIDs as written by other tools ("{6B1F…}") in the form Workbench stores ("6b1f…")."""
    return (value or "").strip().strip("{}").lower()


def _position(value: str | None) -> int | None:
    """A selection's position: plain digits only ("abc", "1e3", "-5", "" and "²" are not positions)."""
    value = (value or "").strip()
    return int(value) if _POSITION.fullmatch(value) else None


def _selection(selection, name, text, document, offsets, users, guids, warnings) -> tuple | None:
    """One ``PlainTextSelection`` as a span in the reading text, or ``None`` (and a warning) if it cannot be."""
    raw_start, raw_end = _position(selection.get("startPosition")), _position(selection.get("endPosition"))
    if raw_start is None or raw_end is None:
        shown = f"{selection.get('startPosition')!r:.20}–{selection.get('endPosition')!r:.20}"
        warnings.append(f"{name}: a selection at {shown} has a position that is not a number; skipped")
        return None
    if not 0 <= raw_start < raw_end <= len(text):
        warnings.append(f"{name}: a selection at {raw_start}–{raw_end} lies outside the text; skipped")
        return None
    start, end = offsets.start(raw_start), offsets.end(raw_end)
    if not 0 <= start < end <= len(document.text):
        warnings.append(f"{name}: a selection at {raw_start}–{raw_end} holds no words; skipped")
        return None
    guid = guids.take(selection.get("guid"), f"{name}: a selection at {raw_start}–{raw_end}")
    if guid is None:
        return None
    tags = [_guid(ref.get("targetGUID")) for c in selection.findall(_q("Coding"))
            if (ref := c.find(_q("CodeRef"))) is not None and ref.get("targetGUID")]  # fmt: skip
    return (guid, document.id, start, end, selection.findtext(_q("Description")) or "",
            users.get(selection.get("creatingUser"), ""), selection.get("creationDateTime") or "",
            selection.get("modifiedDateTime") or "", tags)  # fmt: skip


def _read_variables(source, variables: dict, document: Document, offsets: OffsetMap, warnings: list[str]) -> None:
    """A Workbench source's details and printed pages, from its two variables (other tools have none)."""
    for holder in source.findall(_q("VariableValue")):
        ref = holder.find(_q("VariableRef"))
        name = variables.get(ref.get("targetGUID")) if ref is not None else None
        if name not in (DETAILS_NAME, PAGES_NAME):
            continue
        text = holder.findtext(_q("TextValue")) or ""
        try:
            value = json.loads(text) if len(text) < 1_000_000 else None
        except (json.JSONDecodeError, RecursionError):
            value = None
        if not isinstance(value, dict):
            warnings.append(f"{document.title}: its {name} could not be read; left out")
            continue
        if name == DETAILS_NAME:
            document.metadata = Metadata.from_csl(value)
        else:
            document.pages = _page_map(value, offsets, len(document.text))


def _page_map(value: dict, offsets: OffsetMap, size: int) -> PageMap:
    """Printed pages from their starts in the exported text, moved to the reading text's offsets."""
    breaks: list[PageBreak] = []
    for item in value.get("breaks", [])[:100_000]:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], int):
            start = offsets.start(item[1]) if 0 <= item[1] < size + 1 else None
            if start is not None and 0 <= start <= size and (not breaks or start >= breaks[-1].start):
                breaks.append(PageBreak(item[0][:40], start))
    first = value.get("first")
    return PageMap(first[:40] if isinstance(first, str) else None, tuple(breaks))


def _empty_document(name: str) -> Document:
    """A source whose text is missing or empty: kept (its notes may matter), with nothing to read."""
    return Document(id=DocumentId(str(uuid.uuid4())), text="", metadata=Metadata(title=name),
                    source_format=plain_text.FORMAT)  # fmt: skip


def read_qdc(path: Path) -> ImportedProject:
    """Parse a ``.qdc`` codebook: the tag tree alone (``ImportFailed`` if it is not one)."""
    data = read_bytes(path, MAX_TEXT_BYTES, "a codebook")
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as error:
        raise ImportFailed(path, f"it is not well-formed XML ({error.msg})") from None
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise ImportFailed(path, "this is not a REFI-QDA codebook")
    result = ImportedProject()
    _read_codes(root, CODEBOOK_NS, result, _Guids(result.warnings))
    return result


def read_refi(path: Path) -> ImportedProject:
    """A ``.qdc`` codebook or a ``.qdpx`` project, by its name."""
    return read_qdc(path) if path.suffix.lower() == ".qdc" else read_qdpx(path)


def _read_codes(root: etree._Element, namespace: str, result: ImportedProject, guids: _Guids) -> None:
    """The code tree, parents before their children, as tags (walked without recursion)."""
    stack: list[tuple[etree._Element, str | None]] = [
        (holder, None) for holder in reversed(list(root.iter(f"{{{namespace}}}Codes")))
    ]
    while stack:
        holder, parent = stack.pop()
        children = []
        for code in holder.findall(f"{{{namespace}}}Code"):
            name = " ".join((code.get("name") or "").replace("/", "-").split()) or "Code"
            guid = guids.take(code.get("guid"), f"the code “{name[:60]}”")
            if guid is None:
                continue
            description = code.findtext(f"{{{namespace}}}Description") or ""
            color = code.get("color") or ""
            color = color.lower() if _COLOR.fullmatch(color) else ""  # "red" or "red'><img…" would reach the painter
            result.tags.append((guid, parent, name, color, description))
            children.append((code, guid))
        stack.extend(reversed(children))


def _source_text(path: Path, archive: zipfile.ZipFile, source: etree._Element, warnings: list[str]) -> str:
    """The text of a source or note: inline, or its ``internal://`` file (UTF-8 or UTF-16, BOM or not)."""
    inline = source.findtext(_q("PlainTextContent"))
    if inline is not None:
        return inline
    where = source.get("plainTextPath") or ""
    if not where.startswith("internal://"):
        return ""
    entry = f"sources/{where.removeprefix('internal://')}"
    try:
        data = read_entry(path, archive, entry, MAX_TEXT_BYTES)
    except KeyError:
        warnings.append(f"“{source.get('name') or entry}”: its text {entry} is not in the archive; imported empty")
        return ""
    decoded = decode(Path(entry), data)
    warnings += decoded.warnings
    return decoded.text
