"""Quote extraction against PolNeAR (English) and REDEWIEDERGABE (German).

``evaluate_quotes(dataset, extractor=None, split="test", limit=None)`` runs an extractor with the
signature of ``storyline.extraction.quotes.extract_quotes(text, language, doc="") ->
list[QuoteMention]`` over a data set's texts and scores its mentions against the gold.

Predictions. Mentions of kind ``title`` and ``scare`` are ignored; ``partial`` counts as direct.
Mentions of the same kind (direct/partial vs. indirect) that share the same cue span
(``cue_start``, ``cue_end``, both set) form **one predicted attribution** whose content is the union
of their spans (“X,” she said, “Y.” is one attribution with two content fragments in PolNeAR and one
STWR in REDEWIEDERGABE); its source is the first source given.

Tokens. Spans are compared as sets of *word tokens*: PolNeAR texts are split into ``\\w+`` runs,
REDEWIEDERGABE uses the corpus tokens that contain a letter or digit. A span covers every word token
its characters touch; punctuation and quotation marks never count (gold direct content includes the
quotation marks, QuoteMention content excludes them).

* **exact**: the two spans cover the same set of word tokens, or the same extent (first and last
  word token; this lets a contiguous prediction match a gold span interrupted by its cue/source).
* **overlap**: the spans share at least one word token (PARC/Citron-style lenient match).

Both are counted with **one-to-one matching**: maximum bipartite matching between gold and
predicted spans of a document (candidates tried by decreasing shared-token count), so one
prediction never matches two gold spans nor two predictions one gold span. TP = matched pairs,
FP = predictions − TP, FN = gold − TP; precision, recall and F1 are micro-averaged over documents.
``tokens`` scores (Citron's “overlap metric”) compare the union of predicted and the union of gold
word tokens of a document: P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold|.

PolNeAR rows: population ``all`` (every attribution) or ``speech`` (cue is a speech verb, see
:mod:`storyline.evaluation.polnear`) × kind ``all`` (kind ignored), ``direct`` (gold direct or
partial vs. predicted direct/partial) or ``indirect`` (gold indirect vs. predicted indirect).
In the speech rows, predictions matched (content overlap, kind ignored) to a non-speech gold
attribution are left out (neither TP nor FP): the extractor is not asked to find beliefs, but finding
one is no error. Per row:

* ``content_exact``, ``content_overlap``, ``content_tokens``: the content spans.
* ``cue_exact``, ``cue_overlap``: the distinct cue spans of the row's gold and predicted attributions,
  matched on their own.
* ``source_exact``, ``source_overlap``: per attribution, a predicted source is a TP when its
  attribution's content is overlap-matched to a gold attribution whose source it matches (exact or
  overlap); FP = predicted attributions with a source − TP, FN = gold attributions with a source − TP.

REDEWIEDERGABE rows: ``direct``, ``indirect`` (gold STWR whose type alternatives include it vs.
predictions of that kind) and ``all`` (direct or indirect gold vs. all predictions, kind ignored).
``tokens`` is the token-wise P/R/F1 per STWR type of Brunner et al. (2020); ``span_exact`` and
``span_overlap`` as above. Two STWR of one row with the same tokens (an annotation duplicated under two
ids) count once. ``speaker``: among gold quotes with speaker tokens that are overlap-matched,
the share whose predicted source span touches a gold speaker token (``accuracy``; ``recall`` divides
by all gold quotes with a speaker). ``cue`` does the same for the introductory expression.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.evaluation.polnear import AnnStats, load_polnear, quote_kind
from storyline.evaluation.redewiedergabe import TEST_EVERY, load_redewiedergabe
from storyline.evaluation.scoring import PRF
from storyline.records import QuoteMention

Extractor = Callable[..., list[QuoteMention]]
TokenSet = frozenset[int]
DATASETS = ("polnear", "redewiedergabe")
LANGUAGES = {"polnear": "en", "redewiedergabe": "de"}
SPEECH_KINDS = ("direct", "partial", "indirect")

# --------------------------------------------------------------------------- counting


Counts = PRF  # the shared counter of storyline.evaluation.scoring


@dataclass
class Accuracy:
    correct: int = 0
    matched: int = 0
    gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "accuracy": round(self.correct / self.matched, 4) if self.matched else 0.0,
            "recall": round(self.correct / self.gold, 4) if self.gold else 0.0,
            "correct": self.correct,
            "matched": self.matched,
            "gold": self.gold,
        }


# --------------------------------------------------------------------------- tokens and matching


class TokenIndex:
    """Word tokens of one text (character spans with ids); maps character spans to token-id sets."""

    def __init__(self, spans: Sequence[tuple[int, int]], ids: Sequence[int] | None = None) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        self.starts = [spans[i][0] for i in order]
        self.ends = [spans[i][1] for i in order]
        self.ids = [(ids[i] if ids is not None else i) for i in order]

    @classmethod
    def words(cls, text: str) -> TokenIndex:
        return cls([match.span() for match in re.finditer(r"\w+", text)])

    def tokens(self, fragments: Sequence[tuple[int, int]]) -> TokenSet:
        """Ids of the word tokens that share at least one character with a fragment."""
        found: set[int] = set()
        for start, end in fragments:
            if end <= start:
                continue
            index = bisect.bisect_right(self.ends, start)  # first token ending after start
            while index < len(self.starts) and self.starts[index] < end:
                found.add(self.ids[index])
                index += 1
        return frozenset(found)


def exact_match(gold: TokenSet, predicted: TokenSet) -> bool:
    """Same word tokens, or the same first and last word token."""
    if not gold or not predicted:
        return False
    return gold == predicted or (min(gold), max(gold)) == (min(predicted), max(predicted))


def overlap_match(gold: TokenSet, predicted: TokenSet) -> bool:
    return bool(gold & predicted)


def match_one_to_one(
    gold: Sequence[TokenSet], predicted: Sequence[TokenSet], mode: str = "overlap"
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching ``[(gold index, predicted index)]`` under ``exact`` or ``overlap``."""
    related = exact_match if mode == "exact" else overlap_match
    candidates: list[list[int]] = []
    for p in predicted:
        options = [g for g, span in enumerate(gold) if related(span, p)]
        options.sort(key=lambda g: (-len(gold[g] & p), len(gold[g] ^ p), g))
        candidates.append(options)
    owner: dict[int, int] = {}  # gold index -> predicted index

    def augment(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(predicted)):
        if candidates[p]:
            augment(p, set())
    return sorted(owner.items())


