"""Reader for ECB+ (Cybulska & Vossen 2014): news documents with cross-document coreference, CROMER XML.

Each document ``<topic>_<n>ecb.xml`` or ``<topic>_<n>ecbplus.xml`` holds tokens
(``<token t_id sentence>``), markables (mentions anchored to tokens; the
anchor-less ones with ``TAG_DESCRIPTOR`` are instance names, not mentions) and
relations: ``CROSS_DOC_COREF`` (``note`` = the instance id shared across
documents) and ``INTRA_DOC_COREF`` (a chain inside one document). A mention in
no relation is a singleton. Each topic has two sub-topics (two real-world events
of the same kind): the ``ecb`` and the ``ecbplus`` documents.

Standard practice, followed here: only the sentences listed in
``ECBplus_coreference_sentences.csv`` (the ones annotated for coreference) are
used, singletons are kept, and the split is the one of Cybulska & Vossen (2015):
dev topics 2, 5, 12, 18, 21, 23, 34, 35; test topics 36–45; train the rest.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from storyline.evaluation.datasets import shared_root

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TEST_TOPICS = tuple(range(36, 46))
ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC", "TIME")
FILE_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class EcbMention:
    id: str  # "<doc>#<m_id>"
    doc: str
    tag: str  # HUMAN_PART_PER, LOC_GEO, ACTION_OCCURRENCE, ...
    sentence: int
    token_indices: tuple[int, ...]  # positions in the sentence
    text: str
    cluster: str  # gold chain id: instance id, "<doc>:intra:<r_id>", or the mention id (singleton)


@dataclass
class EcbDocument:
    id: str  # "36_1ecb"
    topic: int
    subtopic: str  # "36_ecb" or "36_ecbplus"
    sentences: dict[int, list[str]] = field(default_factory=dict)
    mentions: list[EcbMention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(" ".join(tokens) for _, tokens in sorted(self.sentences.items()))


def ecbplus_root(root: Path | None = None) -> Path:
    return (root or shared_root() / "datasets") / "ecbplus"


def split_topics(split: str, root: Path | None = None) -> tuple[int, ...]:
    """Topic numbers of ``train``, ``dev`` or ``test``."""
    if split == "test":
        return TEST_TOPICS
    if split == "dev":
        return DEV_TOPICS
    if split == "train":
        present = sorted(int(p.name) for p in (ecbplus_root(root) / "ECB+").iterdir() if p.name.isdigit())
        return tuple(t for t in present if t not in DEV_TOPICS and t not in TEST_TOPICS)
    raise ValueError(f"unknown split {split!r}; choose train, dev or test")


def validated_sentences(root: Path | None = None) -> dict[str, set[int]]:
    """Document id -> the sentence numbers annotated for coreference."""
    result: dict[str, set[int]] = {}
    with (ecbplus_root(root) / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return result


def read_document(path: Path, keep_sentences: set[int] | None) -> EcbDocument:
    """One CROMER file; with ``keep_sentences``, only those sentences and their mentions."""
    match = FILE_NAME.match(path.name)
    if not match:
        raise ValueError(f"{path}: not an ECB+ document name")
    topic, kind = int(match.group(1)), match.group(3)
    doc_id = path.name.removesuffix(".xml")
    document = EcbDocument(id=doc_id, topic=topic, subtopic=f"{topic}_{kind}")
    tree = ET.parse(path).getroot()
    position: dict[str, tuple[int, int]] = {}
    for token in tree.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if keep_sentences is not None and sentence not in keep_sentences:
            continue
        tokens = document.sentences.setdefault(sentence, [])
        position[token.get("t_id", "")] = (sentence, len(tokens))
        tokens.append(token.text or "")
    chain: dict[str, str] = {}
    for relation in tree.iter("CROSS_DOC_COREF"):
        for end in relation:
            chain[end.get("m_id", "")] = relation.get("note") or f"{doc_id}:cross:{relation.get('r_id')}"
    for relation in tree.iter("INTRA_DOC_COREF"):
        for end in relation:
            chain.setdefault(end.get("m_id", ""), f"{doc_id}:intra:{relation.get('r_id')}")
    markables = tree.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if not anchors or any(a not in position for a in anchors):
            continue  # an instance descriptor, or a mention outside the validated sentences
        m_id = markable.get("m_id", "")
        sentence = position[anchors[0]][0]
        indices = tuple(sorted(position[a][1] for a in anchors if position[a][0] == sentence))
        mention_id = f"{doc_id}#{m_id}"
        document.mentions.append(
            EcbMention(
                id=mention_id,
                doc=doc_id,
                tag=markable.tag,
                sentence=sentence,
                token_indices=indices,
                text=" ".join(document.sentences[sentence][i] for i in indices),
                cluster=chain.get(m_id, mention_id),
            )
        )
    document.mentions.sort(key=lambda m: (m.sentence, m.token_indices))
    return document


@cache
def _load(root: Path, topics: tuple[int, ...], validated_only: bool) -> tuple[EcbDocument, ...]:
    keep = validated_sentences(root.parent) if validated_only else None
    documents = []
    for topic in topics:
        folder = root / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml"), key=_natural):
            doc_id = path.name.removesuffix(".xml")
            if keep is not None and doc_id not in keep:
                continue
            documents.append(read_document(path, keep.get(doc_id) if keep is not None else None))
    return tuple(documents)


def _natural(path: Path) -> tuple[int, int, str]:
    match = FILE_NAME.match(path.name)
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else (0, 0, path.name)


def load_ecbplus(split: str, *, root: Path | None = None, validated_only: bool = True) -> list[EcbDocument]:
    """The documents of a split (topic by topic, in file order)."""
    base = ecbplus_root(root)
    if not (base / "ECB+").is_dir():
        raise FileNotFoundError(f"{base}: ECB+ not found (is ../shared beside the repo?)")
    return list(_load(base, split_topics(split, root), validated_only))


def is_entity(tag: str, mention_set: str) -> bool:
    """``human``: human participants; ``all``: human and non-human participants, locations and times."""
    if mention_set == "human":
        return tag.startswith("HUMAN_PART")
    if mention_set == "all":
        return tag.startswith(ENTITY_PREFIXES)
    raise ValueError(f"unknown mention set {mention_set!r}; choose human or all")
