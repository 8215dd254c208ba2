"""Exchange with other tools: REFI-QDA projects and codebooks, W3C web annotations."""
