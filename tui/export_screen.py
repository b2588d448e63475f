"""The export dialog of the session screen: which format, for whom, and where.

`ExportScreen(source)` asks the format (PDF / TOML / Markdown / DOT / JSON), the audience
(the client, the default, leaves out every private note; the therapist adds
them), the paper and whether the PDF's metadata may name the client, and the
place (beside the map by default: `chase.toml` -> `chase-client.pdf`). It
returns an `ExportRequest`, or None when cancelled.

`ExportProgress(m, request, source=...)` then writes the file in a worker
thread, shows a progress bar while it works, and says where the file went
(or, plainly, why it could not be written). It returns the path written,
or None.

The session screen (or any screen that holds the map) needs one call:

    from tui.export_screen import start_export

    def action_export(self, fmt: str = "pdf") -> None:
        start_export(self, self.path, self.graph.to_map, fmt=fmt)

`current_map` is called when the user confirms, so the export holds every
edit made up to that moment, saved to disk or not. `fmt` preselects the
format (for palette commands "export: PDF / TOML / Markdown"); an optional
`done(path_or_None)` callback hears how it ended. The dialog fits 80x24.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet
from textual.worker import Worker, WorkerState

from exports.audience import AUDIENCES, Audience, has_private_notes
from exports.errors import AttachmapError
from exports.export_file import default_output
from exports.formats import FORMATS, render
from exports.settings import Settings
from exports.store.atomic import write_atomic
from patterns.models import RelationalMap
from tui.screens import Dialog

#: The formats offered, in the order shown, with a line saying what each is for.
CHOICES: dict[str, str] = {
    "pdf": "PDF: the map and its story, to take home or print",
    "toml": "TOML: the map itself, to keep or load again",
    "md": "Markdown: for notes apps, with a Mermaid drawing of the map",
    "dot": "Graphviz DOT: the map as a graph, to draw with dot",
    "json": "JSON: node-link data for Python, D3 or Kumu",
    "svg": "SVG: the map drawn as on paper, for a web page or a note tool",
}
AUDIENCE_CHOICES: dict[Audience, str] = {
    "client": "the client: leaves out every private note",
    "therapist": "the therapist: adds the private notes",
}
PAPER_CHOICES = {"a4": "A4", "letter": "Letter"}
FORMAT_NAMES = {"pdf": "PDF", "toml": "TOML", "md": "Markdown", "dot": "Graphviz DOT",
                "json": "JSON", "svg": "SVG"}


class ExportRequest(BaseModel):
    """What the user asked to export, and where."""

    model_config = ConfigDict(frozen=True)

    fmt: str
    """`pdf`, `toml`, `md`, `dot`, `json` or `svg` (a key of exports.formats.FORMATS)."""
    audience: Audience = "client"
    """Who the file is for: the client's version has no private notes."""
    path: Path
    """Where to write it (absolute)."""
    paper: str = "a4"
    """PDF paper size: `a4` or `letter`."""
    name_in_metadata: bool = False
    """Whether the PDF's metadata may name the client."""
    signature: str | None = None
    """The therapist and practice for the foot of the PDF's pages (the settings)."""


def resolve_output(text: str, source: Path, fmt: str) -> Path:
    """The path the user typed, made absolute: `~` expanded, a bare name put
    beside the map, the format's suffix added when there is none."""
    path = Path(text.strip()).expanduser()
    if not path.is_absolute():
        path = source.resolve().parent / path
    if not path.suffix:
        path = path.with_suffix(FORMATS[fmt].suffix)
    return path


def output_problem(path: Path, source: Path) -> str | None:
    """Why `path` cannot take the export, in a sentence; None if it can."""
    if path.resolve() == source.resolve():
        return "That is the map itself: choose another name."
    if path.is_dir():
        return f"{path} is a folder: add a file name."
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist."
    return None


