"""The look: themes and their contrast, and showing people's words safely (Markdown, tooltips, lines)."""
