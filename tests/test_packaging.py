"""Desktop integration files: they parse, agree with each other and the code, and validate."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtGui import QImage

from workbench.storage import PROJECT_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "org.workbench.Workbench"
MIME = "application/x-workbench-project"


def test_the_desktop_entry_opens_projects() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Exec"], section["Icon"]) == ("Application", "workbench %f", APP_ID)
    assert MIME in section["MimeType"].split(";")
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")], capture_output=True)
        said = done.stdout.decode() + done.stderr.decode()
        assert done.returncode == 0 and not said.strip(), said  # not even a hint


def test_the_mime_type_claims_the_project_suffix() -> None:
    root = etree.parse(str(PACKAGING / f"{APP_ID}.mime.xml")).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (mime,) = root.findall("m:mime-type", ns)
    assert mime.get("type") == MIME
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == [f"*{PROJECT_SUFFIX}"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_the_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")], capture_output=True
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def test_the_metainfo_names_this_version_and_the_desktop_entry() -> None:
    from workbench import __version__

    root = etree.parse(str(PACKAGING / f"{APP_ID}.metainfo.xml")).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == __version__


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_an_icon_for_each_size(size: int) -> None:
    image = QImage(str(ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the page is drawn, not left empty
