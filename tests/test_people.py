"""People and terms across volumes: one person's entries in many glossaries linked, and corrected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.model import GlossaryEntry
from workbench.model.people import NO_LINKS, Links, group_people, life_dates, name_key
from workbench.ops.documents import import_files
from workbench.ops.errors import OperationError
from workbench.ops.history import undo
from workbench.ops.people import find_entry, link_entries, unlink_entry
from workbench.storage import Project
from workbench.storage.glossary import load_people, volume_mentions

from .people_volumes import write_volumes
from .test_storage import open_fixture


def person(volume: str, key: str, name: str, description: str = "") -> GlossaryEntry:
    return GlossaryEntry(volume, key, "person", name, description)


def groups(entries: list[GlossaryEntry], links: Links = NO_LINKS) -> list[set[tuple[str, str]]]:
    return [{(e.volume, e.key) for e in p.entries} for p in group_people(entries, links)]


def test_one_person_under_different_keys_and_spellings_is_one() -> None:
    entries = [
        person("frus1969-76v09", "p_KHA_1", "Kissinger, Henry A."),
        person("frus1969-76v17", "p_KH_1", "Kissinger, Henry Alfred"),
        person("frus1969-76v38p1", "p_KHA_2", "KISSINGER, Henry A., Dr."),
    ]
    (kissinger,) = group_people(entries)
    assert kissinger.name == "Kissinger, Henry Alfred" and len(kissinger.volumes) == 3
    assert name_key(entries[0]) == name_key(entries[2]) == "kissinger|henry|a|"


def test_namesakes_stay_apart_by_initials_suffix_dates_and_period() -> None:
    entries = [
        person("frus1969-76v01", "p_BGHW", "Bush, George H.W."),
        person("frus2001-08v01", "p_BGW", "Bush, George W."),
        person("frus1969-76v02", "p_DN", "Davis, Nathaniel"),
        person("frus1969-76v03", "p_DNJ", "Davis, Nathaniel, Jr."),
        person("frus1961-63v01", "p_SJ1", "Smith, John (1911–1990)"),
        person("frus1969-76v04", "p_SJ2", "Smith, John", "(1935–2001), Foreign Service officer"),
        person("frus1861v01", "p_AJ", "Adams, John"),
        person("frus1969-76v05", "p_AJ", "Adams, John"),
    ]
    assert all(len(g) == 1 for g in groups(entries))
    assert life_dates(entries[4]) == (1911, 1990) and life_dates(entries[5]) == (1935, 2001)
    # A term of office inside the description is not a life span.
    assert life_dates(person("v", "k", "Rogers, William P.", "Secretary of State, 1969–1973")) == (None, None)


def test_an_undated_entry_joins_its_namesake_only_when_the_dated_ones_are_one_person() -> None:
    one = [
        person("frus1961-63v01", "a", "Ball, George W. (1909–1994)"),
        person("frus1964-68v02", "b", "Ball, George W."),
    ]
    assert groups(one) == [{("frus1961-63v01", "a"), ("frus1964-68v02", "b")}]
    two = [*one, person("frus1969-76v03", "c", "Ball, George W. (1950–)")]
    assert len(groups(two)) == 3


def test_two_entries_of_one_name_in_one_volume_are_two_people() -> None:
    entries = [
        person("frus1969-76v01", "p_JA_1", "Johnson, Alexis"),
        person("frus1969-76v01", "p_JA_2", "Johnson, Alexis"),
        person("frus1969-76v02", "p_JA_1", "Johnson, Alexis"),
    ]
    assert sorted(map(sorted, groups(entries))) == [
        [("frus1969-76v01", "p_JA_1")],
        [("frus1969-76v01", "p_JA_2")],
        [("frus1969-76v02", "p_JA_1")],
    ]


def test_terms_are_grouped_by_their_folded_name_never_with_people() -> None:
    entries = [
        GlossaryEntry("v1", "t_GVN", "term", "GVN", "Government of Vietnam"),
        GlossaryEntry("v2", "t_GVN_1", "term", "G.V.N.", "Government of (South) Vietnam"),
        person("v3", "p_GVN", "GVN"),
    ]
    assert sorted(map(len, groups(entries))) == [1, 2]


def test_corrections_set_an_entry_apart_and_join_whole_groups() -> None:
    entries = [
        person("frus1969-76v01", "a", "Sisco, Joseph J."),
        person("frus1969-76v02", "b", "Sisco, Joseph J."),
        person("frus1969-76v03", "c", "Sisco, Joseph"),  # no initial: not linked on its own
        person("frus1969-76v04", "d", "Sisco, J."),
    ]
    assert len(groups(entries)) == 3
    joined = Links(same=((("frus1969-76v03", "c"), ("frus1969-76v02", "b")), (("frus1969-76v04", "d"), ("x", "y"))))
    assert {("frus1969-76v01", "a"), ("frus1969-76v02", "b"), ("frus1969-76v03", "c")} in groups(entries, joined)
    apart = Links(apart=frozenset({("frus1969-76v01", "a")}))
    assert sorted(map(len, groups(entries, apart))) == [1, 1, 1, 1]


@pytest.fixture
def volumes(project: Project, tmp_path: Path) -> Project:
    import_files(project, write_volumes(tmp_path))
    return project


def named(project: Project, name: str) -> set[str]:
    (found,) = [p for p in load_people(project.db, "person") if p.name.startswith(name)]
    return {f"{e.volume}/{e.key}" for e in found.entries}


def test_a_person_across_volumes_and_their_mentions_in_each(volumes: Project) -> None:
    people = load_people(volumes.db, "person")
    assert [p.name for p in people] == [
        "Bush, George H.W.", "Bush, George W.", "Kissinger, Henry Alfred", "Scali, John A.", "Sisco, Joseph J."
    ]  # fmt: skip
    assert named(volumes, "Kissinger") == {"frus1969-76v09/p_KHA_1", "frus1969-76v17/p_KH_1"}
    (scali,) = [p for p in people if p.name.startswith("Scali")]
    (sisco,) = [p for p in people if p.name.startswith("Sisco")]
    # The same key names a different man in each volume: each has only his own volume's mentions.
    total, (mention,) = volume_mentions(volumes.db, "person", [("frus1969-76v09", "p_SJ_1")])
    assert total == 1 and mention.context.startswith("1. Memorandum From Secretary of State X to President")
    assert volume_mentions(volumes.db, "person", [(e.volume, e.key) for e in scali.entries]) == (0, [])
    assert volume_mentions(volumes.db, "person", [(e.volume, e.key) for e in sisco.entries])[0] == 1
    both = [(e.volume, e.key) for e in sisco.entries + scali.entries] + [("frus1969-76v17", "p_KH_1")]
    total, shown = volume_mentions(volumes.db, "person", both, limit=1)
    assert total == 2 and len(shown) == 1  # the first in reading order, with its context


def test_link_and_unlink_are_one_undo_step_each(volumes: Project) -> None:
    kissinger = {"frus1969-76v09/p_KHA_1", "frus1969-76v17/p_KH_1"}
    result = unlink_entry(volumes, ("frus1969-76v17", "p_KH_1"))
    assert result.changes.people and len(result.value.entries) == 1
    assert named(volumes, "Kissinger, Henry A.") == {"frus1969-76v09/p_KHA_1"}
    with pytest.raises(OperationError, match="linked to no other entry"):
        unlink_entry(volumes, ("frus1969-76v17", "p_KH_1"))
    assert undo(volumes).people
    assert named(volumes, "Kissinger") == kissinger
    joined = link_entries(volumes, ("frus1969-76v09", "p_BGHW_1"), ("frus1969-76v17", "p_BGW_1")).value
    assert len(joined.entries) == 2 and len(load_people(volumes.db, "person")) == 4
    with pytest.raises(OperationError, match="already the same"):
        link_entries(volumes, ("frus1969-76v09", "p_KHA_1"), ("frus1969-76v17", "p_KH_1"))
    with pytest.raises(OperationError, match="with a term"):
        link_entries(volumes, ("frus1969-76v09", "p_KHA_1"), ("frus1969-76v17", "t_GVN_1"))
    undo(volumes)
    assert len(load_people(volumes.db, "person")) == 5
    assert volumes.db.execute("SELECT count(*) FROM glossary_links").fetchone()[0] == 0


def test_an_entry_is_named_by_volume_and_key_or_a_key_only_one_volume_has(volumes: Project) -> None:
    assert find_entry(volumes.db, "p_KHA_1") == ("frus1969-76v09", "p_KHA_1")
    assert find_entry(volumes.db, "frus1969-76v17/p_SJ_1") == ("frus1969-76v17", "p_SJ_1")
    with pytest.raises(OperationError, match="p_SJ_1 is in 2 volumes"):
        find_entry(volumes.db, "p_SJ_1")
    with pytest.raises(OperationError, match="no glossary entry"):
        find_entry(volumes.db, "frus1969-76v17/p_nobody")


def test_the_command_line_lists_links_and_unlinks(volumes: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(volumes.path)
    volumes.close()
    assert main(["people", "--json", "--project", path]) == 0
    listed = json.loads(capsys.readouterr().out)
    (kissinger,) = [p for p in listed if p["name"].startswith("Kissinger")]
    assert kissinger["volumes"] == ["frus1969-76v09", "frus1969-76v17"] and len(kissinger["entries"]) == 2
    assert main(["people", "--unlink", "p_KH_1", "--project", path]) == 0
    assert capsys.readouterr().out == "set apart: frus1969-76v17/p_KH_1 (Kissinger, Henry Alfred)\n"
    assert main(["people", "--link", "p_KH_1", "p_KHA_1", "--project", path]) == 0
    assert capsys.readouterr().out.startswith("linked: Kissinger")
    assert main(["people", "--link", "p_SJ_1", "p_KHA_1", "--project", path]) == 1
    assert "p_SJ_1 is in 2 volumes" in capsys.readouterr().err
    assert main(["people", "--terms", "--project", path]) == 0
    assert capsys.readouterr().out == "GVN — 2 volumes: frus1969-76v09/t_GVN_1, frus1969-76v17/t_GVN_1\n"


def test_a_schema_11_project_gains_links_and_keeps_its_glossaries(tmp_path: Path) -> None:
    with open_fixture(tmp_path, "schema-11.wbproj") as project:
        assert project.db.execute("SELECT count(*) FROM glossary").fetchone()[0] == 8
        assert project.db.execute("SELECT count(*) FROM glossary_links").fetchone()[0] == 0
        assert named(project, "Kissinger") == {"frus1969-76v09/p_KHA_1", "frus1969-76v17/p_KH_1"}
        assert project.db.execute("SELECT edits FROM edit_count").fetchall() == [(0,)]
        unlink_entry(project, ("frus1969-76v09", "p_KHA_1"))
        assert project.db.execute("SELECT volume, key, same_volume FROM glossary_links").fetchall() == [
            ("frus1969-76v09", "p_KHA_1", "")
        ]
        assert project.db.execute("SELECT edits FROM edit_count").fetchall() == [(1,)]  # what backups compare
