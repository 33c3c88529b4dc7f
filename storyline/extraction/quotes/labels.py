"""A speaker named before a colon at a paragraph's start: transcripts and headlines.

"PENCE: Gennifer Flowers will not be attending …" (a transcript, often quoted paragraph by paragraph),
"Poll: Clinton and Trump in dead heat …", "Sanders: Clinton needs to …" (headlines): the label is the
source, the colon the cue, the rest of the paragraph what was said (PolNeAR annotates them so). No verb
of saying is there to find, so the word rules and the parse miss them.

A label is one to a few capitalised words. Headline kickers ("The Latest:", "Breaking:", "Correction:")
and credit lines ("Contributing:", "Twitter:") are labels too but name nobody: their words are language
data (``[labels]`` in ``data/<code>/speech.toml``), as is the longest label. A language without that
section gets nothing from here. Whether what follows says something (a clause with a verb, not a tally
"Clinton: 547." or a list of names) is for the caller to check against its parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.language.registry import default_registry

Span = tuple[int, int]
_WORD = re.compile(r"[^\s:]+")


@dataclass(frozen=True)
class LabelRules:
    max_words: int
    not_first: frozenset[str]  # words a speaker's label does not start with ("The Latest:")
    not_speakers: frozenset[str]  # words that make a label a kicker or a credit, not a speaker
    title_case_headlines: bool = False  # headlines capitalise every word, cues too ("X Says Y")


@dataclass(frozen=True)
class SpeakerLabel:
    source: Span  # the label
    cue: Span  # the colon
    content_start: int  # the first character after the colon and its spaces


@cache
def label_rules(language: str) -> LabelRules | None:
    """The ``[labels]`` section of the language's speech data, or ``None``."""
    profile = default_registry().find(language)
    data = (profile.section("speech") if profile else {}).get("labels")
    if not data:
        return None
    return LabelRules(
        max_words=int(data.get("max_words", 4)),
        not_first=frozenset(w.lower() for w in data.get("not_first", [])),
        not_speakers=frozenset(w.lower() for w in data.get("not_speakers", [])),
        title_case_headlines=bool(data.get("title_case_headlines", False)),
    )


def speaker_label(text: str, start: int, end: int, language: str) -> SpeakerLabel | None:
    """The speaker label that opens ``text[start:end]`` ("WALLACE: …"), or ``None``.

    The label is the words before the first colon, each capitalised, at most ``max_words`` of them and more
    than one letter in all; the colon is followed by a space and more text on the same line.
    """
    rules = label_rules(language)
    if rules is None:
        return None
    colon = text.find(":", start, min(end, start + 80))
    if colon <= start or "\n" in text[start:colon]:
        return None
    words = [m for m in _WORD.finditer(text, start, colon)]
    if not words or len(words) > rules.max_words or words[0].start() != start:
        return None
    if not text[start].isalpha() or not all(_capitalised(w.group()) for w in words):
        return None
    lowered = [re.sub(r"['’]s$", "", w.group().lower()).strip(".,'’") for w in words]
    if lowered[0] in rules.not_first or any(w in rules.not_speakers for w in lowered):
        return None
    if sum(ch.isalpha() for ch in text[start:colon]) < 2:
        return None  # "Q:", "A:"
    after = colon + 1
    if after >= end or text[after] not in " \t\u00a0":
        return None
    while after < end and text[after] in " \t\u00a0":
        after += 1
    if after >= end or text[after] == "\n":
        return None
    return SpeakerLabel(source=(start, words[-1].end()), cue=(colon, colon + 1), content_start=after)


def _capitalised(word: str) -> bool:
    first = next((ch for ch in word if ch.isalpha()), "")
    return bool(first) and first.isupper()
