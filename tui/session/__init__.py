"""The session screen and its panes (issue 3): map, patterns, details, capture line."""
