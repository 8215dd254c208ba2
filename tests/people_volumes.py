"""Small FRUS volume files with persons glossaries of their own, for the people-across-volumes tests
(and the schema-11 fixture, which was made from them)."""

from __future__ import annotations

from pathlib import Path

VOLUME = Path(__file__).parent / "data" / "frus-volume.xml"


def write_volume(folder: Path, volume: str, persons: list[tuple[str, str]], mentioned: str) -> Path:
    """``frus-volume.xml`` as volume ``volume``, its persons glossary ``persons`` (key, "<hi>Name</hi>,
    role") and its first document naming the entry ``mentioned`` (its text made unique to the volume,
    so that the import does not take it for a duplicate)."""
    items = "".join(f'<item xml:id="{key}">{body}</item>' for key, body in persons)
    text = VOLUME.read_text(encoding="utf-8")
    text = text.replace('xml:id="frus1969-76v99"', f'xml:id="{volume}"')
    text = text.replace('<item xml:id="p_RWP_1"><hi rend="strong">Rogers, William P.</hi>, Secretary of State</item>',
                        items)  # fmt: skip
    text = text.replace(
        '<persName corresp="#p_RWP_1">Rogers</persName>', f'<persName corresp="#{mentioned}">X</persName>'
    )
    text = text.replace("First paragraph", f"First paragraph of {volume}").replace(
        "An editorial note", f"An editorial note of {volume}"
    )
    path = folder / f"{volume}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def strong(name: str, role: str) -> str:
    return f'<hi rend="strong">{name}</hi>, {role}'


#: Two volumes: Kissinger in both (different keys), "SJ" a different man in each, a Bush in each.
VOLUMES = {
    "frus1969-76v09": [
        ("p_KHA_1", strong("Kissinger, Henry A.", "Assistant to the President for National Security Affairs")),
        ("p_SJ_1", strong("Sisco, Joseph J.", "Assistant Secretary of State for Near Eastern Affairs")),
        ("p_BGHW_1", strong("Bush, George H.W.", "Permanent Representative to the United Nations")),
    ],
    "frus1969-76v17": [
        ("p_KH_1", strong("Kissinger, Henry Alfred", "Secretary of State from September 22, 1973")),
        ("p_SJ_1", strong("Scali, John A.", "Permanent Representative to the United Nations")),
        ("p_BGW_1", strong("Bush, George W.", "a namesake, for the test")),
    ],
}
MENTIONED = {"frus1969-76v09": "p_SJ_1", "frus1969-76v17": "p_KH_1"}


def write_volumes(folder: Path) -> list[Path]:
    return [write_volume(folder, volume, persons, MENTIONED[volume]) for volume, persons in VOLUMES.items()]
