"""A trained speech model beside the rules: direct and indirect speech the rules miss.

A language profile names the model in ``[pipeline] speech_model = "<folder>"`` (a folder in
``storyline/models`` holding ``crf.json``, trained by ``training/speech_units_<code>``); languages
without one use the rules alone. The model is a linear-chain CRF over clause units
(:mod:`storyline.extraction.quotes.speech_units`, :mod:`storyline.extraction.quotes.unit_crf`) that
reads the rule mentions as evidence and labels each unit DIRECT, INDIRECT or neither; runs of equal
labels are the spans it finds.

:func:`combine` keeps every rule mention (the rules give cue, source and channel) and adds the
model's spans that no rule mention of speech touches, with the cue and source their sentence gives
before them (when it does): the model finds reported speech that has no cue word in reach of the
rules (Konjunktiv I running on over several sentences, unmarked quotes after a colon).
"""

from __future__ import annotations

import re
from pathlib import Path

from storyline.extraction.quotes.attribution import source_before
from storyline.extraction.quotes.dependency import parse_marks
from storyline.extraction.quotes.lexicon import SpeechLexicon, speech_lexicon
from storyline.extraction.quotes.speech_units import labelled_spans, prepare, unit_words
from storyline.extraction.quotes.unit_crf import MODEL_FILE, load_unit_crf
from storyline.extraction.quotes.unit_embeddings import unit_vectors
from storyline.records import QuoteMention

SPEECH_KINDS = ("direct", "partial", "indirect")
KIND_OF_LABEL = {"DIRECT": "direct", "INDIRECT": "indirect"}
WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 2  # a one-word span is more often noise than speech


def speech_model_path(language: str) -> Path | None:
    """The folder of the speech model the language profile names, when it is installed."""
    from storyline.language.nlp import models_dir
    from storyline.language.registry import default_registry

    profile = default_registry().find(language)
    name = profile.section("pipeline").get("speech_model") if profile else None
    path = models_dir() / name if name else None
    return path if path is not None and (path / MODEL_FILE).exists() else None


def tag_speech(
    text: str, language: str, model: Path | None = None, mentions: list[QuoteMention] | None = None
) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the speech spans the language's model (or ``model``) finds; ``[]`` without one.

    The model reads the rule ``mentions`` as evidence.
    """
    path = model or speech_model_path(language)
    if path is None or speech_lexicon(language) is None or not text.strip():
        return []
    known = unit_words(language)
    if known is None:
        return []
    crf = load_unit_crf(path)
    # The parse's marks, where the model was trained on them (empty without a parser or [parsed] speech data).
    marks = parse_marks(text, language) if crf.reads_parse else []
    prepared = prepare(text, language, known, [(m.start, m.end, m.kind) for m in mentions or []], marks)
    vectors = unit_vectors(text, prepared) if crf.needs_vectors else None
    labels = crf.decode(prepared.features, vectors, prepared.units)
    return [
        (start, end, KIND_OF_LABEL[label])
        for start, end, label in labelled_spans(prepared, labels)
        if label in KIND_OF_LABEL and len(WORD.findall(text[start:end])) >= MIN_WORDS
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without leading/trailing spaces, quotation marks and punctuation (content excludes the marks)."""
    strip = " \n\t„“”»«‚‘’\"'«»,;:"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def combine(
    text: str, language: str, mentions: list[QuoteMention], doc: str = "", model: Path | None = None
) -> list[QuoteMention]:
    """The rule mentions plus the model's spans that no rule speech mention (or cue) overlaps, in text order."""
    tagged = tag_speech(text, language, model, mentions)
    if not tagged:
        return mentions
    lexicon = speech_lexicon(language)
    covered = [(m.start, m.end) for m in mentions if m.kind in SPEECH_KINDS]
    covered += [(m.cue_start, m.cue_end) for m in mentions if m.cue_start is not None and m.cue_end is not None]
    added = []
    for start, end, kind in tagged:
        start, end = _trim(text, start, end)
        if end <= start or any(s < end and start < e for s, e in covered):
            continue
        added.append(_attributed(text, doc, start, end, kind, lexicon))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _attributed(text: str, doc: str, start: int, end: int, kind: str, lexicon: SpeechLexicon | None) -> QuoteMention:
    """A model span as a mention, with the cue and source its sentence gives before it (when it does)."""
    found = source_before(text, start, lexicon) if lexicon is not None else None
    cue = found.cue if found is not None else None
    return QuoteMention(
        doc=doc,
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        cue=cue.text if cue else None,
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        source=found.source if found is not None else None,
        source_start=found.source_start if found is not None else None,
        source_end=found.source_end if found is not None else None,
    )