def score_matching(gold: Sequence[TokenSet], predicted: Sequence[TokenSet], mode: str) -> Counts:
    counts = Counts()
    counts.add(len(match_one_to_one(gold, predicted, mode)), len(predicted), len(gold))
    return counts


def score_tokens(gold: Sequence[TokenSet], predicted: Sequence[TokenSet]) -> Counts:
    gold_all = frozenset().union(*gold) if gold else frozenset()
    predicted_all = frozenset().union(*predicted) if predicted else frozenset()
    counts = Counts()
    counts.add(len(gold_all & predicted_all), len(predicted_all), len(gold_all))
    return counts


# --------------------------------------------------------------------------- predictions


@dataclass
class PredictedAttribution:
    content: list[tuple[int, int]]
    kind: str  # direct | indirect
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None


def group_mentions(mentions: Sequence[QuoteMention], ignored: Counter[str] | None = None) -> list[PredictedAttribution]:
    """Predicted attributions: speech mentions grouped by identical cue span (see the module docstring)."""
    grouped: list[PredictedAttribution] = []
    by_cue: dict[tuple[int, int, str], PredictedAttribution] = {}
    for mention in mentions:
        if mention.kind not in SPEECH_KINDS:
            if ignored is not None:
                ignored[mention.kind] += 1
            continue
        kind = "indirect" if mention.kind == "indirect" else "direct"
        cue = (
            (mention.cue_start, mention.cue_end)
            if mention.cue_start is not None and mention.cue_end is not None
            else None
        )
        source = (
            (mention.source_start, mention.source_end)
            if mention.source_start is not None and mention.source_end is not None
            else None
        )
        key = (*cue, kind) if cue is not None else None
        if key is not None and key in by_cue:
            existing = by_cue[key]
            existing.content.append((mention.start, mention.end))
            if existing.source is None:
                existing.source = source
            continue
        attribution = PredictedAttribution([(mention.start, mention.end)], kind, cue, source)
        grouped.append(attribution)
        if key is not None:
            by_cue[key] = attribution
    return grouped


