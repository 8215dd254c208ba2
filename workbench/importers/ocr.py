"""Recognising the text of a scanned PDF with OCRmyPDF (Tesseract), when it is installed.

A scan has no text layer: Workbench cannot quote what it cannot read. OCRmyPDF adds one to a
copy (the pages stay the same pictures), which then imports like any PDF; the details record
that the text was machine-read, so the historian knows to check a quotation against the image.
Nothing is downloaded: the languages offered are the ones Tesseract has installed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from workbench.importers.errors import CancelCheck, ImportFailed, stop_if

INSTALL = "apt install ocrmypdf tesseract-ocr-eng"  # Debian; other languages: tesseract-ocr-deu, -fra …
_TIMEOUT_PER_PAGE = 120  # seconds: far beyond a real page, short of forever


def available() -> bool:
    return shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None


def languages() -> list[str]:
    """Tesseract's installed languages ("eng", "deu" …), without its orientation model."""
    if shutil.which("tesseract") is None:
        return []
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in listed.splitlines()[1:] if line.strip() and line.strip() != "osd"]


def recognise(path: Path, language: str = "eng", *, cancelled: CancelCheck = None, pages: int = 1) -> Path:
    """A copy of the scan ``path`` with a text layer, in a temporary folder the caller removes.

    Runs OCRmyPDF as a child process, asked every half second whether to stop (``Cancelled``)."""
    if not available():
        raise ImportFailed(path, f"recognising text needs OCRmyPDF and Tesseract (Debian: {INSTALL})")
    if language not in languages():
        raise ImportFailed(path, f"Tesseract has no language {language!r} installed (it has: {', '.join(languages())})")
    out = Path(tempfile.mkdtemp(prefix="workbench-ocr-")) / f"{path.stem}.ocr.pdf"
    process = subprocess.Popen(
        ["ocrmypdf", "--quiet", "--skip-text", "--output-type", "pdf", "-l", language, str(path), str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + _TIMEOUT_PER_PAGE * max(pages, 1)
    try:
        while process.poll() is None:
            if time.monotonic() > deadline:
                raise ImportFailed(path, "recognising the text took too long and was stopped")
            stop_if(cancelled)
            time.sleep(0.5)
    except BaseException:
        process.kill()
        process.wait()
        shutil.rmtree(out.parent, ignore_errors=True)
        raise
    if process.returncode != 0 or not out.exists():
        reason = (process.stderr.read() if process.stderr else "").strip().splitlines()
        shutil.rmtree(out.parent, ignore_errors=True)
        raise ImportFailed(path, f"OCRmyPDF could not recognise it ({reason[-1] if reason else process.returncode})")
    return out
