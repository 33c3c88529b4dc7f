"""``storyline eval ner``: named-entity recognition on CoNLL-03 EN/DE and GermEval 2014.

Gold tokens are fed to the pipeline as they are (no re-tokenisation), a whole
CoNLL document at a time (as storyline reads whole articles); predicted entities
are compared with gold spans by exact boundaries and type, micro-averaged
(CoNLL conventions).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.evaluation.datasets import NER_DATASETS, NerDocument, load_ner_dataset
from storyline.evaluation.scoring import LabelledSpan, SpanScores, score_spans
from storyline.language.nlp import normalise_label, pipeline_for
from storyline.language.propagation import harmonise_labels, propagate_names
from storyline.records import NameMention, plain_document


@dataclass
class NerEvaluation:
    dataset: str
    language: str
    documents: int
    sentences: int
    tokens: int
    seconds: float
    scores: SpanScores

    def as_dict(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "language": self.language,
            "documents": self.documents,
            "sentences": self.sentences,
            "tokens": self.tokens,
            "words_per_second": round(self.tokens / self.seconds) if self.seconds else None,
            **self.scores.as_dict(),
        }


def _as_doc(document: NerDocument, vocab) -> Doc:  # type: ignore[no-untyped-def]
    words = [token for sentence in document.sentences for token in sentence.tokens]
    starts = []
    for sentence in document.sentences:
        starts.extend([True] + [False] * (len(sentence.tokens) - 1))
    return Doc(vocab, words=words, sent_starts=starts)


def predict_spans(documents: list[NerDocument], language: str, *, propagate: bool = False) -> list[LabelledSpan]:
    """Predicted token spans; ``propagate`` applies collection-level name propagation within each document."""
    nlp = pipeline_for(language)
    predicted: list[LabelledSpan] = []
    docs = (_as_doc(document, nlp.vocab) for document in documents)
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=16), strict=True):
        mentions = [
            NameMention(doc=document.id, start=e.start_char, end=e.end_char, text=e.text, label=label)
            for e in doc.ents
            if (label := normalise_label(e.label_))
        ]
        if propagate:
            record = plain_document(document.id, doc.text, language)
            mentions = harmonise_labels(mentions, [record])
            mentions += propagate_names([record], mentions)
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end)
            if span is not None:
                predicted.append((document.id, span.start, span.end, mention.label))
    return predicted


def gold_spans(documents: list[NerDocument]) -> list[LabelledSpan]:
    gold: list[LabelledSpan] = []
    for document in documents:
        offset = 0
        for sentence in document.sentences:
            gold.extend((document.id, offset + s, offset + e, label) for s, e, label in sentence.spans)
            offset += len(sentence.tokens)
    return gold


def evaluate_ner(dataset: str, *, limit: int | None = None, propagate: bool = False) -> NerEvaluation:
    """Score the pipeline of the dataset's language; ``limit`` takes the first N documents."""
    documents = load_ner_dataset(dataset)
    info = NER_DATASETS[dataset]
    if limit is not None:
        documents = documents[:limit]
    pipeline_for(info.language)  # load before timing
    started = time.perf_counter()
    predicted = predict_spans(documents, info.language, propagate=propagate)
    seconds = time.perf_counter() - started
    return NerEvaluation(
        dataset=dataset,
        language=info.language,
        documents=len(documents),
        sentences=sum(len(d.sentences) for d in documents),
        tokens=sum(len(s.tokens) for d in documents for s in d.sentences),
        seconds=seconds,
        scores=score_spans(gold_spans(documents), predicted),
    )
