"""A big project made fast: the documents already in a project copied, row for row, to any number.

Importing 100,000 documents takes many minutes; the housekeeping benchmarks (check, backups) and
their tests need the rows, not the import. Each copy is a real document in every table (text,
blocks, pages, notes, inline marks), in volumes of 500, with a highlight on every tenth; the
search indexes take the copies in through their triggers, as they would an import.
"""

from __future__ import annotations

import random

from workbench.storage import Project

_TABLES = {
    "blocks": 'seq, kind, start, "end", level, label',
    "pages": "seq, n, start",
    "notes": "n, anchor, text",
    "inlines": 'seq, start, "end", kind, value',
}
VOLUME_SIZE = 500


def replicate(project: Project, count: int, *, batch: int = 5000) -> None:
    """Add ``count`` copies of the project's documents (taken in turn), in transactions of ``batch``."""
    db = project.db
    templates = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY position")]
    first = db.execute("SELECT coalesce(max(position), 0) FROM documents").fetchone()[0] + 1
    db.execute("CREATE TEMP TABLE IF NOT EXISTS copies (n INTEGER PRIMARY KEY, id TEXT, template TEXT)")
    for start in range(0, count, batch):
        numbers = range(start, min(count, start + batch))
        with project.transaction():
            db.execute("DELETE FROM temp.copies")
            db.conn.executemany(
                "INSERT INTO temp.copies VALUES (?, ?, ?)",
                [(n, f"copy-{n:06d}", templates[n % len(templates)]) for n in numbers],
            )
            db.execute(
                "INSERT INTO documents (id, position, number, title, issued, metadata, text, text_sha256, "
                "source_format, source_name, first_page, imported_at) "
                f"SELECT c.id, {first} + c.n, c.n + 1, d.title, d.issued, "
                """json_set(d.metadata, '$.URL', 'https://example.org/' || c.id, '$.custom."volume-id"', """
                f"'frusgen-v' || (c.n / {VOLUME_SIZE})), d.text, d.text_sha256, d.source_format, d.source_name, "
                "d.first_page, d.imported_at FROM temp.copies c JOIN documents d ON d.id = c.template"
            )
            for table, columns in _TABLES.items():
                db.execute(
                    f"INSERT INTO {table} (doc_id, {columns}) SELECT c.id, "
                    + ", ".join(f"t.{column.strip()}" for column in columns.split(","))
                    + " "
                    f"FROM temp.copies c JOIN {table} t ON t.doc_id = c.template"
                )
            db.execute(
                'INSERT INTO spans (uuid, doc_id, start, "end", quote, created, modified) '
                "SELECT 'span-' || c.id, c.id, 10, 30, substr(d.text, 11, 20), '', '' "
                "FROM temp.copies c JOIN documents d ON d.id = c.id WHERE c.n % 10 = 0"
            )


SURNAMES = [
    "Acheson", "Ball", "Bundy", "Bunker", "Bush", "Carter", "Davis", "Dulles", "Ford", "Haig", "Harriman",
    "Helms", "Johnson", "Kennedy", "Kissinger", "Laird", "Lodge", "McNamara", "Nixon", "Rogers", "Rusk",
    "Sisco", "Smith", "Sullivan", "Thieu", "Vance", "Nguyễn", "Lê", "Zhou", "Brezhnev", "Gromyko", "Müller",
]  # fmt: skip
GIVEN = ["Henry", "William", "George", "John", "Robert", "Dean", "Ellsworth", "Alexander", "Joseph", "Van",
         "Andrei", "Leonid", "Cyrus", "Richard", "Gerald", "Walter", "Melvin", "Averell", "Ngọc", "Enlai"]  # fmt: skip


def glossaries(volumes: int, persons: int, *, seed: int = 18) -> list[tuple[str, str, str, str, str]]:
    """Persons glossaries of ``volumes`` volumes of ``persons`` each, drawn from a shared population
    (so that most people recur in many volumes), with namesakes, initials and some life dates."""
    rng = random.Random(seed)
    population = []
    for i in range(max(persons * 20, 1000)):
        surname = SURNAMES[i % len(SURNAMES)] + ("" if i < len(SURNAMES) * len(GIVEN) else f"{i}")
        given = GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        initial = chr(ord("A") + i % 26)
        dated = f" ({1900 + i % 60}–{1970 + i % 50})" if i % 7 == 0 else ""
        population.append(f"{surname}, {given} {initial}.{dated}")
    rows = []
    for v in range(volumes):
        volume = f"frus{1945 + v % 45}-v{v:03d}"
        for p, name in enumerate(rng.sample(population, persons)):
            rows.append((volume, f"p_{p}", "person", name, "A role in the generated volume"))
    return rows
