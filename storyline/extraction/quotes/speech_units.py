"""Units of speech: a text cut into sentences and clauses, each later labelled DIRECT, INDIRECT or O.

Reported speech in (old) newspapers runs over whole sentences and clauses, often without quotation
marks: a colon opens a long direct quote, Konjunktiv I carries indirect speech on for sentences. A
span tagger has to find the start and end of such long stretches token by token; a classifier over
units only has to say which kind each unit is. Units are sentences (:func:`split_sentences`), cut
again before an opening and after a closing quotation mark, after a colon or semicolon, and before
a clause opener that introduces reported content ("dass", "ob", after a comma).

Tokens are the words and punctuation marks of a plain regular expression, so the same units come out
at training time (on a corpus' detokenised text) and at run time (on any cleaned text).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from storyline.extraction.quotes.lexicon import separable_cue, speech_lexicon
from storyline.extraction.quotes.token_quotes import quote_state
from storyline.language.registry import default_registry
from storyline.language.sentences import split_sentences

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
WINDOW = 4  # units either side whose flags a unit sees in summary
UNIT_END_AFTER = frozenset({":", ";", ","})
# The flags a unit passes on to its sentence (``S:``).
SENTENCE_FLAGS = frozenset(
    {"cue", "rep", "sub", "deix", "q=all", "q=some", "R:direct=all", "R:indirect=all", "dep:mood", "dep:report=all"}
)


@dataclass(frozen=True)
class Unit:
    """Tokens ``[first, last)`` of a text's token list; ``sentence`` numbers the sentence, ``index`` the unit."""

    first: int
    last: int
    sentence: int
    start_of_sentence: bool


def tokenise(text: str) -> list[tuple[int, int]]:
    """Character spans of the words and punctuation marks."""
    return [match.span() for match in TOKEN.finditer(text)]


def split_units(
    text: str, spans: list[tuple[int, int]], language: str, openers: frozenset[str], quote: list[str] | None = None
) -> list[Unit]:
    """Cut the tokens ``spans`` of ``text`` into units (see the module docstring)."""
    words = [text[s:e] for s, e in spans]
    quote = quote if quote is not None else quote_state(words)
    lower = [w.lower() for w in words]
    units: list[Unit] = []
    index = 0
    for number, sentence in enumerate(split_sentences(text, language)):
        while index < len(spans) and spans[index][1] <= sentence.start:
            index += 1
        first = index
        while index < len(spans) and spans[index][0] < sentence.end:
            index += 1
        if index == first:
            continue
        start = first
        for position in range(first + 1, index):
            cut_before = quote[position] == "open" or (lower[position] in openers and words[position - 1] == ",")
            cut_before = cut_before or quote[position - 1] == "close" or words[position - 1] in UNIT_END_AFTER
            if cut_before and any(words[i][0].isalnum() for i in range(start, position)):
                units.append(Unit(start, position, number, start == first))
                start = position
        units.append(Unit(start, index, number, start == first))
    return units


@dataclass(frozen=True)
class UnitWords:
    """The language's words the unit features look for (from ``speech.toml``; ``[units]`` for the deixis)."""

    cues: frozenset[str]
    subjunctive: frozenset[str]
    openers: frozenset[str]
    reporting_stems: tuple[str, ...]
    deixis: frozenset[str]
    address: frozenset[str]
    announcers: tuple[str, ...]
    function_words: frozenset[str]
    separable: dict[str, frozenset[str]]


@cache
def unit_words(language: str) -> UnitWords | None:
    """The language's word lists the unit features read (built once per language; the data does not change)."""
    lexicon = speech_lexicon(language)
    profile = default_registry().find(language)
    if lexicon is None or profile is None:
        return None
    units = profile.section("speech").get("units", {})
    return UnitWords(
        cues=lexicon.verbs | lexicon.indirect_verbs,
        subjunctive=lexicon.subjunctive,
        openers=lexicon.reported_clause_openers,
        reporting_stems=lexicon.reporting_stems,
        deixis=frozenset(w.lower() for w in units.get("deixis", [])),
        address=frozenset(units.get("address", [])),
        announcers=lexicon.announcers,
        function_words=frozenset(w.lower() for w in profile.section("stopwords").get("words", [])),
        separable=lexicon.separable,
    )


