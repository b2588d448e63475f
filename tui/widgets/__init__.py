"""Widgets shared by the session screen and the client's review."""