def polnear_attributions(text: str, predicted: Sequence[PredictedAttribution]) -> list[PredictedAttribution]:
    """Predicted attributions read the way the PolNeAR reader reads the gold.

    * a direct attribution whose content lies inside an indirect one's content (the quoted words of
      “X said it means Trump ‘may not have paid’ …”, which the extractor reports beside the clause) is
      part of that attribution, as PolNeAR annotates one attribution there; nested indirect reports
      ("X says [Y promised [to …]]") stay apart, as in PolNeAR;
    * the kind of an indirect attribution is decided by the gold's rule
      (:func:`storyline.evaluation.polnear.quote_kind`): a reported clause holding quoted words is
      ``partial``, which counts as direct, and so is one that holds a direct quote with marks by that rule;
    * so is the kind of a direct one, with the quotation marks right around its content (the gold's
      direct content holds them, the extractor's leaves them out): a transcript line quoted whole
      ("“WALLACE: Let's start …" → content "Let's start …") or words in straight single quotes
      ('an 'intentional act'') have no mark in or around them by that rule, and are indirect there when
      they have a cue (a quote with none, a subhead 'All Bets Are Off.', is no report of speech).
    """
    spans = [(min(s for s, _ in p.content), max(e for _, e in p.content)) for p in predicted]
    holder: dict[int, int] = {}
    for inner, (start, end) in enumerate(spans):
        if predicted[inner].kind != "direct":
            continue
        outer = [
            j
            for j, (s, e) in enumerate(spans)
            if predicted[j].kind == "indirect" and s <= start and end <= e and (s, e) != (start, end)
        ]
        if outer:
            holder[inner] = max(outer, key=lambda j: spans[j][1] - spans[j][0])
    kept: list[PredictedAttribution] = []
    for index, attribution in enumerate(predicted):
        if index in holder:
            continue
        folded = [predicted[i] for i, j in holder.items() if j == index]
        source = attribution.source or next((f.source for f in folded if f.source), None)
        cue = attribution.cue or next((f.cue for f in folded if f.cue), None)
        quoted = quote_kind(text, tuple(sorted(attribution.content))) != "indirect"
        marked = any(_marked(text, f.content) for f in folded)  # not 'straight single quotes' (no marks to the gold)
        kind = "direct" if attribution.kind == "indirect" and (quoted or marked) else attribution.kind
        if kind == "direct" and attribution.kind == "direct" and cue and not _marked(text, attribution.content):
            kind = "indirect"
        kept.append(PredictedAttribution(list(attribution.content), kind, cue, source))
    return kept


_MARKS = "“”„«»\"‘’'"


def _past_marks(text: str, at: int, step: int) -> int:
    """``at`` moved over the spaces and (at most two) quotation marks beside it, or left where it is (also when
    the piece already ends in a mark there: the next one over belongs to a neighbouring quote)."""
    inside = at - 1 if step > 0 else at
    if 0 <= inside < len(text) and text[inside] in _MARKS:
        return at
    edge = at if step > 0 else at - 1
    while 0 <= edge < len(text) and text[edge] == " ":
        edge += step
    marks = 0
    while 0 <= edge < len(text) and text[edge] in _MARKS and marks < 2:
        edge += step
        marks += 1
    if not marks:
        return at
    return edge if step > 0 else edge + 1


def _marked(text: str, content: Sequence[tuple[int, int]]) -> bool:
    """Does the gold's rule find quoted words in ``content`` taken with the marks right around each piece?"""
    widened = []
    for start, end in content:
        widened.append((_past_marks(text, start, -1), _past_marks(text, end, 1)))
    return quote_kind(text, tuple(sorted(widened))) != "indirect"


