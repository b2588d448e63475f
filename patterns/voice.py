"""The one voice of attachmap: every word a client reads is made here.

The PDF, the Markdown, the review screen, the Patterns panel and `attachmap
check` all say things through these functions, so they cannot drift apart:

- who is addressed as "you" (`addressed`), and how others are named
  (`name`, `initials` under the privacy screen, `possessive`, `plural`);
- how the client's words are quoted (`quote`: never the same quote style
  inside and around);
- how a date is written (`day`), on every system (no `%-d`, which is glibc's);
- the plain words used for the therapist's terms (`layer_words`,
  `style_words`, `strength_words`, `therapist_note`), so the client's copy
  holds no "attack", "core" or bare "9/10";
- how a person's chain is written as one sentence in that person's own
  first person (`chain_sentence`);
- whom a rupture was with (`repair_party`: the therapy itself is "between
  you and your therapist"; `repair_with`: "your therapist" in a table's
  "with" column), and an entry of the rupture-and-repair log said to the
  client rather than about them (`said_to_client`: "she went cold" reads
  "you went cold" in the client's copy).

A label is the client's own wording and is never changed: no pronoun inside
it is turned round, no word is added to it or taken out of it. A sentence is
built *around* labels, choosing a frame that fits the shape of each label
(`shape_of`): "When Sam goes quiet" for a clause, "When there's a stream of
messages" for a noun phrase, "I go numb" for a verb phrase. Where no frame
fits, the label is quoted, not bent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache

from patterns.capture.speech import FEELING_VERBS, FEELING_WORDS
from patterns.models import Node, Person
from patterns.vocabulary import THERAPIST, FeelingLayer, StrategyStyle

# -- who is addressed -----------------------------------------------------------


def addressed(people: Sequence[Person]) -> Person | None:
    """The person every client-facing output speaks to as "you": the first
    person whose role is `client`, else the first person listed (None on a
    map without people). One rule for the PDF, the Markdown and the review."""
    for person in people:
        if (person.role or "").strip().casefold() == "client":
            return person
    return people[0] if people else None


def initials(name: str) -> str:
    """`Zoë` -> `Z.`, `Mary Ann` -> `M.A.`: a name as the privacy screen shows it."""
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(f"{p[0].upper()}." for p in parts) or "?"


def name(person: Person | None, *, privacy: bool = False) -> str:
    """A person's name as shown: initials behind the privacy screen."""
    if person is None:
        return ""
    return initials(person.name) if privacy else person.name


def mask_names(text: str, people: Sequence[Person]) -> str:
    """Text as the privacy screen shows it: every person's name in it (`Sam
    goes quiet`) as initials (`S. goes quiet`)."""
    pattern = _names_pattern(tuple(p.name for p in people))
    return text if pattern is None else pattern.sub(lambda m: initials(m.group(0)), text)


@lru_cache(maxsize=64)  # asked for every label of a panel, after every edit
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    longest_first = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not longest_first:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in longest_first) + r")\b",
                      re.IGNORECASE)


def possessive(who: str) -> str:
    """`Sam’s`, `Luis’s`, `James’s`, and `your` for `you` (either case).

    One style for every name (Chicago 7.16): a name ending in s takes ’s like
    any other, as it is said aloud ("Luis-iz"), so a client never meets
    "Chris’" on one page and "Chris's" in their own words on the next."""
    if who in ("you", "You"):
        return "your" if who == "you" else "Your"
    return f"{who}’s"


