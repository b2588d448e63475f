"""Pattern sentences: each person's chain, once per cycle, in their own words
(issues 4 and 11). The clients are invented."""

from __future__ import annotations

from tests.support.sketches import chain, sketch
from patterns.edits import AddLink, History
from patterns.insights import analyse
from patterns.models import Link
from patterns.sentences import find_sentences
from patterns.vocabulary import LinkKind


def _texts(g) -> list[str]:
    return [s.text for s in analyse(g).sentences]


def test_a_whole_path_reads_as_one_sentence() -> None:
    g = sketch([("t", "t", "my sister cancels plans"), ("f", "f", "hurt"),
                ("s", "s", "say it's fine"), ("n", "n", "to matter to her")],
               chain("t", "f", "s", "n"))
    assert _texts(g) == [
        "When my sister cancels plans, I feel hurt, so I say it's fine, because I need to matter"
        " to her."
    ]


def test_a_sentence_with_a_missing_feeling_leaves_it_out() -> None:
    g = sketch([("t", "t", "the boss frowns"), ("m", "m", "I'm about to be fired"),
                ("s", "s", "work through lunch"), ("n", "n", "to feel safe")],
               chain("t", "m", "s", "n"))
    [text] = _texts(g)
    assert text == ("When the boss frowns, I tell myself “I'm about to be fired”, so I work"
                    " through lunch, because I need to feel safe.")
    assert "None" not in text and "feel ," not in text


def test_a_move_without_a_need_yet_ends_at_the_move() -> None:
    g = sketch([("t", "t", "he raises his voice"), ("f", "f", "frozen"), ("s", "s", "go still")],
               chain("t", "f", "s"))
    assert _texts(g) == ["When he raises his voice, I feel frozen, so I go still."]


def test_a_trigger_straight_to_a_move_reads_without_so() -> None:
    g = sketch([("t", "t", "the phone buzzes"), ("s", "s", "check it at once"),
                ("n", "n", "to know I'm not forgotten")], chain("t", "s", "n"))
    assert _texts(g) == ["When the phone buzzes, I check it at once, because I need to know"
                         " I'm not forgotten."]


def test_a_trigger_with_no_move_yet_is_not_a_sentence() -> None:
    g = sketch([("t", "t", "a slammed door"), ("f", "f", "scared")], chain("t", "f"))
    assert _texts(g) == []


def test_several_feelings_are_joined_naturally() -> None:
    g = sketch([("t", "t", "she checks her phone at dinner"), ("a", "f", "hurt"),
                ("b", "f", "invisible"), ("c", "f", "angry"), ("s", "s", "go cold"),
                ("n", "n", "to be seen")], chain("t", "a", "b", "c", "s", "n"))
    assert _texts(g) == ["When she checks her phone at dinner, I feel hurt, invisible and angry,"
                         " so I go cold, because I need to be seen."]


def test_a_surface_feeling_masking_a_core_one_says_what_lies_underneath() -> None:
    g = sketch([("t", "t", "he forgets my birthday"), ("angry", "f", "furious"),
                ("hurt", "f", "hurt"), ("s", "s", "give him the silent treatment")],
               ["t > hurt", "angry -masks-> hurt", "hurt > s"])
    assert _texts(g) == ["When he forgets my birthday, I feel furious, and underneath that, hurt,"
                         " so I give him the silent treatment."]


def test_the_meaning_under_the_core_feeling_and_the_move_on_top_join_the_chain() -> None:
    # Only "scared" is on the path; "angry" masks it and leads to its own move,
    # and "I'm too much" feeds the fear: all of it is one chain, told once.
    g = sketch([("t", "t", "Sam goes quiet"), ("scared", "f", "scared of being left"),
                ("angry", "f", "angry"), ("much", "m", "I'm too much"),
                ("text", "s", "text again"), ("blame", "s", "criticise"),
                ("n", "n", "reassurance")],
               ["t > scared", "angry -masks-> scared", "much > scared", "scared > text",
                "angry > blame", "text > n", "blame -blocks-> n"])
    [s] = analyse(g).sentences
    assert s.surface == ["angry"] and s.core == ["scared"] and s.meanings == ["much"]
    assert s.moves == ["text", "blame"]
    assert s.text == ("When Sam goes quiet, I feel angry, and underneath that, scared of being"
                      " left, and I tell myself “I'm too much”, so I text again, or criticise,"
                      " because I need reassurance.")


def test_feelings_thoughts_and_body_read_in_the_order_of_a_cycle() -> None:
    # The path runs body -> thought -> feeling; the sentence tells what I feel,
    # then what I tell myself, then what my body does.
    g = sketch([("t", "t", "my mother criticises my cooking"), ("b", "b", "hot face"),
                ("m", "m", "nothing I do is enough"), ("f", "f", "ashamed"),
                ("s", "s", "apologise over and over"), ("n", "n", "acceptance")],
               chain("t", "b", "m", "f", "s", "n"))
    assert _texts(g) == ["When my mother criticises my cooking, I feel ashamed, and I tell myself"
                         " “nothing I do is enough”, and I feel it in my body — hot face — so I"
                         " apologise over and over, because I need acceptance."]


def test_labels_that_already_say_the_lead_in_are_not_doubled() -> None:
    g = sketch([("t", "t", "When nobody texts back"), ("f", "f", "I feel forgotten"),
                ("b", "b", "my stomach drops"), ("s", "s", "I scroll for hours"),
                ("n", "n", "I need connection")], chain("t", "f", "b", "s", "n"))
    assert _texts(g) == ["When nobody texts back, I feel forgotten, and my stomach drops, so I"
                         " scroll for hours, because I need connection."]


