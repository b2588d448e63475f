"""The details of the selected node, below the map, and its editor in place.

Read: a title line (label · kind · person · intensity) and the links in and
out, with the notes. At 80×24 it shrinks to one line. Edit (Enter on a node,
or `e`): each field of the node becomes editable where it stands, in the
same order for every kind (a kind without a layer or style still has that
place, so Tab takes a therapist to the same field on every node, never the
private note in place of the shared one); the private note comes last, set
apart and marked "only you see this". A change is
asked of the screen as an `UpdateNode` edit when the field is left or Enter
is pressed, so every change is one undo step. The node's links are listed
below the fields: Delete removes one, Enter changes its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from patterns.edits import RemoveLink, UpdateNode
from patterns.models import Link, Node
from patterns.text import terminal_safe
from patterns.vocabulary import FeelingLayer, NodeKind, StrategyStyle, link_phrase
from tui.messages import EditRequested
from tui.session.view import HIDDEN_NOTE, SessionView


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_line(view: SessionView, node: Node) -> str:
    """`scared of being left · feeling, core · Zoë · intensity 9`."""
    parts = [view.mask(node.label), view.kind_text(node)]
    if owner := view.owner_name(node):
        parts.append(owner)
    if node.intensity is not None:
        parts.append(f"intensity {node.intensity}")
    return " · ".join(parts)


def links_text(view: SessionView, links: list[Link], end: str) -> str:
    """`Sam goes quiet… (activates) · Gran's kitchen… (soothes)` or `—`."""
    g = view.graph
    words = [f"{_short(view.label(getattr(lk, end)))} ({link_phrase(lk.kind)})" for lk in links]
    return " · ".join(words) or "—"


class LinkList(OptionList):
    """The selected node's links; Delete removes one, Enter changes its kind."""

    BINDINGS = [
        Binding("delete,backspace", "remove", "remove link", id="link.remove"),
        Binding("enter", "change_kind", "change link kind", id="link.kind"),
    ]

    @dataclass
    class KindWanted(Message):
        """Enter on a link: choose another kind for it."""

        link: Link

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.links: list[Link] = []

    def _current(self) -> Link | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.links):
            return None
        return self.links[self.highlighted]

    def action_remove(self) -> None:
        link = self._current()
        if link is not None:
            self.post_message(EditRequested(RemoveLink(link.source, link.target, link.kind)))

    def action_change_kind(self) -> None:
        link = self._current()
        if link is not None:
            self.post_message(self.KindWanted(link))


_TEXT_FIELDS = ("label", "intensity", "note", "private_note")


