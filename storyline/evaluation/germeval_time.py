"""A German time-expression development set: hand annotations, stored as standoff, over GermEval 2014 sentences.

WikiWarsDE is a test set, and German had nothing to tune on. The GermEval 2014 NER ``NER-de-dev.tsv`` file
(German Wikipedia and news sentences, CC BY 4.0; a train/dev part per ../shared/datasets/README.md) has
time expressions in plenty, but no time annotation: ``data/germeval_timex_dev.jsonl`` adds it, written by
hand, sentence by sentence. The repository holds offsets and values only; the sentence text is read from
../shared at evaluation time and rebuilt from its tokens by :func:`detokenize` (a SHA-1 of the rebuilt
text in each record catches a changed file or detokeniser).

Conventions (TIMEX2 as in WikiWarsDE, values compared as TIMEX3 strings): extents leave out prepositions
and contracted articles ("im", "am", "seit") but keep modifiers ("Anfang", "Mitte", "Ende der 1990er
Jahre" -> ``199``); a range is two expressions ("1939–1945", "vom 1. bis 3. Mai 1945"); decades ``196``,
centuries ``18`` (the 19th), durations ``P3Y``/``PXY``, sets ``P1Y``. A sentence has no document date:
an expression whose value needs one ("am Dienstag", "im vergangenen Jahr", "am 5. Mai" with no year in
the sentence) has ``"value": null`` and counts for its extent only; values that the sentence itself fixes
(an absolute date, "im folgenden Jahr" after a year) are scored. Ages ("der 35-Jährige") are left out,
as the system's AGE expressions are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.datasets import shared_root
from storyline.evaluation.timeml import GoldTimex, TimexDocument

ANNOTATIONS = Path(__file__).parent / "data" / "germeval_timex_dev.jsonl"
NO_SPACE_BEFORE = set(",.;:!?)]}“%")
NO_SPACE_AFTER = set("([{„")


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position of the sentence in NER-de-dev.tsv
    source: str  # the comment line's URL
    date: str  # the comment line's date (when the source was collected)
    text: str


def germeval_dev_path() -> Path:
    return shared_root() / "datasets" / "germeval2014" / "NER-de-dev.tsv"


def detokenize(tokens: list[str]) -> str:
    """Tokens joined by single spaces, without one before closing punctuation or after an opening bracket
    or German opening quote; a straight double quote alternates between opening and closing."""
    out: list[str] = []
    quote_open = False
    glue_next = False
    for token in tokens:
        if token == '"':
            if quote_open:
                out.append(token)
            else:
                out.append(("" if not out else " ") + token)
                glue_next = True
            quote_open = not quote_open
            continue
        glue = not out or glue_next or token in NO_SPACE_BEFORE
        out.append(token if glue else " " + token)
        glue_next = token in NO_SPACE_AFTER
    return "".join(out)


def read_sentences(path: Path | None = None) -> Iterator[Sentence]:
    """Every sentence of the GermEval TSV (idx, token, outer, inner), with its comment line's URL and date."""
    tokens: list[str] = []
    source = date = ""
    index = 0
    with (path or germeval_dev_path()).open(encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            if line.startswith("#"):
                parts = line.rstrip("\n").split("\t")
                source = parts[1] if len(parts) > 1 else ""
                date = parts[2].strip("[]") if len(parts) > 2 else ""
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                tokens.append(parts[1])
                continue
            if tokens:
                yield Sentence(index, source, date, detokenize(tokens))
                index += 1
                tokens = []


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def germeval_dev(split: str = "dev") -> Iterator[TimexDocument]:
    """The annotated sentences as one-sentence documents; the DCT is the sentence's collection date (only
    expressions whose value the sentence fixes are scored, so it decides nothing that is scored).

    ``split``: ``dev`` (all), ``tune`` (the sentences whose errors were read while writing rules) or
    ``check`` (100 sentences annotated last and only scored, as a check on overfitting to ``tune``)."""
    records = {record["sentence"]: record for record in load_annotations() if split == "dev" or record["part"] == split}
    for sentence in read_sentences():
        record = records.get(sentence.index)
        if record is None:
            continue
        if record["sha1"] != text_hash(sentence.text):
            raise ValueError(f"GermEval sentence {sentence.index}: text differs from the annotated one")
        gold = [
            GoldTimex(t["start"], t["end"], sentence.text[t["start"] : t["end"]], t["type"], t["value"])
            for t in record["timex"]
            if t["type"] != "AGE"
        ]
        date = sentence.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", sentence.date) else None
        yield TimexDocument(f"germeval-dev#{sentence.index}", "de", sentence.text, date, gold)
