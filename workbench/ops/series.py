"""Importing a series: a folder of volume files (all of FRUS is some 550), one volume at a time.

``import_files`` reads everything before it writes, which is right for a few files (a cancelled
import changes nothing) and wrong for two hundred volumes: every document would sit in memory at
once, and a crash after an hour would keep nothing. Here each volume is read (streamed, as
``importers.tei`` does) and stored in a transaction of its own, then let go, so memory holds one
volume whatever the series, and what was stored stays stored if the import is cancelled, crashes,
or the disk fills. In the Edit menu the whole import is one step all the same ("Import 200
Volumes"): the volumes' steps are grouped (``History.perform``), so one Undo takes it all back.

Running it again continues where it stopped: a volume whose first document is in the project, from
a file of the same name, is passed over after reading that one document (each volume is stored
whole or not at all, so its first document stands for all of it). Any other file is read and each
document already in the project (the same text) is skipped, as in any import.

A file that cannot be read (not TEI, truncated, too large) is named in the report with the reason
and the next one is read; a project that cannot be written (the disk is full) ends the import, the
volume being written rolled back and those before it kept.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importers import ImportFailed, first_tei_document
from workbench.importers.errors import Cancelled
from workbench.ops.changes import OpChanges
from workbench.ops.documents import ImportReport, read_files, store
from workbench.storage import Project
from workbench.storage.project import PROJECT_SUFFIX


@dataclass(frozen=True, slots=True)
class SeriesProgress:
    """Where an import of many files stands, for a progress bar and "time left"."""

    volume: int  # the file being read, from 1
    volumes: int
    name: str  # its file name
    document: int  # documents read of this file so far
    documents: int  # documents expected in it (estimated from the files before, by size)
    seconds_left: float | None  # None until there is something to estimate from

    @property
    def fraction(self) -> float:
        """How much of the whole import is done, 0–1."""
        within = min(self.document / self.documents, 1.0) if self.documents else 0.0
        return min(((self.volume - 1) + within) / max(self.volumes, 1), 1.0)


@dataclass(slots=True)
class VolumeResult:
    """What became of one file: ``stored`` documents added, ``already`` skipped as in the project."""

    path: Path
    stored: int = 0
    already: int = 0
    skipped: bool = False  # the whole volume was in the project already (a rerun)
    problem: str = ""  # why it was not imported ("" if it was)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SeriesReport:
    volumes: list[VolumeResult] = field(default_factory=list)
    changes: OpChanges = field(default_factory=OpChanges)
    cancelled: bool = False
    #: Why the import ended before the last file (the disk is full …), "" if it did not.
    stopped: str = ""
    not_reached: list[Path] = field(default_factory=list)  # files not read because the import stopped

    @property
    def stored(self) -> int:
        return sum(volume.stored for volume in self.volumes)

    @property
    def failed(self) -> list[VolumeResult]:
        return [volume for volume in self.volumes if volume.problem]


#: Files in a folder that are never volumes: hidden files, Workbench's own (a project and the files
#: beside it, ``NAME.wbproj-wal`` …), a generator's unfinished ones.
_NOT_VOLUMES = (".bak", ".part")


def volume_files(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: each file named, and the files of each folder named (not its
    subfolders, not hidden files), in name order so that volume 2 comes before volume 10."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
            found += sorted((p for p in inside if not _not_a_volume(p.name)), key=_natural)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _not_a_volume(name: str) -> bool:
    return name.endswith(_NOT_VOLUMES) or PROJECT_SUFFIX in name


def _natural(path: Path) -> list[object]:
    """ "v2" before "v10": digits compared as numbers."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def already_imported(project: Project, path: Path) -> bool:
    """Whether the TEI volume at ``path`` was imported whole from a file of the same name (its first
    document is there, and each volume is stored in one transaction)."""
    first = first_tei_document(path)
    if first is None:
        return False
    row = project.db.execute(
        "SELECT 1 FROM documents WHERE text_sha256 = ? AND source_name = ? LIMIT 1", [first.text_sha256, path.name]
    ).fetchone()
    return row is not None


