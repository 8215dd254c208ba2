"""The documents list and search a page at a time: by volume, filtered, ranked, counted from the index."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.ops.documents import import_files
from workbench.storage import Project, list_documents
from workbench.storage.listing import count_documents, document_labels, document_row, page_documents, volume_counts
from workbench.storage.search import Filters, search, search_page

from .conftest import DATA

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_volume import CORPUS, compose

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


@pytest.fixture
def volumes(project: Project, tmp_path: Path) -> Project:
    """Two volumes (2 and 6 documents) and a text file from no volume, imported in that order."""
    composed = tmp_path / "v98.xml"
    composed.write_bytes(compose(6).replace(b"frus1969-76v99", b"frus1969-76v98"))
    loose = tmp_path / "loose.txt"
    loose.write_text("Cable from Saigon\n\nThe fighting in Huế went on; the Embassy in Saigon waited.\n")
    import_files(project, [DATA / "frus-volume.xml", composed, loose])
    return project


def test_pages_of_the_list_are_the_list(volumes: Project) -> None:
    whole = list_documents(volumes.db)
    assert len(whole) == 9
    pages = [page_documents(volumes.db, offset=k, limit=4) for k in (0, 4, 8, 12)]
    assert [len(p) for p in pages] == [4, 4, 1, 0]
    assert [row for page in pages for row in page] == whole
    assert count_documents(volumes.db) == 9


def test_volumes_in_the_order_they_came_with_their_counts(volumes: Project) -> None:
    counts = volume_counts(volumes.db)
    assert [(v.volume, v.count) for v in counts] == [("frus1969-76v99", 2), ("frus1969-76v98", 6), ("", 1)]
    assert "Imaginary Matters" in counts[0].title
    second = page_documents(volumes.db, volume="frus1969-76v98", offset=2, limit=3)
    assert [row.number for row in second] == ["3", "4", "5"] and {row.volume for row in second} == {"frus1969-76v98"}
    assert [row.title for row in page_documents(volumes.db, volume="")] == ["Cable from Saigon"]


def test_filtering_by_title_or_number(volumes: Project) -> None:
    assert count_documents(volumes.db, filter_text="TELEGRAM from") == 1
    assert [(v.volume, v.count) for v in volume_counts(volumes.db, filter_text="memorandum")] == [
        ("frus1969-76v99", 1), ("frus1969-76v98", 2)]  # fmt: skip
    rows = page_documents(volumes.db, volume="frus1969-76v98", filter_text="memorandum")
    assert [row.number for row in rows] == ["2", "5"]
    assert count_documents(volumes.db, filter_text='100%_"') == 0  # no wildcards, no query syntax
    assert [(row.volume, row.number) for row in page_documents(volumes.db, filter_text="2")] == [
        ("frus1969-76v99", "2"), ("frus1969-76v98", "2")]  # under three characters: a number  # fmt: skip


def test_search_pages_follow_one_another(volumes: Project) -> None:
    every = search(volumes.db, "the", limit=10_000)
    assert len(every) > 40
    pages = [search_page(volumes.db, "the", limit=15, offset=k) for k in range(0, len(every) + 15, 15)]
    assert [hit for page in pages for hit in page.hits] == every
    assert all(page.more for page in pages[:-2]) and not pages[-1].more and not pages[-1].hits
    assert pages[0].matches == len({(h.kind, h.doc_id, h.note_n) for h in every if h.kind in ("text", "note")})
    assert not pages[0].capped


def test_the_best_matches_come_first(volumes: Project) -> None:
    hits = search_page(volumes.db, "Saigon").hits
    assert hits[0].doc_id == list_documents(volumes.db)[-1].id  # the short cable says it twice


def test_filters_by_volume_dates_and_kind(volumes: Project) -> None:
    def documents(**filters: str) -> set[str]:
        page = search_page(volumes.db, "the", limit=1000, filters=Filters(**filters))
        numbers = {row.id: (row.volume[-3:], row.number) for row in list_documents(volumes.db)}
        return {numbers[hit.doc_id] for hit in page.hits}

    assert documents(volume="frus1969-76v99") == {("v99", "1"), ("v99", "2")}
    assert documents(date_from="1972-11", date_to="1972-11") == {("v98", n) for n in "12345"}
    assert documents(date_to="1970") == {("v99", "1"), ("v98", "6")}
    assert documents(kind="Telegram") == {("v98", "6")}
    assert {h.kind for h in search_page(volumes.db, "cable", filters=Filters(volume="x")).hits} == set()


def test_the_commands_page_too(volumes: Project, capsys) -> None:
    project = ["--project", str(volumes.path)]
    assert main(["list", "--json", "--limit", "3", "--offset", "1", "--filter", "message", *project]) == 0
    out, err = capsys.readouterr()
    assert [row["number"] for row in json.loads(out)] == ["3", "4"] and err == ""
    assert main(["list", "--json", "--volume", "frus1969-76v99", "--limit", "1", *project]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 1 and "--offset 1 for more" in err
    assert main(["search", "the", "--json", "--limit", "5", "--offset", "5", *project]) == 0
    out, err = capsys.readouterr()
    assert [row["context"] for row in json.loads(out)] == [hit.context for hit in search(volumes.db, "the")[5:10]]
    assert "--offset 10 for the next hits" in err
    assert main(["search", "the", "--json", "--kind", "telegram", "--from", "1969", "--to", "1969", *project]) == 0
    assert {row["doc"] for row in json.loads(capsys.readouterr().out)} == {list_documents(volumes.db)[7].id}


def test_the_title_filter_follows_details_deletions_and_undo(volumes: Project) -> None:
    from dataclasses import replace

    from workbench.ops import history as hist
    from workbench.ops.details import delete_documents, set_details
    from workbench.storage import load_document

    (doc,) = page_documents(volumes.db, volume="frus1969-76v98", filter_text="embassy in japan")
    assert count_documents(volumes.db, filter_text="Zanzibar") == 0
    metadata = load_document(volumes.db, doc.id).metadata
    set_details(volumes, doc.id, replace(metadata, title="Telegram on Zanzibar"))
    assert [row.id for row in page_documents(volumes.db, filter_text="zanzibar")] == [doc.id]
    assert [(v.volume, v.count) for v in volume_counts(volumes.db, filter_text="zanzibar")] == [("frus1969-76v98", 1)]
    delete_documents(volumes, [doc.id])
    assert count_documents(volumes.db, filter_text="zanzibar") == 0
    hist.undo(volumes)
    assert [row.id for row in page_documents(volumes.db, filter_text="zanzibar")] == [doc.id]
    hist.undo(volumes)
    assert count_documents(volumes.db, filter_text="zanzibar") == 0
    assert count_documents(volumes.db, filter_text="embassy in japan") == 1


def test_where_a_document_stands_in_the_list_and_its_label(volumes: Project) -> None:
    """How far a list read a page at a time must read to show a document (a search hit's, say)."""
    for text in ("", "2", "memorandum"):
        listed = page_documents(volumes.db, filter_text=text)
        assert [document_row(volumes.db, row.id, filter_text=text) for row in listed] == list(range(len(listed)))
    cable = list_documents(volumes.db)[-1]
    assert document_row(volumes.db, cable.id, filter_text="memorandum") is None
    assert document_row(volumes.db, "no-such-document") is None
    assert document_labels(volumes.db, [cable.id, "no-such-document"]) == {cable.id: ("", "Cable from Saigon")}


@pytest.mark.parametrize(
    ("order", "key"),
    [
        ("number", lambda row: (int(row.number or 0), row.number)),
        ("date", lambda row: row.issued),
        ("title", lambda row: row.title.lower()),
        ("volume", lambda row: row.volume),
    ],
)
def test_the_list_in_each_order_a_page_at_a_time(volumes: Project, order: str, key) -> None:
    """Sorted by the project, not by the rows read so far: each page continues the one before."""
    whole = list_documents(volumes.db)  # in the order added: the ties' order
    expected = sorted(whole, key=key)
    pages = [page_documents(volumes.db, offset=k, limit=3, order=order) for k in range(0, 12, 3)]
    assert [row.id for page in pages for row in page] == [row.id for row in expected]
    for text in ("", "memorandum", "2"):
        listed = page_documents(volumes.db, filter_text=text, order=order)
        assert [document_row(volumes.db, row.id, filter_text=text, order=order) for row in listed] == list(
            range(len(listed))
        )
