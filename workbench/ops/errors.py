"""An operation the user asked for that cannot be done as asked (a duplicate tag name, say)."""


class OperationError(Exception):
    """The message is a sentence for the user; nothing was changed."""


class Cancelled(Exception):
    """The user cancelled a long operation (an export, tagging every hit) part-way: nothing was
    written (the transaction rolled back; the file not put in place)."""
