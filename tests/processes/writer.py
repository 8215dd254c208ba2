"""A process that writes highlights into a project in a loop, reporting each one once it is committed.

    python writer.py PROJECT NAME COUNT      (COUNT 0: until killed)

Used by the crash and concurrency tests: a line "done UUID" is printed only after the operation's
transaction has committed, so every reported highlight must survive whatever happens next.
"""

from __future__ import annotations

import sys

from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents, load_document


def main() -> None:
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Project.open(path) as project:
        doc = load_document(project.db, list_documents(project.db)[0].id)
        i = 0
        offset = sum(map(ord, name)) * 5  # writers with different names mark different passages
        while count == 0 or i < count:
            start = (i * 37 + offset) % (len(doc.text) - 200)
            span = create_span(project, doc.id, start, start + 40 + i % 30, tag_paths=[f"Writer {name}"],
                               note=f"{name} {i}").value  # fmt: skip
            uuid = project.db.execute("SELECT uuid FROM spans WHERE id = ?", [span]).fetchone()[0]
            print(f"done {uuid}", flush=True)
            i += 1


if __name__ == "__main__":
    main()