_QUOTE_PATTERN = re.compile(r'"([^"\n]+)"|“([^”"\n]+)”|„([^“”"\n]+)[“”"]|»([^«»\n]+)«|«([^«»\n]+)»')


def quote_marks_baseline(text: str, language: str = "en", doc: str = "") -> list[QuoteMention]:
    """Trivial baseline: every span between double quotation marks is a direct quote with no source.

    Pairs: "…", “…”, „…“ / „…” / „…", »…«, «…»; no line break inside.
    """
    mentions = []
    for match in _QUOTE_PATTERN.finditer(text):
        group = next(index for index in range(1, 6) if match.group(index) is not None)
        start, end = match.span(group)
        mentions.append(QuoteMention(doc=doc, start=start, end=end, text=text[start:end], kind="direct"))
    return mentions


def _default_extractor() -> Extractor:
    try:
        from storyline.extraction.quotes import extract_quotes
    except ImportError as error:
        raise RuntimeError(
            "storyline.extraction.quotes.extract_quotes is not available; pass extractor= "
            "(e.g. storyline.evaluation.quotes.quote_marks_baseline)"
        ) from error
    return extract_quotes


# --------------------------------------------------------------------------- PolNeAR


@dataclass
class _PolnearRow:
    content_exact: Counts = field(default_factory=Counts)
    content_overlap: Counts = field(default_factory=Counts)
    content_tokens: Counts = field(default_factory=Counts)
    cue_exact: Counts = field(default_factory=Counts)
    cue_overlap: Counts = field(default_factory=Counts)
    source_exact: Counts = field(default_factory=Counts)
    source_overlap: Counts = field(default_factory=Counts)
    gold: int = 0
    predicted: int = 0

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted}
        for name in (
            "content_exact",
            "content_overlap",
            "content_tokens",
            "cue_exact",
            "cue_overlap",
            "source_exact",
            "source_overlap",
        ):
            result[name] = getattr(self, name).as_dict()
        return result


POLNEAR_POPULATIONS = ("all", "speech")
KINDS = ("all", "direct", "indirect")


def _distinct(sets: Sequence[TokenSet]) -> list[TokenSet]:
    return list(dict.fromkeys(s for s in sets if s))


def score_polnear_document(document: Any, predicted: Sequence[PredictedAttribution], rows: dict) -> None:
    """Add one document's counts to ``rows[(population, kind)]``."""
    index = TokenIndex.words(document.text)
    gold = document.attributions
    g_content = [index.tokens(a.content) for a in gold]
    g_cue = [index.tokens(a.cue) for a in gold]
    g_source = [index.tokens(a.source) for a in gold]
    p_content = [index.tokens(p.content) for p in predicted]
    p_cue = [index.tokens([p.cue]) if p.cue else frozenset() for p in predicted]
    p_source = [index.tokens([p.source]) if p.source else frozenset() for p in predicted]
    full = match_one_to_one(g_content, p_content, "overlap")
    matched_non_speech = {p for g, p in full if not gold[g].speech}
    for population in POLNEAR_POPULATIONS:
        for kind in KINDS:
            row = rows[(population, kind)]
            gi = [
                i
                for i, a in enumerate(gold)
                if (population == "all" or a.speech) and (kind == "all" or (kind == "direct") == a.direct)
            ]
            pi = [
                i
                for i, p in enumerate(predicted)
                if (kind == "all" or p.kind == kind) and not (population == "speech" and i in matched_non_speech)
            ]
            gc, pc = [g_content[i] for i in gi], [p_content[i] for i in pi]
            row.gold += len(gi)
            row.predicted += len(pi)
            row.content_exact.add(len(match_one_to_one(gc, pc, "exact")), len(pc), len(gc))
            pairs = match_one_to_one(gc, pc, "overlap")
            row.content_overlap.add(len(pairs), len(pc), len(gc))
            row.content_tokens.merge(score_tokens(gc, pc))
            gcue, pcue = _distinct([g_cue[i] for i in gi]), _distinct([p_cue[i] for i in pi])
            row.cue_exact.add(len(match_one_to_one(gcue, pcue, "exact")), len(pcue), len(gcue))
            row.cue_overlap.add(len(match_one_to_one(gcue, pcue, "overlap")), len(pcue), len(gcue))
            with_source_g = sum(1 for i in gi if g_source[i])
            with_source_p = sum(1 for i in pi if p_source[i])
            for mode, counts in (("exact", row.source_exact), ("overlap", row.source_overlap)):
                related = exact_match if mode == "exact" else overlap_match
                tp = sum(1 for g, p in pairs if related(g_source[gi[g]], p_source[pi[p]]))
                counts.add(tp, with_source_p, with_source_g)


