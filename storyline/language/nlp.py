"""Per-language spaCy pipelines: the model named by the language profile, or a fallback.

A language profile names its model in ``[pipeline] model = "<folder>"``; the
folder lives in ``storyline/models``. A profile (or a plug-in) can instead
register an ``nlp`` component that builds the pipeline. Languages without
either get a fallback that still finds capitalised names, flagged with the
label ``NAME`` (untyped) so that later stages treat them with less confidence.

Entity labels are normalised to PER, LOC, ORG, MISC (and NAME): models trained
on CoNLL use these already; OntoNotes labels (PERSON, GPE, ...) are mapped.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.language.registry import default_registry

MODELS_PACKAGE = "storyline.models"
FALLBACK_LANGUAGE = "xx"
LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "PRODUCT": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "NAME": "NAME",
}
CAPITALISED = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*$")


def models_dir() -> Path:
    return Path(str(resources.files(MODELS_PACKAGE)))


def normalise_label(label: str) -> str | None:
    """The common label for a model's label, or ``None`` for non-names (dates, numbers)."""
    return LABEL_MAP.get(label)


def trained_model_path(language: str) -> Path | None:
    """The folder of the model the language profile names, when it is installed."""
    profile = default_registry().find(language)
    model = profile.section("pipeline").get("model") if profile else None
    path = models_dir() / model if model else None
    return path if path is not None and (path / "meta.json").exists() else None


def has_trained_model(language: str) -> bool:
    return trained_model_path(language) is not None


@cache
def pipeline_for(language: str) -> Language:
    """The spaCy pipeline for ``language`` (loaded once per process)."""
    profile = default_registry().find(language)
    if profile is not None and (factory := profile.components.get("nlp")):
        return factory()
    path = trained_model_path(language)
    return spacy.load(path) if path is not None else fallback_pipeline()


@lru_cache(maxsize=8)
def parse(language: str, text: str) -> Doc:
    """The language pipeline's Doc for ``text``. The last few are kept, so that the stages reading one
    document (names, then quotes from the same parse) run the pipeline over it once."""
    return pipeline_for(language)(text)


@Language.component("storyline_capitalised_names")
def capitalised_names(doc: Doc) -> Doc:
    """Untyped names: runs of capitalised tokens that do not merely start a sentence."""
    spans: list[Span] = []
    start: int | None = None
    for token in [*doc, None]:
        is_name = token is not None and bool(CAPITALISED.match(token.text)) and len(token.text) > 1
        if is_name and start is None:
            start = token.i
        elif not is_name and start is not None:
            first = doc[start]
            sentence_initial = first.is_sent_start or start == 0
            if not sentence_initial or (token is not None and token.i - start > 1):
                spans.append(Span(doc, start, token.i if token is not None else len(doc), label="NAME"))
            start = None
    doc.ents = spacy.util.filter_spans([*doc.ents, *spans])
    return doc


@cache
def fallback_pipeline() -> Language:
    nlp = spacy.blank(FALLBACK_LANGUAGE)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("storyline_capitalised_names")
    return nlp
