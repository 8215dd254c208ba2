"""The user guide: every section the issue asks for, each with a picture the screenshot script makes."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide" / "README.md"


def _pictures() -> set[str]:
    """The names ``docs/guide/screenshots.py`` writes (it is loaded, not run)."""
    spec = importlib.util.spec_from_file_location("screenshots", GUIDE.with_name("screenshots.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PICTURES


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_each_section_has_a_picture_from_the_script() -> None:
    sections = _sections(GUIDE.read_text(encoding="utf-8"))
    for title in ("Installing", "Reading", "Tagging", "Notes", "Searching and following themes",
                  "Exporting with citations", "Exchange and teamwork", "Backups", "Settings"):  # fmt: skip
        assert re.search(r"!\[[^\]]+\]\(images/[\w-]+\.png\)", sections[title]), title


def test_every_picture_exists_and_is_made_by_the_script() -> None:
    made = _pictures()
    for document in (GUIDE, ROOT / "README.md"):
        for path in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", document.read_text(encoding="utf-8")):
            image = (document.parent / path).resolve()
            assert image.is_file(), path
            assert image.parent == GUIDE.parent / "images" and image.stem in made, path


def test_links_inside_the_guide_lead_to_its_headings() -> None:
    from workbench.ui.window.help import slug

    text = GUIDE.read_text(encoding="utf-8")
    headings = {slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, anchor
