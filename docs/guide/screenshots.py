"""Take the user guide's pictures by driving the real application on a virtual screen.

    make screenshots        # or: python docs/guide/screenshots.py [NAME …]

Each picture is one function below, named by its file in ``docs/guide/images/``. The window runs
on Xvfb (started here when there is no display) with Qt's X11 platform, as on a desktop, so
menus, popups and tool tips are in the pictures as a reader sees them. The project and settings
are throwaway: a first run on the bundled sample, then tagged and annotated the way a historian
would. Dialogs are opened by the same actions as the menus; a timer photographs each one and
closes it. Run it after changing anything a picture shows, and look at the pictures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

IMAGES = Path(__file__).resolve().parent / "images"
SIZE = (1440, 900)

PASSAGES = [  # (quote, tags, note)
    ("the de facto removal of some troops from the northern part of South Vietnam. How, he asked, could they now "
     "be expected to leave thousands of their people languishing in South Vietnamese jails",
     ["Troops/North Vietnamese forces", "Prisoners"], "Le Duc Tho links **troops** to *political prisoners*."),
    ("specific language with respect to North Vietnamese troops in the South", ["Troops/North Vietnamese forces"], ""),
    ("On the other hand, we face the problem of a balking GVN.", ["GVN resistance"], "Kissinger's framing for Nixon."),
    ("Their resistance has centered on two issues, the political structure and the issue of North Vietnamese "
     "troops in South Vietnam.", ["GVN resistance", "Troops"], ""),
]  # fmt: skip


def start_display() -> subprocess.Popen | None:
    """A virtual screen when there is no real one (Xvfb, from Debian's ``xvfb``)."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("screenshots: Xvfb is not installed (Debian: apt-get install xvfb).")
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return server


def isolate() -> None:
    """Throwaway data and settings: the pictures show a first run, not this machine's projects."""
    scratch = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.pop("QT_SCALE_FACTOR", None)


class Camera:
    """Drives the window and photographs it."""

    def __init__(self) -> None:
        from workbench.ui.app import create_application, open_window

        self.app = create_application()
        self.window = open_window(None)
        self.window.setGeometry(0, 0, *SIZE)
        self.window.show()
        self.settle(600)
        self.scratch = Path(os.environ["XDG_DATA_HOME"])

    def settle(self, ms: int = 250) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def screen(self, name: str, widget=None) -> None:
        """The screen where ``widget`` (the window) stands, popups and tool tips included."""
        if widget is None:
            self.window.statusBar().clearMessage()
        self.settle()
        widget = widget or self.window
        frame = widget.frameGeometry()
        picture = self.app.primaryScreen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        picture.save(str(IMAGES / f"{name}.png"))
        print(f"wrote {IMAGES / f'{name}.png'}")

    def modal(self, name: str, action: Callable[[], object], *, prepare: Callable | None = None,
              whole_window: bool = False, close: str = "reject") -> None:  # fmt: skip
        """Run ``action`` (which opens a modal dialog); photograph the dialog, then close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def shoot() -> None:
            dialog = QApplication.activeModalWidget() or QApplication.activePopupWidget()
            if dialog is None:
                QTimer.singleShot(100, shoot)
                return
            if prepare is not None:
                prepare(dialog)
            self.screen(name, None if whole_window else dialog)
            getattr(dialog, close)()

        QTimer.singleShot(400, shoot)
        action()


# -- the pictures, in the guide's order -----------------------------------------------------------


def first_run(cam: Camera) -> None:
    cam.screen("first-run")


def annotate(cam: Camera) -> None:
    """The passages a historian would tag, as the screenshots show them (not a picture)."""
    from workbench.ops.spans import create_span

    window = cam.window
    window.welcome.dismiss()
    document = window.document
    for quote, tags, note in PASSAGES:
        start = document.text.index(quote)
        window.operations.run("", lambda s=start, q=quote, t=tags, n=note: create_span(
            window.project, document.id, s, s + len(q), tag_paths=t, note=n))  # fmt: skip
    cam.sample_id = document.id
    window.name_bar.field.setText("Ada Lovelace")  # the one-line question after the first highlight
    window.name_bar.accept()
    cam.settle()


def reading(cam: Camera) -> None:
    from PySide6.QtTest import QTest

    from workbench.ui.reading.in_view import note_mark_rect

    window, view = cam.window, cam.window.reading
    window.side.setCurrentWidget(window.notes)
    view.verticalScrollBar().setValue(0)
    cam.settle()
    mark = note_mark_rect(view, 2)
    QTest.mouseMove(view.viewport(), mark.center())
    cam.screen("reading")
    view.note_popup.hide()


def highlight_quoting(window, words: str):
    """The highlight of the open document whose quote begins with ``words`` (the view holds only
    where highlights lie; their words are read from the project)."""
    spans = window.session.spans_by_id(window.reading.span_index.by_id)
    return next(span for span in spans if span.quote.startswith(words))


def window_shot(cam: Camera) -> None:
    """The README's picture: tagged passages, a highlight's card under the pointer."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from workbench.ui.reading.highlights import span_rects

    window, view = cam.window, cam.window.reading
    text = window.document.text
    window.side.setCurrentWidget(window.highlights)
    span = highlight_quoting(window, "the de facto")
    view.verticalScrollBar().setValue(int(span_rects(view, span)[0].top()) - 420)
    view.select_range(text.index(span.quote), text.index(span.quote))
    cam.settle()
    rect = span_rects(view, span)[1].translated(0, -view.verticalScrollBar().value())
    QTest.mouseMove(view.viewport(), rect.center().toPoint() + QPoint(0, 1))
    cam.screen("window")
    view.note_popup.hide()


def tagging(cam: Camera) -> None:
    from PySide6.QtTest import QTest

    window, view = cam.window, cam.window.reading
    text = window.document.text
    start = text.index("On the troop issue, the GVN does have a case.")
    view.select_range(start, start + len("On the troop issue, the GVN does have a case."))
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 300)  # the selection mid-window
    view.setFocus()
    view.selectionSettled.emit()
    cam.settle()
    cam.modal("tagging", window.annotator.open_palette, whole_window=True,
              prepare=lambda palette: (QTest.keyClicks(palette.edit, "tro"), cam.settle()))  # fmt: skip


