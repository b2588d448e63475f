"""Themes: the session and the review follow Textual's theme system.

Every theme of ctrl+p → "Change theme" is offered, with one of attachmap's
own, `attachmap-light`: dark ink on a warm white, strong enough to read on a
laptop by a sunny window or under office lights. The choice is remembered in
the practice's settings (`theme = …` in config.toml), and the next session
or review opens in it.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

from exports.settings import SettingsError, save_setting, settings_path

#: A light theme for a bright room: near-black text on warm white, colours
#: deep enough to keep their contrast (each at least 4.5:1 on the background).
ATTACHMAP_LIGHT = Theme(
    name="attachmap-light",
    primary="#1D4F91",
    secondary="#5B3F8C",
    accent="#A3440F",
    warning="#8A5A00",
    error="#A8201A",
    success="#1E6B34",
    foreground="#1A1A1A",
    background="#FBFAF6",
    surface="#FFFFFF",
    panel="#E8E5DC",
    boost="#00000010",
    dark=False,
    variables={
        "text-muted": "#55534E",
        "footer-key-foreground": "#1D4F91",
        "input-selection-background": "#1D4F91 30%",
    },
)
OUR_THEMES = (ATTACHMAP_LIGHT,)


def theme_names() -> list[str]:
    """Every theme a screen can take, by name."""
    return sorted({*BUILTIN_THEMES, *(t.name for t in OUR_THEMES)})


class ThemeMixin:
    """For an App: our themes registered, the settings' theme applied at
    start, and a theme chosen later (ctrl+p → theme) written to the settings."""

    def setup_themes(self: App, chosen: str | None) -> None:  # type: ignore[misc]
        """Register attachmap's themes and take `chosen` (the settings' theme)
        when it is one; call from `__init__`."""
        for theme in OUR_THEMES:
            self.register_theme(theme)
        if chosen and chosen in self.available_themes:
            self.theme = chosen

    def remember_theme_changes(self: App) -> None:  # type: ignore[misc]
        """From now on, a change of theme is saved in the settings; call from `on_mount`."""
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self: App, theme: Theme) -> None:  # type: ignore[misc]
        """Write the theme's name into the settings; if it cannot be written,
        say so (the theme stays in use for now)."""
        try:
            save_setting("theme", theme.name)
        except (OSError, SettingsError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.notify(f"The theme is in use, but could not be remembered in"
                        f" {settings_path()}: {reason}", title="Theme not saved",
                        severity="warning", timeout=8)


__all__ = ["ATTACHMAP_LIGHT", "ThemeMixin", "theme_names"]
