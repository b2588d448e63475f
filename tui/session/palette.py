"""Every action of the session screen by name, in the command palette (ctrl+p).

"add: trigger" starts a line on the capture line; "undo", "privacy screen",
"go to: patterns" and the rest run the screen's own actions, so the palette
and the keys can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from patterns.vocabulary import KIND_ALIASES, READING_ORDER

if TYPE_CHECKING:
    from tui.session.screen import SessionScreen

_ALIAS = {kind: alias for alias, kind in KIND_ALIASES.items()}


def session_commands(screen: SessionScreen) -> list[tuple[str, str, Callable[[], object]]]:
    """(name, what it does, how) for every action, in the order they are offered."""
    commands: list[tuple[str, str, Callable[[], object]]] = [
        ("undo", "undo the last change (ctrl+z)", screen.action_undo),
        ("redo", "redo the last undone change (ctrl+y)", screen.action_redo),
        ("save now", "write the map to its file now (ctrl+s)", screen.action_save),
        ("privacy screen",
         "hide private notes and show people as initials, or show them again (F2)",
         lambda: screen.action_privacy(not screen.privacy)),
        ("go to: patterns", "loops, the pattern in words, needs (F3 folds it away)",
         partial(screen.action_go_to, "patterns")),
        ("go to: nodes", "every part of the map, by kind", partial(screen.action_go_to, "nodes")),
        ("go to: capture line", "back to typing (escape)", screen.action_to_capture),
        ("find a node", "narrow the nodes list by words of a label (ctrl+f)", screen.action_find),
        ("edit node", "edit the selected node's details in place", screen.action_edit_node),
        ("remove node", "remove the selected node with its links (ctrl+z brings it back)",
         screen.action_remove_node),
        ("rename map", "give the map its title", screen.action_rename_map),
        ("add: person", "someone in the pattern: a partner, a parent…", screen.action_add_person),
        ("whose side", "choose whose side new parts go to and the map shows (F4)",
         screen.action_next_person),
        ("map: around the selected node", "narrow the map to one node's neighbours, or widen"
         " it again (F5)", screen.action_map_around),
        ("map: full labels / fit the screen", "every label whole (the map scrolls), or the map"
         " fitted to its pane with long labels cut … (F7)", screen.action_map_labels),
        ("go to: practice", "experiments with new responses and their tries",
         partial(screen.action_go_to, "practice")),
        ("go to: repairs", "the rupture-and-repair log", partial(screen.action_go_to, "repairs")),
        ("what's new since last session", "mark on the map what was mapped since the previous"
         " session, or stop (F6)", screen.action_whats_new),
        ("export: PDF", "the relational map to take home (ctrl+e)",
         partial(screen.action_export, "pdf")),
        ("export: TOML", "the map itself, to keep or share", partial(screen.action_export, "toml")),
        ("export: Markdown", "for notes systems, with a Mermaid drawing of the map",
         partial(screen.action_export, "md")),
        ("export: Graphviz DOT", "the map as a graph, to draw with dot -Tsvg",
         partial(screen.action_export, "dot")),
        ("export: JSON", "node-link data for Python, D3 or Kumu",
         partial(screen.action_export, "json")),
        ("help", "every key and the capture grammar (?)", screen.action_help),
    ]
    for kind in READING_ORDER:
        commands.append((f"add: {kind.value}",
                         f"start a line with {_ALIAS[kind]}: on the capture line",
                         partial(screen.start_line, f"{_ALIAS[kind]}: ")))
    commands.append(("add: link", "link two parts: a -> b or a -kind-> b",
                     partial(screen.start_line, "")))
    commands.append(("add: sentence", "When …, I feel …, so I …, because I need …",
                     partial(screen.start_line, "When ")))
    return commands


class SessionCommands(Provider):
    """The session screen's actions for the command palette."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from tui.session.screen import SessionScreen

        screen = self.screen
        return session_commands(screen) if isinstance(screen, SessionScreen) else []

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


__all__ = ["SessionCommands", "session_commands"]
