"""The bundled sample and the default project a first run opens, with nothing to configure."""

from __future__ import annotations

from pathlib import Path

from workbench.ops.documents import ImportReport, import_files
from workbench.paths import default_project_path, resource
from workbench.storage import Project, list_documents
from workbench.storage.backups import Copied

SAMPLE = resource("sample", "frus1969-76v09-d124.txt")


def import_sample(project: Project) -> ImportReport:
    """FRUS 1969–1976, vol. IX, doc. 124, with full metadata from its ``.csl.json`` sidecar."""
    return import_files(project, [SAMPLE])


def open_default_project(*, upgrading: Copied | None = None) -> Project:
    """The default project; on the first run it is created and the sample imported into it.
    (``upgrading``: as for ``Project.open``.)"""
    path: Path = default_project_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    first_run = not path.exists()
    project = Project.open(path, create=True, upgrading=upgrading)
    if first_run and not list_documents(project.db):
        import_sample(project)
    return project
