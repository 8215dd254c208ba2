"""An operation the user asked for that cannot be done as asked (a duplicate tag name, say)."""


class OperationError(Exception):
    """The message is a sentence for the user; nothing was changed."""