def _length(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def _reporting(word: str, stems: tuple[str, ...]) -> bool:
    return word.startswith(stems) or (word.startswith("ge") and word[2:].startswith(stems))


def unit_features(
    words: list[str],
    units: list[Unit],
    known: UnitWords,
    quote: list[str],
    rules: list[str] | None = None,
    parsed: list[str] | None = None,
) -> list[list[str]]:
    """Feature names of every unit: its own words and marks, its sentence's, and its neighbours' (``P:``/``N:``).

    ``rules`` gives each token the kind of the rule mention covering it (``direct``, ``indirect``, …, or
    ``""``): the rules' reading becomes evidence the classifier weighs beside the rest. ``parsed`` gives each
    token what the dependency parse says of it (:func:`storyline.extraction.quotes.dependency.parse_marks`:
    ``report`` inside what a cue verb reports, ``mood`` a verb in a reporting mood), as ``dep:`` flags.
    """
    lower = [w.lower() for w in words]
    rules = rules or [""] * len(words)
    parsed = parsed or [""] * len(words)
    since_colon = None  # units since the last one that ended with a colon; None before any
    colon_kind = ""
    own: list[list[str]] = []
    context: list[list[str]] = []  # the subset a neighbour sees
    sentence_flags: dict[int, set[str]] = {}
    for unit in units:
        span = range(unit.first, unit.last)
        alpha = [i for i in span if words[i][0].isalnum()]
        flags = set()
        if any(lower[i] in known.cues or separable_cue(lower, i, known.separable) for i in alpha):
            flags.add("cue")
        if any(_reporting(lower[i], known.reporting_stems) for i in alpha):
            flags.add("rep")
        if any(lower[i] in known.subjunctive for i in alpha):
            flags.add("sub")
        if any(lower[i] in known.deixis for i in alpha):
            flags.add("deix")
        if any(words[i] in known.address and i > unit.first for i in alpha):
            flags.add("addr")
        states = {quote[i] for i in span}
        inside = sum(quote[i] in ("in", "open", "close") for i in span)
        flags.add("q=" + ("all" if inside == len(span) else "some" if inside else "none"))
        if quote[unit.first] == "open":
            flags.add("qopen")
        if "close" in states:
            flags.add("qclose")
        first = lower[alpha[0]] if alpha else ""
        if first in known.openers:
            flags.add("opener")
        if alpha and not unit.start_of_sentence and words[alpha[0]][0].isupper() and first in known.function_words:
            flags.add("capfn")  # a line of verse, or a heading: a function word capitalised inside a sentence
        before = words[unit.first - 1] if unit.first > 0 else "^"
        flags.add("before=" + (before if not before[0].isalnum() else "w"))
        last = words[unit.last - 1]
        flags.add("end=" + (last if not last[0].isalnum() else "w"))
        if any(lower[i] in known.announcers for i in alpha):
            flags.add("announce")
        if unit.start_of_sentence:
            flags.add("sstart")
        if any("mood" in parsed[i] for i in alpha):
            flags.add("dep:mood")
        reported = sum("report" in parsed[i] for i in alpha)
        if reported:
            flags.add("dep:report=" + ("all" if reported == len(alpha) else "some"))
        kinds = Counter(rules[i] for i in alpha)
        for kind, n in kinds.items():
            if kind:
                flags.add(f"R:{kind}=" + ("all" if n == len(alpha) else "some"))
        if since_colon is not None:
            flags.add("colon" + colon_kind + "=" + _length(since_colon))
            since_colon += 1
        if last == ":":
            since_colon = 0
            colon_kind = "A" if "announce" in flags else "C" if {"cue", "rep"} & flags else ""
        sentence_flags.setdefault(unit.sentence, set()).update(flags & SENTENCE_FLAGS)
        names = ["bias", *sorted(flags), "len=" + _length(len(alpha)), "fw=" + first]
        names += ["w=" + lower[i] for i in sorted(set(alpha), key=lambda i: lower[i])]
        names += ["s3=" + lower[i][-3:] for i in alpha if len(lower[i]) > 4]
        if len(alpha) > 1:
            names.append("fw2=" + first + "_" + lower[alpha[1]])
        own.append(names)
        context.append([*sorted(flags), "fw=" + first])
    window_flags = ("deix", "sub", "cue", "capfn", "addr", "q=all", "R:direct=all", "R:indirect=all", "dep:mood")
    features = []
    for index, unit in enumerate(units):
        nearby = Counter(
            flag
            for other in range(max(0, index - WINDOW), min(len(units), index + WINDOW + 1))
            if other != index
            for flag in context[other]
            if flag in window_flags
        )
        names = list(own[index])
        names += ["S:" + flag for flag in sorted(sentence_flags.get(unit.sentence, ()))]
        names += [f"W:{flag}=" + ("1" if n == 1 else "2-3" if n <= 3 else "4+") for flag, n in sorted(nearby.items())]
        for offset, prefix in ((-1, "P:"), (-2, "P2:"), (1, "N:")):
            other = index + offset
            if 0 <= other < len(units):
                same = units[other].sentence == unit.sentence
                names += [prefix + name for name in context[other]]
                names.append(prefix + ("same" if same else "other"))
            else:
                names.append(prefix + "none")
        features.append(list(dict.fromkeys(names)))
    return features


@dataclass(frozen=True)
class UnitText:
    """A text prepared for the unit classifier: its tokens, units and their features."""

    spans: list[tuple[int, int]]
    units: list[Unit]
    features: list[list[str]]


def prepare(
    text: str,
    language: str,
    known: UnitWords,
    mentions: Sequence[tuple[int, int, str]] = (),
    marks: Sequence[tuple[int, int, str]] = (),
) -> UnitText:
    """Tokens, units and features of ``text``; ``mentions`` are the rules' ``(start, end, kind)``, ``marks``
    the parse's ``(start, end, mark)`` (see :func:`unit_features`)."""
    spans = tokenise(text)
    words = [text[s:e] for s, e in spans]
    quote = quote_state(words)
    units = split_units(text, spans, language, known.openers, quote)
    rules = [""] * len(spans)
    starts = [s for s, _ in spans]
    for start, end, kind in sorted(mentions, key=lambda m: m[1] - m[0], reverse=True):
        for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            rules[index] = kind
    parsed = [""] * len(spans)
    for start, end, mark in marks:
        for index in range(bisect.bisect_right(starts, start - 1), bisect.bisect_left(starts, end)):
            parsed[index] += " " + mark
    return UnitText(spans, units, unit_features(words, units, known, quote, rules, parsed))


def labelled_spans(prepared: UnitText, labels: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the runs of units with one label other than ``O``."""
    spans: list[tuple[int, int, str]] = []
    run: tuple[int, int, str] | None = None
    for unit, label in zip(prepared.units, labels, strict=True):
        start, end = prepared.spans[unit.first][0], prepared.spans[unit.last - 1][1]
        if run is not None and run[2] == label:
            run = (run[0], end, label)
            continue
        if run is not None and run[2] != "O":
            spans.append(run)
        run = (start, end, label)
    if run is not None and run[2] != "O":
        spans.append(run)
    return spans
