"""The packaged application: PyInstaller builds it, the built binary starts, opens the sample, and works.

Slow (a build takes about half a minute). Skipped where PyInstaller is not installed, unless
``WORKBENCH_REQUIRE_PACKAGE`` is set, as CI sets it (``make test WITH_PACKAGE=1``): there a
missing PyInstaller is a failure, not a skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbench import __version__

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("WORKBENCH_REQUIRE_PACKAGE"):
            pytest.fail("PyInstaller is not installed, and this run must build the application")
        pytest.skip("PyInstaller is not installed (make package installs it)")
    work = tmp_path_factory.mktemp("package")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "workbench.spec"), "--noconfirm",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "dist" / "workbench"


def run(binary: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The built binary, offscreen, with a home of its own: a first run each time ``home`` is new."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    return subprocess.run([str(binary / "workbench"), *args], capture_output=True, text=True, env=env, timeout=120)


def test_the_built_application_starts_on_the_sample(built: Path, tmp_path: Path) -> None:
    assert run(built, tmp_path, "--version").stdout.strip() == f"Workbench {__version__}"
    started = run(built, tmp_path, "--measure-startup")
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("first paint: ")
    assert (tmp_path / "data" / "Workbench" / "Workbench.wbproj").is_file()  # the first run's project
    documents = json.loads(run(built, tmp_path, "list", "--json").stdout)
    assert [(d["number"], d["date"]) for d in documents] == [("124", "1972-11-24")]


def test_the_built_application_carries_what_it_reads_at_run_time(built: Path, tmp_path: Path) -> None:
    """Word's template (python-docx), the fonts, the guide and its pictures come with the build."""
    tagged = run(built, tmp_path, "annotate", "124", "--quote", "a balking GVN", "--tag", "GVN")
    assert tagged.returncode == 0, tagged.stderr
    out = tmp_path / "quotes.docx"
    exported = run(built, tmp_path, "export", "--format", "docx", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(out) as word:
        assert "a balking GVN" in word.read("word/document.xml").decode()
        assert "doc. 124, 446" in word.read("word/footnotes.xml").decode()
    internal = built / "_internal"
    assert (internal / "resources" / "fonts" / "NotoSerif-Regular.ttf").is_file()
    assert (internal / "docs" / "guide" / "README.md").is_file()
    assert (internal / "docs" / "guide" / "images" / "reading.png").is_file()


def test_a_project_file_given_alone_opens_in_the_window(built: Path, tmp_path: Path) -> None:
    """What a double click on a .wbproj runs: ``workbench FILE`` (the desktop entry's ``%f``)."""
    project = tmp_path / "Thesis.wbproj"
    assert run(built, tmp_path, "--project", str(project), "import", str(ROOT / "resources" / "sample" /
               "frus1969-76v09-d124.txt")).returncode == 0  # fmt: skip
    opened = run(built, tmp_path, str(project), "--measure-startup")
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.startswith("first paint: ")
    assert not (tmp_path / "data" / "Workbench" / "Workbench.wbproj").exists()  # that project, not the default


def test_install_puts_the_build_and_its_desktop_files_under_the_prefix(built: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    env = {**os.environ, "WORKBENCH_BUILD": str(built)}
    done = subprocess.run([str(ROOT / "packaging" / "install.sh"), str(prefix)], capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = (prefix / "share" / "applications" / "org.workbench.Workbench.desktop").read_text()
    assert f"Exec={prefix}/bin/workbench %f" in entry
    for path in ("bin/workbench", "share/mime/packages/org.workbench.Workbench.xml",
                 "share/metainfo/org.workbench.Workbench.metainfo.xml",
                 "share/icons/hicolor/scalable/apps/org.workbench.Workbench.svg",
                 "share/icons/hicolor/48x48/apps/org.workbench.Workbench.png"):  # fmt: skip
        assert (prefix / path).exists(), path
    assert run(prefix / "bin", tmp_path, "--version").stdout.strip() == f"Workbench {__version__}"
    removed = subprocess.run([str(ROOT / "packaging" / "install.sh"), "--uninstall", str(prefix)],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert removed.returncode == 0 and not (prefix / "bin" / "workbench").exists()
    assert not (prefix / "lib" / "workbench").exists()
