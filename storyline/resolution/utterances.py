"""The same utterance across articles and languages: quotes that render the same words get one id.

Articles repeat what people said: an interview line in German comes back translated in an
English article, a social-media post is quoted again months later. Counted as separate quotes
they would inflate what a person said; merged, a reader sees one utterance with its renderings.

Two quotes from different documents render the same utterance when

- their words match exactly or nearly (same language; casefolded, punctuation ignored, one
  containing the other), and the shorter has at least ``min_words`` words, or
- the multilingual sentence encoder puts them close (cosine at least ``threshold``), both have
  at least ``min_words`` words, and their speakers agree: the same entity, or one side not
  linked to any entity.

A reported-speech quote that holds quoted words of its own (``partial`` quotes inside its span)
is represented by them: the quoted words are what was said, the rest is the reporter's
paraphrase, and a long paraphrase can touch two utterances. It takes the utterance of its
partial quote when it holds exactly one. Texts are compared without surrounding punctuation
("grave." and "grave" embed differently).

Quotes are compared in blocks of rows against all others (a matrix product), so the cost
grows with the square of the number of quotes but in numpy, never in Python loops over pairs
below the threshold. Links are taken strongest first; two groups join only when their quotes'
average cosine stays at least ``group_floor``, so one loose link does not chain two utterances.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.records import Document, Quote

WORD = re.compile(r"\w+")
BLOCK = 512  # quote rows per matrix product


@dataclass(frozen=True)
class UtteranceSettings:
    """Tuned on the example story (examples/utterances.gold.json): a development set, not a benchmark."""

    threshold: float = 0.6
    min_words: int = 3
    group_floor: float = 0.6


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _same_words(first: tuple[str, ...], second: tuple[str, ...], min_words: int) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= min_words and _contains(longer, shorter)


def _speakers_agree(first: Quote, second: Quote) -> bool:
    a, b = first.speaker.entity, second.speaker.entity
    return a is None or b is None or a == b


def _holders(quotes: Sequence[Quote]) -> dict[int, list[int]]:
    """Quote position -> positions of the partial quotes inside its span (same document)."""
    partials: dict[str, list[int]] = {}
    for index, quote in enumerate(quotes):
        if quote.kind == "partial":
            partials.setdefault(quote.doc, []).append(index)
    held: dict[int, list[int]] = {}
    for index, quote in enumerate(quotes):
        if quote.kind == "partial":
            continue
        inside = [
            p for p in partials.get(quote.doc, []) if quote.start <= quotes[p].start and quotes[p].end <= quote.end
        ]
        if inside:
            held[index] = inside
    return held


def utterance_links(
    quotes: Sequence[Quote], languages: dict[str, str], settings: UtteranceSettings | None = None
) -> list[tuple[float, int, int]]:
    """(score, a, b) for quote positions in different documents that render the same utterance."""
    settings = settings or UtteranceSettings()
    if len(quotes) < 2:
        return []
    words = [_words(q.text) for q in quotes]
    vectors = _vectors(quotes)
    skip = set(_holders(quotes))
    links = []
    for first in range(0, len(quotes), BLOCK):
        scores = vectors[first : first + BLOCK] @ vectors.T
        for row, column in zip(*np.nonzero(scores >= settings.threshold), strict=True):
            a, b = first + int(row), int(column)
            if a >= b or a in skip or b in skip or quotes[a].doc == quotes[b].doc:
                continue
            if min(len(words[a]), len(words[b])) < settings.min_words:
                continue  # short texts (a name in quote marks) embed close to much else
            if _speakers_agree(quotes[a], quotes[b]):
                links.append((float(scores[row, column]), a, b))
    by_language: dict[str, list[int]] = {}
    for index, quote in enumerate(quotes):
        by_language.setdefault(languages.get(quote.doc, ""), []).append(index)
    for members in by_language.values():  # exact or near-exact wording, whoever the speaker was linked to
        by_start: dict[str, list[int]] = {}
        for index in members:
            for word in set(words[index]):
                by_start.setdefault(word, []).append(index)
        seen: set[tuple[int, int]] = set()
        for index in members:
            if len(words[index]) < settings.min_words:
                continue
            rarest = min(words[index], key=lambda w: len(by_start[w]))  # candidates share the shorter's rarest word
            for other in by_start[rarest]:
                pair = (min(index, other), max(index, other))
                if other == index or other in skip or index in skip or quotes[other].doc == quotes[index].doc:
                    continue
                if pair in seen:
                    continue
                seen.add(pair)
                if _same_words(words[index], words[other], settings.min_words):
                    links.append((1.0, *pair))
    return sorted(set(links), reverse=True)


def _vectors(quotes: Sequence[Quote]) -> np.ndarray:
    from storyline.language.encoder import embed

    return embed([q.text.strip(" \t\n.,;:!?\"'“”„‚‘’»«›‹") for q in quotes])


def mark_utterances(
    quotes: Sequence[Quote], documents: Sequence[Document], settings: UtteranceSettings | None = None
) -> list[Quote]:
    """The quotes, those rendering an utterance also rendered elsewhere carrying a shared ``utterance`` id.

    The id is ``u:`` plus the id of the group's first quote (in the order given). Quotes whose words
    appear nowhere else keep ``utterance`` unset: each is an utterance of its own.
    """
    settings = settings or UtteranceSettings()
    quotes = list(quotes)
    links = utterance_links(quotes, {d.id: d.language for d in documents}, settings)
    if not links:
        return quotes
    vectors = _vectors(quotes)
    group_of = list(range(len(quotes)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(quotes))}
    for score, a, b in links:
        first, second = group_of[a], group_of[b]
        if first == second:
            continue
        together = float((vectors[members[first]] @ vectors[members[second]].T).mean())
        if score < 1.0 and together < settings.group_floor:
            continue  # a loose link between two utterances that are otherwise far apart
        for index in members[second]:
            group_of[index] = first
        members[first].extend(members.pop(second))
    for holder, inside in _holders(quotes).items():
        shared = {group_of[p] for p in inside if len(members[group_of[p]]) > 1}
        if len(shared) == 1:
            group = shared.pop()
            members[group_of[holder]].remove(holder)
            group_of[holder] = group
            members[group].append(holder)
    marked = list(quotes)
    for group in members.values():
        if len(group) < 2:
            continue
        group = sorted(group)
        utterance = f"u:{quotes[group[0]].id}"
        for index in group:
            marked[index] = quotes[index].model_copy(update={"utterance": utterance})
    return marked
