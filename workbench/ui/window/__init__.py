"""The main window and what it does: its menus, the actions behind them (tagging, documents, project
files, import and export, going places), the refresh of the views after a change, the welcome and help."""
