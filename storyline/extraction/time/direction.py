"""Direction from tense: whether an underspecified expression ("on Friday", "in May") points
back or ahead of the reference time, read from cue words in its sentence."""

from __future__ import annotations

import re

from storyline.extraction.time.lexicon import Rule, TimeLexicon

TENSE_WINDOW = 90
QUOTES = ('"', "''", "``", "\u201c", "\u201d", "\u201e")


def tense(lex: TimeLexicon, rule: Rule, text: str, match: re.Match[str]) -> int:
    """-1 past, +1 future, 0 unknown, from cue words around the match within its sentence
    (rules with ``tense = false`` always take the closest date)."""
    if not rule.options.get("tense", True):
        return 0
    start, end = match.span()
    left = text[max(0, start - TENSE_WINDOW) : start]
    right = text[end : end + TENSE_WINDOW]
    # The clause ends at a sentence end and at a quotation mark: the reporting verb outside a
    # quotation ("... leave at 4 a.m. Thursday,'' Castro said") is not the tense of what it quotes.
    cut = max([left.rfind(". "), left.rfind("\n")] + [left.rfind(q) + len(q) - 1 for q in QUOTES if q in left])
    sentence_left = left[cut + 1 :] if cut >= 0 else left
    ends = [right.find(". "), right.find("\n")] + [right.find(q) for q in QUOTES]
    right = right[: min([i for i in ends if i >= 0], default=len(right))]
    # A past perfect ("had filed ... by Wednesday", "had been due to expire Friday") tells of
    # something over before the report: it outweighs a plan word and a preposition.
    if lex.perfect is not None and (lex.perfect.search(sentence_left) or lex.perfect.search(right)):
        return -1
    for prefix, direction in ((lex.past_prefix, -1), (lex.future_prefix, 1)):
        if prefix is not None and prefix.search(left):
            return direction
    left = sentence_left
    best: tuple[int, int] | None = None
    # Future cues first: a word both lists match ("planned", "expected") is a future cue.
    for cue, direction in ((lex.future, 1), (lex.past, -1)):
        if cue is None:
            continue
        for found in cue.finditer(left):
            distance = len(left) - found.end()
            if (best is None or distance < best[0]) and not _discounted(lex, left, found, direction):
                best = (distance, direction)
        for found in cue.finditer(right):
            distance = found.start()
            if (best is None or distance < best[0]) and not _discounted(lex, right, found, direction):
                best = (distance, direction)
    return best[1] if best else 0


def _discounted(lex: TimeLexicon, window: str, found: re.Match[str], direction: int) -> bool:
    return _auxiliary_of_future(lex, window, found, direction) or _present_passive(lex, window, found, direction)


def _present_passive(lex: TimeLexicon, window: str, found: re.Match[str], direction: int) -> bool:
    """A participle after a present or infinitive auxiliary ("when the case is heard in May",
    "will be named commander for a mission in December") is a passive, not a past tense."""
    return direction < 0 and lex.passive is not None and lex.passive.search(window, 0, found.start()) is not None


def _auxiliary_of_future(lex: TimeLexicon, window: str, found: re.Match[str], direction: int) -> bool:
    """A past cue right before a future one is the auxiliary of a plan ("were planning to drive
    ... on Monday", "was scheduled to meet Friday"): the plan points ahead, so it is no past cue."""
    if direction >= 0 or lex.future is None or lex.auxiliary is None or not lex.auxiliary.fullmatch(found.group()):
        return False
    after = found.end() + len(window[found.end() :]) - len(window[found.end() :].lstrip())
    return after > found.end() and lex.future.match(window, after) is not None