class _ExtractorRun:
    """Runs the extractor document by document, grouping its mentions and counting time and output."""

    def __init__(self, extractor: Extractor, language: str) -> None:
        self.extractor, self.language = extractor, language
        self.ignored: Counter[str] = Counter()
        self.mentions = self.attributions = 0
        self.seconds = 0.0

    def predict(self, text: str, doc: str) -> list[PredictedAttribution]:
        started = time.perf_counter()
        found = self.extractor(text, self.language, doc=doc)
        self.seconds += time.perf_counter() - started
        self.mentions += len(found)
        predicted = group_mentions(found, self.ignored)
        self.attributions += len(predicted)
        return predicted

    def summary(self) -> dict[str, Any]:
        return {
            "predicted": {"mentions": self.mentions, "attributions": self.attributions, "ignored": dict(self.ignored)},
            "seconds": round(self.seconds, 3),
        }


def _evaluate_polnear(extractor: Extractor, split: str, limit: int | None) -> dict[str, Any]:
    stats = AnnStats()
    documents = load_polnear(split, stats=stats)
    if limit is not None:
        documents = documents[:limit]
    rows = {(population, kind): _PolnearRow() for population in POLNEAR_POPULATIONS for kind in KINDS}
    run = _ExtractorRun(extractor, "en")
    for document in documents:
        predicted = polnear_attributions(document.text, run.predict(document.text, document.id))
        score_polnear_document(document, predicted, rows)
    gold = [a for d in documents for a in d.attributions]
    return {
        "dataset": "polnear",
        "split": split,
        "language": "en",
        "documents": len(documents),
        "annotation": "one .ann per text: the first annotator id in sorted order",
        "multi_annotated_documents": sum(len(d.annotators) > 1 for d in documents),
        "gold": {
            "attributions": len(gold),
            "speech": sum(a.speech for a in gold),
            "kinds": dict(Counter(a.kind for a in gold)),
            "with_source": sum(bool(a.source) for a in gold),
            "skipped_without_content": stats.skipped_without_content,
        },
        **run.summary(),
        "scores": {
            population: {kind: rows[(population, kind)].as_dict() for kind in KINDS}
            for population in POLNEAR_POPULATIONS
        },
    }


# --------------------------------------------------------------------------- REDEWIEDERGABE

RW_TYPES = ("direct", "indirect", "all")


@dataclass
class _RwRow:
    tokens: Counts = field(default_factory=Counts)
    span_exact: Counts = field(default_factory=Counts)
    span_overlap: Counts = field(default_factory=Counts)
    speaker: Accuracy = field(default_factory=Accuracy)
    cue: Accuracy = field(default_factory=Accuracy)
    gold: int = 0
    predicted: int = 0
    fp_on_other_stwr: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tokens": self.tokens.as_dict(),
            "span_exact": self.span_exact.as_dict(),
            "span_overlap": self.span_overlap.as_dict(),
            "speaker": self.speaker.as_dict(),
            "cue": self.cue.as_dict(),
            "fp_on_other_stwr": self.fp_on_other_stwr,
        }


def _gold_type(types: frozenset[str], row: str) -> bool:
    return bool(types & {"direct", "indirect"}) if row == "all" else row in types