def write_export(m: RelationalMap, request: ExportRequest, *, source: Path) -> Path:
    """Render `m` as asked and write it atomically (owner-only); the path written.

    Raises AttachmapError with a sentence for the user when it cannot."""
    problem = output_problem(request.path, source)
    if problem:
        raise AttachmapError(problem)
    data = render(m, request.fmt, request.audience, paper=request.paper,
                  name_in_metadata=request.name_in_metadata, signature=request.signature)
    try:
        write_atomic(request.path, data)
    except OSError as error:
        raise AttachmapError(
            f"Could not write {request.path}: {error.strerror or error}") from None
    return request.path



def _choice_row(field: str, name: str, choices: dict[str, str], chosen: str) -> Horizontal:
    """A labelled row of radio buttons: the set `export-<name>`, one button
    `<name>-<key>` per choice, the `chosen` one pressed."""
    buttons = [RadioButton(text, value=key == chosen, id=f"{name}-{key}")
               for key, text in choices.items()]
    return Horizontal(Label(field, classes="field"), RadioSet(*buttons, id=f"export-{name}"),
                      classes="row")

class ExportScreen(Dialog[ExportRequest | None]):
    """Ask how to export the map: format, audience, paper and place."""

    CSS_PATH = "export_screen.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "export", id="export.confirm", show=False),
    ]

    def __init__(self, source: Path, *, fmt: str = "pdf", audience: Audience = "client",
                 private_notes: bool | None = None, paper: str = "a4",
                 signature: str | None = None) -> None:
        super().__init__()
        self.source = Path(source)
        self.fmt = fmt if fmt in CHOICES else "pdf"
        self.audience: Audience = audience
        self.paper = paper if paper in PAPER_CHOICES else "a4"
        self.signature = signature
        #: Whether the map has private notes (None: unknown), to say what the
        #: therapist's version adds.
        self.private_notes = private_notes
        self._auto_path = str(default_output(self.source, self.fmt, self.audience))

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the map"
            yield _choice_row("Format", "format", CHOICES, self.fmt)
            yield _choice_row("For", "audience", AUDIENCE_CHOICES, self.audience)
            yield Label("", id="export-audience-note", markup=False)
            with Vertical(id="export-pdf-options"):
                yield _choice_row("Paper", "paper", PAPER_CHOICES, self.paper)
                with Horizontal(classes="row-tight"):
                    yield Label("Metadata", classes="field")
                    yield Checkbox("may name the client (otherwise it names nobody)", False,
                                   id="export-name-in-metadata")
            with Horizontal(classes="row"):
                yield Label("Save to", classes="field")
                yield Input(self._auto_path, id="export-path", compact=True)
            yield Label("", id="export-path-note", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)
            yield Label("Enter or ctrl+s to export · Escape to cancel", id="export-help")

    def on_mount(self) -> None:
        self._refresh_notes()
        self.query_one("#export-path", Input).focus()

    # -- choices ------------------------------------------------------------

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = (event.pressed.id or "format-pdf").removeprefix("format-")
        self._follow_choices()

    @on(RadioSet.Changed, "#export-audience")
    def _audience_changed(self, event: RadioSet.Changed) -> None:
        chosen = (event.pressed.id or "audience-client").removeprefix("audience-")
        self.audience = chosen if chosen in AUDIENCES else "client"  # type: ignore[assignment]
        self._follow_choices()

    @on(RadioSet.Changed, "#export-paper")
    def _paper_changed(self, event: RadioSet.Changed) -> None:
        self.paper = (event.pressed.id or "paper-a4").removeprefix("paper-")

    @on(Input.Changed, "#export-path")
    def _path_changed(self, _event: Input.Changed) -> None:
        self._refresh_notes()

    def _follow_choices(self) -> None:
        # The suggested name follows the choices until the user types their own.
        field = self.query_one("#export-path", Input)
        if field.value == self._auto_path:
            self._auto_path = str(default_output(self.source, self.fmt, self.audience))
            field.value = self._auto_path
        self._refresh_notes()

    def _refresh_notes(self) -> None:
        self.query_one("#export-pdf-options").display = self.fmt == "pdf"
        note = self.query_one("#export-audience-note", Label)
        if self.audience == "therapist":
            adds = "" if self.private_notes is not False else " (this map has none yet)"
            note.update(f"⚠ Includes the private notes{adds}: not for the client's eyes.")
            note.add_class("warning")
        else:
            note.update("Safe to hand over: no private notes.")
            note.remove_class("warning")
        self.query_one("#export-path-note", Label).update(self._path_note())

    def _path_note(self) -> str:
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            return "Type where to save the file."
        path = resolve_output(text, self.source, self.fmt)
        problem = output_problem(path, self.source)
        if problem:
            return problem
        if path.exists():
            return f"Will replace the file already at {path}."
        return f"Will save {path}."

    # -- answers --------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value
        note = self.query_one("#export-path-note", Label)
        if not text.strip():
            note.update("Type where to save the file.")
            return
        path = resolve_output(text, self.source, self.fmt)
        problem = output_problem(path, self.source)
        if problem:
            note.update(problem)
            note.add_class("error")
            return
        self.dismiss(ExportRequest(
            fmt=self.fmt, audience=self.audience, path=path, paper=self.paper,
            name_in_metadata=self.fmt == "pdf" and self.query_one(Checkbox).value,
            signature=self.signature,
        ))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportProgress(Dialog[Path | None]):
    """Write one export in a worker, with a progress bar, then say where it went."""

    CSS_PATH = "export_screen.tcss"
    BINDINGS = [Binding("escape,enter", "close", "close", id="export.close")]

    def __init__(self, m: RelationalMap, request: ExportRequest, *, source: Path) -> None:
        super().__init__()
        self.map = m
        self.request = request
        self.source = Path(source)
        #: The path written once the worker is done; None before or on failure.
        self.written: Path | None = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        name = FORMAT_NAMES.get(self.request.fmt, self.request.fmt)
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            yield Label(f"Making the {name} for the {self.request.audience}…",
                        id="export-status", markup=False)
            yield ProgressBar(total=None, show_eta=False, show_percentage=False,
                              id="export-progress")
            yield Label("", id="export-result", markup=False)
            yield Button("Close", id="export-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-close").display = False  # nothing to close on until it is written
        self._write()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export",
          description="writing the export")
    def _write(self) -> Path:
        return write_export(self.map, self.request, source=self.source)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self.written = event.worker.result
            self._finish(f"✓ Saved {self.written}", self._describe())
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self.error = str(error) if isinstance(error, AttachmapError) else (
                f"The export failed: {error}")
            self._finish("✗ Nothing was written.", self.error)

    def _describe(self) -> str:
        size = self.written.stat().st_size if self.written and self.written.exists() else 0
        who = ("for the client, without private notes" if self.request.audience == "client"
               else "for the therapist, with private notes: not for the client")
        return f"{FORMAT_NAMES.get(self.request.fmt, self.request.fmt)}, {who}, {size / 1024:.0f} KB"

    def _finish(self, status: str, detail: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=1, progress=1)
        self.query_one("#export-progress").display = False
        self.query_one("#export-status", Label).update(status)
        self.query_one("#export-result", Label).update(detail)
        button = self.query_one("#export-close", Button)
        button.display = True
        button.focus()

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        if self.written is None and self.error is None:
            return  # still working: the file is not there yet
        self.dismiss(self.written)


def start_export(screen: Screen, source: Path, current_map: Callable[[], RelationalMap], *,
                 fmt: str = "pdf", done: Callable[[Path | None], None] | None = None) -> None:
    """Ask how to export (ExportScreen), then write it (ExportProgress).

    `current_map` is called once the user confirms; `done` gets the path
    written, or None if cancelled or failed."""
    def chosen(request: ExportRequest | None) -> None:
        if request is None:
            if done:
                done(None)
            return
        progress = ExportProgress(current_map(), request, source=source)
        screen.app.push_screen(progress, done)

    m = current_map()
    # The practice's settings (the app's, read at start) choose the defaults.
    settings = getattr(screen.app, "settings", None) or Settings()
    screen.app.push_screen(
        ExportScreen(source, fmt=fmt, private_notes=has_private_notes(m),
                     audience=settings.audience, paper=settings.paper,
                     signature=settings.signature()), chosen)
