"""The chase example, read as a therapist would read it (issue 4, "Must show")."""

from __future__ import annotations

from patterns.graph import MapGraph
from patterns.insights import analyse

#: Zoë's chain of the chase: the anger on top, the fear underneath it and what
#: she tells herself, her chest, both her moves, and the need they reach for.
ZOES_CHAIN = ("When Sam goes quiet after a disagreement, I feel angry, fed up, and underneath"
              " that, scared of being left, and I tell myself “I'm too much for people”, and I"
              " feel it in my body — tight chest, racing heart — so I text again and again, or"
              " criticise and demand an answer, because I need reassurance that we're ok.")


def test_the_chase_is_found_named_and_listed_first(chase_graph: MapGraph) -> None:
    result = analyse(chase_graph)
    first = result.loops[0]
    assert first.name == "the chase"
    assert first.nodes == ["quiet", "zoe-scared", "texting", "sam-pressure", "sam-failing",
                           "sam-overwhelm", "shutdown"]
    assert first.vicious and first.people == ["zoe", "sam"]
    assert result.loop_named("The Chase") == first
    assert not result.loops_capped


def test_the_chase_is_one_cycle_with_one_chain_each(chase_graph: MapGraph) -> None:
    result = analyse(chase_graph)
    [cycle] = result.cycles
    assert cycle.name == "the chase" and cycle.loop == result.loops[0]
    sentences = result.sentences
    assert [(s.person, s.cycle) for s in sentences] == [("zoe", 0), ("sam", 0)]
    assert sentences[0].text == ZOES_CHAIN


def test_sams_side_reads_in_his_words(chase_graph: MapGraph) -> None:
    sams = [s.text for s in analyse(chase_graph).sentences if s.person == "sam"]
    assert sams == ["When there's a stream of messages and questions, I feel overwhelmed, and I"
                    " tell myself “I'm failing her again”, so I go quiet and shut down, because I"
                    " need to feel good enough, not judged."]


def test_what_is_missing_in_the_chase(chase_graph: MapGraph) -> None:
    result = analyse(chase_graph)
    # Both needs have a new response meeting them; criticising has no alternative yet.
    assert result.unmet_needs == []
    assert [u.strategy for u in result.unreplaced_strategies] == ["criticise"]
    [blocked] = result.blocked_needs
    assert (blocked.need, blocked.blocked_by, blocked.longed_for_by) == (
        "zoe-need", ["criticise"], ["texting"])


def test_the_dance_of_the_chase(chase_graph: MapGraph) -> None:
    assert [d.text for d in analyse(chase_graph).dance] == [
        "Zoë’s “text again and again” and “criticise and demand an answer” land on Sam as"
        " “a stream of messages and questions”.",
        "Sam’s “go quiet and shut down” lands on Zoë as “Sam goes quiet after a disagreement”.",
    ]


def test_the_private_note_never_reaches_the_analysis(chase_graph: MapGraph) -> None:
    assert "2019" not in analyse(chase_graph).model_dump_json()
