"""Token features for the trained speech tagger (``storyline/models/speech_<code>``).

The tagger is a stock spaCy ``ner`` whose embedding reads ``MORPH``; these features are written into
``token.morph`` before it runs, at training time (``training/speech_de``) and at run time
(:mod:`storyline.extraction.quotes.speech_model`), by this one function so the two never drift apart.
A CNN sees only a few tokens either side, so the features carry what lies further away: whether a token
is inside quotation marks, whether its sentence or clause holds a Konjunktiv-I verb or a cue verb,
whether a colon or a "dass" opened the clause. The words come from the language's ``speech`` data.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.extraction.quotes.lexicon import SpeechLexicon

OPENING_MARKS = frozenset({"„", "»", "“", '"', "‚", "›"})
CLOSING_MARKS = frozenset({"“", "”", "«", '"', "‘", "‹", "’"})
DOUBLE_MARKS = frozenset({"„", "»", "“", '"', "”", "«"})
SENTENCE_END = frozenset({".", "!", "?"})
CLAUSE_END = frozenset({",", ";", ":", "(", ")", "–", "-", *SENTENCE_END})
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


def _spans(words: Sequence[str], ends: frozenset[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, word in enumerate(words):
        if word in ends:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


def token_features(words: Sequence[str], lexicon: SpeechLexicon) -> list[str]:
    """One ``token.morph`` string per word (``Key=Value|…``, keys sorted)."""
    lower = [w.lower() for w in words]
    quote = quote_state(words)
    subjunctive = [w in lexicon.subjunctive for w in lower]
    cue = [w in lexicon.verbs or w in lexicon.indirect_verbs for w in lower]
    opener = [w in lexicon.reported_clause_openers for w in lower]
    sentence_sub = [False] * len(words)
    sentence_cue = [False] * len(words)
    sentence_position = ["mid"] * len(words)
    for start, end in _spans(words, SENTENCE_END):
        has_sub, has_cue = any(subjunctive[start:end]), any(cue[start:end])
        for index in range(start, end):
            sentence_sub[index], sentence_cue[index] = has_sub, has_cue
        sentence_position[start] = "first"
    clause_sub = [False] * len(words)
    clause_open = ["none"] * len(words)
    for start, end in _spans(words, CLAUSE_END):
        has_sub = any(subjunctive[start:end])
        first = lower[start] if start < end else ""
        kind = "dass" if opener[start] else "colon" if start > 0 and words[start - 1] == ":" else "none"
        if kind == "none" and first in lexicon.reported_clause_openers:
            kind = "dass"
        for index in range(start, end):
            clause_sub[index] = has_sub
            clause_open[index] = kind
    after_colon = [False] * len(words)
    for start, end in _spans(words, SENTENCE_END):
        seen = False
        for index in range(start, end):
            after_colon[index] = seen
            seen = seen or words[index] == ":"
    features = []
    for index in range(len(words)):
        parts = {
            "Acol": "y" if after_colon[index] else "n",
            "Cl": clause_open[index],
            "Csub": "y" if clause_sub[index] else "n",
            "Cue": "y" if cue[index] else "n",
            "Q": quote[index],
            "Scue": "y" if sentence_cue[index] else "n",
            "Spos": sentence_position[index],
            "Ssub": "y" if sentence_sub[index] else "n",
            "Sub": "y" if subjunctive[index] else "n",
        }
        features.append("|".join(f"{key}={value}" for key, value in sorted(parts.items())))
    return features
