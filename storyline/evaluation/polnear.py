"""Reader for PolNeAR (Newell, Margolin & Ruths, LREC 2018): attributions in US political news.

Layout (``../shared/datasets/polnear/data/{train,dev,test}``): ``text/<stem>.txt`` and
``attributions/<stem>_<annotator>.ann`` in brat standoff. Character offsets index the decoded
UTF-8 text (Python ``str`` positions).

* ``T`` lines are spans: ``Source``, ``Cue``, ``Content``, the trigger ``Attribution`` /
  ``Attribution-no-source`` (same offsets as the cue), and ``Discard``/``Discuss`` (annotator
  bookkeeping, ignored). Offsets may be discontinuous: ``752 760;769 800``.
* ``E`` lines tie one attribution together by role: ``E3  Attribution:T11 Source:T5 Cue:T9
  Content:T10`` (a ``Content2`` role holds a second content span; one ``Source`` T may serve several
  attributions). ``E`` lines without any content (a handful, trigger only) are skipped; a missing
  ``Cue`` role falls back to the trigger's span.
* ``#`` AnnotatorNotes lines (which may run over several physical lines) are ignored.

Every text has one to six ``.ann`` files (one per annotator, the file-name suffix). We keep **one
annotation per text: the annotator id first in sorted order** among that text's files, so each
text counts once (test: 84 texts from 94 files).

Kind: ``direct`` when every word of the content lies inside quotation marks, ``partial`` when some
do and some do not ("the nominee “is dogged, resilient”"), ``indirect`` when none do. Gold content
spans include the quotation marks themselves. Quotation marks are “ ” „ « » ", ‘ ’, and two straight
apostrophes '' used as a double quotation mark (126 of the 1,008 texts, New York Times
articles, open and close quotes with '').

Speech subset: PolNeAR annotates every attribution (beliefs, intentions, endorsements, findings,
reports), not only speech. An attribution is *speech* when one word of its cue is a form of a
speech/communication verb or noun in :data:`SPEECH_LEMMAS` (say, tell, state, add, write, tweet,
announce, claim, ask, talk, …), when the cue contains "according to" or "point(ed) out", or when the cue is a bare colon
("Trump: …"). Belief, perception and evidence cues (think, believe, want, show, find, seem,
expect, …) are not speech.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.datasets import shared_root

SPLITS = ("train", "dev", "test")

Fragments = tuple[tuple[int, int], ...]

# Speech and communication verbs (lemma: irregular forms); regular forms are generated below.
_SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says"),
    "tell": ("told",),
    "write": ("wrote", "written", "writing"),
    "speak": ("spoke", "spoken", "speaking"),
    "state": (),
    "add": (),
    "tweet": (),
    "post": (),
    "announce": (),
    "claim": (),
    "ask": (),
    "reply": (),
    "respond": (),
    "answer": (),
    "note": (),
    "explain": (),
    "declare": (),
    "insist": (),
    "argue": (),
    "warn": (),
    "assert": (),
    "contend": (),
    "comment": (),
    "remark": (),
    "mention": (),
    "repeat": (),
    "recall": (),
    "acknowledge": (),
    "admit": (),
    "concede": (),
    "confirm": (),
    "deny": (),
    "report": (),
    "describe": (),
    "call": (),
    "urge": (),
    "promise": (),
    "vow": (),
    "pledge": (),
    "predict": (),
    "suggest": (),
    "accuse": (),
    "criticize": (),
    "criticise": (),
    "praise": (),
    "complain": (),
    "testify": (),
    "tout": (),
    "boast": (),
    "brag": (),
    "joke": (),
    "quip": (),
    "shout": (),
    "yell": (),
    "scream": (),
    "whisper": (),
    "exclaim": (),
    "stress": (),
    "emphasize": (),
    "emphasise": (),
    "continue": (),
    "blast": (),
    "slam": (),
    "decry": (),
    "denounce": (),
    "charge": (),
    "allege": (),
    "disclose": (),
    "reveal": (),
    "inform": (),
    "advise": (),
    "caution": (),
    "counter": (),
    "retort": (),
    "rebut": (),
    "interject": (),
    "quote": (),
    "cite": (),
    "chant": (),
    "thank": (),
    "apologize": (),
    "apologise": (),
    "question": (),
    "demand": (),
    "request": (),
    "recount": (),
    "email": (),
    "text": (),
    "talk": (),
    "discuss": (),
    "express": (),
    "assure": (),
}
# Speech/communication nouns that work as cues ("in a statement", "in an interview").
_SPEECH_NOUNS = (
    "statement",
    "statements",
    "interview",
    "interviews",
    "remarks",
    "comments",
    "speech",
    "tweet",
    "tweets",
    "testimony",
    "announcement",
    "press",
    "quoted",
    "spokesman",
    "spokeswoman",
    "spokesperson",
)


def _regular_forms(lemma: str) -> set[str]:
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma in ("slam", "quip", "brag", "rebut", "admit"):  # doubled final consonant
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


SPEECH_LEMMAS: tuple[str, ...] = tuple(_SPEECH_VERBS)
SPEECH_FORMS: frozenset[str] = frozenset(
    {form for lemma, irregular in _SPEECH_VERBS.items() for form in (*_regular_forms(lemma), *irregular)}
    | set(_SPEECH_NOUNS)
)
_SPEECH_PHRASES = ("according to", "point out", "points out", "pointed out", "pointing out")
_WORD = re.compile(r"\w+")


def is_speech_cue(cue: str) -> bool:
    """Whether a cue names speech or communication (see the module docstring)."""
    lowered = cue.lower()
    if lowered.strip() == ":" or any(phrase in lowered for phrase in _SPEECH_PHRASES):
        return True
    return any(word in SPEECH_FORMS for word in _WORD.findall(lowered))


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    content: Fragments
    cue: Fragments
    source: Fragments
    kind: str  # direct | partial | indirect
    speech: bool
    content_text: str
    cue_text: str
    source_text: str

    @property
    def direct(self) -> bool:
        """Direct or partial (content wholly or partly in quotation marks)."""
        return self.kind in ("direct", "partial")


@dataclass(frozen=True)
class PolnearDocument:
    id: str
    annotator: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    annotators: tuple[str, ...] = ()


_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"


def quote_kind(text: str, fragments: Fragments) -> str:
    """``direct``, ``partial`` or ``indirect`` from the quotation marks in (and just around) the content.

    Walks the content's fragments keeping an inside/outside state: “ „ « open, ” » close,
    a straight " toggles, and so do two straight apostrophes '' (the typewriter double quote of
    the NYT texts: ''We're in a bubble,'' he said); ‘ opens and ’ closes a single-quoted passage
    unless it is an apostrophe (a letter follows). Counts word characters inside and outside
    quotation marks.
    """
    inside_words = outside_words = 0
    double = single = False
    for start, end in fragments:
        index = start
        while index < end:
            char = text[index]
            following = text[index + 1] if index + 1 < len(text) else ""
            if char == "'" and (following == "'" or (index == start and index > 0 and text[index - 1] == "'")):
                double = not double  # '' (a span may start between its two apostrophes)
                index += 2 if following == "'" else 1
                continue
            if char in _OPEN_DOUBLE:
                double = True
            elif char in _CLOSE_DOUBLE:
                double = False
            elif char == '"':
                double = not double
            elif char == "‘":
                single = True
            elif char == "’" and single and not following.isalpha():
                single = False
            elif char.isalnum():
                if double or single:
                    inside_words += 1
                else:
                    outside_words += 1
            index += 1
    if not inside_words:
        return "indirect"
    return "direct" if not outside_words else "partial"


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class AnnStats:
    skipped_without_content: int = 0
    cue_from_trigger: int = 0


def _fragments(offsets: str) -> Fragments:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))


def _merge(fragment_lists: list[Fragments]) -> Fragments:
    return tuple(sorted({fragment for fragments in fragment_lists for fragment in fragments}))


def _span_text(text: str, fragments: Fragments) -> str:
    return " … ".join(text[start:end] for start, end in fragments)


def read_ann(path: Path, text: str, stats: AnnStats | None = None) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file (``E`` lines with at least one content span)."""
    stats = stats if stats is not None else AnnStats()
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _T_LINE.match(line):
            spans[match.group(1)] = (match.group(2), _fragments(match.group(3)))
        elif match := _E_LINE.match(line):
            roles = [tuple(part.split(":", 1)) for part in match.group(2).split() if ":" in part]
            events.append((match.group(1), roles))  # type: ignore[arg-type]
    attributions: list[GoldAttribution] = []
    for event_id, roles in events:
        content: list[Fragments] = []
        cue: list[Fragments] = []
        source: list[Fragments] = []
        trigger: list[Fragments] = []
        for role, ref in roles:
            if ref not in spans:
                continue
            fragments = spans[ref][1]
            if role.startswith("Content"):
                content.append(fragments)
            elif role == "Cue":
                cue.append(fragments)
            elif role == "Source":
                source.append(fragments)
            elif role.startswith("Attribution"):
                trigger.append(fragments)
        if not content:
            stats.skipped_without_content += 1
            continue
        if not cue and trigger:
            stats.cue_from_trigger += 1
            cue = trigger
        content_f, cue_f, source_f = _merge(content), _merge(cue), _merge(source)
        cue_text = _span_text(text, cue_f)
        attributions.append(
            GoldAttribution(
                id=event_id,
                content=content_f,
                cue=cue_f,
                source=source_f,
                kind=quote_kind(text, content_f),
                speech=is_speech_cue(cue_text),
                content_text=_span_text(text, content_f),
                cue_text=cue_text,
                source_text=_span_text(text, source_f),
            )
        )
    return attributions


def polnear_root(root: Path | None = None) -> Path:
    return (root or shared_root()) / "datasets" / "polnear" / "data"


def load_polnear(split: str = "test", root: Path | None = None, stats: AnnStats | None = None) -> list[PolnearDocument]:
    """One :class:`PolnearDocument` per text of ``split``, annotated by its first annotator (sorted ids)."""
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; choose from {', '.join(SPLITS)}")
    base = polnear_root(root) / split
    if not base.is_dir():
        raise FileNotFoundError(f"{base}: PolNeAR not found (is ../shared beside the repo?)")
    by_stem: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for ann in (base / "attributions").glob("*.ann"):
        stem, _, annotator = ann.stem.rpartition("_")
        by_stem[stem].append((annotator, ann))
    documents: list[PolnearDocument] = []
    for stem in sorted(by_stem):
        candidates = sorted(by_stem[stem])
        annotator, ann = candidates[0]
        text_path = base / "text" / f"{stem}.txt"
        text = text_path.read_bytes().decode("utf-8")  # no newline translation: offsets
        documents.append(
            PolnearDocument(
                id=stem,
                annotator=annotator,
                text=text,
                attributions=read_ann(ann, text, stats),
                annotators=tuple(a for a, _ in candidates),
            )
        )
    return documents
