"""The Qt face of Workbench. Only this package imports Qt; it calls the core, never the reverse.

Where things are (each room a package; its ``__init__`` says more):

- ``app.py``, ``safety_net.py``, ``running.py``: start-up, the crash dialog, the running application.
- ``session.py`` (``ProjectSession``), ``operations.py``: the open project, its undo history, what
  the views read, and the ``changed(OpChanges)`` signal every view subscribes to.
- ``preferences.py``: what the user set in Edit › Settings.
- ``window/``: the main window, its menus and the actions behind them (tagging, documents, files,
  import, navigation, the refresh of the views after a change, the welcome, help).
- ``panels/``: the side panels and their list delegates (documents, tags, highlights, footnotes,
  notes, search, people, page image).
- ``reading/``: the reading view (the text typeset, its marks, popups and selection bar).
- ``dialogs/``: every dialog and window over the main one (details, export, settings, tag palette…).
- ``look/``: themes, contrast, and showing people's text safely (Markdown, tooltips, line breaking).
"""
