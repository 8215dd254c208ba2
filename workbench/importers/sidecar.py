"""CSL-JSON metadata files that travel beside a text (``memo.csl.json`` for ``memo.txt``)."""

from __future__ import annotations

from pathlib import Path

from workbench.importers.errors import ImportFailed
from workbench.importers.limits import read_json
from workbench.model import Metadata

SIDECAR_SUFFIX = ".csl.json"


def read_sidecar(path: Path) -> Metadata:
    """The metadata in ``path``: one CSL-JSON item, or a list holding exactly one."""
    data = read_json(path, "the metadata")
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise ImportFailed(path, "the metadata is not a CSL-JSON item")
    try:
        return Metadata.from_csl(data)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError) as error:
        raise ImportFailed(path, f"the metadata does not follow CSL-JSON ({error})") from None