def test_a_trigger_written_as_a_thing_gets_a_frame_not_a_verb_inside_it() -> None:
    g = sketch([("t", "t", "a stream of messages"), ("f", "f", "overwhelmed"),
                ("s", "s", "switch off")], chain("t", "f", "s"))
    assert _texts(g) == ["When there's a stream of messages, I feel overwhelmed, so I switch"
                         " off."]


def test_two_feelings_from_one_trigger_are_one_chain() -> None:
    g = sketch([("t", "t", "Sam goes quiet"), ("f1", "f", "scared"), ("f2", "f", "lonely"),
                ("s", "s", "text again"), ("n", "n", "reassurance")],
               ["t > f1", "t > f2", "f1 > s", "f2 > s", "s > n"])
    assert _texts(g) == ["When Sam goes quiet, I feel scared and lonely, so I text again, because"
                         " I need reassurance."]


def test_sentences_belong_to_whose_strategy_it_is_and_are_grouped_by_trigger() -> None:
    # Sam's part comes first in the file; Zoë is the first person on the map.
    g = sketch(
        [("s-t", "t", "a stream of questions", "sam"), ("s-f", "f", "overwhelmed", "sam"),
         ("s-s", "s", "go quiet", "sam"),
         ("z-t", "t", "Sam goes quiet", "zoe"), ("z-f", "f", "scared", "zoe"),
         ("z-s", "s", "text again and again", "zoe"), ("z-n", "n", "reassurance", "zoe"),
         ("z-t2", "t", "Sam sighs", "zoe")],
        [*chain("s-t", "s-f", "s-s"), *chain("z-t", "z-f", "z-s", "z-n"),
         "z-t2 > s-f"],  # Zoë's trigger reaching Sam's feeling: still Sam's move
        people=["zoe", "sam"],
    )
    sentences = analyse(g).sentences
    assert [(s.trigger, s.person) for s in sentences] == [
        ("s-t", "sam"), ("z-t", "zoe"), ("z-t2", "sam")]
    assert sentences[1].node_ids == ["z-t", "z-f", "z-s", "z-n"]
    assert all(s.cycle is None for s in sentences)


def test_a_cycle_gives_each_person_one_chain_in_the_cycles_order() -> None:
    g = sketch([("late", "t", "Bo is late home", "ana"), ("alone", "f", "alone", "ana"),
                ("chest", "b", "tight chest", "ana"), ("call", "s", "call over and over", "ana"),
                ("nagged", "t", "the phone ringing again", "bo"),
                ("trapped", "f", "trapped", "bo"), ("out", "s", "stay out longer", "bo"),
                ("mute", "s", "switch the phone off", "bo")],
               [*chain("late", "alone", "call", "nagged", "trapped", "out"), "out > late",
                "late > chest", "chest > call", "trapped > mute", "mute > late"],
               people=["ana", "bo"])
    found = analyse(g)
    assert len(found.loops) == 4 and len(found.cycles) == 1
    assert [(s.person, s.cycle) for s in found.sentences] == [("ana", 0), ("bo", 0)]
    assert [s.text for s in found.sentences] == [
        "When Bo is late home, I feel alone, and I feel it in my body — tight chest — so I call"
        " over and over.",
        "When I'm faced with the phone ringing again, I feel trapped, so I stay out longer, or"
        " switch the phone off.",
    ]


def test_a_person_less_map_has_sentences_with_no_person() -> None:
    g = sketch([("t", "t", "a raised voice"), ("f", "f", "frozen"), ("s", "s", "go still")],
               chain("t", "f", "s"))
    [s] = analyse(g).sentences
    assert s.person is None


def test_sentences_follow_edits() -> None:
    g = sketch([("t", "t", "Sam goes quiet"), ("f", "f", "scared"), ("s", "s", "text again"),
                ("n", "n", "reassurance")], chain("t", "f", "s"))
    assert _texts(g) == ["When Sam goes quiet, I feel scared, so I text again."]
    History(g).do(AddLink(Link(source="s", target="n", kind=LinkKind.LONGS_FOR)))
    assert _texts(g) == ["When Sam goes quiet, I feel scared, so I text again, because I need"
                         " reassurance."]


def test_a_need_the_move_only_blocks_is_said_as_what_is_needed_instead() -> None:
    g = sketch([("t", "t", "Sam goes quiet"), ("f", "f", "angry"), ("s", "s", "criticise"),
                ("n", "n", "closeness")], [*chain("t", "f", "s"), "s -blocks-> n"])
    assert _texts(g) == ["When Sam goes quiet, I feel angry, so I criticise, though what I need"
                         " is closeness."]


def test_many_chains_are_capped() -> None:
    triggers = [(f"t{i}", "t", f"trigger {i} happens") for i in range(12)]
    g = sketch([*triggers, ("f", "f", "scared"), ("s", "s", "text again")],
               [f"t{i} > f" for i in range(12)] + ["f > s"])
    sentences, capped = find_sentences(g, limit=5)
    assert len(sentences) == 5 and capped
    sentences, capped = find_sentences(g)
    assert len(sentences) == 12 and not capped


def test_the_clients_words_are_never_turned_round() -> None:
    g = sketch([("t", "t", "my mother criticises my cooking"), ("b", "b", "tight chest"),
                ("f", "f", "scared she'll reject me"), ("s", "s", "I apologise over and over"),
                ("n", "n", "to know I'm enough")], chain("t", "b", "f", "s", "n"))
    [s] = analyse(g).sentences
    assert s.text == ("When my mother criticises my cooking, I feel scared she'll reject me, and"
                      " I feel it in my body — tight chest — so I apologise over and over, because"
                      " I need to know I'm enough.")
    for node_id in s.node_ids:
        assert g.node(node_id).label in s.text
