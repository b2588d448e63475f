"""Every action by its words (issue 17): the command palette finds each action
of the session screen under each of its words, `?` lists every action with
its key or words, and the README's key table names every key."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, wait_for
from textual.binding import Binding
from textual.command import CommandPalette
from textual.fuzzy import Matcher

from tui.session.capture_line import CaptureInput
from tui.session.help_screen import HelpScreen
from tui.session.palette import rank, session_commands
from tui.session.screen import SessionScreen

README = Path(__file__).resolve().parent.parent / "README.md"

#: The words the issue says a therapist typed and found nothing for, and the
#: action each must find.
ISSUE_WORDS = {
    "loop": "name loop", "rupture": "log a rupture", "experiment": "plan an experiment",
    "repair": "log a repair", "practice": "go to: practice", "person": "add: person",
    "session": "what's new since last session", "save as": "save as…", "export": "export: PDF",
    "privacy": "privacy screen", "undo": "undo", "find": "find a node", "name loop": "name loop",
    "homework": "plan an experiment", "print": "export: PDF",
}


def _top(commands: list, query: str) -> list[str]:
    """The names of the commands tied for the best score for `query`."""
    hits = rank(commands, query, Matcher(query).match)
    return [c.name for score, c, _ in hits if score == hits[0][0]] if hits else []


@pilot_test
async def test_every_action_is_found_by_each_of_its_words(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)):
        commands = session_commands(app.session)
        names = [c.name for c in commands]
        assert len(names) == len(set(names))
        for command in commands:
            assert command.words, f"{command.name} has no words"
            for word in (command.name, *command.words):
                assert command.name in _top(commands, word), (word, _top(commands, word))
                # Typed in capitals or with a slip of spacing too.
                assert command.name in _top(commands, f" {word.upper()} "), word
        for word, name in ISSUE_WORDS.items():
            assert name in _top(commands, word), (word, _top(commands, word))


@pilot_test
async def test_every_key_of_the_screen_is_an_action_in_the_palette(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)):
        keys = {c.key.lower() for c in session_commands(app.session) if c.key}
        for binding in SessionScreen.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action == "app.quit":
                continue  # Textual's own palette entry ("Quit") has it
            shown = (binding.key_display or binding.key.split(",")[0]).lower()
            assert shown in keys, binding.key


@pilot_test
async def test_typing_a_word_in_the_palette_runs_its_action(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        line = app.session.query_one(CaptureInput)
        for word, started in (("rupture", "rupture: "), ("experiment", "try: "),
                              ("loop", "name: "), ("repair", "repair: ")):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*word)
            await pilot.pause(0.4)
            assert "(" + word + ")" in screen_text(app) or word in screen_text(app)
            await pilot.press("enter")
            await wait_for(pilot, lambda s=started: line.value == s)
            assert app.focused is line
            line.value = ""


@pilot_test
async def test_help_lists_every_action_with_its_key_or_words(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = {name: (key, words) for name, key, words in help_screen.actions}
        for command in session_commands(app.session):
            key, words = listed[command.name]
            assert key == command.key
            assert all(word in words for word in command.words)
        # On screen too: the keys first; the actions at the end, scrolled to.
        await wait_for(pilot, lambda: "ctrl+z   undo" in screen_text(app))
        await pilot.press("end")
        await wait_for(pilot, lambda: "add: sentence" in screen_text(app))
        assert "add: origin" in screen_text(app)


def test_the_readme_key_table_names_every_key() -> None:
    table = README.read_text("utf-8").split("## Keys in the session screen", 1)[1]
    table = table.split("\n## ", 1)[0]
    for binding in SessionScreen.BINDINGS:
        assert isinstance(binding, Binding)
        if binding.id == "session.privacy-off":
            continue
        key = (binding.key_display or binding.key.split(",")[0])
        assert re.search(rf"(?<![\w+]){re.escape(key)}(?![\w+])", table, re.IGNORECASE), key
    for word in ("name:", "try:", "rupture:", "repair:", "person:", "ctrl+p"):
        assert word in table, word
