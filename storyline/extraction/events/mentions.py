"""Event mentions in one document: a trigger word, the date, people and place of its sentence.

Per sentence: triggers from the language's event words; each date expression of the sentence goes
to its nearest trigger (a comma or semicolon between them counts as distance, so a date stays in
its clause; the language data says whether a date before the trigger counts farther); participants
are the people and organisations named in the sentence, nearest the trigger first (a sentence that
opens with a back-reference, "He …", takes those of the last sentence that named any); the place is
the nearest place named. ``planned`` when a plan cue ("will", "is due to", "soll") stands in the
trigger's clause or the date lies after the article's date. A trigger with neither a participant nor
a date says too little to keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extraction.events.dates import interval, is_date, width
from storyline.extraction.events.lexicon import EventLexicon, Trigger, event_lexicon
from storyline.records import Document, Entity, EventMention, TimeExpression

WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)
CLAUSE_BREAK = re.compile(r"[,;:–—()]")
CLAUSE_PENALTY = 60  # characters of distance one clause boundary is worth
MAX_GAP = 12  # words allowed between the parts of a split trigger (never across a clause break)
PARAGRAPH_BREAK = "\n\n"
PARTICIPANT_TYPES = {"person", "organisation"}
PLACE_TYPES = {"place"}
YEAR_WRITTEN = re.compile(r"\b\d{4}\b")
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Hit:
    trigger: Trigger
    start: int
    end: int
    words: str
    spans: tuple[tuple[int, int], ...]  # the trigger's own words (a split trigger has words between them)

    def covers(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


@dataclass(frozen=True)
class _Name:
    entity: str
    type: str
    name: str
    start: int
    end: int


def _find_triggers(text: str, start: int, end: int, lexicon: EventLexicon) -> list[_Hit]:
    """Trigger hits in ``text[start:end]``; a word belongs to at most one trigger (longest first)."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    lowered = [w for w, _, _ in words]
    used: set[int] = set()
    hits: list[_Hit] = []
    for trigger in lexicon.triggers:
        first = trigger.parts[0]
        for i in range(len(words) - len(first) + 1):
            if tuple(lowered[i : i + len(first)]) != first:
                continue
            positions = list(range(i, i + len(first)))
            j = i + len(first)
            for part in trigger.parts[1:]:
                found = next(
                    (
                        k
                        for k in range(j, min(j + MAX_GAP + 1, len(words) - len(part) + 1))
                        if tuple(lowered[k : k + len(part)]) == part
                        and not CLAUSE_BREAK.search(text, words[j - 1][2], words[k][1])
                    ),
                    None,
                )
                if found is None:
                    positions = []
                    break
                positions += list(range(found, found + len(part)))
                j = found + len(part)
            if not positions or used & set(positions):
                continue
            used |= set(positions)
            first_word, last_word = words[positions[0]], words[positions[-1]]
            spans = tuple((words[p][1], words[p][2]) for p in positions)
            hits.append(_Hit(trigger, first_word[1], last_word[2], " … ".join(words[p][0] for p in positions), spans))
    return sorted(hits, key=lambda h: h.start)


def _distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    between = text[left[1] : right[0]] if right[0] > left[1] else ""
    return max(0, right[0] - left[1]) + CLAUSE_PENALTY * len(CLAUSE_BREAK.findall(between))


def _date_distance(text: str, trigger: tuple[int, int], expression: TimeExpression, before_factor: float) -> float:
    """Distance from a trigger to a date; where a language puts dates after the verb they date ("moved … in
    August"), a date before the trigger counts ``before_factor`` times farther (from the language data)."""
    distance = _distance(text, trigger, (expression.start, expression.end))
    return distance * before_factor if expression.end <= trigger[0] else distance