def score_rw_sample(sample: Any, predicted: Sequence[PredictedAttribution], rows: dict[str, _RwRow]) -> None:
    words = [i for i, token in enumerate(sample.tokens) if any(ch.isalnum() for ch in token)]
    index = TokenIndex([sample.offsets[i] for i in words], words)
    word_set = frozenset(words)
    p_content = [index.tokens(p.content) for p in predicted]
    p_source = [index.tokens([p.source]) if p.source else frozenset() for p in predicted]
    p_cue = [index.tokens([p.cue]) if p.cue else frozenset() for p in predicted]
    for name, row in rows.items():
        gold = list({q.tokens: q for q in reversed(sample.stwr) if _gold_type(q.types, name)}.values())[::-1]
        others = [frozenset(q.tokens) & word_set for q in sample.stwr if not _gold_type(q.types, name)]
        gi = [frozenset(q.tokens) & word_set for q in gold]
        pi = [i for i, p in enumerate(predicted) if name == "all" or p.kind == name]
        pc = [p_content[i] for i in pi]
        row.gold += len(gi)
        row.predicted += len(pi)
        row.tokens.merge(score_tokens(gi, pc))
        row.span_exact.add(len(match_one_to_one(gi, pc, "exact")), len(pc), len(gi))
        pairs = match_one_to_one(gi, pc, "overlap")
        row.span_overlap.add(len(pairs), len(pc), len(gi))
        matched_p = {p for _, p in pairs}
        row.fp_on_other_stwr += sum(
            1 for j, p in enumerate(pc) if j not in matched_p and any(p & other for other in others)
        )
        for attribute, accuracy, p_spans in (("speaker", row.speaker, p_source), ("intexpr", row.cue, p_cue)):
            gold_sets = [frozenset(getattr(q, attribute)) & word_set for q in gold]
            accuracy.gold += sum(1 for s in gold_sets if s)
            for g, p in pairs:
                if gold_sets[g]:
                    accuracy.matched += 1
                    accuracy.correct += bool(gold_sets[g] & p_spans[pi[p]])


def _evaluate_redewiedergabe(extractor: Extractor, split: str, limit: int | None) -> dict[str, Any]:
    samples = load_redewiedergabe(split)
    if limit is not None:
        samples = samples[:limit]
    rows = {name: _RwRow() for name in RW_TYPES}
    run = _ExtractorRun(extractor, "de")
    for sample in samples:
        score_rw_sample(sample, run.predict(sample.text, sample.id), rows)
    gold = [q for s in samples for q in s.stwr]
    return {
        "dataset": "redewiedergabe",
        "split": split,
        "language": "de",
        "documents": len(samples),
        "tokens": sum(len(s.tokens) for s in samples),
        "split_rule": f"non-fiction samples sorted by file name; index % {TEST_EVERY} == {TEST_EVERY - 1} is test",
        "gold": {
            "stwr": len(gold),
            "types": dict(Counter(t for q in gold for t in q.types)),
            "direct_with_speaker": sum(1 for q in gold if "direct" in q.types and q.speaker),
            "indirect_with_speaker": sum(1 for q in gold if "indirect" in q.types and q.speaker),
        },
        **run.summary(),
        "scores": {name: rows[name].as_dict() for name in RW_TYPES},
    }


# --------------------------------------------------------------------------- oracles and entry point


def polnear_oracle(split: str = "test") -> Extractor:
    """An extractor that returns PolNeAR's gold (one mention per content fragment, sharing the cue)."""
    gold = {d.id: d for d in load_polnear(split)}

    def extract(text: str, language: str = "en", doc: str = "") -> list[QuoteMention]:
        mentions = []
        for a in gold[doc].attributions:
            cue = (a.cue[0][0], a.cue[-1][1]) if a.cue else (a.content[0][0], a.content[0][0])
            source = (a.source[0][0], a.source[-1][1]) if a.source else (None, None)
            kind = "indirect" if a.kind == "indirect" else "direct"
            for start, end in a.content:
                mentions.append(_mention(text, doc, start, end, kind, cue, source))
        return mentions

    return extract


