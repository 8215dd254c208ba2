"""The panels beside the text: documents, tags, highlights, footnotes, notes, search, people and the page
image, with the delegates that draw their list cards. Each reads the project through the session."""
