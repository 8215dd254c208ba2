"""The reading view: a document typeset for reading, with its page margin and note popups."""