def import_series(
    project: Project,
    paths: Iterable[Path | str],
    *,
    progress: Callable[[SeriesProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    again: bool = False,
    stored: Callable[[VolumeResult], None] | None = None,
) -> SeriesReport:
    """Import every file of ``paths`` (folders give their files), one volume per transaction.

    ``progress`` is told after each document read; ``cancelled()`` is asked between documents and
    volumes, and a volume cancelled half-read is not stored (those before it are). ``again`` imports
    texts already in the project as new documents (and does not pass over whole volumes);
    ``stored(result)`` is called after each file (stored, skipped or failed). A volume's documents
    are let go once it is stored.
    Returns what became of every file; never raises for one file that cannot be read.
    """
    files = volume_files(paths)
    report = SeriesReport()
    group = f"series-{uuid.uuid4()}"
    clock = _Clock([_size(path) for path in files])
    for index, path in enumerate(files, start=1):
        if cancelled and cancelled():
            report.cancelled = True
            report.not_reached = files[index - 1 :]
            break
        result = VolumeResult(path)

        def tell(read: int, index: int = index, *, whole: bool = False) -> None:
            if progress is not None:
                progress(clock.progress(index, files[index - 1].name, read, whole=whole))

        tell(0)
        try:
            if not again and already_imported(project, path):
                result.skipped = True
            else:
                label = _label(report, len(files))
                report.changes |= _import_volume(project, path, result, tell, cancelled, again=again, group=group,
                                                 label=label)  # fmt: skip
        except Cancelled:
            report.cancelled = True
            report.not_reached = files[index - 1 :]
            break
        except ImportFailed as failure:
            result.problem = failure.problem
        except sqlite3.Error as error:  # the volume's transaction was rolled back; what came before stays
            result.problem = report.stopped = _write_problem(error)
            report.not_reached = files[index:]
        report.volumes.append(result)
        tell(result.stored + result.already, whole=True)  # the volume is done: its count is known
        clock.finished(index, result.stored + result.already)
        if stored:
            stored(result)
        if report.stopped:
            break
    return report


@dataclass(slots=True)
class _Clock:
    """Estimates from file sizes: documents in the next volume, and the time left."""

    sizes: list[int]
    started: float = field(default_factory=time.monotonic)
    bytes_done: int = 0
    documents_per_byte: float = 0.0  # learned from the volumes read so far

    def progress(self, index: int, name: str, read: int, *, whole: bool = False) -> SeriesProgress:
        """Volume ``index`` has ``read`` documents so far (``whole``: and no more)."""
        size = self.sizes[index - 1]
        expected = max(read, round(size * self.documents_per_byte)) if self.documents_per_byte else 0
        if whole:
            expected = read
        done = self.bytes_done + (min(read / expected, 1.0) * size if expected else 0)
        elapsed = time.monotonic() - self.started
        total = sum(self.sizes)
        left = elapsed * (total - done) / done if done and elapsed > 0.5 else None
        return SeriesProgress(index, len(self.sizes), name, read, expected, left)

    def finished(self, index: int, documents: int) -> None:
        size = self.sizes[index - 1]
        self.bytes_done += size
        if documents and size:
            self.documents_per_byte = documents / size


def _import_volume(
    project: Project,
    path: Path,
    result: VolumeResult,
    tell: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
    *,
    again: bool,
    group: str,
    label: str,
) -> OpChanges:
    """Read one file and store it in one transaction (one step of the series' group)."""
    read = read_files([path], progress=lambda count, _title: tell(count), cancelled=cancelled)
    if read.failed:
        raise read.failed[0]  # the caller names the volume and its reason
    (imported,) = read.imported
    if cancelled and cancelled():
        raise Cancelled
    done = store(project, ImportReport(imported=[imported]), again=again, label=label, group=group)
    result.stored = len(done.stored)
    result.already = len(done.already)
    result.warnings = list(imported.warnings)
    return done.changes


def _label(report: SeriesReport, count: int) -> str:
    """The Edit menu's name for the import so far: "Import 3 Volumes" (a lone file: its documents)."""
    if count == 1:
        return ""
    volumes = sum(1 for volume in report.volumes if volume.stored) + 1
    return f"Import {volumes} Volume{'s' if volumes > 1 else ''}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _write_problem(error: sqlite3.Error) -> str:
    message = str(error)
    if "full" in message:
        return "the disk is full: this volume was not written (the volumes before it are in the project)"
    return f"the project file could not be written ({message}): this volume was not written"
