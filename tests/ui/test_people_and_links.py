"""A volume's people and terms: linked names, the People panel with mentions, cross-references."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor

from workbench.model import InlineKind
from workbench.ops.documents import import_files
from workbench.storage import Project, list_documents, load_document
from workbench.storage.glossary import load_glossary, volume_mentions

DATA = Path(__file__).resolve().parents[1] / "data"


def test_inlines_and_glossary_are_stored(project: Project) -> None:
    import_files(project, [DATA / "frus-volume.xml"])
    first = load_document(project.db, list_documents(project.db)[0].id)
    kinds = {(i.kind, first.text[i.start : i.end], i.value) for i in first.inlines}
    assert (InlineKind.ITALIC, "phrase in italics", "") in kinds
    assert (InlineKind.PERSON, "Rogers", "p_RWP_1") in kinds and (
        InlineKind.REF,
        "reference to Document 2",
        "#d2",
    ) in kinds
    assert [(e.kind, e.name, e.description) for e in load_glossary(project.db)] == [
        ("term", "GVN", "Government of Vietnam"), ("person", "Rogers, William P.", "Secretary of State")]  # fmt: skip
    volume = first.metadata.extra["custom"]["volume-id"]
    assert volume_mentions(project.db, "person", [("another-volume", "p_RWP_1")]) == (0, [])  # its own volume's
    _, (mention,) = volume_mentions(project.db, "person", [(volume, "p_RWP_1")])
    assert first.text[mention.start : mention.end] == "Rogers" and "Rogers" in mention.context


def test_names_link_to_the_index_and_references_open_documents(open_window, project: Project, qtbot) -> None:
    import_files(project, [DATA / "frus-volume.xml"])
    window = open_window(project)
    view = window.reading
    first = window.document
    italic = next(i for i in first.inlines if i.kind == InlineKind.ITALIC)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_view(italic.start) + 1)
    assert cursor.charFormat().fontItalic()
    view.anchorClicked.emit(QUrl("person:p_RWP_1"))
    assert window.side.currentWidget() is window.people
    assert window.people.heading.text() == "Rogers, William P.: 1 mention"
    view.anchorClicked.emit(QUrl("ref:#d2"))
    assert window.document.number == "2"
    view.anchorClicked.emit(QUrl("ref:frus1969-76v04#d187"))
    assert "not in this project" in window.statusBar().currentMessage()


def test_documents_group_by_volume_and_chapter(open_window, project: Project) -> None:
    import_files(project, [DATA / "frus-volume.xml"])
    window = open_window(project)
    panel = window.documents
    rows = {row.number: row for row in panel.model.rows}
    assert (rows["1"].volume, rows["1"].chapter, rows["2"].chapter) == ("frus1969-76v99", "Chapter One", "")
    panel.sort.setCurrentIndex(panel.sort.findData(3))
    delegate = panel.view.itemDelegate()
    headings = [delegate.group_heading(panel.model.index(row, 0)) for row in range(panel.model.rowCount())]
    assert headings == ["frus1969-76v99 · Chapter One", "frus1969-76v99"]  # document 2 stands in no chapter
    panel.sort.setCurrentIndex(panel.sort.findData(0))
    assert delegate.group_heading(panel.model.index(0, 0)) == ""


def test_an_orphaned_highlight_is_listed_and_placed_by_hand(
    open_window, sample_project: Project, tmp_path: Path, qtbot
) -> None:
    from workbench.ops.documents import read_files, replace_document
    from workbench.ops.spans import create_span
    from workbench.storage.annotations import load_spans

    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)
    start = doc.text.index("Warm regards")
    create_span(sample_project, doc.id, start, start + 12, tag_paths=["Tone"])
    corrected = tmp_path / "c.txt"
    corrected.write_text(Path(DATA.parent.parent / "resources/sample/frus1969-76v09-d124.txt").read_text().replace(
        "Warm regards.", "With my very best wishes."))  # fmt: skip
    (new,) = read_files([corrected]).documents
    new.metadata = doc.metadata
    replace_document(sample_project, doc.id, new)
    window = open_window(sample_project)
    window.side.setCurrentWidget(window.highlights)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 1)
    assert window.highlights.model.rows[0].page == "not in the corrected text"
    assert len(window.reading.span_index) == 0  # not drawn anywhere
    window.highlights.view.setCurrentIndex(window.highlights.model.index(0, 0))
    text = window.document.text
    window.reading.select_range(text.index("With my very best wishes"), text.index("With my very best wishes") + 24)
    window.navigation.place_orphan()
    (span,) = load_spans(window.project.db, doc.id)
    assert (span.orphaned, span.quote) == (False, "With my very best wishes")
    assert len(window.reading.span_index) == 1