def redewiedergabe_oracle(split: str = "test") -> Extractor:
    """An extractor that returns REDEWIEDERGABE's direct/indirect gold (one mention per contiguous run)."""
    gold = {s.id: s for s in load_redewiedergabe(split)}

    def extract(text: str, language: str = "de", doc: str = "") -> list[QuoteMention]:
        sample = gold[doc]
        mentions = []
        for q in sample.stwr:
            if not q.types & {"direct", "indirect"}:
                continue
            kind = "direct" if "direct" in q.types else "indirect"
            start = sample.offsets[q.tokens[0]][0]
            cue = sample.char_span(q.intexpr) if q.intexpr else (start, start)  # groups its runs
            source = sample.char_span(q.speaker) if q.speaker else (None, None)
            runs: list[list[int]] = []
            for token in q.tokens:
                if runs and token == runs[-1][-1] + 1:
                    runs[-1].append(token)
                else:
                    runs.append([token])
            for run in runs:
                s, e = sample.char_span(run)
                mentions.append(_mention(text, doc, s, e, kind, cue, source))
        return mentions

    return extract


def _mention(
    text: str, doc: str, start: int, end: int, kind: str, cue: tuple[int, int], source: tuple[int | None, int | None]
) -> QuoteMention:
    return QuoteMention(
        doc=doc,
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        cue=text[cue[0] : cue[1]],
        cue_start=cue[0],
        cue_end=cue[1],
        source=text[source[0] : source[1]] if source[0] is not None else None,
        source_start=source[0],
        source_end=source[1],
    )


def evaluate_quotes(
    dataset: str, extractor: Extractor | None = None, split: str = "test", limit: int | None = None
) -> dict[str, Any]:
    """Score ``extractor`` (default: ``storyline.extraction.quotes.extract_quotes``) on ``dataset``.

    ``dataset``: ``polnear`` (splits train/dev/test) or ``redewiedergabe`` (test/tune/all);
    ``limit`` keeps the first N documents.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown quote dataset {dataset!r}; choose from {', '.join(DATASETS)}")
    extractor = extractor or _default_extractor()
    if dataset == "polnear":
        return _evaluate_polnear(extractor, split, limit)
    return _evaluate_redewiedergabe(extractor, split, limit)


def format_quote_scores(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate_quotes`'s result."""
    lines = [
        f"{result['dataset']} {result['split']} ({result['language']}): {result['documents']} documents, "
        f"gold {result['gold']}, predicted {result['predicted']}, {result['seconds']} s"
    ]

    def prf(counts: dict[str, Any]) -> str:
        return f"{counts['precision']:6.3f} {counts['recall']:6.3f} {counts['f1']:6.3f}"

    if result["dataset"] == "polnear":
        metrics = (
            "content_exact",
            "content_overlap",
            "content_tokens",
            "cue_exact",
            "cue_overlap",
            "source_exact",
            "source_overlap",
        )
        lines.append(f"{'population/kind':<17} {'metric':<16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
        for population, kinds in result["scores"].items():
            for kind, row in kinds.items():
                for metric in metrics:
                    lines.append(
                        f"{population + '/' + kind:<17} {metric:<16} {prf(row[metric])} "
                        f"{row[metric]['tp'] + row[metric]['fn']:>6} {row[metric]['tp'] + row[metric]['fp']:>6}"
                    )
        return "\n".join(lines)
    lines.append(f"{'type':<9} {'metric':<13} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for name, row in result["scores"].items():
        for metric in ("tokens", "span_exact", "span_overlap"):
            counts = row[metric]
            gold, predicted = counts["tp"] + counts["fn"], counts["tp"] + counts["fp"]
            lines.append(f"{name:<9} {metric:<13} {prf(counts)} {gold:>6} {predicted:>6}")
        for metric in ("speaker", "cue"):
            acc = row[metric]
            lines.append(
                f"{name:<9} {metric:<13} accuracy {acc['accuracy']:.3f} ({acc['correct']}/{acc['matched']} matched), "
                f"recall {acc['recall']:.3f} of {acc['gold']}"
            )
        lines.append(f"{name:<9} unmatched predictions on another STWR type: {row['fp_on_other_stwr']}")
    return "\n".join(lines)
