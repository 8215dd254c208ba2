"""The log of what went wrong: unexpected exceptions (on any thread) and hard crashes, written to a
rotating file in the user's log directory, so that a failure is never silent and a report can
quote it. The window adds a dialog that names the file (``workbench.ui.safety_net``)."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

import platformdirs

APP_NAME = "Workbench"  # as workbench.paths has it; not imported from there, which loads the storage
_LOG_BYTES, _LOG_KEPT = 1_000_000, 3  # a megabyte a file, three older files kept

logger = logging.getLogger("workbench")

#: Told of every unexpected exception: a one-line summary and the log's path.
Listener = Callable[[str, Path], None]


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / "workbench.log"


@dataclass
class CrashLog:
    """The installed hooks, and what they replaced (``uninstall`` puts it back, for tests)."""

    path: Path
    listener: Listener | None = None
    _handler: logging.Handler | None = None
    _faults: IO[str] | None = None
    _previous: tuple = field(default_factory=tuple)

    def report(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        logger.error("Unexpected error", exc_info=(kind, error, trace))
        summary = "".join(traceback.format_exception_only(kind, error)).strip()
        if self.listener is not None:
            try:
                self.listener(summary, self.path)
            except Exception:  # the report of an error must not raise another
                logger.exception("Could not show the error")

    def _excepthook(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        self.report(kind, error, trace)

    def _threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self.report(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        if self._handler is not None:
            logger.removeHandler(self._handler)
            self._handler.close()
        if self._faults is not None:
            faulthandler.enable(sys.__stderr__ if sys.__stderr__ is not None else sys.stderr)
            self._faults.close()


def install(listener: Listener | None = None) -> CrashLog:
    """Log every uncaught exception (``sys.excepthook``, ``threading.excepthook``) and every hard
    crash (``faulthandler``: a segfault leaves no Python traceback otherwise) under ``log_dir()``."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    crash = CrashLog(log_path(), listener, _previous=(sys.excepthook, threading.excepthook))
    crash._handler = RotatingFileHandler(crash.path, maxBytes=_LOG_BYTES, backupCount=_LOG_KEPT, encoding="utf-8")
    crash._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(message)s"))
    logger.addHandler(crash._handler)
    logger.setLevel(logging.INFO)
    crash._faults = open(folder / "faults.log", "a", encoding="utf-8")  # noqa: SIM115 - open while running
    faulthandler.enable(crash._faults)
    sys.excepthook = crash._excepthook
    threading.excepthook = crash._threading_hook
    return crash