class DetailsPanel(Vertical):
    """The selected node, to read or to edit in place."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: SessionView | None = None
        self.editing = False
        self._drawn: tuple[object, ...] | None = None
        #: The editor's fields: None until first needed, then mounting, then ready.
        self._form: Vertical | None = None
        self._form_ready = False

    def compose(self) -> ComposeResult:
        yield Static("", id="details-read", markup=False)

    @staticmethod
    def _new_form() -> Vertical:
        """The editor's fields, made the first time a node is edited: most
        sessions open with reading, and 30-odd widgets fewer make the first
        frame come sooner."""
        return Vertical(
            Horizontal(Label("label", classes="field-name"),
                       Input(id="field-label", classes="wide", select_on_focus=False),
                       classes="form-row"),
            Horizontal(Label("kind", classes="field-name"),
                       Select([(k.value, k) for k in NodeKind], allow_blank=False,
                              id="field-kind", compact=True),
                       Label("person", classes="field-name"),
                       Select([], id="field-person", compact=True, prompt="default"),
                       Label("intensity", classes="field-name"),
                       Input(id="field-intensity", type="integer", max_length=2,
                             placeholder="0–10", classes="narrow", select_on_focus=False),
                       Label("layer", id="shade-name", classes="field-name"),
                       Select([], id="field-shade", compact=True, prompt="—"),
                       classes="form-row"),
            Horizontal(Label("note", classes="field-name"),
                       Input(id="field-note", classes="wide", placeholder="shared with the client",
                             select_on_focus=False),
                       classes="form-row"),
            Horizontal(Label("private", classes="field-name"),
                       Input(id="field-private_note", classes="wide", select_on_focus=False,
                             placeholder="never in the client's review or exports"),
                       Label("only you see this", classes="private-mark"),
                       classes="form-row private-row"),
            LinkList(id="details-links"),
            id="details-form",
        )

    # -- data down ------------------------------------------------------------

    def show(self, view: SessionView) -> None:
        """Show the selected node (and keep the editor in step with the map)."""
        self._view = view
        node = view.node(view.selected)
        key = (view.revision, view.selected, view.privacy, self.has_class("-compact"),
               self.editing)
        if key == self._drawn:
            return
        self._drawn = key
        self.set_class(node is None, "-empty")
        if node is None:
            self.border_title = "details"
            self.query_one("#details-read", Static).update(
                "Nothing selected. Add a part on the line below, or pick a node on the map.",
                layout=False)
            if self.editing:
                self.stop_editing()
            return
        # Content, not a str: a str title is read as markup.
        self.border_title = Content(_short(title_line(view, node), 110))
        g = view.graph
        read = Text()
        read.append("from  ", style="bold")
        read.append(links_text(view, g.links_in(node.id), "source"))
        read.append("\nto    ", style="bold")
        read.append(links_text(view, g.links_out(node.id), "target"))
        read.append("\nnote: ", style="bold")
        read.append(view.mask(node.note) if node.note else "—")
        private = view.private_note(node)
        read.append("  ·  ", style="dim")
        read.append("private note: ", style="bold")
        read.append(private or "—", style="italic" if private == HIDDEN_NOTE else "")
        if self.has_class("-compact"):
            read = Text(f"{title_line(view, node)} · from {len(g.links_in(node.id))}"
                        f" · to {len(g.links_out(node.id))}")
        # Three lines (one when compact) whatever the node: no relayout needed.
        self.query_one("#details-read", Static).update(read, layout=False)
        if self.editing and self._form_ready:
            self._fill_form(view, node)

    def start_editing(self) -> None:
        """Open the selected node's fields for editing; focus its label."""
        if self._view is None or self._view.node(self._view.selected) is None:
            return
        self.editing = True
        self.add_class("-editing")
        self.border_subtitle = ("Enter or Tab keeps a field · in the links: Delete removes, "
                                "Enter changes the kind · Esc back to the line")
        if self._form is None:
            self._form = self._new_form()
            self.call_later(self._mount_form, self._form)
        elif self._form_ready:
            self._open_form()

    async def _mount_form(self, form: Vertical) -> None:
        await self.mount(form)
        self._form_ready = True
        if self.editing:
            self._open_form()

    def _open_form(self) -> None:
        """Fill the fields with the selected node (as the view shows it) and
        focus the first one that can be typed in."""
        view = self._view
        node = view.node(view.selected) if view is not None else None
        if node is None:
            return
        self._fill_form(view, node)  # type: ignore[arg-type]
        # The form becomes visible on the next refresh: focus it then.
        first = next(f for f in self.query("#details-form Input") if not f.disabled)
        self.call_after_refresh(first.focus)

    def stop_editing(self) -> None:
        """Back to reading (fields left unsaved are saved first)."""
        if self.editing and self._form_ready:
            for name in _TEXT_FIELDS:
                self._commit_text(self.query_one(f"#field-{name}", Input))
        self.editing = False
        self.remove_class("-editing")
        self.border_subtitle = ""

    def _fill_form(self, view: SessionView, node: Node) -> None:
        focused = self.screen.focused if self.is_attached else None

        def put(widget: Any, value: Any, *, hide: bool = False) -> None:
            # A field being typed in keeps its text, unless privacy must hide it.
            if widget is not focused or hide:
                widget.value = value

        # Behind the privacy screen the words are shown masked and cannot be
        # edited: a masked label must never be saved back as the label.
        label, note = self.query_one("#field-label", Input), self.query_one("#field-note", Input)
        label.disabled = note.disabled = view.privacy
        put(label, view.mask(node.label), hide=view.privacy)
        put(note, view.mask(node.note or ""), hide=view.privacy)
        put(self.query_one("#field-intensity", Input),
            "" if node.intensity is None else str(node.intensity))
        private = self.query_one("#field-private_note", Input)
        if view.privacy and focused is private:
            self._commit_text(private)  # keep what was typed before hiding it
        private.disabled = view.privacy
        put(private, HIDDEN_NOTE if view.privacy and node.private_note else
            "" if view.privacy else view.private_note(node) or "", hide=view.privacy)
        put(self.query_one("#field-kind", Select), node.kind)
        people = self.query_one("#field-person", Select)
        self._options(people, [(Text(view.person_name(p)), p.id) for p in view.graph.people])
        put(people, node.person if node.person is not None else Select.NULL)
        shade = self.query_one("#field-shade", Select)
        shade_name = self.query_one("#shade-name", Label)
        # Every kind has this place (Tab counts the same on every node); only
        # feelings (layer) and strategies (style) have anything to choose in it.
        if node.kind is NodeKind.FEELING:
            shade_name.update("layer")
            self._options(shade, [(v.value, v) for v in FeelingLayer])
            put(shade, node.layer or Select.NULL)
        elif node.kind is NodeKind.STRATEGY:
            shade_name.update("style")
            self._options(shade, [(v.value, v) for v in StrategyStyle])
            put(shade, node.style or Select.NULL)
        else:
            shade_name.update("—")
            self._options(shade, [])
            put(shade, Select.NULL)
        g = view.graph
        links = g.links_in(node.id) + g.links_out(node.id)
        link_list = self.query_one(LinkList)
        keep = link_list.highlighted
        link_list.links = links
        link_list.clear_options()
        for lk in links:
            if lk.target == node.id:
                link_list.add_option(Option(Text(
                    f"← {_short(view.label(lk.source), 50)}  ({link_phrase(lk.kind)})")))
            else:
                link_list.add_option(Option(Text(
                    f"→ {_short(view.label(lk.target), 50)}  ({link_phrase(lk.kind)})")))
        if links:
            link_list.highlighted = min(keep or 0, len(links) - 1)

    def _options(self, select: Select[Any], options: list[tuple[str, Any]]) -> None:
        # Setting options resets the value (and says so): only when they differ.
        if getattr(select, "_shown_options", None) != options:
            select._shown_options = options  # type: ignore[attr-defined]
            select.set_options(options)

    # -- changes up -------------------------------------------------------------

    @staticmethod
    def _stale(event: Select.Changed) -> bool:
        """A change the form made itself while filling in (or superseded since)."""
        return event.value != event.select.value

    def _ask(self, changes: dict[str, Any]) -> None:
        view = self._view
        node = view.node(view.selected) if view else None
        if node is None:
            return
        changed = {k: v for k, v in changes.items() if getattr(node, k) != v}
        if changed:
            self.post_message(EditRequested(UpdateNode(node.id, changed)))

    def _commit_text(self, field: Input) -> None:
        name = (field.id or "").removeprefix("field-")
        if name not in _TEXT_FIELDS or field.disabled or self._view is None:
            return
        value: Any = field.value.strip()
        node = self._view.node(self._view.selected)
        current = getattr(node, name, None) if node is not None else None
        if value == ("" if current is None else terminal_safe(str(current)).strip()):
            return  # as the form showed it (control characters left out): nothing typed
        if name == "intensity":
            if value and not value.isdigit():
                return
            value = int(value) if value else None
        elif name != "label":
            value = value or None
        self._ask({name: value})

    @on(Input.Submitted, "#details-form Input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._commit_text(event.input)

    @on(Input.Blurred, "#details-form Input")
    def _left(self, event: Input.Blurred) -> None:
        self._commit_text(event.input)

    @on(Select.Changed, "#field-kind")
    def _kind(self, event: Select.Changed) -> None:
        if self.editing and event.value is not Select.NULL and not self._stale(event):
            self._ask({"kind": event.value})

    @on(Select.Changed, "#field-person")
    def _person(self, event: Select.Changed) -> None:
        if self.editing and not self._stale(event):
            self._ask({"person": None if event.value is Select.NULL else event.value})

    @on(Select.Changed, "#field-shade")
    def _shade(self, event: Select.Changed) -> None:
        view = self._view
        node = view.node(view.selected) if view else None
        if not self.editing or node is None or self._stale(event):
            return
        value = None if event.value is Select.NULL else event.value
        if node.kind is NodeKind.FEELING and (value is None or isinstance(value, FeelingLayer)):
            self._ask({"layer": value})
        elif node.kind is NodeKind.STRATEGY and (value is None or isinstance(value, StrategyStyle)):
            self._ask({"style": value})


__all__ = ["DetailsPanel", "LinkList", "links_text", "title_line"]
