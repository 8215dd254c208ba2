"""Following themes across documents: which passages a combination of tags picks out, and how tags go together."""
