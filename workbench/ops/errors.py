"""An operation the user asked for that cannot be done as asked (a duplicate tag name, say), or
that the user stopped part-way (``Cancelled``: the importers' own, one class for every long task)."""

from workbench.importers.errors import Cancelled

__all__ = ["Cancelled", "OperationError"]


class OperationError(Exception):
    """The message is a sentence for the user; nothing was changed."""
