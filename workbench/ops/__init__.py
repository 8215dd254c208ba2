"""The operations layer: every change to a project goes through a function here.

Each operation runs in one transaction and returns what it changed (``OpChanges``); the command
line and the GUI are thin faces over these functions.
"""

from workbench.ops.changes import OpChanges

__all__ = ["OpChanges"]
