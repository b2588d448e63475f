"""Every action of the session screen by name, in the command palette (ctrl+p).

Each action is listed under its name and under the words a therapist would
type for it: "rupture", "experiment", "loop", "homework", "print"… (issue
17: actions that could not be found). "add: trigger" and "name loop" start a
line on the capture line; "undo", "privacy screen", "go to: patterns" and
the rest run the screen's own actions, so the palette and the keys can never
disagree. The help screen (`?`) lists the same actions, keys and words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from patterns.vocabulary import KIND_ALIASES, KIND_PLURALS, READING_ORDER

if TYPE_CHECKING:
    from tui.session.screen import SessionScreen

_ALIAS = {kind: alias for alias, kind in KIND_ALIASES.items()}


@dataclass(frozen=True)
class Command:
    """One action of the session screen, as the palette and the help list it."""

    name: str
    """What the palette shows: `name loop`, `export: PDF`."""
    help: str
    """What it does, in a line."""
    run: Callable[[], object]
    words: tuple[str, ...] = ()
    """Other words that find it (`rupture`, `row`, `argument`)."""
    key: str = ""
    """Its key, if it has one (`ctrl+z`)."""


def session_commands(screen: SessionScreen) -> list[Command]:
    """Every action, in the order they are offered."""
    go = screen.action_go_to
    line = screen.start_line
    commands = [
        Command("undo", "undo the last change", screen.action_undo,
                ("take back", "revert", "oops", "mistake"), "ctrl+z"),
        Command("redo", "redo the last undone change", screen.action_redo, ("again",), "ctrl+y"),
        Command("save now", "write the map to its file now (it is saved within a second"
                " anyway)", screen.action_save, ("save", "write", "keep"), "ctrl+s"),
        Command("save as…", "keep the map in another file and go on working there",
                screen.app.action_save_as,  # type: ignore[attr-defined]
                ("save as", "copy", "another file", "move", "elsewhere", "rename file",
                 "disk full")),
        Command("privacy screen",
                "hide private notes and show people as initials, or show them again",
                lambda: screen.action_privacy(not screen.privacy),
                ("privacy", "private", "hide", "client looking", "initials", "confidential"),
                "F2"),
        Command("name loop", "name the loop through the selected part (or the one shown on"
                " the map): starts “name: ” on the capture line", partial(line, "name: "),
                ("loop", "cycle", "name", "the dance", "call it")),
        Command("plan an experiment", "a new response to practise instead of a move: starts"
                " “try: … — instead of …” on the capture line", partial(line, "try: "),
                ("experiment", "try", "practice", "practise", "homework", "new response",
                 "plan")),
        Command("log a rupture", "a moment the connection broke, today: starts “rupture: ” on"
                " the capture line (“rupture with Tom: …”, “rupture between us: …” in the"
                " therapy, “private rupture: …”)", partial(line, "rupture: "),
                ("rupture", "row", "argument", "fight", "break", "misattunement",
                 "between us")),
        Command("log a repair", "what was done to reconnect, for the last rupture: starts"
                " “repair: ” on the capture line", partial(line, "repair: "),
                ("repair", "reconnect", "make up", "apology")),
        Command("rupture and repair form", "write a rupture and its repair in a form (day,"
                " with whom, what happened, the repair, how it went)",
                screen.action_repair_form, ("rupture", "repair", "form")),
        Command("add: person", "someone in the pattern: a partner, a parent… (or type"
                " “person: Tom, partner”)", screen.action_add_person,
                ("person", "people", "partner", "parent", "client", "someone")),
        Command("whose side", "choose whose side new parts go to and the map shows",
                screen.action_next_person, ("person", "side", "who", "owner"), "F4"),
        Command("go to: patterns", "loops, the pattern in words, needs (F3 folds it away)",
                partial(go, "patterns"), ("patterns", "loops", "cycles", "sentences", "needs"),
                "F3"),
        Command("go to: nodes", "every part of the map, by kind", partial(go, "nodes"),
                ("nodes", "parts", "list", "all")),
        Command("go to: practice", "experiments with new responses and their tries",
                partial(go, "practice"), ("practice", "experiments", "tries", "progress")),
        Command("go to: repairs", "the rupture-and-repair log", partial(go, "repairs"),
                ("repairs", "ruptures", "log")),
        Command("go to: capture line", "back to typing", screen.action_to_capture,
                ("type", "capture", "line"), "escape"),
        Command("find a node", "narrow the nodes list by words of a label", screen.action_find,
                ("find", "search", "filter", "look for", "where"), "ctrl+f"),
        Command("edit node", "edit the selected node's details in place: label, intensity,"
                " notes", screen.action_edit_node,
                ("edit", "change", "note", "private note", "intensity", "relabel")),
        Command("remove node", "remove the selected node with its links (ctrl+z brings it"
                " back)", screen.action_remove_node, ("remove", "delete", "drop")),
        Command("rename map", "give the map its title", screen.action_rename_map,
                ("title", "rename")),
        Command("map: around the selected node", "narrow the map to one node's neighbours,"
                " or widen it again", screen.action_map_around,
                ("around", "zoom", "neighbours", "focus"), "F5"),
        Command("map: full labels / fit the screen", "every label whole (the map scrolls),"
                " or the map fitted to its pane with long labels cut …",
                screen.action_map_labels, ("labels", "fit", "whole", "scroll"), "F7"),
        Command("what's new since last session", "mark on the map what was mapped since the"
                " previous session, or stop", screen.action_whats_new,
                ("session", "new", "last time", "changes", "since"), "F6"),
        Command("export: PDF", "the relational map to take home", partial(
            screen.action_export, "pdf"), ("export", "pdf", "print", "take home", "handout"),
                "ctrl+e"),
        Command("export: TOML", "the map itself, to keep or share",
                partial(screen.action_export, "toml"), ("export", "toml", "share", "colleague")),
        Command("export: Markdown", "for notes systems, with a Mermaid drawing of the map",
                partial(screen.action_export, "md"), ("export", "markdown", "notes", "mermaid")),
        Command("export: Graphviz DOT", "the map as a graph, to draw with dot -Tsvg",
                partial(screen.action_export, "dot"), ("export", "dot", "graphviz")),
        Command("export: JSON", "node-link data for Python, D3 or Kumu",
                partial(screen.action_export, "json"), ("export", "json", "data", "kumu")),
        Command("export: SVG", "the map drawn as on paper, for a web page or a note tool",
                partial(screen.action_export, "svg"), ("export", "svg", "picture", "web",
                                                       "image", "drawing")),
        Command("help", "every key, action and the capture grammar", screen.action_help,
                ("keys", "grammar", "how", "?"), "?"),
    ]
    for kind in READING_ORDER:
        plural = KIND_PLURALS[kind]
        commands.append(Command(
            f"add: {kind.value}", f"start a line with {_ALIAS[kind]}: on the capture line",
            partial(line, f"{_ALIAS[kind]}: "),
            tuple(dict.fromkeys((kind.value, plural, plural.removeprefix("new "))))))
    commands.append(Command("add: link", "link two parts: a -> b or a -kind-> b",
                            partial(line, ""), ("link", "arrow", "connect")))
    commands.append(Command("add: sentence", "When …, I feel …, so I …, because I need …",
                            partial(line, "When "), ("sentence", "when", "cycle")))
    return commands


def rank(commands: list[Command], query: str,
         fuzzy: Callable[[str], float]) -> list[tuple[float, Command, str | None]]:
    """The commands `query` finds, best first, each with the word that found it
    (None: its name). A whole word or name scores 1, the start of one 0.9,
    anything else up to 0.8 by `fuzzy` (Textual's matcher, whose scores are
    taken relative to the query matched against itself)."""
    q = " ".join(query.lower().split())
    most = fuzzy(q) or 1.0
    found = []
    for command in commands:
        best: tuple[float, str | None] = (0.0, None)
        for word in (command.name, *command.words):
            w = word.lower()
            score = (1.0 if q == w or q == w.rstrip("…") else 0.9 if w.startswith(q)
                     else 0.8 * min(1.0, fuzzy(word) / most))
            if score > best[0]:
                best = (score, None if word == command.name else word)
        if best[0] > 0:
            found.append((best[0], command, best[1]))
    found.sort(key=lambda hit: -hit[0])
    return found


class SessionCommands(Provider):
    """The session screen's actions for the command palette."""

    def _commands(self) -> list[Command]:
        from tui.session.screen import SessionScreen

        screen = self.screen
        return session_commands(screen) if isinstance(screen, SessionScreen) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        # Other providers (Textual's own commands) score on the matcher's scale.
        scale = matcher.match(" ".join(query.split())) or 1.0
        for score, command, word in rank(self._commands(), query, matcher.match):
            shown = matcher.highlight(command.name) if word is None else Content.assemble(
                command.name, (f"  ({word})", "dim"))
            yield Hit(score * scale, shown, command.run, text=command.name, help=command.help)


__all__ = ["Command", "SessionCommands", "rank", "session_commands"]
