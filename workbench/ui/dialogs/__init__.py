"""Dialogs and windows over the main one: details, export, settings, merge, backups, Zotero, the note
editor, the tag palette, Compare Authors, Themes, the OCR offer; and the helpers every dialog uses."""
