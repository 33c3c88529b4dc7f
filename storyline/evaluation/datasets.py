"""Readers for the annotated NER data sets in ../shared/datasets.

Each reader yields :class:`NerDocument` records: sentences of tokens with gold
spans in the common label set PER, LOC, ORG, MISC. Label mapping:

* CoNLL-03 (EN, DE): as annotated (IOB1 or IOB2).
* GermEval 2014: outer level; OTH -> MISC; ``X-deriv`` -> MISC (CoNLL tags
  nationality adjectives as MISC); ``X-part`` -> O (a compound containing a
  name, "EU-Kommission"-style parts, is not counted as a name). The test set is
  the first 1,000 sentences of ``NER-de-test.tsv``; each sentence is its own
  document (no document context in GermEval).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.scoring import bio_to_spans

LABELS = ("PER", "LOC", "ORG", "MISC")
GERMEVAL_TEST_SENTENCES = 1000


@dataclass(frozen=True)
class NerSentence:
    tokens: list[str]
    spans: list[tuple[int, int, str]]


@dataclass(frozen=True)
class NerDocument:
    id: str
    sentences: list[NerSentence]


@dataclass(frozen=True)
class NerDataset:
    name: str
    language: str
    path: str
    description: str


def shared_root() -> Path:
    """``$STORYLINE_SHARED`` or ``../shared`` beside the working directory's repo."""
    configured = os.environ.get("STORYLINE_SHARED")
    if configured:
        return Path(configured)
    for base in (Path.cwd(), *Path.cwd().parents):
        if (base / "shared" / "datasets").is_dir():
            return base / "shared"
        if (base.parent / "shared" / "datasets").is_dir() and (base / "pyproject.toml").exists():
            return base.parent / "shared"
    return Path.cwd().parent / "shared"


NER_DATASETS = {
    "conll03-en": NerDataset("conll03-en", "en", "conll2003_en/test.txt", "CoNLL-2003 English test"),
    "conll03-de": NerDataset("conll03-de", "de", "conll2003_de/deuutf.testb", "CoNLL-2003 German testb"),
    "germeval14": NerDataset(
        "germeval14", "de", "germeval2014/NER-de-test.tsv", "GermEval 2014 test, first 1,000 sentences, outer level"
    ),
}


def read_conll(path: Path, *, encoding: str = "utf-8") -> Iterator[NerDocument]:
    """CoNLL-2003 files: token ... NER per line, blank lines between sentences."""
    documents: list[NerDocument] = []
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if tokens:
            sentences.append(NerSentence(list(tokens), bio_to_spans(list(tags))))
            tokens.clear()
            tags.clear()

    def end_document() -> None:
        end_sentence()
        if sentences:
            documents.append(NerDocument(f"{path.name}#{len(documents)}", list(sentences)))
            sentences.clear()

    with path.open(encoding=encoding, errors="replace") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                end_sentence()
            elif parts[0] == "-DOCSTART-":
                end_document()
            else:
                tokens.append(parts[0])
                tags.append(parts[-1])
    end_document()
    yield from documents


def _germeval_tag(tag: str) -> str:
    if tag == "O" or "part" in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    if kind.endswith("deriv"):
        return f"{prefix}-MISC"
    return f"{prefix}-{'MISC' if kind == 'OTH' else kind}"


def read_germeval(path: Path, *, first: int | None = None, skip: int = 0) -> Iterator[NerDocument]:
    """GermEval 2014 TSV (idx, token, outer, inner); one document per sentence."""
    count = 0
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                tokens.append(parts[1])
                tags.append(_germeval_tag(parts[2]))
                continue
            if tokens:
                if count >= skip:
                    yield NerDocument(f"germeval#{count}", [NerSentence(list(tokens), bio_to_spans(list(tags)))])
                count += 1
                tokens.clear()
                tags.clear()
                if first is not None and count >= skip + first:
                    return


def load_ner_dataset(name: str, root: Path | None = None) -> list[NerDocument]:
    if name not in NER_DATASETS:
        raise ValueError(f"unknown NER dataset {name!r}; choose from {', '.join(NER_DATASETS)}")
    path = (root or shared_root()) / "datasets" / NER_DATASETS[name].path
    if not path.exists():
        raise FileNotFoundError(f"{path}: data set file not found (is ../shared beside the repo?)")
    if name == "germeval14":
        return list(read_germeval(path, first=GERMEVAL_TEST_SENTENCES))
    return list(read_conll(path))
