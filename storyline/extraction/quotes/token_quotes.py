"""Where a token list stands with respect to double quotation marks: opening, inside, closing or outside.

The unit model (:mod:`storyline.extraction.quotes.speech_units`) cuts units at quotation marks and
flags the units inside a quote; it works on plain token lists (the same at training and run time),
so it needs the marks paired per token rather than the character spans of
:mod:`storyline.extraction.quotes.marks`.
"""

from __future__ import annotations

from collections.abc import Sequence

OPENING_MARKS = frozenset({"„", "»", "“", '"', "‚", "›"})
CLOSING_MARKS = frozenset({"“", "”", "«", '"', "‘", "‹", "’"})
DOUBLE_MARKS = frozenset({"„", "»", "“", '"', "”", "«"})
MAX_QUOTE_TOKENS = 400  # an opening mark left open longer than this closes nothing


def quote_state(words: Sequence[str]) -> list[str]:
    """``open``/``close`` on double quotation marks, ``in`` between a pair, ``out`` elsewhere.

    An opening mark followed by another opening mark before any closing one (a quote running over
    several paragraphs re-opens at each) counts as open up to the next one; one never closed runs on
    for at most ``MAX_QUOTE_TOKENS`` tokens.
    """
    state = ["out"] * len(words)
    opened: int | None = None

    def mark(start: int, end: int) -> None:
        state[start] = "open"
        for inner in range(start + 1, min(end, start + MAX_QUOTE_TOKENS)):
            state[inner] = "in"

    for index, word in enumerate(words):
        if word not in DOUBLE_MARKS:
            continue
        if opened is not None and word in CLOSING_MARKS and word != "„":
            mark(opened, index)
            state[index] = "close"
            opened = None
        elif word in OPENING_MARKS or word == "»":
            if opened is not None:
                mark(opened, index)
            opened = index
    if opened is not None:
        mark(opened, len(words))
    return state
