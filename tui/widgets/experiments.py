"""Experiments in the session screen: plan a new response, see and edit its tries.

An experiment is a plan to practise a `response` node between sessions
("when no reply for an hour: breathe, then one message"); each try is how
one attempt went. The panel lists the experiments; for the one highlighted
it shows the plan, the tries chart and the tries themselves.

Data down, messages up: the session screen calls `show(view)` after every
change, and the panel asks for every change with `EditRequested` (so each
is one undo step). Keys, on the experiment list: `n` new experiment (for
the selected response node, if one is selected), `enter` change the plan,
`t` log a try, `delete` remove the experiment; on the tries list: `enter`
change a try, `delete` remove it, `t` log another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from patterns.edits import Edit
from patterns.graph import MapGraph
from patterns.ids import new_id
from patterns.models import Experiment
from patterns.progress import bars, progress
from patterns.side_edits import SetItem, add_try, set_try
from patterns.text import terminal_safe
from patterns.vocabulary import NodeKind
from patterns.voice import day
from tui.messages import EditRequested
from tui.screens import Dialog
from tui.session.view import SessionView
from tui.widgets.tries import FORM_CSS, LoggedTry, TriesChart, TryDialog, choice, field_row


class ExperimentDialog(Dialog[Experiment | None]):
    """Plan an experiment: which new response to practise, and when and how.

    `responses` are (node id, label) of the response nodes that may be
    chosen; `initial` changes an existing experiment (its id, response and
    tries are kept). Escape cancels with None.
    """

    DEFAULT_CSS = FORM_CSS.format(name="ExperimentDialog")
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="experiment.cancel"),
        Binding("ctrl+s", "save", "save", id="experiment.save"),
    ]

    def __init__(self, responses: list[tuple[str, str]], *, taken: set[str],
                 chosen: str | None = None, initial: Experiment | None = None) -> None:
        super().__init__()
        if not responses:
            raise ValueError("an experiment practises a response node")
        self.responses = responses
        self.taken = taken
        self.initial = initial
        ids = [key for key, _ in responses]
        self.chosen = initial.response if initial else (chosen if chosen in ids else ids[0])
        self.AUTO_FOCUS = "#experiment-plan"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Change the plan" if self.initial else "A new experiment",
                         classes="title")
            if self.initial is None and len(self.responses) > 1:
                yield field_row("New response", Select(
                    [(choice(label), key) for key, label in self.responses], value=self.chosen,
                    allow_blank=False, id="experiment-response", compact=True))
            else:
                label = dict(self.responses).get(self.chosen, self.chosen)
                yield Static(terminal_safe(f"Practising: {label}"), markup=False)
            yield field_row("The plan: when, and how", Input(
                terminal_safe(self.initial.plan or "") if self.initial else "",
                id="experiment-plan",
                placeholder="when no reply for an hour: breathe, then one message",
                compact=True))
            yield Static("", classes="error", id="experiment-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="experiment-cancel", compact=True)
                yield Button("Save", variant="primary", id="experiment-save", compact=True)
            yield Label("Enter or ctrl+s saves · Escape cancels", classes="help")

    @on(Select.Changed, "#experiment-response")
    def _response_chosen(self, event: Select.Changed) -> None:
        self.chosen = str(event.value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#experiment-save")
    def action_save(self) -> None:
        """Dismiss with the experiment (a plan may be left for later)."""
        plan = self.query_one("#experiment-plan", Input).value.strip() or None
        if self.initial is not None:
            self.dismiss(self.initial.model_copy(update={"plan": plan}))
            return
        label = dict(self.responses)[self.chosen]
        self.dismiss(Experiment(id=new_id(label, self.taken, "experiment"),
                                response=self.chosen, plan=plan))

    @on(Button.Pressed, "#experiment-cancel")
    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


@dataclass
class Wanted(Message):
    """A key on one of the panel's lists asked for something (`new`, `plan`,
    `remove`, `log`, `change`, `remove-try`); the panel knows the map."""

    what: str


class ExperimentList(OptionList):
    """One line per experiment: what is practised, its tries as bars, the count."""

    BINDINGS = [
        Binding("n", "want('new')", "new experiment", id="experiment.new"),
        Binding("enter", "want('plan')", "change plan", id="experiment.plan"),
        Binding("t", "want('log')", "log a try", id="experiment.try"),
        Binding("delete,backspace", "want('remove')", "remove experiment",
                id="experiment.remove"),
    ]

    def action_want(self, what: str) -> None:
        self.post_message(Wanted(what))


class TryList(OptionList):
    """The tries of the highlighted experiment, newest first."""

    BINDINGS = [
        Binding("enter", "want('change')", "change try", id="try.change"),
        Binding("delete,backspace", "want('remove-try')", "remove try", id="try.remove"),
        Binding("t", "want('log')", "log a try", id="try.log"),
    ]

    def action_want(self, what: str) -> None:
        self.post_message(Wanted(what))


class ExperimentsPanel(Vertical):
    """The session screen's experiments: list, plan, chart and tries."""

    DEFAULT_CSS = """
    ExperimentsPanel { height: 1fr; }
    ExperimentsPanel ExperimentList { height: auto; max-height: 8; }
    ExperimentsPanel #experiment-plan-text { height: auto; padding: 0 1; }
    ExperimentsPanel TriesChart { padding: 0 1; }
    ExperimentsPanel TryList { height: 1fr; min-height: 3; }
    """

    def __init__(self, *, today: Callable[[], dt.date] = dt.date.today,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: SessionView | None = None
        self._highlight: str | None = None
        #: What day it is (the session screen passes its own clock).
        self.today = today

    def compose(self) -> ComposeResult:
        yield ExperimentList(id="experiment-list")
        yield Static(id="experiment-plan-text")
        yield TriesChart(id="experiment-chart")
        yield TryList(id="try-list")

    # -- data down -----------------------------------------------------------------

    @property
    def graph(self) -> MapGraph:
        assert self._view is not None, "show(view) first"
        return self._view.graph

    @property
    def chosen(self) -> Experiment | None:
        """The highlighted experiment, or None."""
        options = self.query_one(ExperimentList)
        if self._view is None or options.highlighted is None or not options.option_count:
            return None
        return self.graph.experiment(options.get_option_at_index(options.highlighted).id)

    def show(self, view: SessionView) -> None:
        """Redraw from the map, keeping the highlighted experiment and try."""
        self._view = view
        options = self.query_one(ExperimentList)
        keep = self._highlight or (self.chosen.id if self.chosen else None)
        self._highlight = None
        options.clear_options()
        for e in view.graph.experiments:
            p = progress(e)
            label = Text(view.label(e.response))
            label.append(f"  {bars(p.after)}  " if e.tries else "  ", style="bold")
            label.append(f"{p.tries} {'try' if p.tries == 1 else 'tries'}", style="dim")
            options.add_option(Option(label, id=e.id))
        ids = [e.id for e in view.graph.experiments]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
        self._show_chosen()

    @on(OptionList.OptionHighlighted, "#experiment-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_chosen()

    def _show_chosen(self) -> None:
        view, experiment = self._view, self.chosen
        plan = self.query_one("#experiment-plan-text", Static)
        tries = self.query_one(TryList)
        keep = tries.highlighted
        tries.clear_options()
        if view is None or experiment is None:
            plan.update(Text("No experiments yet. Select a new response on the map and press"
                             " n to plan one.", style="dim"))
            self.query_one(TriesChart).progress = None
            return
        text = Text.assemble(("Plan: ", "bold"))
        text.append(view.mask(experiment.plan) if experiment.plan else "not written yet")
        plan.update(text)
        self.query_one(TriesChart).progress = progress(experiment)
        for index in reversed(range(len(experiment.tries))):
            attempt = experiment.tries[index]
            line = Text.assemble((day(attempt.date), "bold"))
            scores = [f"{w} {s}" for w, s in (("before", attempt.before),
                                              ("after", attempt.after)) if s is not None]
            line.append("  distress " + ", ".join(scores) if scores else "")
            if attempt.note:
                line.append(f"  {view.mask(attempt.note)}", style="italic")
            tries.add_option(Option(line, id=str(index)))
        if tries.option_count:
            tries.highlighted = min(keep or 0, tries.option_count - 1)

    # -- asking for changes ----------------------------------------------------------

    @on(Wanted)
    def _wanted(self, event: Wanted) -> None:
        event.stop()
        if self._view is None:
            return
        {
            "new": self.action_new_experiment, "plan": self.action_plan_experiment,
            "remove": self.action_remove_experiment, "log": self.action_log_try,
            "change": self.action_change_try, "remove-try": self.action_remove_try,
        }[event.what]()

    def _responses(self) -> list[tuple[str, str]]:
        return [(n.id, self._view.label(n.id)) for n in self.graph.nodes(NodeKind.RESPONSE)]

    def action_new_experiment(self) -> None:
        """Plan an experiment for the selected response node (or choose one)."""
        responses = self._responses()
        if not responses:
            self.notify("Add a new response first (x: …), then plan how to practise it.",
                        title="No new responses yet")
            return
        def done(experiment: Experiment | None) -> None:
            if experiment is not None:
                self._highlight = experiment.id  # show the new one once it is added
                self._ask(SetItem("experiments", None, experiment, what="an experiment"))

        self.app.push_screen(ExperimentDialog(
            responses, chosen=self._view.selected,
            taken={e.id for e in self.graph.experiments}), done)

    def action_plan_experiment(self) -> None:
        """Change the plan of the highlighted experiment."""
        experiment = self.chosen
        if experiment is None:
            self.action_new_experiment()
            return
        index = self.graph.experiments.index(experiment)

        def done(changed: Experiment | None) -> None:
            if changed is not None and changed != experiment:
                self._ask(SetItem("experiments", index, changed, what="the plan"))

        self.app.push_screen(ExperimentDialog(self._responses(), taken=set(),
                                              initial=experiment), done)

    def action_remove_experiment(self) -> None:
        """Remove the highlighted experiment and its tries (undo brings them back)."""
        experiment = self.chosen
        if experiment is not None:
            index = self.graph.experiments.index(experiment)
            self._ask(SetItem("experiments", index, None, what="an experiment"))

    def action_log_try(self) -> None:
        """Log a try of the highlighted experiment."""
        self._try_dialog(None)

    def action_change_try(self) -> None:
        """Change the highlighted try."""
        index = self._try_index()
        if index is not None:
            self._try_dialog(index)

    def action_remove_try(self) -> None:
        """Remove the highlighted try (undo brings it back)."""
        experiment, index = self.chosen, self._try_index()
        if experiment is not None and index is not None:
            self._ask(set_try(self.graph, experiment.id, index, None))

    def _try_index(self) -> int | None:
        tries = self.query_one(TryList)
        if tries.highlighted is None or not tries.option_count:
            return None
        return int(tries.get_option_at_index(tries.highlighted).id)

    def _try_dialog(self, index: int | None) -> None:
        experiment = self.chosen
        if experiment is None:
            self.notify("Plan an experiment first (n).", title="No experiment")
            return
        initial = experiment.tries[index] if index is not None else None

        def done(logged: LoggedTry | None) -> None:
            if logged is None:
                return
            if index is None:
                self._ask(add_try(self.graph, logged.experiment_id, logged.attempt))
            else:
                self._ask(set_try(self.graph, logged.experiment_id, index, logged.attempt))

        self.app.push_screen(TryDialog(
            [(experiment.id, self._view.label(experiment.response))],
            plans={experiment.id: experiment.plan or ""}, initial=initial, today=self.today(),
            title="Change this try" if initial else "Log a try"), done)

    def _ask(self, edit: Edit) -> None:
        self.post_message(EditRequested(edit))


__all__ = ["ExperimentDialog", "ExperimentList", "ExperimentsPanel", "TryList", "Wanted"]
