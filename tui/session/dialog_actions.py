"""The session screen's actions that ask something first: the map's title,
a person to add, another kind for a link, a rupture and its repair. Each
answer becomes one edit.

A mixin of `SessionScreen` (its handler is found by name, as Textual does
for `on_…` methods of any class in the screen's MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from patterns.edits import UpdateLink
from patterns.ids import new_id
from patterns.models import Person, Repair
from patterns.side_edits import SetField, SetItem
from patterns.vocabulary import LinkKind
from tui.session.details import LinkList
from tui.session.dialogs import LinkKindPicker, PersonPrompt, TextPrompt

if TYPE_CHECKING:
    from tui.session.screen import SessionScreen


class DialogActions:
    """Rename the map, add a person, change a link's kind, log a repair."""

    def action_rename_map(self: SessionScreen) -> None:
        """Give the map a title."""
        def chosen(title: str | None) -> None:
            if title and title != self.graph.title:
                self.apply(SetField("title", title))

        if self.privacy:  # the title may hold names: not while the client is looking
            self.notify("Turn the privacy screen off (F2) to rename the map.", timeout=4)
            return
        self.app.push_screen(TextPrompt("The map's title", self.graph.title), chosen)

    def action_add_person(self: SessionScreen) -> None:
        """Add someone in the pattern (a partner, a parent…)."""
        def chosen(person: Person | None) -> None:
            if person is None:
                return
            taken = {p.id for p in self.graph.people}
            person = person.model_copy(update={"id": new_id(person.name, taken, "person")})
            if self.apply(SetItem("people", None, person, what=f"person {person.name}")):
                self.notify(f"Added {self.view.person_name(person)}. F4 chooses whose side "
                            "new parts go to.", timeout=4)

        self.app.push_screen(PersonPrompt("person"), chosen)

    def action_repair_form(self: SessionScreen) -> None:
        """Write a rupture and its repair in a form (the palette's way to it)."""
        from tui.widgets.repairs import therapist_dialog

        def chosen(repair: Repair | None) -> None:
            if repair is not None:
                self.apply(SetItem("repairs", None, repair, what="a repair"))

        self.app.push_screen(therapist_dialog(self.view, today=self.today()), chosen)

    def on_link_list_kind_wanted(self: SessionScreen, event: LinkList.KindWanted) -> None:
        """Enter on one of a node's links: choose how it reads."""
        event.stop()
        link, view = event.link, self.view

        def chosen(kind: LinkKind | None) -> None:
            if kind is not None and kind != link.kind:
                self.apply(UpdateLink(link.source, link.target, link.kind, new_kind=kind))

        self.app.push_screen(LinkKindPicker(view.label(link.source), view.label(link.target),
                                            link.kind), chosen)


__all__ = ["DialogActions"]
