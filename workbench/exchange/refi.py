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
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from sqlite_utils import Database

from workbench import __version__
from workbench.importers import plain_text
from workbench.importers.errors import ImportFailed
from workbench.model import Document, DocumentId, Metadata
from workbench.model.annotation import TagTree
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_memos, load_spans, load_tags

NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_USERS = uuid.UUID("6b1f3c1e-9d6a-4c3e-8f5e-2a7c4b9d0e11")  # namespace for users' GUIDs from their names
_CODINGS = uuid.UUID("0f6c2d4e-5b7a-4e8c-9a1d-3c5e7f9b1d22")  # namespace for codings: span + tag


def user_guid(name: str) -> str:
    return str(uuid.uuid5(_USERS, name or "unknown"))


def coding_guid(span_uuid: str, tag_uuid: str) -> str:
    return str(uuid.uuid5(_CODINGS, f"{span_uuid}/{tag_uuid}"))


@dataclass(slots=True)
class Exported:
    data: bytes
    warnings: list[str] = field(default_factory=list)


def _element(parent: etree._Element, tag: str, namespace: str = NS, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{namespace}}}{tag}", {k: v for k, v in attributes.items() if v})


def _codes(parent: etree._Element, tree: TagTree, namespace: str) -> None:
    codes = _element(parent, "Codes", namespace)

    def add(holder: etree._Element, tag_id: int) -> None:
        tag = tree.by_id[tag_id]
        code = _element(holder, "Code", namespace, guid=tag.uuid, name=tag.name, isCodable="true", color=tag.color)
        if tag.description:
            _element(code, "Description", namespace).text = tag.description
        for child in tree.children(tag.id):
            add(code, child.id)

    for root in tree.children(None):
        add(codes, root.id)