def notes(cam: Camera) -> None:
    from PySide6.QtTest import QTest

    window, view = cam.window, cam.window.reading
    span = highlight_quoting(window, "On the other hand")
    view.set_current_span(span.id, scroll=True)
    window.side.setCurrentWidget(window.highlights)

    def write(editor) -> None:
        editor.edit.selectAll()
        QTest.keyClicks(editor.edit, "Kissinger's framing for Nixon: the **GVN**, not Hanoi, is now the obstacle.")

    cam.modal("notes", window.annotator.edit_note, whole_window=True, prepare=write)


def searching(cam: Camera) -> None:
    from PySide6.QtTest import QTest

    window = cam.window
    window.focus_search()
    QTest.keyClicks(window.search.field, "troops")
    for _ in range(50):  # the hits come from a thread of their own
        cam.settle(100)
        if len(window.search.hits) > 2:
            break
    window.navigation.show_hit(window.search.hits[min(2, len(window.search.hits) - 1)])
    cam.screen("searching")


def footnotes(cam: Camera) -> None:
    """The footnotes pane with words of the source note selected, and the bar to tag them."""
    from PySide6.QtGui import QTextCursor

    window = cam.window
    notes = window.notes
    window.show_side(notes)
    notes.focus_note(1)
    text = window.document.note_text(1)
    words = next(w for w in ("Top Secret", "Box 26", text.split()[0]) if w in text)
    start = text.index(words)
    positions = notes._positions[1]
    cursor = QTextCursor(notes.document())
    cursor.setPosition(positions.to_view(start))
    cursor.setPosition(positions.to_view(start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    notes.setTextCursor(cursor)
    notes.setFocus()
    notes.selectionSettled.emit()
    cam.screen("footnotes")
    cursor.clearSelection()
    notes.setTextCursor(cursor)
    window.annotator.notes_toolbar.hide()


def narrow(cam: Camera) -> None:
    """A small window (1024 × 700): the panels give way, the text keeps its measure."""
    window = cam.window
    window.show_side(window.highlights)
    window.setGeometry(0, 0, 1024, 700)
    cam.settle(800)
    cam.screen("narrow")
    window.setGeometry(0, 0, *SIZE)
    cam.settle(800)


def themes(cam: Camera) -> None:
    from workbench.ui.dialogs.themes import ThemesWindow

    themes_window = ThemesWindow(cam.window)
    themes_window.move(60, 40)
    themes_window.show()
    themes_window.tag_a.setCurrentIndex(themes_window.tag_a.findData("Troops"))
    cam.screen("themes", themes_window)
    themes_window.close()


def exporting(cam: Camera) -> None:
    window = cam.window
    window.highlights.view.clearSelection()
    cam.modal("exporting", window.transfers.export_quotations)


def exchange(cam: Camera) -> None:
    """A colleague's copy with highlights of her own: the merge preview, then the comparison of coders."""
    from workbench.ops.spans import create_span
    from workbench.ops.tags import rename_tag
    from workbench.storage import Project, list_documents, load_document
    from workbench.storage.annotations import load_tags
    from workbench.ui.dialogs.authors import AuthorsWindow

    window = cam.window
    colleague = cam.scratch / "Colleague.wbproj"
    window.files.save_copy(str(colleague))
    with Project.open(colleague) as theirs:
        document = load_document(theirs.db, list_documents(theirs.db)[0].id)
        for quote, tag in (("the GVN’s position is totally unreasonable", "GVN resistance"),
                           ("a balking GVN", "GVN resistance"),
                           ("North Vietnamese troops in the South", "Troops/North Vietnamese forces")):  # fmt: skip
            start = document.text.index(quote)
            create_span(theirs, document.id, start, start + len(quote), tag_paths=[tag], author="Bo")
        prisoners = next(t for t in load_tags(theirs.db) if t.name == "Prisoners")
        rename_tag(theirs, prisoners.id, "Political prisoners")
    cam.modal("exchange", lambda: window.files.merge_project(str(colleague)), close="accept")
    authors = AuthorsWindow(window)
    authors.move(80, 60)
    authors.show()
    authors.table.setCurrentCell(0, 0)
    cam.screen("compare-authors", authors)
    authors.close()


LETTER = """Dulles to Alsop, 14 March 1954

[f. 1r]

Department of State
Washington

Dear Joe:

I have read your column of the 12th with the care it deserves, and I must say that on the
question of Indochina you have been less than fair to the position we have taken. The
conference at Geneva will not be a Munich, whatever the columnists may think of it, and
I should be sorry to see that word used of it before a single meeting has been held.

[f. 1v]

We shall have more to say about this before the delegations meet. In the meantime I
hope you will come and see me, so that we can talk it over at more leisure than a
telephone call allows.

Sincerely yours,
Foster
"""


def own_archive(cam: Camera) -> None:
    """A transcribed letter from an archive: its details form, then the letter with its folios."""
    from workbench.model.fields import apply
    from workbench.ops.details import set_details
    from workbench.ops.documents import import_files
    from workbench.storage import load_document

    window = cam.window
    path = cam.scratch / "dulles-to-alsop-1954.txt"
    path.write_text(LETTER, encoding="utf-8")
    report = window.operations.run("", lambda: import_files(window.project, [path]))
    doc_id = report.documents[0].id
    details = [("kind", "letter"), ("author", "Dulles, John Foster"), ("recipient", "Alsop, Joseph"),
               ("issued", "1954-03-14"), ("event-place", "Washington"),
               ("archive", "Seeley G. Mudd Manuscript Library, Princeton University"),
               ("archive-place", "Princeton, NJ"),
               ("archive_collection", "John Foster Dulles Papers"), ("box", "80"), ("folder", "Alsop")]  # fmt: skip
    metadata = apply(load_document(window.project.db, doc_id).metadata, details)
    window.operations.run("", lambda: _details_result(set_details(window.project, doc_id, metadata)))
    window.documents.select(doc_id)
    cam.settle()
    quote = "The conference at Geneva will not be a Munich"
    start = window.document.text.index(quote)
    window.reading.select_range(start, start + len(quote))
    cam.screen("letter")
    cam.modal("details", window.document_actions.edit_details)


def page_image(cam: Camera) -> None:
    """The sample as a printed PDF (pages 444–448 with their footnotes), beside its page images."""
    from fpdf import FPDF

    from workbench.ops.documents import import_files
    from workbench.ops.spans import create_span
    from workbench.storage import load_document

    window = cam.window
    sample = load_document(window.project.db, cam.sample_id)
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    starts = [0] + [b.start for b in sample.pages.breaks] + [len(sample.text)]
    pages = [sample.pages.first_page] + [b.n for b in sample.pages.breaks]
    for label, start, end in zip(pages, starts, starts[1:], strict=False):
        pdf.add_page()
        pdf.set_font("Times", size=9)
        pdf.set_xy(25, 12)
        pdf.cell(0, 5, "Vietnam, October 1972-January 1973")
        pdf.set_font("Times", size=11)
        pdf.set_xy(25, 24)
        body = sample.text[start:end].translate({0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-", 0x2014: "--"})
        pdf.multi_cell(165, 5.4, body.encode("latin-1", "replace").decode("latin-1"))  # the core fonts are Latin-1
        pdf.set_font("Times", size=9)
        pdf.set_xy(105, 262)
        pdf.cell(0, 5, label)
    path = cam.scratch / "frus1969-76v09-d124.pdf"
    pdf.output(str(path))
    report = window.operations.run("", lambda: import_files(window.project, [path]))
    document = report.documents[0]
    quote = "On the other hand, we face the problem of a balking GVN."
    start = document.text.replace("\n", " ").find(quote.split(",")[0])
    if start >= 0:
        window.operations.run("", lambda: create_span(window.project, document.id, start, start + 60,
                                                      tag_paths=["GVN resistance"]))  # fmt: skip
    window.documents.select(document.id)
    window.page_images.set_visible(True)
    pane = window.page_images.pane
    if start >= 0:
        window.reading.select_range(start, start)
    for _ in range(50):
        cam.settle(100)
        if pane.settled:
            break
    cam.screen("page-image")
    window.page_images.set_visible(False)
    window.documents.select(cam.sample_id)  # the pictures after this one show the sample


def _details_result(changes):
    from workbench.ops.changes import OpResult

    return OpResult(changes, None)


def backups(cam: Camera) -> None:
    window = cam.window
    window.files.take_backup("in-use")
    window.files.wait_for_backup()  # copied on a thread of its own: listed once it is whole
    cam.modal("backups", window.files.restore_backup)


def settings(cam: Camera) -> None:
    from PySide6.QtWidgets import QTabWidget

    def citations_tab(dialog) -> None:
        dialog.findChild(QTabWidget).setCurrentIndex(2)

    cam.modal("settings", cam.window.open_settings, prepare=citations_tab)


def dark(cam: Camera) -> None:
    from workbench.ui.look.theme import Appearance
    from workbench.ui.reading.highlights import span_rects

    window = cam.window
    window.documents.select(cam.sample_id)  # back to the sample (the letter or its PDF was shown last)
    cam.settle()
    window.apply_preferences(replace(window.preferences, appearance=Appearance.DARK, underline_patterns=True))
    window.side.setCurrentWidget(window.highlights)
    view = window.reading
    span = highlight_quoting(window, "the de facto")
    view.verticalScrollBar().setValue(int(span_rects(view, span)[0].top()) - 120)
    cam.screen("dark")
    window.apply_preferences(replace(window.preferences, appearance=Appearance.LIGHT, underline_patterns=False))


def shortcuts(cam: Camera) -> None:
    sheet = cam.window.help.open_shortcuts()
    sheet.move(200, 80)
    cam.screen("shortcuts", sheet)
    sheet.close()


def volumes(cam: Camera) -> None:
    """A project of several volumes (generated from the corpus, as the scale benchmark's): the list
    by volume, one opened on its documents. A project of its own, last: the pictures above keep the sample."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate_volume import compose_volume, volume_id

    from workbench.ops.documents import import_files
    from workbench.storage import Project

    window = cam.window
    paths = []
    for number in range(1, 7):
        paths.append(cam.scratch / f"{volume_id(number)}.xml")
        paths[-1].write_bytes(compose_volume(number, 5))
    project = Project.open(cam.scratch / "series.wbproj", create=True)
    import_files(project, paths)
    window.use_project(project)
    window.welcome.hide()
    window.left.setSizes([700, 150])  # the documents list tall: the volumes below the open one show
    window.side.setCurrentWidget(window.notes)  # the footnotes beside the text, whatever was shown last
    panel = window.documents
    panel.view.collapse(panel.groups.index(0, 0))
    panel.view.expand(panel.groups.index(1, 0))
    panel.select(panel.groups.groups[1].rows[2].id)
    panel.view.scrollToTop()
    cam.settle(400)
    cam.screen("volumes")


SHOTS: dict[str, Callable[[Camera], None]] = {
    "first-run": first_run,
    "": annotate,
    "reading": reading,
    "window": window_shot,
    "tagging": tagging,
    "notes": notes,
    "searching": searching,
    "footnotes": footnotes,
    "narrow": narrow,
    "themes": themes,
    "exporting": exporting,
    "exchange": exchange,  # also compare-authors
    "letter": own_archive,  # also details
    "page-image": page_image,
    "backups": backups,
    "settings": settings,
    "dark": dark,
    "shortcuts": shortcuts,
    "volumes": volumes,
}
PICTURES = {name for name in SHOTS if name} | {"compare-authors", "details"}


def main() -> None:
    wanted = set(sys.argv[1:])
    server = start_display()
    isolate()
    IMAGES.mkdir(exist_ok=True)
    try:
        cam = Camera()
        for name, shoot in SHOTS.items():
            if not wanted or not name or name in wanted:
                shoot(cam)
        cam.window.close()
        cam.window.project.close()
    finally:
        if server is not None:
            server.terminate()


if __name__ == "__main__":
    main()
