"""The project file: one SQLite database per project, through sqlite-utils."""

from workbench.storage.documents import DocumentSummary, find_documents, insert_document, list_documents, load_document
from workbench.storage.errors import NewerProject, NotAProject, ProjectBusy, ProjectError
from workbench.storage.project import PROJECT_SUFFIX, Project, Upgrade, pending_upgrade

__all__ = [
    "PROJECT_SUFFIX",
    "DocumentSummary",
    "NewerProject",
    "NotAProject",
    "Project",
    "ProjectBusy",
    "ProjectError",
    "Upgrade",
    "find_documents",
    "insert_document",
    "list_documents",
    "load_document",
    "pending_upgrade",
]
