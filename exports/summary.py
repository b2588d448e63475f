"""The one-screen summary `attachmap check` prints for a valid map."""

from __future__ import annotations

from collections import Counter

from patterns.cycles import find_cycles
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from patterns.story import cycle_title
from patterns.vocabulary import KIND_PLURALS, READING_ORDER
from patterns.voice import day, quote


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summarize(m: RelationalMap, name: str) -> str:
    """Title, counts of each kind, the cycles found, people and sessions, in a
    few lines.

    Names people by name: `check` is run by the therapist on their own file.
    Private notes are counted, never shown.
    """
    kinds = Counter(n.kind for n in m.nodes)
    lines = [f"{name}: a valid attachmap map (format version {m.version})", f"  title     {m.title}"]
    if m.client:
        lines.append(f"  client    {m.client}")
    parts = [
        f"{kinds[k]} {KIND_PLURALS[k] if kinds[k] != 1 else k.value}"
        for k in READING_ORDER
        if kinds[k]
    ]
    lines.append(f"  nodes     {len(m.nodes)}" + (f": {', '.join(parts)}" if parts else ""))
    lines.append(f"  links     {len(m.links)}")
    g = MapGraph.from_map(m)
    search = find_cycles(g)
    # The same cycles, names and first steps the PDF, Markdown and review tell.
    told = "; ".join(quote(c.name) if c.name else cycle_title(g, c) for c in search.cycles)
    lines.append(f"  cycles    {len(search.cycles)}{'+' if search.capped else ''}"
                 + (f": {told}" if told else ""))
    people = ", ".join(f"{p.name}" + (f" ({p.role})" if p.role else "") for p in m.people)
    lines.append(f"  people    {len(m.people)}" + (f": {people}" if people else ""))
    if m.sessions:
        first, last = m.sessions[0].date, m.sessions[-1].date
        span = day(first) if first == last else f"{day(first)} to {day(last)}"
        lines.append(f"  sessions  {len(m.sessions)}: {span}")
    else:
        lines.append("  sessions  0")
    tries = sum(len(e.tries) for e in m.experiments)
    lines.append(
        f"  practice  {_count(len(m.experiments), 'experiment')}, {_count(tries, 'try', 'tries')},"
        f" {_count(len(m.repairs), 'repair')}"
    )
    private = sum(1 for n in m.nodes if n.private_note)
    if private:
        lines.append(f"  private   {_count(private, 'therapist-only note')} (left out of client exports)")
    return "\n".join(lines)


__all__ = ["summarize"]
