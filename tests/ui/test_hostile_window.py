"""Hostile files through the window: the reason is shown, nothing is changed, nothing is read whole first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from workbench.storage import Project


def test_a_malformed_annotation_file_shows_its_reason(open_window, sample_project: Project, tmp_path: Path,
                                                      monkeypatch) -> None:  # fmt: skip
    window = open_window(sample_project)
    before = "\n".join(sample_project.db.conn.iterdump())
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text))
    shapes = {"deep.jsonld": "[" * 100_000 + "]" * 100_000, "number.jsonld": "5", "null.jsonld": "null",
              "codes.qdpx": "not a zip", "book.qdc": "<CodeBook"}  # fmt: skip
    for name, content in shapes.items():
        (tmp_path / name).write_text(content)
        window.transfers.import_files([str(tmp_path / name)])
    assert len(warned) == len(shapes)  # each said, where the window once did nothing at all
    assert all("\n" not in message and "Traceback" not in message for message in warned)
    assert "nested deeper" in warned[0] and "not a readable ZIP archive" in warned[3]
    assert "\n".join(sample_project.db.conn.iterdump()) == before