def _clause(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause of ``text[start:end]`` around ``position`` (between clause-breaking punctuation)."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, start, position)), default=start)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, position, end)), end)
    return left, right


def _names(document: Document, entities: list[Entity]) -> list[_Name]:
    return sorted(
        (
            _Name(entity.id, entity.type, entity.name, m.start, m.end)
            for entity in entities
            for m in entity.mentions
            if m.doc == document.id
        ),
        key=lambda n: n.start,
    )


def dated_times(times: list[TimeExpression]) -> list[TimeExpression]:
    """The expressions that name a calendar date (or a month/season of an unknown year), not durations or ages.

    A weekday or "yesterday" resolved against an *estimated* article date could be any week, so such
    day-precise relative expressions date nothing.
    """
    return [
        t
        for t in times
        if t.type in ("DATE", "TIME")
        and (is_date(t.value) or t.value.startswith("XXXX-"))
        and not (t.anchor_estimated and width(t.value[:10]) == 1 and not DIGIT.search(t.text))
    ]


def _adjust_year(value: str, expression: TimeExpression, planned: bool) -> str:
    """A plan lies ahead of its article: "Anfang November … soll eröffnen" written in October is next November.

    Only for dates whose year the text did not write and that were resolved against the article's date.
    """
    anchor = interval(expression.anchor)
    span = interval(value)
    if not planned or anchor is None or span is None or YEAR_WRITTEN.search(expression.text) or len(value) < 7:
        return value
    if span[1] < anchor[0]:
        return f"{int(value[:4]) + 1:04d}{value[4:]}"
    return value


def _mention_date(expression: TimeExpression | None, planned: bool) -> str | None:
    if expression is None:
        return None
    value = expression.value[:10] if expression.type == "TIME" else expression.value
    return _adjust_year(value, expression, planned)


def _after_article(date: str | None, expression: TimeExpression | None) -> bool:
    """An event dated wholly after the article's own (stated, not estimated) date is still to come."""
    span, anchor = interval(date), interval(expression.anchor if expression else None)
    return bool(span and anchor and expression and not expression.anchor_estimated and span[0] > anchor[1])


def extract_event_mentions(
    document: Document, entities: list[Entity], times: list[TimeExpression]
) -> list[EventMention]:
    """The event mentions of one document, in text order."""
    lexicon = event_lexicon(document.language)
    if lexicon is None:
        return []
    text = document.text
    names = _names(document, entities)
    own_times = [t for t in times if t.doc == document.id]
    # A date word inside a name ("Entertainment Tonight") is part of the name, not a date; a name inside a
    # date ("Mother" in "Mother's Day") is part of the date, not a participant.
    dates = [t for t in dated_times(own_times) if not any(n.start <= t.start and t.end <= n.end for n in names)]
    names = [n for n in names if not any(t.start <= n.start and n.end <= t.end for t in own_times)]
    mentions: list[EventMention] = []
    previous: list[str] = []  # the participants of the last sentence of this paragraph that named any
    for sentence in document.sentences:
        people = [n for n in names if sentence.start <= n.start < sentence.end and n.type in PARTICIPANT_TYPES]
        if PARAGRAPH_BREAK in text[max(0, sentence.start - 2) : sentence.start + 1]:
            previous = []
        inherited = previous
        if people:
            previous = list(dict.fromkeys(n.entity for n in people))
        hits = _find_triggers(text, sentence.start, sentence.end, lexicon)
        if not hits:
            continue
        in_sentence = [t for t in dates if sentence.start <= t.start < sentence.end]
        linked: dict[int, list[TimeExpression]] = {}
        factor = lexicon.date_before_factor
        for expression in in_sentence:
            nearest = min(
                range(len(hits)), key=lambda i: _date_distance(text, (hits[i].start, hits[i].end), expression, factor)
            )
            linked.setdefault(nearest, []).append(expression)
        places = [n for n in names if sentence.start <= n.start < sentence.end and n.type in PLACE_TYPES]
        seen: set[str] = set()
        for index, hit in enumerate(hits):
            if hit.trigger.type in seen:
                continue
            clause = _clause(text, sentence.start, sentence.end, hit.start)
            planned = any(cue.search(text, clause[0], clause[1]) for cue in lexicon.plan_cues)
            own = sorted(linked.get(index, []), key=lambda t: _date_distance(text, (hit.start, hit.end), t, factor))
            expression = own[0] if own else None
            date = _mention_date(expression, planned)
            planned = planned or _after_article(date, expression)
            # Nearest first: the doer is usually next to the verb ("Brandt moved"), a speaker farther off.
            nearby = sorted(people, key=lambda n: _distance(text, (hit.start, hit.end), (n.start, n.end)))
            participants = list(dict.fromkeys(n.entity for n in nearby if not hit.covers(n.start, n.end)))
            if expression is None and not participants:
                continue
            # A dated sentence naming no one that opens with a back-reference ("He lodged an appeal … in April")
            # is about whom the paragraph was just naming.
            if not participants and any(p.match(text, sentence.start) for p in lexicon.anaphora):
                participants = inherited
            place = min(places, key=lambda n: _distance(text, (hit.start, hit.end), (n.start, n.end)), default=None)
            seen.add(hit.trigger.type)
            mentions.append(
                EventMention(
                    doc=document.id,
                    start=sentence.start,
                    end=sentence.end,
                    text=text[sentence.start : sentence.end],
                    type=hit.trigger.type,
                    trigger=text[hit.start : hit.end] if len(hit.trigger.parts) == 1 else hit.words,
                    date=date,
                    date_text=expression.text if expression else None,
                    planned=planned,
                    participants=participants,
                    place=place.name if place else None,
                )
            )
    return mentions
