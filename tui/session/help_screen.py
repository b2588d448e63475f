"""`?`: every key and action of the session screen, and the capture line's grammar.

The key list is built from the screen's own bindings, and the action list
from the command palette's (`tui.session.palette`), so neither is ever out
of step with what the keys and the palette do.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.screens import Dialog

GRAMMAR = [
    ("t: Sam goes quiet", "adds a trigger (kind words or one letter: t f m b s n r x o)"),
    ("f: scared of being left", "adds a feeling; m: meaning, b: body sensation"),
    ("s: text again and again", "adds a protective strategy; n: need, r: resource"),
    ("x: say 'I'm scared' once", "adds a new response; o: an origin"),
    ("scared -> texting", "links two parts (by id, whole label or the start of a label)"),
    ("texting -provokes-> quiet", "links with a kind: activates, leads_to, masks, longs_for,"
                                  " blocks, provokes, replaces, meets, soothes, shapes"),
    ("When …, I feel …, so I …, because I need …",
     "adds a whole cycle at once (also: I think …, my body …, I notice …)"),
    ("I panic · I get anxious · I'm scared", "a feeling; “I freeze”, “I go quiet”: a move"),
    ("When Tom is late, I think he's gone, my stomach drops, so I call him",
     "the body (stomach, chest, heart, throat, hands, jaw, breath…) is a sensation part"),
    ("Tom feels pressured, so he goes quiet, because he needs room",
     "a person of the map, by name: the parts go to their side"),
    ("name: the waiting game", "names the loop through the selected part (loop: too)"),
    ("try: name the fear — instead of checking his phone",
     "plans an experiment: a new response replacing a move (“, when …” adds the plan)"),
    ("rupture: started late; she went cold",
     "logs a rupture today (rupture with Tom: …; rupture between us: … in the therapy;"
     " private rupture: … yours alone)"),
    ("repair: named it together", "the repair of the last rupture without one"),
    ("person: Tom, partner", "adds a person"),
    ("t: Tom is late; f: scared", "“;” before another form: two statements, one undo"),
]

MORE_KEYS = [
    ("↑ ↓", "on the capture line: earlier lines"),
    ("→", "on the capture line: accept the grey completion"),
    ("enter", "in the nodes list: edit the node; in its links: change the kind"),
    ("delete", "in the nodes list: remove the node (ctrl+z brings it back)"),
    ("escape", "back to the capture line"),
    ("ctrl+p", "every action by name or by a word for it (the command palette)"),
]


#: Longer words for some keys than the footer has room for.
_LONGER = {
    "session.privacy-on": "privacy screen: private notes hidden, names as initials",
    "session.quit": "quit (everything is saved first)",
    "session.side": "fold the Patterns pane away, or back",
    "session.person": "whose side new parts go to (and the map shows)",
    "session.around": "narrow the map to the selected node's neighbours",
}


def keys_of(bindings: list[object]) -> list[tuple[str, str]]:
    """(key, what it does) for a screen's bindings, as the help lists them."""
    keys = []
    for b in bindings:
        if not isinstance(b, Binding) or not b.description or b.id == "session.privacy-off":
            continue
        key = "? or F1" if b.id == "session.help" else b.key_display or b.key
        keys.append((key, _LONGER.get(b.id or "", b.description)))
    return keys


class HelpScreen(Dialog[None]):
    """The keys and the capture grammar; any of escape, ? or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 96%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "close help", id="help.close")]

    def __init__(self, keys: list[tuple[str, str]],
                 actions: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__()
        self.keys = keys
        #: (name, key, other words) of every action in the palette.
        self.actions = list(actions or [])

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in [*self.keys, *MORE_KEYS]:
            keys.add_row(key, what)
        grammar = Table.grid(padding=(0, 2))
        grammar.add_column(style="bold", no_wrap=True, max_width=44)
        grammar.add_column()
        for typed, what in GRAMMAR:
            grammar.add_row(typed, what)
        actions = Table.grid(padding=(0, 2))
        actions.add_column(style="bold", no_wrap=True)
        actions.add_column(no_wrap=True)
        actions.add_column(style="dim")
        for name, key, words in self.actions:
            actions.add_row(name, key, words)
        with VerticalScroll() as scroll:
            scroll.border_title = "help · escape to close"
            yield Static(Text("Keys", style="bold underline"))
            yield Static(keys)
            yield Static(Text("\nThe capture line", style="bold underline"))
            yield Static(grammar)
            if self.actions:
                yield Static(Text("\nEvery action: ctrl+p, then its name or any of its words",
                                  style="bold underline"))
                yield Static(actions)

    def action_close(self) -> None:
        self.dismiss(None)


def actions_of(commands: list[object]) -> list[tuple[str, str, str]]:
    """(name, key, its other words) for the palette's commands, as the help lists them."""
    return [(c.name, c.key, ", ".join(c.words)) for c in commands]  # type: ignore[attr-defined]


__all__ = ["HelpScreen", "actions_of", "keys_of"]
