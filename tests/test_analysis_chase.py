"""The chase example, read as a therapist would read it (issue 4, "Must show")."""

from __future__ import annotations

from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.sentences import sentence_text

CHASE_SENTENCE = ("When Sam goes quiet after a disagreement, I feel scared of being left,"
                  " so I text again and again, because I need reassurance that we're ok")


def test_the_chase_is_found_named_and_listed_first(chase_graph: MapGraph) -> None:
    result = analyse(chase_graph)
    first = result.loops[0]
    assert first.name == "the chase"
    assert first.nodes == ["quiet", "zoe-scared", "texting", "sam-pressure", "sam-failing",
                           "sam-overwhelm", "shutdown"]
    assert first.vicious and first.people == ["zoe", "sam"]
    assert result.loop_named("The Chase") == first
    assert not result.loops_capped


def test_the_chase_sentence_is_produced(chase_graph: MapGraph) -> None:
    sentences = analyse(chase_graph).sentences
    assert CHASE_SENTENCE + "." in [s.text for s in sentences]
    [zoes] = [s for s in sentences if s.text.startswith(CHASE_SENTENCE)]
    assert zoes.person == "zoe"
    assert sentence_text(zoes, chase_graph, "second") == (
        "When Sam goes quiet after a disagreement, you feel scared of being left, so you text"
        " again and again, because you need reassurance that we're ok.")


def test_sams_side_reads_in_his_words(chase_graph: MapGraph) -> None:
    sams = [s.text for s in analyse(chase_graph).sentences if s.person == "sam"]
    assert sams == ["When there's a stream of messages and questions, I think I'm failing her"
                    " again, I feel overwhelmed, so I go quiet and shut down, because I need to"
                    " feel good enough, not judged."]


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
        " “a stream of messages and questions”",
        "Sam’s “go quiet and shut down” lands on Zoë as “Sam goes quiet after a disagreement”",
    ]


def test_the_private_note_never_reaches_the_analysis(chase_graph: MapGraph) -> None:
    assert "2019" not in analyse(chase_graph).model_dump_json()
