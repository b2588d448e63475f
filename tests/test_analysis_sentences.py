"""Pattern sentences: the map read aloud in the client's own words (issue 4)."""

from __future__ import annotations

from analysis_maps import chain, sketch
from patterns.edits import AddLink, History
from patterns.insights import analyse
from patterns.models import Link
from patterns.sentences import find_sentences, sentence_text
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
    assert text == ("When the boss frowns, I think I'm about to be fired, so I work through"
                    " lunch, because I need to feel safe.")
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


def test_a_path_with_no_move_is_not_a_sentence() -> None:
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
               ["t > angry", "angry -masks-> hurt", "hurt > s"])
    assert _texts(g) == ["When he forgets my birthday, I feel furious, and underneath that, hurt,"
                         " so I give him the silent treatment."]


def test_thoughts_body_and_feelings_read_in_path_order() -> None:
    g = sketch([("t", "t", "my mother criticises my cooking"), ("b", "b", "hot face"),
                ("m", "m", "nothing I do is enough"), ("f", "f", "ashamed"),
                ("s", "s", "apologise over and over"), ("n", "n", "acceptance")],
               chain("t", "b", "m", "f", "s", "n"))
    assert _texts(g) == ["When my mother criticises my cooking, I notice hot face, I think"
                         " nothing I do is enough, I feel ashamed, so I apologise over and over,"
                         " because I need acceptance."]


def test_labels_that_already_say_the_lead_in_are_not_doubled() -> None:
    g = sketch([("t", "t", "When nobody texts back"), ("f", "f", "I feel forgotten"),
                ("b", "b", "my stomach drops"), ("s", "s", "I scroll for hours"),
                ("n", "n", "I need connection")], chain("t", "f", "b", "s", "n"))
    assert _texts(g) == ["When nobody texts back, I feel forgotten, my stomach drops, so I"
                         " scroll for hours, because I need connection."]


def test_a_trigger_written_as_a_thing_gets_a_verb() -> None:
    g = sketch([("t", "t", "a stream of messages"), ("f", "f", "overwhelmed"),
                ("s", "s", "switch off")], chain("t", "f", "s"))
    assert _texts(g) == ["When there's a stream of messages, I feel overwhelmed, so I switch"
                         " off."]


def test_no_duplicate_sentences() -> None:
    # The same words mapped twice (two "scared" nodes) read as one sentence.
    g = sketch([("t", "t", "Sam goes quiet"), ("f1", "f", "scared"), ("f2", "f", "Scared"),
                ("s", "s", "text again"), ("n", "n", "reassurance")],
               ["t > f1", "t > f2", "f1 > s", "f2 > s", "s > n"])
    assert _texts(g) == ["When Sam goes quiet, I feel scared, so I text again, because I need"
                         " reassurance."]


def test_sentences_belong_to_whose_strategy_it_is_and_are_grouped_by_person() -> None:
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
    assert [s.person for s in sentences] == ["zoe", "sam", "sam"]
    assert sentences[0].node_ids == ["z-t", "z-f", "z-s", "z-n"]
    assert {s.node_ids[0] for s in sentences[1:]} == {"s-t", "z-t2"}


def test_a_person_less_map_has_sentences_with_no_person() -> None:
    g = sketch([("t", "t", "a raised voice"), ("f", "f", "frozen"), ("s", "s", "go still")],
               chain("t", "f", "s"))
    [s] = analyse(g).sentences
    assert s.person is None


def test_second_person_for_the_clients_review() -> None:
    g = sketch([("t", "t", "the boss frowns"), ("m", "m", "I'm about to be fired"),
                ("b", "b", "my chest tightens"), ("f", "f", "scared"),
                ("s", "s", "work through lunch"), ("n", "n", "to feel safe")],
               chain("t", "m", "b", "f", "s", "n"))
    [s] = analyse(g).sentences
    assert sentence_text(s, g, "second") == (
        "When the boss frowns, you think “I'm about to be fired”, your chest tightens, you feel"
        " scared, so you work through lunch, because you need to feel safe.")
    assert sentence_text(s, g) == s.text


def test_sentences_follow_edits() -> None:
    g = sketch([("t", "t", "Sam goes quiet"), ("f", "f", "scared"), ("s", "s", "text again"),
                ("n", "n", "reassurance")], chain("t", "f", "s"))
    assert _texts(g) == ["When Sam goes quiet, I feel scared, so I text again."]
    History(g).do(AddLink(Link(source="s", target="n", kind=LinkKind.LONGS_FOR)))
    assert _texts(g) == ["When Sam goes quiet, I feel scared, so I text again, because I need"
                         " reassurance."]


def test_a_blocked_need_is_not_read_as_what_the_move_longs_for() -> None:
    g = sketch([("t", "t", "Sam goes quiet"), ("f", "f", "angry"), ("s", "s", "criticise"),
                ("n", "n", "closeness")], [*chain("t", "f", "s"), "s -blocks-> n"])
    assert _texts(g) == ["When Sam goes quiet, I feel angry, so I criticise."]


def test_many_paths_are_capped() -> None:
    feelings = [(f"f{i}", "f", f"feeling {i}") for i in range(12)]
    g = sketch([("t", "t", "Sam goes quiet"), *feelings, ("s", "s", "text again")],
               [link for i in range(12) for link in (f"t > f{i}", f"f{i} > s")])
    sentences, capped = find_sentences(g, limit=5)
    assert len(sentences) == 5 and capped
    sentences, capped = find_sentences(g)
    assert len(sentences) == 12 and not capped


def test_second_person_turns_the_clients_words_to_face_them() -> None:
    g = sketch([("t", "t", "my mother criticises my cooking"), ("b", "b", "tight chest"),
                ("f", "f", "scared she'll reject me"), ("s", "s", "I apologise over and over"),
                ("n", "n", "to know I'm enough")], chain("t", "b", "f", "s", "n"))
    [s] = analyse(g).sentences
    assert s.text == ("When my mother criticises my cooking, I notice tight chest, I feel scared"
                      " she'll reject me, so I apologise over and over, because I need to know"
                      " I'm enough.")
    assert sentence_text(s, g, "second") == (
        "When your mother criticises your cooking, you notice tight chest, you feel scared"
        " she'll reject you, so you apologise over and over, because you need to know you're"
        " enough.")
