"""Pages, metadata and the mapping between reading text and its rendering."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.model import Metadata, Name, PageBreak, PageMap
from workbench.model.document import page_before
from workbench.model.view_positions import ViewPositions


def test_page_before() -> None:
    assert [page_before(p) for p in ("445", "2", "1", "xii", "XL", "i", "[I]")] == [
        "444", "1", None, "xi", "XXXIX", None, None,
    ]  # fmt: skip


def test_page_map_lookup_and_range() -> None:
    pages = PageMap("444", (PageBreak("445", 10), PageBreak("446", 20)))
    assert [pages.page_at(i) for i in (0, 9, 10, 19, 20, 99)] == ["444", "444", "445", "445", "446", "446"]
    assert pages.page_range == "444–446"
    assert PageMap().page_range == ""
    assert PageMap(None, (PageBreak("7", 0),)).page_range == "7"


def test_metadata_round_trips_through_csl_json() -> None:
    meta = Metadata(
        title="Memo", number="124", genre="message", designation="Hakto 25",
        authors=(Name("Kissinger", "Henry"),), recipients=(Name("Nixon", "Richard"),),
        issued="1972-11-24", time="1800Z", place="Paris", container_title="FRUS", volume="IX",
        editors=(Name("Carland", "John M."),), publisher="GPO", publisher_place="Washington",
        container_issued="2010", url="https://example.org/d124", archive="National Archives",
        extra={"note": "kept", "custom": {"volume-id": "frus1969-76v09"}},
    )  # fmt: skip
    csl = meta.to_csl()
    assert csl["issued"] == {"date-parts": [[1972, 11, 24]]}
    assert csl["custom"]["container-issued"] == {"date-parts": [[2010]]}
    assert csl["recipient"] == [{"family": "Nixon", "given": "Richard"}]
    assert Metadata.from_csl(csl) == meta
    assert meta.dateline() == "Paris, November 24, 1972, 1800Z"


def test_merged_lays_non_empty_fields_over() -> None:
    base = Metadata(title="124. Memo", number="124")
    merged = base.merged(Metadata(title="Better title", place="Paris"))
    assert (merged.title, merged.number, merged.place) == ("Better title", "124", "Paris")


def _rendered(text: str, marks: dict[int, str]) -> tuple[ViewPositions, str]:
    """Render ``text`` the way the reading view does: ``marks`` inserted at offsets; UTF-16 units."""
    positions = ViewPositions(text)
    view = ""
    position = 0
    for offset in sorted(marks):
        positions.add_segment(position, len(view.encode("utf-16-le")) // 2)
        view += text[position:offset] + marks[offset]
        position = offset
    positions.add_segment(position, len(view.encode("utf-16-le")) // 2)
    view += text[position:]
    return positions, view


def test_view_positions_skip_inserted_marks() -> None:
    positions, view = _rendered("this morning and", {12: "2"})
    assert view == "this morning2 and"
    assert positions.to_view(12) == 13  # a start at the mark's offset begins after the mark
    assert positions.to_view(12, end=True) == 12  # an end there stops before it
    assert positions.to_model(12) == 12 and positions.to_model(13) == 12
    assert positions.to_model(len(view)) == len("this morning and")


@given(
    st.text(alphabet=st.sampled_from("ab \n😀é𝔄"), max_size=40),
    st.dictionaries(st.integers(0, 40), st.sampled_from(["1", "12", "\u2029Paris\u2029"]), max_size=4),
)
def test_view_positions_round_trip(text: str, raw_marks: dict[int, str]) -> None:
    marks = {offset: mark for offset, mark in raw_marks.items() if offset <= len(text)}
    positions, view = _rendered(text, marks)
    units = view.encode("utf-16-le")
    for offset in range(len(text) + 1):
        start = positions.to_view(offset)
        assert positions.to_model(start) == offset
        # The character at ``offset`` is the one shown at ``start`` (in UTF-16 units).
        if offset < len(text):
            shown = units[start * 2 : start * 2 + len(text[offset].encode("utf-16-le"))].decode("utf-16-le")
            assert shown == text[offset]
        assert positions.to_view(offset, end=True) <= start
