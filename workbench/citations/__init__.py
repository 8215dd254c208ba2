"""Citations: page pinpoints, the parts of a source, and the styles that assemble them."""

from workbench.citations.pages import chicago_range, pinpoint
from workbench.citations.rich import Rich, Run
from workbench.citations.source import Source
from workbench.citations.styles import Citer, Style

__all__ = ["Citer", "Rich", "Run", "Source", "Style", "chicago_range", "pinpoint"]