def codebook(db: Database) -> bytes:
    """The tag tree alone, as a REFI-QDA codebook (``.qdc``)."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=f"Workbench {__version__}")
    tree = TagTree(load_tags(db))
    if len(tree):
        _codes(root, tree, CODEBOOK_NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_project(db: Database, name: str) -> Exported:
    """The whole project as a ``.qdpx`` archive."""
    warnings: list[str] = []
    tree = TagTree(load_tags(db))
    tag_uuid = {tag.id: tag.uuid for tag in tree.by_id.values()}
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=name, origin=f"Workbench {__version__}",
                         creationDateTime=datetime.now(UTC).isoformat(timespec="seconds"))  # fmt: skip
    users: dict[str, str] = {}

    def user(author: str) -> str:
        users.setdefault(author or "unknown", user_guid(author))
        return users[author or "unknown"]

    users_element = _element(root, "Users")
    if len(tree):
        _codes(_element(root, "CodeBook"), tree, NS)
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
                _element(selection, "Description").text = span.note
            for tag_id in span.tag_ids:
                coding = _element(selection, "Coding", guid=coding_guid(span.uuid, tag_uuid[tag_id]),
                                  creatingUser=user(span.author), creationDateTime=span.created)  # fmt: skip
                _element(coding, "CodeRef", targetGUID=tag_uuid[tag_id])
        for memo in memos:
            if memo.doc_id == document.id:
                _element(source, "NoteRef", targetGUID=memo.uuid)
        if skipped:
            warnings.append(f"{label}: {skipped} highlight(s) in footnotes left out (REFI-QDA has no place for them)")
    if not len(sources):
        root.remove(sources)
    if memos:
        notes = _element(root, "Notes")
        for memo in memos:
            note = _element(notes, "Note", guid=memo.uuid, name=memo.title or "Note", creatingUser=user(memo.author),
                            creationDateTime=memo.created, modifiedDateTime=memo.modified)  # fmt: skip
            _element(note, "PlainTextContent").text = memo.text
    for memo in memos:
        if memo.doc_id is None:
            _element(root, "NoteRef", targetGUID=memo.uuid)
    for name_, guid in users.items():
        _element(users_element, "User", guid=guid, name=name_)
    if not len(users_element):
        root.remove(users_element)
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


def read_qdpx(path: Path) -> ImportedProject:
    """Parse a ``.qdpx`` (``ImportFailed`` if it is not one)."""
    try:
        archive = zipfile.ZipFile(path)
        root = etree.fromstring(archive.read("project.qde"), etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, KeyError, OSError):
        raise ImportFailed(path, "this is not a REFI-QDA project (a .qdpx holds project.qde)") from None
    except etree.XMLSyntaxError as error:
        raise ImportFailed(path, f"its project.qde is malformed ({error.msg})") from None
    if root.tag != _q("Project"):
        raise ImportFailed(path, "its project.qde is not a REFI-QDA project")
    result = ImportedProject()
    users = {u.get("guid"): u.get("name") or "" for u in root.iter(_q("User"))}
    _read_codes(root, NS, result)
    memo_owner: dict[str, str] = {}
    sources = root.find(_q("Sources"))
    for source in sources if sources is not None else []:
        kind = etree.QName(source).localname
        if kind != "TextSource":
            result.warnings.append(
                f"skipped {kind} “{source.get('name') or source.get('guid')}”: only text sources are taken"
            )
            continue
        text = _source_text(archive, source)
        name = source.get("name") or "Untitled"
        number, _, title = name.partition(". ") if re.match(r"^\d+[A-Za-z]?\. ", name) else ("", "", name)
        document = plain_text.parse(text, name=name)
        document.id = DocumentId(source.get("guid"))
        document.metadata = Metadata(title=title or name, number=number)
        result.documents.append(document)
        for selection in source.findall(_q("PlainTextSelection")):
            start, end = int(selection.get("startPosition", 0)), int(selection.get("endPosition", 0))
            if not 0 <= start < end <= len(document.text):
                result.warnings.append(f"{name}: a selection at {start}–{end} lies outside the text; skipped")
                continue
            tags = [c.find(_q("CodeRef")).get("targetGUID") for c in selection.findall(_q("Coding"))
                    if c.find(_q("CodeRef")) is not None]  # fmt: skip
            result.spans.append((selection.get("guid"), document.id, start, end,
                                 selection.findtext(_q("Description")) or "",
                                 users.get(selection.get("creatingUser"), ""),
                                 selection.get("creationDateTime") or "", selection.get("modifiedDateTime") or "",
                                 tags))  # fmt: skip
        for ref in source.findall(_q("NoteRef")):
            memo_owner[ref.get("targetGUID")] = document.id
    for note in root.iter(_q("Note")):
        guid = note.get("guid")
        result.memos.append((guid, memo_owner.get(guid), note.get("name") or "",
                             note.findtext(_q("PlainTextContent")) or _source_text(archive, note),
                             users.get(note.get("creatingUser"), ""), note.get("creationDateTime") or "",
                             note.get("modifiedDateTime") or ""))  # fmt: skip
    return result


def read_qdc(path: Path) -> ImportedProject:
    """Parse a ``.qdc`` codebook: the tag tree alone (``ImportFailed`` if it is not one)."""
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except OSError as error:
        raise ImportFailed(path, f"it cannot be read ({error.strerror or error})") from None
    except etree.XMLSyntaxError as error:
        raise ImportFailed(path, f"it is not well-formed XML ({error.msg})") from None
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise ImportFailed(path, "this is not a REFI-QDA codebook")
    result = ImportedProject()
    _read_codes(root, CODEBOOK_NS, result)
    return result


def read_refi(path: Path) -> ImportedProject:
    """A ``.qdc`` codebook or a ``.qdpx`` project, by its name."""
    return read_qdc(path) if path.suffix.lower() == ".qdc" else read_qdpx(path)


def _read_codes(root: etree._Element, namespace: str, result: ImportedProject) -> None:
    """The code tree, parents before their children, as tags."""

    def codes(holder: etree._Element, parent: str | None) -> None:
        for code in holder.findall(f"{{{namespace}}}Code"):
            description = code.findtext(f"{{{namespace}}}Description") or ""
            result.tags.append((code.get("guid"), parent, (code.get("name") or "Code").replace("/", "-"),
                                code.get("color") or "", description))  # fmt: skip
            codes(code, code.get("guid"))

    for codes_element in root.iter(f"{{{namespace}}}Codes"):
        codes(codes_element, None)


def _source_text(archive: zipfile.ZipFile, source: etree._Element) -> str:
    inline = source.findtext(_q("PlainTextContent"))
    if inline is not None:
        return inline
    path = source.get("plainTextPath") or ""
    if path.startswith("internal://"):
        try:
            return archive.read(f"sources/{path.removeprefix('internal://')}").decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return ""
    return ""
