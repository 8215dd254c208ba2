"""Light and dark themes: text stays readable on every highlight, marks stand out, switching restyles the window."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations_with_replacement

import pytest
from PySide6.QtGui import QColor

from workbench.model.annotation import PALETTE
from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_spans
from workbench.ui.look import contrast
from workbench.ui.look import theme as themes
from workbench.ui.look.contrast import MARK_CONTRAST, TEXT_CONTRAST
from workbench.ui.look.theme import DARK, LIGHT, Appearance, Theme
from workbench.ui.reading.highlights import span_rects
from workbench.ui.window.main_window import MainWindow

from .pixels import close, tinted_share

THEMES = pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])


@THEMES
def test_text_and_chrome_colours_reach_wcag_aa(theme: Theme) -> None:
    assert contrast.contrast(theme.ink, theme.paper) >= 7  # the reading text: AAA
    for background in (theme.paper, theme.chrome, theme.base, theme.selection, theme.popup, theme.current_note):
        assert contrast.contrast(theme.ink, background) >= TEXT_CONTRAST, background
    for background in (theme.paper, theme.chrome, theme.base):
        assert contrast.contrast(theme.muted, background) >= TEXT_CONTRAST, background
    assert contrast.contrast(theme.accent, theme.paper) >= TEXT_CONTRAST  # note marks and document numbers


@THEMES
def test_text_stays_readable_on_every_tint_and_on_two_overlapping(theme: Theme) -> None:
    for pair in combinations_with_replacement(PALETTE, 2):
        for colors in ([pair[0]], list(pair)):
            for background in (theme.paper, theme.chrome):
                shown = theme.highlighted(colors, background=background)
                assert contrast.contrast(theme.ink, shown) >= TEXT_CONTRAST, (colors, background, shown)


@THEMES
def test_every_tint_shows_and_every_mark_stands_out(theme: Theme) -> None:
    for color in PALETTE:
        assert theme.highlighted([color]) != theme.paper
        assert contrast.contrast(theme.mark(color), theme.paper) >= MARK_CONTRAST, color


@THEMES
def test_the_export_previews_colours_are_readable(theme: Theme) -> None:
    from pygments.styles import get_style_by_name
    from pygments.token import Error, Whitespace

    style = get_style_by_name(theme.code_style)
    for token, form in style:
        if form["color"] and token not in Whitespace and token not in Error:
            assert contrast.contrast(f"#{form['color']}", theme.base) >= TEXT_CONTRAST, token


def test_a_pale_colour_is_darkened_on_light_paper_and_lightened_on_dark() -> None:
    yellow = "#bcbd22"
    on_light, on_dark = LIGHT.mark(yellow), DARK.mark(yellow)
    assert contrast.luminance(on_light) < contrast.luminance(yellow)
    assert on_dark == yellow  # bright enough on dark paper already
    navy = "#1d2a6b"
    assert contrast.luminance(DARK.mark(navy)) > contrast.luminance(navy)
    r, g, b = contrast.rgb(on_light)
    assert r > b and g > b  # still a yellow-olive, not grey


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast.composite("#ffffff", ["#808080"], contrast.multiply) == "#808080"
    assert contrast.composite("#202020", ["#404040", "#303030"], contrast.lighten) == "#404040"


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    (document,) = list_documents(sample_project.db)
    text = load_document(sample_project.db, document.id).text
    for quote, name, color in (("On the troop issue, the GVN does have a case.", "Troops", "#e8a33d"),
                               ("a balking GVN", "GVN resistance", "#4f8fd8")):  # fmt: skip
        tag = create_tag(sample_project, name, color=color).value
        start = text.index(quote)
        create_span(sample_project, document.id, start, start + len(quote), tag_ids=[tag])
    opened = open_window(sample_project)
    opened.welcome.dismiss()
    return opened


def _span(window: MainWindow, quote: str):
    """The highlight of ``quote``, scrolled to the middle of the view."""
    span = next(s for s in load_spans(window.project.db, window.document.id) if s.quote == quote)
    view = window.reading
    view.verticalScrollBar().setValue(int(span_rects(view, span)[0].top()) - view.viewport().height() // 2)
    return span


def test_switching_to_dark_restyles_the_window_and_keeps_highlights_visible(window: MainWindow) -> None:
    span = _span(window, "On the troop issue, the GVN does have a case.")
    assert tinted_share(window, span) > 0.5
    window.apply_preferences(replace(window.preferences, appearance=Appearance.DARK))
    assert window.theme.dark and themes.current() is window.theme and window.reading.theme.dark
    view = window.reading
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    assert close(image.pixelColor(4, 4), QColor(DARK.paper))  # the paper is dark
    span = _span(window, "On the troop issue, the GVN does have a case.")
    assert tinted_share(window, span) > 0.5  # the tint, as the dark theme blends it
    rect = span_rects(view, span)[0].translated(0, -view.verticalScrollBar().value())
    pixels = [image.pixelColor(x, int(rect.center().y())) for x in range(int(rect.left()), int(rect.right()))]
    assert any(contrast.luminance(p.name()) > 0.5 for p in pixels)  # the ink is light: the words still show
    assert window.palette().color(window.palette().ColorRole.Window) == QColor(DARK.chrome)
    window.apply_preferences(replace(window.preferences, appearance=Appearance.LIGHT))
    assert not window.theme.dark and tinted_share(window, span) > 0.5


def test_the_desktop_scheme_is_followed_when_asked(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(themes, "desktop_prefers_dark", lambda: True)
    window.apply_preferences(replace(window.preferences, appearance=Appearance.SYSTEM))
    assert window.theme.dark
    monkeypatch.setattr(themes, "desktop_prefers_dark", lambda: False)
    window._follow_desktop_scheme()  # what the desktop's colorSchemeChanged signal calls
    assert not window.theme.dark
    window.apply_preferences(replace(window.preferences, appearance=Appearance.DARK))
    window._follow_desktop_scheme()  # a chosen theme stays
    assert window.theme.dark


def _underline_row(window: MainWindow, quote: str) -> list[bool]:
    """Along the highlight's first underline: which pixels carry the mark's colour."""
    view = window.reading
    span = _span(window, quote)
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    tag = next(t for t in window.tags if t.id in span.tag_ids)
    mark = QColor(view.theme.mark(tag.color))
    rect = span_rects(view, span)[0].translated(0, -view.verticalScrollBar().value())
    y = int(rect.bottom() + 1.5)
    best = []
    for row in (y, y + 1):  # the 2-pixel line may fall on either row
        found = [close(image.pixelColor(x, row), mark, 40) for x in range(int(rect.left()) + 2, int(rect.right()) - 2)]
        best = max(best, found, key=sum)
    return best


def _runs(marks: list[bool]) -> int:
    return sum(1 for i, on in enumerate(marks) if on and (i == 0 or not marks[i - 1]))


def test_underline_patterns_tell_tags_apart_without_colour(window: MainWindow) -> None:
    quote = "a balking GVN"  # the second tag in the tree: dashed
    solid = _underline_row(window, quote)
    assert sum(solid) > 0.9 * len(solid) and _runs(solid) == 1
    window.apply_preferences(replace(window.preferences, underline_patterns=True))
    dashed = _underline_row(window, quote)
    assert _runs(dashed) >= 5 and 0.3 * len(dashed) < sum(dashed) < 0.9 * len(dashed)
    first = _underline_row(window, "On the troop issue, the GVN does have a case.")
    assert _runs(first) == 1  # the first tag keeps a solid line
    icon = window.tag_panel.model.index_of(window.tags.find("GVN resistance").id).data(1)
    assert icon.availableSizes()[0].width() > 20  # the tag tree shows the pattern beside the dot
