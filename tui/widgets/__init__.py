"""Widgets shared by the screens (the map view, and the panels others add).

Import each widget from its own module (`from tui.widgets.map_view import
MapView`): importing this package loads nothing, so a screen pays only for
what it uses.
"""