def dance_line(mover: str, moves: Sequence[str], other: str, trigger: str) -> str:
    """One step of the dance: `Your “text again” lands on Sam as “a stream of
    messages”`. `mover` and `other` are names, or `you` for the person
    addressed; `moves` and `trigger` are labels, quoted as they are."""
    said = [quote(m) for m in moves]
    what = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    verb = "lands" if len(said) == 1 else "land"
    return f"{capital(possessive(mover))} {what} {verb} on {other} as {quote(trigger)}."


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 try`, `3 tries`: a count in words a client reads easily."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def capital(text: str) -> str:
    """The text with its first letter capitalised, for a heading or the
    start of a sentence (nothing else in it changes)."""
    return text[:1].upper() + text[1:]


# -- quoting --------------------------------------------------------------------

_DOUBLE = "“”\"„"
_SINGLE_OPEN = re.compile(r"(^|[\s(\[])['‘]")


def quote(text: str) -> str:
    """The client's words in quotation marks that never nest in their own
    style: “…” normally, ‘…’ around words that hold double quotes, and no
    marks at all around words that hold both kinds (they are quoted already)."""
    has_double = any(ch in _DOUBLE for ch in text)
    if not has_double:
        return f"“{text}”"
    if _SINGLE_OPEN.search(text):
        return text
    return f"‘{text}’"


def _is_quoted(text: str) -> bool:
    """Whether the whole label is a quotation ("'you never listen'")."""
    return len(text) > 1 and text[0] in "“\"‘'" and text[-1] in "”\"’'"


# -- dates ----------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(when: dt.date, *, year: bool = True) -> str:
    """`22 Nov 2026` (or `22 Nov`): one way of writing a day everywhere,
    the same in any locale and on any system."""
    text = f"{when.day} {_MONTHS[when.month - 1]}"
    return f"{text} {when.year}" if year else text


# -- plain words for the therapist's terms ---------------------------------------

#: The one word for a pattern that goes round, in every line a client reads
#: (the heading "The cycle that keeps you stuck", `on_cycle`, the map's key).
CYCLE = "cycle"
#: Where a feeling lies under the one that shows: `and underneath that, …` in
#: a chain, `felt underneath`, and the map's key for a line that masks.
UNDERNEATH = "underneath"

_LAYER_WORDS = {FeelingLayer.SURFACE: "what shows on top", FeelingLayer.CORE: f"felt {UNDERNEATH}"}
_STYLE_WORDS = {
    StrategyStyle.PURSUE: "a way of reaching out",
    StrategyStyle.WITHDRAW: "a way of stepping back",
    StrategyStyle.ATTACK: "a way of pushing for a response",
    StrategyStyle.APPEASE: "a way of keeping the peace",
    StrategyStyle.FREEZE: "a way of going still",
    StrategyStyle.NUMB: "a way of not feeling it",
    StrategyStyle.HYPERVIGILANCE: "a way of staying on guard",
    StrategyStyle.REASSURANCE_SEEKING: "a way of asking for reassurance",
}


def layer_words(layer: FeelingLayer | None) -> str | None:
    """A feeling's layer in plain words: `what shows on top`, `felt underneath`."""
    return _LAYER_WORDS.get(layer) if layer is not None else None


def style_words(style: StrategyStyle | None) -> str | None:
    """A strategy's style in plain words (`a way of stepping back`), never the
    style's name; None for `other` or no style."""
    return _STYLE_WORDS.get(style) if style is not None else None


def strength_words(intensity: int | None) -> str | None:
    """How strongly something is felt, in words with the score beside them:
    `felt very strongly, 9 out of 10`."""
    if intensity is None:
        return None
    words = ("hardly felt" if intensity <= 1 else "felt a little" if intensity <= 3
             else "felt quite strongly" if intensity <= 6 else "felt strongly" if intensity <= 8
             else "felt very strongly")
    return f"{words}, {intensity} out of 10"


def on_cycle(cycles: int) -> str:
    """A part of the map that lies on a cycle, in the words the client's copy
    uses for the pattern everywhere (its heading is "The cycle that keeps you
    stuck"): `on the cycle` on a map with one cycle, `on a cycle` with more.
    The ⟳ mark beside a part says the same."""
    return f"on the {CYCLE}" if cycles == 1 else f"on a {CYCLE}"


def part_words(node: Node, *, cycle: str | None = None) -> list[str]:
    """A part's details in plain words, in one order in every output: how it
    shows (a feeling's layer), what kind of move it is, how strongly it is
    felt, and `cycle` (`on_cycle`'s words) when it lies on one."""
    words = [layer_words(node.layer), style_words(node.style), strength_words(node.intensity),
             cycle]
    return [w for w in words if w]


# -- the headings and framing around the chains ----------------------------------------

#: The heading over chains of triggers on no cycle, below the cycles.
OTHER_MOMENTS = "Other moments on the map"
#: Under "New ways to try" when none is mapped yet.
NO_RESPONSES = "No new responses mapped yet."
#: Under an experiment with no try logged yet.
NOT_TRIED = "Not tried yet. Each try, however it goes, is worth noting down."


def pattern_heading(cycles: int) -> str:
    """The heading over the chains: `The cycle that keeps you stuck`, `The
    cycles that keep you stuck`, or on a map with no cycle `Your pattern, in
    words`."""
    if not cycles:
        return "Your pattern, in words"
    return "The cycle that keeps you stuck" if cycles == 1 else "The cycles that keep you stuck"


def pattern_intro(cycles: int, tellers: Sequence[str]) -> str:
    """The words under `pattern_heading`. `tellers` are the names of the
    people whose chains follow, as shown (`you` for the client): "person by
    person" only when there are several; one person's own words are theirs
    ("in your own words", "in Sam’s own words"), however many people the map
    holds."""
    who = sorted(set(tellers))
    if len(who) > 1:
        whose = "person by person, each in their own words"
    elif not who or who[0] in ("you", ""):
        whose = "in your own words"
    else:
        whose = f"in {possessive(who[0])} own words"
    if cycles:
        return ("A cycle goes round and round: each move makes sense as protection, and each one"
                f" sets off the next alarm. Here it is told {whose}. It describes what tends to"
                " happen, not who is to blame.")
    return (f"These sentences put the map into words, {whose}, as found in our sessions. They"
            " describe what tends to happen, not who is to blame.")


def needs_heading(owners: int) -> str:
    """The heading over the needs: `What you need underneath`, or `What you
    each need underneath` when they are more than one person's."""
    return "What you each need underneath" if owners > 1 else "What you need underneath"


def therapist_note(note: str) -> str:
    """A note shared with the client, introduced as the therapist's."""
    return f"Your therapist noted: {note}"


# -- ruptures and repairs -----------------------------------------------------------


def repair_with(with_: str | None, people: Sequence[Person], *, to_client: bool,
                privacy: bool = False) -> str:
    """Whom a rupture was with, as a table's "with" column says it: `Tom`; a
    rupture in the therapy itself (`with = "therapist"`) is `your therapist`
    in the client's copy and `me, in the therapy` in the therapist's. In the
    client's copy an entry logged as with the client says nothing more (it
    is theirs); "" where no one is named."""
    if with_ is None:
        return ""
    if with_ == THERAPIST:
        return "your therapist" if to_client else "me, in the therapy"
    person = next((p for p in people if p.id == with_), None)
    client = addressed(people)
    if to_client and person is not None and client is not None and person.id == client.id:
        return ""
    return name(person, privacy=privacy) if person else with_


def repair_party(with_: str | None, people: Sequence[Person], *, to_client: bool,
                 privacy: bool = False) -> str:
    """Whom a rupture was with, after a date: `with Tom`; a rupture in the
    therapy itself is `between you and your therapist` in the client's copy
    and `between us (in the therapy)` in the therapist's; "" where
    `repair_with` names no one."""
    if with_ == THERAPIST:
        return "between you and your therapist" if to_client else "between us (in the therapy)"
    who = repair_with(with_, people, to_client=to_client, privacy=privacy)
    return f"with {who}" if who else ""


def about_the_client(with_: str | None, people: Sequence[Person]) -> bool:
    """Whether a log entry is about the client and one other whose words are
    not in it: a rupture in the therapy (or one logged as with the client),
    where "she", "he" or "they" can only be the client."""
    client = addressed(people)
    return with_ == THERAPIST or (client is not None and with_ == client.id)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PRONOUN_YOU = {"she": "you", "he": "you", "they": "you", "him": "you", "them": "you",
                "his": "your", "their": "your", "hers": "yours", "theirs": "yours",
                "herself": "yourself", "himself": "yourself", "themselves": "yourself",
                "themself": "yourself", "she'd": "you'd", "he'd": "you'd", "they'd": "you'd",
                "she'll": "you'll", "he'll": "you'll", "they'll": "you'll",
                "they're": "you're", "they've": "you've"}
_SUBJECTS = {"she", "he", "they"}
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
          "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "goes": "go"}
_ADVERBS = {"always", "never", "just", "often", "then", "really", "also", "still", "suddenly",
            "finally", "only", "even", "sometimes", "usually", "quickly"}
_NOT_VERBS = {"always", "less", "this", "us", "yes", "as", "its", "perhaps", "unless", "across",
              "sometimes", "was", "is", "has", "does"}
_AFTER_OBJECT = {"and", "or", "but", "to", "in", "on", "at", "with", "for", "about", "from",
                 "that", "again", "back", "up", "down", "off", "out", "too", "so", "as", "when",
                 "if", "because", "then", "before", "after", "a", "an", "the", "know", "feel"}


def _agree(word: str) -> str:
    """The verb after "you" that followed "she": `goes` -> `go`, `was` -> `were`."""
    low = word.lower().replace("’", "'")
    if low in _AGREE:
        return _AGREE[low]
    if low in _NOT_VERBS or len(low) < 4 or not low.endswith("s") or low.endswith("ss"):
        return word
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def said_to_client(text: str, people: Sequence[Person], *, pronouns: bool) -> str:
    """A log entry as the client reads it, said to them: the client's name
    (`Priya went cold`, `Priya's coat`) becomes `you`, `your`; with
    `pronouns` (see `about_the_client`), so do `she`, `he`, `they` and their
    other forms, and the verb after them agrees (`she goes cold` -> `you go
    cold`). Nothing else in the entry changes."""
    client = addressed(people)
    names = {initial.casefold() for initial in ([client.name] if client else [])}
    names |= {n.split()[0].casefold() for n in names if " " in n}
    tokens = list(_WORD.finditer(text))
    out: list[str] = []
    at = 0
    agree_next = False
    for i, m in enumerate(tokens):
        word = m.group()
        low = word.casefold().replace("’", "'")
        new = word
        subject = False
        named = low.removesuffix("'s") in names and client is not None
        if named:
            new = "your" if low.endswith("'s") else "you"
            subject = not low.endswith("'s")
        elif pronouns and low == "her":
            following = tokens[i + 1].group().casefold() if i + 1 < len(tokens) else ""
            between = text[m.end():tokens[i + 1].start()] if i + 1 < len(tokens) else ""
            own = following and not between.strip() and following not in _AFTER_OBJECT
            new = "your" if own else "you"
        elif pronouns and low in ("she's", "he's"):
            following = tokens[i + 1].group().casefold() if i + 1 < len(tokens) else ""
            new = "you've" if following in ("been", "got", "gone", "had", "done") else "you're"
        elif pronouns and low in _PRONOUN_YOU:
            new = _PRONOUN_YOU[low]
            subject = low in _SUBJECTS
        elif agree_next:
            if low in _ADVERBS:
                out.append(text[at:m.end()])
                at = m.end()
                continue
            new = _agree(word)
        agree_next = subject
        if new != word:
            # "you" is capitalised where the word was, except for a name, which
            # is capitalised anywhere: then only where a sentence begins.
            starts = not text[:m.start()].strip() or text[:m.start()].rstrip()[-1] in ".!?"
            if (starts if named else word[:1].isupper()):
                new = capital(new)
            out.append(text[at:m.start()] + new)
            at = m.end()
    return "".join(out) + text[at:]


# -- practice --------------------------------------------------------------------


def times(n: int) -> str:
    """`once`, `twice`, `3 times`: how often, as it is said."""
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def tries_trend(tries: int, before: Sequence[int | None], after: Sequence[int | None]) -> str:
    """How practice is going, in words that fit one try as well as ten, each
    score said with its scale: `tried once: distress went from 8 to 5 out of
    10`, `tried 3 times: distress afterwards has gone from 5 to 2 out of 10`."""
    if not tries:
        return "not tried yet"
    tried = f"tried {times(tries)}"
    scored = [s for s in after if s is not None]
    if not scored:
        return f"{tried}, with no distress {'score' if tries == 1 else 'scores'} yet"
    if len(scored) == 1:
        was = before[next(i for i, s in enumerate(after) if s is not None)]
        said = f"distress went from {was} to {scored[0]} out of 10" if was is not None else (
            f"distress was {scored[0]} out of 10 afterwards")
        return f"{tried}: {said}" if tries == 1 else f"{tried}, scored once: {said}"
    if scored[-1] == scored[0]:
        return f"{tried}: distress afterwards has stayed at {scored[0]} out of 10"
    return f"{tried}: distress afterwards has gone from {scored[0]} to {scored[-1]} out of 10"


def tries_relief(before: Sequence[int | None], after: Sequence[int | None]) -> str:
    """How much a try eased distress, on average over the tries scored before
    and after (`on average, a try brought distress down by 3.5 points`); ""
    when `tries_trend` has said it already (one scored try: "went from 8 to
    5") or nothing was scored both times."""
    pairs = [(b, a) for b, a in zip(before, after) if b is not None and a is not None]
    if not pairs or len(pairs) == 1 and sum(a is not None for a in after) == 1:
        return ""
    relief = sum(b - a for b, a in pairs) / len(pairs)
    points = f"{abs(relief):.1f}".removesuffix(".0")
    unit = "point" if points == "1" else "points"
    if len(pairs) == 1:
        (b, a), = pairs
        return f"the try scored before and after went from {b} to {a}"
    # Less than half a point either way is no change a client could feel
    # (and "down by 0.3 points" is a bare figure).
    if relief >= 0.5:
        return f"on average, a try brought distress down by {points} {unit}"
    if relief <= -0.5:
        return f"on average, distress rose by {points} {unit} during a try"
    return "on average, distress was about the same before and after a try"


def scores_afterwards(scores: Sequence[int]) -> str:
    """The latest distress scores after trying, on their scale, for a line
    beside the bars: `distress afterwards: 5 → 3 out of 10`."""
    return f"distress afterwards: {' → '.join(map(str, scores))} out of 10"


# -- the shape of a label ----------------------------------------------------------


class Shape(StrEnum):
    """What kind of words a label is, which decides the frame it gets."""

    WHEN = "when"
    """Starts as a time clause: "when he's late", "every time she sighs"."""
    QUOTE = "quote"
    """Wholly a quotation: "'you never listen'"."""
    I_CLAUSE = "i-clause"
    """The person's own clause: "I'm too much", "I go numb", "I need to be seen"."""
    CLAUSE = "clause"
    """A clause with its own subject and verb: "Sam goes quiet", "my stomach drops"."""
    THAT = "that"
    """A that-clause: "that I'm unlovable"."""
    TO = "to"
    """An infinitive: "to feel we're a team"."""
    FOR = "for"
    """A for-clause: "for him to stay"."""
    GERUND = "gerund"
    """Starts with an -ing verb: "being ignored", "shutting down"."""
    PARTICIPLE = "participle"
    """Something done to the person: "left to handle it alone", "ignored"."""
    VERB = "verb"
    """A verb phrase with no subject: "go numb", "text again and again"."""
    NOUN = "noun"
    """A noun or adjective phrase: "a stream of messages", "knot in my stomach", "hurt"."""


_WORD = re.compile(r"[\w’'-]+")
_QUOTE_MARKS = "\"“”‘’'„"

_I_WORDS = {"i", "i'm", "i've", "i'd", "i'll", "im"}
_SUBJECT_WORDS = {
    "you", "he", "she", "we", "they", "it", "someone", "somebody", "nobody", "noone",
    "everyone", "everybody", "anyone", "anybody", "nothing", "everything", "people",
    "mum", "mom", "dad", "mother", "father", "gran", "grandma", "grandad", "nan",
}
_SUBJECT_CONTRACTIONS = {
    "you're", "you've", "you'd", "you'll", "he's", "he'd", "he'll", "she's", "she'd", "she'll",
    "we're", "we've", "we'd", "we'll", "they're", "they've", "they'd", "they'll", "it's",
    "it'd", "it'll", "that's", "there's", "nobody's", "everyone's", "everything's",
    "someone's", "nothing's",
}
_DETERMINERS = {
    "a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "this", "that",
    "these", "those", "some", "no", "any", "every", "each", "another", "too", "so", "lots",
    "plenty", "one", "two", "three", "all", "much", "many", "more", "less", "few",
}
_PREPOSITIONS = {
    "of", "in", "on", "at", "for", "with", "after", "before", "from", "about", "to", "by",
    "over", "under", "during", "without", "into", "onto", "around", "near", "like",
}
#: Words that carry a clause by themselves: auxiliaries and modals.
_AUXILIARIES = {
    "is", "are", "was", "were", "am", "isn't", "aren't", "wasn't", "weren't", "do", "does",
    "did", "don't", "doesn't", "didn't", "has", "have", "had", "hasn't", "haven't", "hadn't",
    "can", "can't", "cannot", "could", "couldn't", "will", "won't", "would", "wouldn't",
    "should", "shouldn't", "must", "may", "might", "shall", "keeps", "kept",
}
#: Verbs in their plain form, from the moves, sensations and triggers people map.
_VERBS = set("""
go get say tell ask text call check leave walk shut close open raise yell shout scream cry sob
freeze hide run stay wait work drink eat apologise apologize explain argue defend criticise
criticize blame demand push pull withdraw avoid ignore sulk please agree give make keep try
start stop turn look watch listen hear see feel think know want need love hate clean tidy plan
fix joke laugh smile nod sigh snap slam storm bang come send write read scroll switch play
sleep wake lie sit stand move pace breathe hold grab hug follow chase pursue cling beg plead
promise reassure seek search find lose forget remember miss worry panic shake tremble sweat
blush flush tense clench zone drift overthink ruminate replay rehearse prepare monitor track
control manage organise organize fuss nag lecture correct attack bite hit kick throw break
drive quit take bring buy spend cancel refuse deny pretend act perform comply appease placate
soothe calm comfort distract binge vape smoke gamble shop exercise overwork overeat retreat
isolate disappear vanish ghost stonewall pout mope brood stew seethe fume explode erupt blow
lash rage stomp clam bottle swallow shrug roll glare stare frown tut mutter mumble whisper
repeat insist interrupt talk speak chat message email post reply respond answer return become
grow seem sound arrive happen land fall drop sink rise race pound thump flutter churn tighten
burn ache hurt sting crumble collapse cave fold crack curl shrink cringe wince flinch jump
startle brace hunch slump stiffen let put cut stare forget fail notice realise realize meet
laugh cancel forget choose decide refuse mock tease point shrug shove sneer snap sigh wave
shower dress fight shout bicker complain criticise sneer smirk roll stare storm tut wake
""".split())
_IRREGULAR_PAST = set("""
went got said told left came took gave forgot fell ran shut hit put let felt thought knew saw
heard made kept lost found sent spent broke became sat stood held brought bought caught won
began drank ate wrote spoke woke slept shook froze hid
""".split())
#: -ing words that are nouns, not verbs.
_ING_NOUNS = {"nothing", "something", "everything", "anything", "morning", "evening", "ceiling",
              "wedding", "meeting", "feeling", "ring", "thing", "king", "spring", "string",
              "wing", "building", "ending", "beginning", "clothing", "evening", "sibling"}
#: Words after a participle that show it is something done to the person
#: ("left out", "ignored again"), not an adjective before a noun ("raised voices").
_AFTER_PARTICIPLE = {"out", "again", "alone", "by", "when", "while", "and", "or", "off", "up",
                     "down", "behind", "aside", "back", "twice", "too", "so", "in", "at"}
_WHEN = ("when ", "whenever ", "every time ", "each time ", "if ", "as soon as ", "once ")


def _words(label: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(label)]


def _first(label: str) -> str:
    """The first word of a label, lower case ("" if it has none)."""
    words = _words(label)
    return words[0] if words else ""


def _finite(word: str) -> bool:
    """Whether a word reads as a verb with a subject before it (`goes`, `gets`,
    `cancels`, `went`, `is`)."""
    if word in _AUXILIARIES or word in _IRREGULAR_PAST:
        return True
    for stem in (word[:-1] if word.endswith("s") else None,
                 word[:-2] if word.endswith("es") else None,
                 word[:-3] + "y" if word.endswith("ies") else None,
                 word[:-2] if word.endswith("ed") else None,
                 word[:-1] if word.endswith("ed") else None,
                 word[:-3] if word.endswith("ed") and len(word) > 4 and word[-3] == word[-4]
                 else None):
        if stem and stem in _VERBS:
            return True
    return False


_PREDICATES = {"late", "not", "gone", "away", "out", "busy", "home", "back", "angry", "upset",
               "quiet", "cross", "tired", "drunk", "on", "off", "always", "never", "still",
               "been", "got", "just", "already", "working", "asleep", "ill", "sick"}


def _subject(before: list[str], raw_first: str, known: set[str]) -> bool:
    """Whether these words can be the subject of a clause: a pronoun or a
    name ("Sam"), a possessive and its noun ("Priya's voice"), or a
    determiner with a word or two ("a friend", "my old boss")."""
    if before == ["no", "one"]:
        return True
    if len(before) == 1:
        return (before[0] in _SUBJECT_WORDS or before[0] in known or before[0] in _I_WORDS
                or raw_first[:1].isupper() and before[0] not in _DETERMINERS)
    if before[0].endswith("'s"):
        return len(before) == 2
    return before[0] in _DETERMINERS and len(before) <= 3


def _has_clause(label: str, names: Sequence[str]) -> bool:
    """Whether the label holds a subject and its verb ("Sam goes quiet",
    "a friend gets invited and I don't", "my stomach drops")."""
    words = _words(label)
    raw = _WORD.findall(label)
    if not words:
        return False
    if words[0] in _SUBJECT_CONTRACTIONS:
        return True
    known = {n.lower() for n in names}
    after_first = label[label.find(raw[0]) + len(raw[0]):].lstrip()
    if words[0].endswith("'s") and len(words) > 1 and (
            words[1] in _PREDICATES or words[1].endswith("ing")) and (
            words[0][:-2] in known or words[0][:-2] in _SUBJECT_WORDS or raw[0][:1].isupper()) \
            and after_first[:1] not in _QUOTE_MARKS:
        return True  # "Dad's late", "Sam's drinking": a name and "is" (not "Agnes's "…" calls")
    for i in range(1, min(len(words), 5)):
        before, word = words[:i], words[i]
        if any(w in _PREPOSITIONS for w in before):
            return False  # "a stream of messages...": past a preposition, a noun phrase
        if not _subject(before, raw[0], known) or before[-1] in _DETERMINERS and \
                before != ["no", "one"] or \
                before[-1].endswith("'s") or len(before) > 1 and before[-1].endswith("ed"):
            continue  # "a call", "Mum's texts", "two missed calls": a noun follows
        if word in _AUXILIARIES or _finite(word):
            return True
        if len(before) <= 2 and word.endswith("s") and not word.endswith(("ss", "'s", "us")) \
                and not before[-1].endswith("s") and not (
                    word.endswith("ings") and word[:-1] not in _VERBS):
            # "the phone buzzes", "Sam texts": a noun and a verb with its -s
            # (not "Sunday evenings": a noun made from -ing is no verb).
            return True
        # A plain form is a verb only after a plural or personal subject
        # ("the kids fight", "they argue"); otherwise it is a noun.
        last = before[-1]
        if word in _VERBS and (last in _SUBJECT_WORDS or last in _I_WORDS or (
                last.endswith("s") and not last.endswith(("'s", "ss")))):
            return True
    return False


def shape_of(label: str, names: Sequence[str] = ()) -> Shape:
    """The shape of a label, which decides how a sentence frames it.

    `names` are the map's people, so "Sam goes quiet" is read as Sam doing
    something rather than as a thing called Sam."""
    text = label.strip()
    lowered = text.lower().replace("’", "'")
    words = _words(text)
    if not words:
        return Shape.NOUN
    if _is_quoted(text):
        return Shape.QUOTE
    if lowered.startswith(_WHEN):
        return Shape.WHEN
    first = words[0]
    if first in _I_WORDS:
        return Shape.I_CLAUSE
    if first == "that" and len(words) > 2:
        return Shape.THAT
    if first == "to" and len(words) > 1:
        return Shape.TO
    if first == "for" and len(words) > 2 and "to" in words[2:]:
        return Shape.FOR
    if _has_clause(text, names):
        return Shape.CLAUSE
    if first.endswith("ing") and len(first) > 4 and (
            first not in _ING_NOUNS or first == "feeling" and len(words) > 1):
        return Shape.GERUND  # "being ignored", "feeling left out" (not "feeling" alone)
    if (first in _IRREGULAR_PAST or first.endswith("ed") and len(first) > 4) and (
            len(words) == 1 or words[1] in _PREPOSITIONS or words[1] in _AFTER_PARTICIPLE):
        return Shape.PARTICIPLE
    if first in _VERBS or first in ("can't", "cannot", "don't", "won't"):
        return Shape.VERB
    return Shape.NOUN


# -- each slot of a chain ------------------------------------------------------------

_TRIGGER_VERBS = {"come", "go", "get", "hear", "see", "wake", "arrive", "find", "lose", "walk",
                  "sit", "wait", "try", "ask", "say", "tell", "notice", "realise", "realize",
                  "read", "open", "look", "leave", "return", "meet", "fail", "make", "forget",
                  "miss", "lie", "check", "feel"}
#: Words that make a noun phrase definite: it names one known thing, which
#: "there's" cannot introduce ("there's the silence" is not said).
_DEFINITE = {"the", "this", "that", "these", "those", "my", "his", "her", "their", "our",
             "your", "its"}
#: Words that make a noun phrase one thing, or several, whatever its noun.
_SINGULAR_LEADS = {"a", "an", "another", "one", "every", "each", "much", "less"}
_PLURAL_LEADS = {"many", "several", "few", "both", "two", "three", "four", "five", "six",
                 "seven", "eight", "nine", "ten", "dozens", "hundreds", "endless", "more"}
#: Nouns of amount: the noun after their "of" has the number ("lots of questions").
_AMOUNTS = {"lots", "loads", "plenty", "lot", "couple", "bunch", "load", "ton", "tons"}
#: Words ending in s that are not plurals.
_NOT_PLURAL = {"news", "series", "means", "species", "mess", "stress", "chaos", "christmas",
               "upstairs", "downstairs", "indoors", "outdoors", "always", "sometimes", "its",
               "his", "hers", "ours", "yours", "theirs", "this", "us", "yes", "perhaps",
               "politics", "physics", "maths", "mathematics", "lens", "bus", "gas", "plus",
               "across", "towards", "afterwards", "nowadays", "whereas", "unless", "thus"}
_IRREGULAR_PLURALS = {"people", "children", "men", "women", "feet", "teeth", "mice", "police",
                      "folk", "cattle", "kids", "grandparents", "parents", "in-laws"}
#: Words after a noun phrase's noun, not the noun itself ("raised voices upstairs").
_TRAILING = {"upstairs", "downstairs", "again", "everywhere", "outside", "inside", "today",
             "tonight", "home", "late", "early", "together", "up", "down", "out", "off",
             "away", "back", "around", "too", "all", "at", "once", "through", "apart",
             "over"}
_STOPS = {"and", "or", "but", "that", "who", "which", "when", "while", "whenever", "because",
          "if", "where"}


def _plural(words: list[str]) -> bool:
    """Whether a noun phrase's words name several things ("raised voices
    upstairs", "too many questions", "texts left on read"), by its first
    word and its noun: the last word before a preposition or a joining word,
    after any words that only trail it."""
    if not words:
        return False
    if words[0] in _SINGULAR_LEADS and not (len(words) > 2 and words[1] in _AMOUNTS):
        return False
    if words[0] in _PLURAL_LEADS or words[:2] in (["too", "many"], ["so", "many"]):
        return True
    if words[0] in _AMOUNTS or words[:2] == ["a", "lot"] or words[:2] == ["a", "couple"]:
        after = words[words.index("of") + 1:] if "of" in words else []
        return _plural(after) if after else words[0] != "lot"
    window: list[str] = []
    for word in words:
        if word in _PREPOSITIONS or word in _STOPS:
            break
        window.append(word)
    while len(window) > 1 and (window[-1] in _TRAILING or window[-1] in _IRREGULAR_PAST
                               or window[-1].endswith(("ed", "ing"))):
        window.pop()
    head = window[-1] if window else words[0]
    if head in _IRREGULAR_PLURALS:
        return True
    return head.endswith("s") and head not in _NOT_PLURAL and not head.endswith(
        ("ss", "us", "is", "'s", "ous"))


def _definite(words: list[str], raw_first: str) -> bool:
    """Whether a noun phrase names one known thing: "the closed door", "my
    boss's silence", "Agnes's calls", "Sunday evenings" (a name)."""
    first = words[0]
    return first in _DEFINITE or first.endswith(("'s", "s'")) or (
        raw_first[:1].isupper() and first not in _SINGULAR_LEADS | _PLURAL_LEADS)


def _opening(trigger: str, names: Sequence[str]) -> str:
    """What sets me off: `When Sam goes quiet`, `When I'm being ignored`.

    A noun phrase is brought in as English brings in a thing that happens:
    `When there's a stream of messages`, `When there are raised voices` (by
    its number), except a definite one, which "there's" cannot introduce:
    `When I'm faced with the silence after a fight`, `… with Sam's silence`."""
    shape = shape_of(trigger, names)
    words = _words(trigger)
    if shape is Shape.WHEN:
        return capital(trigger)
    if shape is Shape.QUOTE:
        return f"When I hear {trigger}"
    if shape in (Shape.CLAUSE, Shape.I_CLAUSE):
        return f"When {trigger}"
    if shape is Shape.GERUND and len(words) > 1 and not {"me", "myself"} & set(words):
        return f"When I'm {trigger}"  # "being ignored", "waiting for a reply"
    if shape is Shape.PARTICIPLE:
        return f"When I'm {trigger}"
    if shape is Shape.VERB and _first(trigger) in _TRIGGER_VERBS:
        return f"When I {trigger}"
    # A noun phrase, or a lone -ing word that names what others do ("shouting").
    if not words or _definite(words, _WORD.findall(trigger)[0]) and shape is not Shape.GERUND:
        return f"When I'm faced with {trigger}"
    return f"When there are {trigger}" if _plural(words) else f"When there's {trigger}"


#: Words after a feeling verb that keep it a verb ("worry about money",
#: "panic inside"), where a noun would make it a thing ("panic attacks").
_AFTER_FEELING_VERB = _PREPOSITIONS | _AFTER_PARTICIPLE | {
    "that", "inside", "quietly", "silently", "myself", "everything", "it", "again"}


def _feeling_verb(label: str) -> bool:
    """Whether a feeling is said as what I do, `I panic`, not as what I feel:
    a verb people use for a feeling on its own (`patterns.speech`: "panic",
    "worry", "freak out"), alone or before words that keep it a verb.
    `dread` alone is a thing I feel; `dread Mondays` is what I do."""
    words = _words(label)
    for phrase in FEELING_VERBS:
        size = len(phrase.split())
        if words[:size] != phrase.split():
            continue
        rest = words[size:]
        if not rest:
            return phrase != "dread"
        return phrase == "dread" or rest[0] in _AFTER_FEELING_VERB or rest[0].endswith("ing")
    return False


def _feeling(label: str, names: Sequence[str]) -> tuple[str, bool]:
    """A feeling as (words, is it a whole clause): `hurt` goes after "I
    feel"; `I'm not enough` and `my heart sinks` stand as clauses, and a
    feeling said as a verb takes "I": `I panic`, `I freak out`."""
    shape = shape_of(label, names)
    lowered = label.lower()
    if shape in (Shape.I_CLAUSE, Shape.CLAUSE):
        return label, True
    if lowered.startswith("feeling "):
        return f"I'm {label}", True
    if shape is Shape.VERB and _first(label) in ("feel", "go", "get", "want", "become",
                                                      "grow", "turn") or _feeling_verb(label):
        return f"I {label}", True
    return label, False


def _feelings(labels: list[str], names: Sequence[str], *, lead: str = "I feel ") -> str:
    """Feelings as one phrase: `I feel hurt and alone`, `I feel hurt, and I'm not enough`."""
    plain = [said for said, whole in (_feeling(x, names) for x in labels) if not whole]
    whole = [said for said, is_whole in (_feeling(x, names) for x in labels) if is_whole]
    parts = ([lead + _and(plain)] if plain else []) + whole
    return _and(parts)


def _thought(label: str, names: Sequence[str]) -> str:
    """What I tell myself: the meaning in quotation marks, in its own words."""
    shape = shape_of(label, names)
    lowered = label.lower().replace("’", "'")
    if lowered.startswith(("i think ", "i believe ", "i tell myself ", "i'm telling myself ")):
        return label
    if shape in (Shape.THAT, Shape.QUOTE):
        return f"I tell myself {label}"
    quoted = quote(label)
    return f"I tell myself {quoted}" if quoted != label else f"I tell myself: {label}"


def _thoughts(labels: list[str], names: Sequence[str]) -> str:
    """What I tell myself, once: `I tell myself “nobody stays” and “I'm too
    much”` (a meaning in the person's own frame, "I think …", keeps it)."""
    said = [_thought(m, names) for m in labels]
    lead = "I tell myself "
    if len(said) > 1 and all(t.startswith(lead) and not t.startswith(lead.rstrip() + ":")
                             for t in said):
        return lead + _and([t.removeprefix(lead) for t in said])
    return _and(said)


def _body(labels: list[str], names: Sequence[str]) -> tuple[list[str], list[str]]:
    """What my body does, as (clauses, things): a clause as it is ("my
    stomach drops"), a verb phrase with "I" ("I go numb"); anything else is a
    thing to list after "I feel it in my body" ("tight chest, racing heart")."""
    clauses, things = [], []
    for label in labels:
        shape = shape_of(label, names)
        if shape in (Shape.CLAUSE, Shape.I_CLAUSE):
            clauses.append(label)
        elif shape is Shape.VERB:
            clauses.append(f"I {label}")
        else:
            things.append(label)
    return clauses, things


#: Words that open a move named as a thing ("silence", "jokes"), not a verb.
_MOVE_NOUNS = {"silence", "humour", "humor", "jokes", "alcohol", "wine", "food", "distance",
               "tears", "anger", "rage"}
#: Words after a noun that make the two a picture of the move ("headphones on").
_PARTICLES = {"on", "off", "up", "down", "out", "shut", "closed", "open", "away", "in"}
#: Things a move is pictured by, that are verbs too ("phone off" but "phone Mum").
_PICTURED = {"phone", "door", "laptop", "tv", "guard", "mask", "lights", "curtains", "shutters"}
#: Words that say how I am, not what I do: a move "cold and distant" is "I'm …".
_MOVE_ADJECTIVES = {
    "cold", "distant", "silent", "quiet", "busy", "defensive", "sarcastic", "clingy", "needy",
    "critical", "controlling", "passive", "short", "snappy", "stubborn", "perfect", "nice",
    "helpful", "agreeable", "polite", "charming", "funny", "loud", "frosty", "sharp", "bossy",
    "extra", "overly", "super", "icy", "distracted", "unavailable", "unreachable", "cheerful",
}
_DEGREE = {"too", "so", "very", "really", "extra", "overly", "super"}


def _noun_first(first: str) -> bool:
    """Whether a move's first word is a thing, not a verb: a determiner
    ("the silent treatment"), a known noun ("sarcasm", "jokes"), or a plural
    ("headphones"): a verb said after "I" never ends in a plural's s."""
    return first in _DETERMINERS or first in _MOVE_NOUNS or bool(re.search(
        r"(asm|ism|ness|tion|sion|ment|ity|ance|ence|ship|hood)$", first)) or (
        first.endswith("s") and first not in _NOT_PLURAL
        and not first.endswith(("ss", "us", "is", "'s")))


def _move(label: str, names: Sequence[str]) -> tuple[str, bool]:
    """A move as (words after "I", or a whole clause): `text again and again`;
    `I shut down`; `I end up shutting down`; `I fall back on the silent
    treatment`; `it's headphones on, door shut`; `I try to be the easy one`."""
    shape = shape_of(label, names)
    if shape in (Shape.I_CLAUSE, Shape.CLAUSE, Shape.WHEN):
        return label, True
    if shape is Shape.GERUND:
        return f"I end up {label}", True
    if shape is Shape.QUOTE:
        return f"I say {label}", True
    words = _words(label)
    if words[:1] == ["be"]:
        return f"I try to {label}", True
    first = words[0] if words else ""
    verb = first in _VERBS and len(words) > 1 and words[1] not in ("and", "or")
    if (first in _MOVE_ADJECTIVES or first in FEELING_WORDS) and not verb or (
            first in _DEGREE and len(words) > 1 and words[1] not in ("much", "many")):
        return f"I'm {label}", True  # "cold and distant", "too busy to talk"
    after = label[label.lower().find(words[1]) + len(words[1]):] if len(words) > 1 else ""
    if first in _PICTURED and len(words) > 1 and words[1] in _PARTICLES and (
            len(words) == 2 or after.lstrip()[:1] == ","):
        return f"it's {label}", True  # "phone off", "phone off, door shut"
    if _noun_first(first):
        if len(words) > 1 and words[1] in _PARTICLES:
            return f"it's {label}", True
        return f"I fall back on {label}", True
    return label, False


def _moves(labels: list[str], names: Sequence[str]) -> str:
    """The moves as alternatives: `I text again and again, or criticise and
    demand an answer`; with a whole clause among them each keeps its "I"."""
    said = [_move(x, names) for x in labels]
    if all(not whole for _, whole in said):
        return "I " + _or([words for words, _ in said])
    return _or([words if whole else f"I {words}" for words, whole in said])


def _need(label: str, names: Sequence[str]) -> tuple[str, str]:
    """A need as (how it follows "because", how it follows "though"):
    `I need reassurance`, `what I need is reassurance`."""
    shape = shape_of(label, names)
    lowered = label.lower().replace("’", "'")
    if shape is Shape.I_CLAUSE:
        return label, label
    if shape in (Shape.THAT, Shape.FOR, Shape.GERUND):
        return f"what I need is {label}", f"what I need is {label}"
    if shape in (Shape.CLAUSE, Shape.WHEN, Shape.QUOTE) and not lowered.startswith("to "):
        quoted = quote(label) if shape is not Shape.QUOTE else label
        return f"I need {quoted}", f"what I need is {quoted}"
    return f"I need {label}", f"what I need is {label}"


def _needs(longed: list[str], blocked: list[str], names: Sequence[str]) -> str:
    """`, because I need reassurance`; a need the moves only get in the way
    of: `, though what I need is to feel close`."""
    out = ""
    if longed:
        said = [_need(x, names)[0] for x in longed]
        if all(s.startswith("I need ") for s in said):
            said = ["I need " + _and([s.removeprefix("I need ") for s in said])]
        out += ", because " + _and(said)
    if blocked:
        out += ", though " + _and([_need(x, names)[1] for x in blocked])
    return out


def _and(items: list[str], sep: str | None = None) -> str:
    """a; a and b; a, b and c (with a comma before "and" when an item holds one)."""
    if sep is not None:
        return sep.join(items)
    if len(items) <= 1:
        return "".join(items)
    comma = "," if any("," in x for x in items) else ""
    return ", ".join(items[:-1]) + f"{comma} and " + items[-1]


def _or(items: list[str]) -> str:
    """a; a, or b; a, b, or c: the alternatives a cycle folds together."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + ", or " + items[-1]


def chain_sentence(*, trigger: str | None = None, surface: Sequence[str] = (),
                   core: Sequence[str] = (), meanings: Sequence[str] = (),
                   body: Sequence[str] = (), moves: Sequence[str] = (),
                   needs: Sequence[str] = (), blocked: Sequence[str] = (),
                   names: Sequence[str] = ()) -> str:
    """One person's chain as one sentence in their own first person, in the
    order therapists write a cycle: what sets me off, what I feel on top,
    what is underneath and what I tell myself, what my body does, what I do
    (alternatives folded with "or"), and what I need.

    What happens inside me is said part by part, each after ", and" (the
    same joint in every chain, however many parts it has): `I feel angry,
    and underneath that, scared, and I tell myself “…”, and I go numb`. What
    my body does is one part; what is not a clause of its own is set between
    dashes: `and I feel it in my body — tight chest, racing heart — so I …`.

    Every argument holds labels, exactly as typed; `names` are the map's
    people (so a label naming one reads as a clause).
    """
    inner: list[str] = []
    if surface:
        feeling = _feelings(list(surface), names)
        if core:
            # Underneath a plain feeling, "I feel" carries on; after a
            # feeling said as a clause ("I panic") it is said again.
            plain = not any(whole for _, whole in (_feeling(x, names) for x in surface))
            feeling += f", and {UNDERNEATH} that, " + _feelings(
                list(core), names, lead="" if plain else "I feel ")
        inner.append(feeling)
    elif core:
        inner.append(_feelings(list(core), names))
    if meanings:
        inner.append(_thoughts(list(meanings), names))
    clauses, things = _body(list(body), names)
    if things:
        clauses.append(f"I feel it in my body — {_and(things)}")
    if clauses:
        inner.append(_and(clauses))  # what my body does is one part
    text = ", ".join(x for x in (_opening(trigger, names) if trigger is not None else "",
                                 ", and ".join(inner)) if x)
    # After the dash that opens the body's words, the next part closes it.
    joint = " — " if things else ", "
    if moves:
        move = _moves(list(moves), names)
        text = f"{text}{joint}so {move}" if inner else f"{text}, {move}" if text else move
        joint = ", "
    told_needs = _needs(list(needs), list(blocked), names)
    if told_needs:
        text += joint + told_needs.removeprefix(", ")
    text = capital(text)
    return text if re.search(r"[.!?][”’\"']?$", text) else text + "."


# -- the map's key -----------------------------------------------------------------

#: What each family of line on the map means (patterns.layout.key.Family, by
#: value), in the same words as the rest of the client's copy: a "cycle", a
#: feeling "underneath" the one that shows. Paper has room for a phrase.
KEY_WORDS = {
    "cycle": f"⟳ a {CYCLE}: each step sets off the next",
    "variant": f"the same {CYCLE}, another way round",
    "leads": "leads to",
    "masks": f"shows on top of a feeling {UNDERNEATH}",
    "helps": "helps",
    "blocks": "blocks what it longs for",
}
#: The same in a word or two, for the one line of the key on screen (where
#: the Patterns panel counts a cycle's other ways round as "variants").
SHORT_KEY_WORDS = {
    "cycle": f"⟳ {CYCLE}",
    "variant": "variant",
    "leads": "leads to",
    "masks": UNDERNEATH,
    "helps": "helps",
    "blocks": "blocks",
}


__all__ = [
    "CYCLE",
    "KEY_WORDS",
    "NOT_TRIED",
    "NO_RESPONSES",
    "OTHER_MOMENTS",
    "SHORT_KEY_WORDS",
    "Shape",
    "UNDERNEATH",
    "about_the_client",
    "addressed",
    "capital",
    "chain_sentence",
    "dance_line",
    "day",
    "initials",
    "layer_words",
    "mask_names",
    "name",
    "needs_heading",
    "on_cycle",
    "part_words",
    "pattern_heading",
    "pattern_intro",
    "plural",
    "possessive",
    "repair_party",
    "repair_with",
    "said_to_client",
    "quote",
    "shape_of",
    "strength_words",
    "style_words",
    "therapist_note",
    "scores_afterwards",
    "times",
    "tries_relief",
    "tries_trend",
]
