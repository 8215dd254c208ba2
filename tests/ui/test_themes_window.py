"""The Themes window: a query's passages, the co-occurrence matrix and its cells, the chart saved."""

from __future__ import annotations

from pathlib import Path

from workbench.citations import pinpoint
from workbench.ops.spans import create_span
from workbench.storage import Project
from workbench.ui.dialogs.themes import ThemesWindow


def test_themes_window(open_window, sample_project: Project, qtbot, tmp_path: Path) -> None:
    window = open_window(sample_project)
    doc = window.document

    def mark(first: str, last: str, *tags: str) -> None:
        start = doc.text.index(first)
        end = doc.text.index(last, start) + len(last)
        window.operations.run("", lambda: create_span(window.project, doc.id, start, end, tag_paths=list(tags)))

    mark("On the troop issue", "does have a case.", "Troops")
    mark("the GVN does have a case", "However I am convinced", "GVN")
    mark("Warm regards", "Warm regards", "Troops")
    themes = ThemesWindow(window)
    qtbot.addWidget(themes)
    themes.tag_a.setCurrentIndex(themes.tag_a.findData("Troops"))
    assert themes.model.rowCount() == 2
    themes.relation.setCurrentIndex(1)  # overlapping
    themes.tag_b.setCurrentIndex(themes.tag_b.findData("GVN"))
    assert [row.span.quote for row in themes.model.rows] == ["On the troop issue, the GVN does have a case."]
    troops, gvn = themes.tag_a.findData("Troops"), themes.tag_a.findData("GVN")
    assert themes.matrix.item(troops, gvn).text() == "1" and themes.matrix.item(troops, troops).text() == "2"
    themes.matrix.cellClicked.emit(gvn, troops)
    assert [row.span.quote for row in themes.model.rows] == ["the GVN does have a case. However I am convinced"]
    card = themes.model.rows[0]  # its page, read from its document's page breaks when it is drawn
    assert card.page == pinpoint(doc, card.span) != ""
    assert themes.chart.counts == [("1972-11", 2)]
    themes.chart_kind.setCurrentIndex(1)  # across the documents
    assert themes.chart.counts == [("124", 2)]
    for name in ("chart.png", "chart.svg"):
        themes.chart.resize(400, 200)
        themes.chart.save(str(tmp_path / name))
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()
