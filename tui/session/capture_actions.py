"""The session screen's side of the capture line: hints, completion, and
turning an entered line into one undoable edit.

A mixin of `SessionScreen` (its handlers are found by name, as Textual does
for `on_…` methods of any class in the screen's MRO). The capture grammar
(patterns.capture) is imported when first used, not before the first frame:
the app imports it as soon as that frame is on screen (AttachmapApp.on_ready).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.session.capture_line import CaptureInput, CaptureLine

if TYPE_CHECKING:
    from tui.session.screen import SessionScreen


class CaptureActions:
    """What the screen does with what is typed on the capture line."""

    def capture_context(self: SessionScreen) -> dict[str, object]:
        """What a line is read against besides the map: whose side new parts
        go to, today's session, the part selected and the loop shown (for
        `name:`), and today (for `rupture:`)."""
        return {"person": self.person, "session": self.today_session_id(),
                "selected": self.selected, "loop": self.loop, "today": self.today()}

    def capture_hint(self: SessionScreen, text: str) -> str | None:
        """What the line would do if Enter were pressed now."""
        from patterns.capture.line import capture_hint

        return self.view.mask(capture_hint(text, self.graph, **self.capture_context()))

    def capture_completion(self: SessionScreen, text: str) -> str | None:
        """The line with the node reference being typed completed, or None."""
        from patterns.capture.line import complete_capture

        return complete_capture(text, self.graph)

    def start_line(self: SessionScreen, text: str) -> None:
        """Put text on the capture line and focus it (palette "add: trigger")."""
        field = self.query_one(CaptureInput)
        field.value = text
        field.cursor_position = len(text)
        field.focus()

    def on_capture_line_submitted(self: SessionScreen, event: CaptureLine.Submitted) -> None:
        """Enter: the line becomes one edit (new nodes carry today's session and
        go to the chosen person's side; a loop it names is shown on the map),
        or its error shows under the line."""
        from patterns.capture import CaptureError
        from patterns.capture.line import parse_capture

        event.stop()
        line = self.query_one(CaptureLine)
        try:
            capture = parse_capture(event.text, self.graph,
                                    **self.capture_context())  # type: ignore[arg-type]
        except CaptureError as error:
            line.rejected(self.view.mask(error.message), error.start, error.end)
            return
        select = capture.node_ids[-1] if capture.node_ids else self.selected
        if capture.loop is not None:
            self.loop = capture.loop  # the loop just named is shown on the map
        error = self.try_apply(capture.edit, select=select)
        if error is None and capture.private and self.privacy:
            # Its words are the therapist's alone: not said again on screen.
            line.accepted(event.text, "logged a private entry in the Repairs tab (hidden by"
                                      " the privacy screen)")
        elif error is None:
            line.accepted(event.text, self.view.mask(capture.summary))
        else:
            line.rejected(self.view.mask(error))

    def on_capture_input_help_wanted(self: SessionScreen,
                                     event: CaptureInput.HelpWanted) -> None:
        """`?` on an empty line shows the keys."""
        event.stop()
        self.action_help()


__all__ = ["CaptureActions"]
