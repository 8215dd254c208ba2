"""Item delegates come and go with the theme; this is how one replaces another without a leak."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate


def replace_delegate(view: QAbstractItemView, delegate: QStyledItemDelegate) -> None:
    """Give ``view`` a new delegate (a new theme) and let the old one go: it has the view as its
    parent, and a theme switch would otherwise keep every delegate ever made."""
    old = view.itemDelegate()
    view.setItemDelegate(delegate)
    if old is not None and old is not delegate:
        old.deleteLater()
    view.doItemsLayout()  # the cards' sizes are the new delegate's
