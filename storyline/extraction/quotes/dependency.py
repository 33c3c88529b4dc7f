"""Reported speech from a dependency parse: "X said (that) …", "CLAUSE, X said", "X promised to …".

The word rules of :mod:`storyline.extraction.quotes.extractor` find one report per sentence from the
words around a cue; a parser sees every cue verb with its own subject and complement, so it also finds
reports nested in reports ("Merrill says [Machado promised [to …]]"), several in one sentence, and
the extent of what was said (the complement's subtree, not "the rest of the sentence").

Which verbs report, and which dependency labels name subject, complement and object, are language data
(``[parsed]`` in ``data/<code>/speech.toml``), since labels differ between a language's parsers. A language
without that section, or whose spaCy pipeline has no parser, gets nothing from here.

Two parts of that data serve languages whose parse says more in morphology than in labels:

* ``mood_clause_deps`` / ``mood_features``: a clause in one of these relations counts as what a cue verb
  reported only when its verb (or an auxiliary of it) bears one of the features ("X sagte, er *sei* krank":
  UD German hangs such a clause on the cue as ``parataxis``, as it does any clause after a comma; the
  Konjunktiv I, ``Mood=Sub``, is what makes it reported).
* ``cue_stems`` (lemma -> word starts) and ``particle_deps``: for a pipeline without a lemmatizer, a verb's
  lemma is the cue lemma whose stem starts the word, its separated particle put in front ("teilte … mit" ->
  "mitteilte" -> "mitteilen"). A token with a lemma keeps it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from storyline.language.registry import default_registry

Span = tuple[int, int]


@dataclass(frozen=True)
class ParsedReport:
    """One reported-speech frame: character spans of what was said, the cue and (if found) the source."""

    content: Span
    cue: Span
    source: Span | None
    lead: Span | None = None  # what was said before a frame set in the middle ("Back home, she said, she …")

    def shifted(self, offset: int) -> ParsedReport:
        def move(span: Span | None) -> Span | None:
            return (span[0] + offset, span[1] + offset) if span is not None else None

        return ParsedReport(move(self.content), move(self.cue), move(self.source), move(self.lead))  # type: ignore[arg-type]


@dataclass(frozen=True)
class ParseRules:
    clause_lemmas: frozenset[str]
    object_lemmas: frozenset[str]
    preposition_lemmas: dict[str, frozenset[str]]
    subject_deps: frozenset[str]
    clause_deps: frozenset[str]
    object_deps: frozenset[str]
    preposition_deps: frozenset[str]
    preposition_object_deps: frozenset[str]
    cue_deps: frozenset[str]
    source_cut_deps: frozenset[str]
    inherit_subject_deps: frozenset[str]
    addressee_lemmas: frozenset[str]
    modifier_deps: frozenset[str]
    infinitive_deps: frozenset[str]
    aside_deps: frozenset[str]
    inverted_frame_deps: frozenset[str]
    trailing_cue_deps: frozenset[str]
    object_complement_preps: frozenset[str]
    cue_modifier_deps: frozenset[str]
    cue_adjacent_deps: frozenset[str]  # what may stand between a cue's adverb and the cue ("has repeatedly said")
    noun_clause_deps: frozenset[str]
    noun_lemmas: frozenset[str]
    noun_complement_deps: frozenset[str]
    complementizers: frozenset[str]
    noun_source_deps: frozenset[str]
    mood_clause_deps: frozenset[str]
    mood_features: frozenset[str]
    particle_deps: frozenset[str]
    cue_stems: tuple[tuple[str, str], ...]  # (word start, lemma), longest start first
    source_case_words: frozenset[str]  # "laut X", "X zufolge": the adposition is the cue, X the source
    source_case_deps: frozenset[str]
    source_end_deps: frozenset[str]  # a dependent of the source's head that ends the source wherever it stands
    source_end_marked_deps: frozenset[str]  # ... these only with an adposition ("Tom Keller [am Montag]")
    verb_like_pos: frozenset[str]  # parts of speech a tagger gives verb forms too (German participles: ADJ)
    nearest_clause: bool  # of several clauses on one side of a cue, only the nearest was said
    source_cut_at_verb: bool  # sources end before a clause verb (``predicates``); not where subjects follow verbs
    passive_deps: frozenset[str]
    participle_tags: frozenset[str]
    participle_clause_deps: frozenset[str]
    may_cue: re.Pattern[str]  # a word that may be a form of a cue lemma (a cheap filter before parsing)


@cache
def parse_rules(language: str) -> ParseRules | None:
    """The ``[parsed]`` section of the language's speech data, or ``None``."""
    profile = default_registry().find(language)
    data = (profile.section("speech") if profile else {}).get("parsed")
    if not data:
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    lemmas = words("clause_lemmas") | words("object_lemmas") | {k.lower() for k in data.get("preposition_lemmas", {})}
    stems = {lemma[:-1] if lemma[-1:] in "ey" and len(lemma) > 3 else lemma for lemma in lemmas}
    cue_stems = sorted(
        ((stem.lower(), lemma.lower()) for lemma, starts in data.get("cue_stems", {}).items() for stem in starts),
        key=lambda pair: -len(pair[0]),
    )
    alternatives = sorted(stems | words("irregular_forms") | {s for s, _ in cue_stems}, key=len, reverse=True)
    return ParseRules(
        may_cue=re.compile(rf"\b(?:{'|'.join(map(re.escape, alternatives))})", re.I),
        clause_lemmas=words("clause_lemmas"),
        object_lemmas=words("object_lemmas"),
        preposition_lemmas={k.lower(): frozenset(v) for k, v in data.get("preposition_lemmas", {}).items()},
        subject_deps=words("subject_deps"),
        clause_deps=words("clause_deps"),
        object_deps=words("object_deps"),
        preposition_deps=words("preposition_deps"),
        preposition_object_deps=words("preposition_object_deps"),
        cue_deps=words("cue_deps"),
        source_cut_deps=words("source_cut_deps"),
        inherit_subject_deps=words("inherit_subject_deps"),
        addressee_lemmas=words("addressee_lemmas"),
        modifier_deps=words("modifier_deps"),
        infinitive_deps=words("infinitive_deps"),
        aside_deps=words("aside_deps"),
        inverted_frame_deps=words("inverted_frame_deps"),
        trailing_cue_deps=words("trailing_cue_deps"),
        object_complement_preps=words("object_complement_preps"),
        cue_modifier_deps=words("cue_modifier_deps"),
        cue_adjacent_deps=words("cue_adjacent_deps"),
        noun_clause_deps=words("noun_clause_deps"),
        noun_lemmas=words("noun_lemmas"),
        noun_complement_deps=words("noun_complement_deps"),
        complementizers=words("complementizers"),
        noun_source_deps=words("noun_source_deps"),
        mood_clause_deps=words("mood_clause_deps"),
        mood_features=frozenset(data.get("mood_features", [])),
        particle_deps=words("particle_deps"),
        cue_stems=tuple(cue_stems),
        source_case_words=words("source_case_words"),
        source_case_deps=words("source_case_deps"),
        source_end_deps=words("source_end_deps"),
        source_end_marked_deps=words("source_end_marked_deps"),
        verb_like_pos=frozenset(data.get("verb_like_pos", [])),
        nearest_clause=bool(data.get("nearest_clause", False)),
        source_cut_at_verb=bool(data.get("source_cut_at_verb", True)),
        passive_deps=words("passive_deps"),
        participle_tags=frozenset(data.get("participle_tags", [])),
        participle_clause_deps=words("participle_clause_deps"),
    )


def lemma_of(token: Any, rules: ParseRules) -> str:
    """The token's lemma (lower case); without one from the pipeline, the cue lemma whose stem starts it."""
    lemma = token.lemma_.lower()
    if lemma or not rules.cue_stems:
        return lemma
    particle = "".join(c.lower_ for c in token.children if c.dep_ in rules.particle_deps and c.i > token.i)
    word = particle + token.lower_
    return next((lemma for stem, lemma in rules.cue_stems if word.startswith(stem)), token.lower_)


def _in_mood(verb: Any, rules: ParseRules) -> bool:
    """The clause's verb, or an auxiliary or copula of it, bears one of the language's reporting moods."""
    return any(
        feature in rules.mood_features
        for token in (verb, *(c for c in verb.children if c.pos_ == "AUX"))
        for feature in str(token.morph).split("|")
    )


def _complement_clause(child: Any, rules: ParseRules) -> bool:
    if child.dep_ in rules.clause_deps:
        return True
    return child.dep_ in rules.mood_clause_deps and _in_mood(child, rules)


@dataclass(frozen=True)
class ParsedSpeech:
    """What the parse says about speech in a text: its report frames, and where words are no verbs."""

    reports: list[ParsedReport]
    not_verbs: frozenset[int]  # starts of words read as no verb, or as a modifier ("pledged delegates")
    without_complement: frozenset[int] = frozenset()  # starts of cue verbs the parse gives nothing said
    predicates: frozenset[int] = frozenset()  # starts of verbs that head or help a clause, not a noun's modifier
    moods: tuple[Span, ...] = ()  # verbs and auxiliaries in a reporting mood (``mood_features``: Konjunktiv I)
    verbs: frozenset[int] = frozenset()  # starts of every word read as a verb, modifiers too ("… heat heading into")
    passives: frozenset[int] = frozenset()  # starts of passive verbs ("was accused of"): their subject said nothing


def parse_marks(text: str, language: str) -> list[tuple[int, int, str]]:
    """What the parse says about speech, as ``(start, end, mark)`` spans a classifier can read as features:
    ``report`` for what a cue verb reports (:func:`parsed_speech`), ``mood`` for a verb in a reporting mood."""
    parsed = parsed_speech(text, language)
    return [*((*r.content, "report") for r in parsed.reports), *((*span, "mood") for span in parsed.moods)]


@lru_cache(maxsize=4)
def parsed_speech(text: str, language: str) -> ParsedSpeech:
    """Every reported-speech frame the parse shows in ``text`` (nothing without rules or parser).

    The parse is the one the names stage made of the same text (:func:`storyline.language.nlp.parse`
    keeps it; the last few results are kept too, for the speech classifier's features). A frame stays
    inside the paragraph that holds its cue (a parse may run a headline into the next line): content and
    source are cut at the paragraph's ends; a source wholly outside it drops the frame.
    """
    rules = parse_rules(language)
    if rules is None or not text.strip():
        return ParsedSpeech([], frozenset())
    from storyline.language.names import chunks
    from storyline.language.nlp import parse, pipeline_for

    if "parser" not in pipeline_for(language).pipe_names:
        return ParsedSpeech([], frozenset())
    reports = []
    not_verbs: set[int] = set()
    bare: set[int] = set()
    predicates: set[int] = set()
    moods: list[Span] = []
    verbs: set[int] = set()
    passives: set[int] = set()
    for offset, chunk in chunks(text):
        for token in parse(language, chunk):
            if token.pos_ in ("VERB", "AUX"):
                verbs.add(offset + token.idx)
                if _passive(token, rules):
                    passives.add(offset + token.idx)
            if token.pos_ in rules.verb_like_pos:
                pass  # the tagger cannot tell such a word from a verb: it vetoes no cue, and heads no clause
            elif token.pos_ not in ("VERB", "AUX") or token.dep_ in rules.modifier_deps:
                not_verbs.add(offset + token.idx)
            elif token.dep_ not in rules.noun_clause_deps and rules.source_cut_at_verb:
                predicates.add(offset + token.idx)
            if token.pos_ in ("VERB", "AUX") and rules.mood_features & set(str(token.morph).split("|")):
                moods.append((offset + token.idx, offset + token.idx + len(token.text)))
            report = _frame(token, rules)
            if report is None:
                lemma = lemma_of(token, rules)
                if token.pos_ == "VERB" and _is_cue(token, rules) and not _content(token, rules, lemma):
                    bare.add(offset + token.idx)
                continue
            report = report.shifted(offset)
            start = text.rfind("\n", 0, report.cue[0]) + 1
            end = text.find("\n", report.cue[1])
            end = len(text) if end == -1 else end
            content = _inside(text, report.content, start, end)
            source = _inside(text, report.source, start, end) if report.source else None
            if content is None or (report.source and source is None):
                continue
            lead = _inside(text, report.lead, start, end) if report.lead else None
            reports.append(ParsedReport(content, report.cue, source, lead))
    return ParsedSpeech(
        reports,
        frozenset(not_verbs),
        frozenset(bare),
        frozenset(predicates),
        moods=tuple(moods),
        verbs=frozenset(verbs),
        passives=frozenset(passives),
    )


def doc_reports(doc: Any, language: str) -> list[ParsedReport]:
    """The report frames of one parsed spaCy ``Doc`` (character spans in the doc), by the language's rules."""
    rules = parse_rules(language)
    if rules is None:
        return []
    return [r for token in doc if (r := _frame(token, rules)) is not None]


def _frame(token: Any, rules: ParseRules) -> ParsedReport | None:
    return _report(token, rules) or _noun_report(token, rules) or _case_report(token, rules)


def _inside(text: str, span: Span, start: int, end: int) -> Span | None:
    """``span`` cut to ``start``…``end`` without the spaces at its new edges, or ``None`` when nothing is left."""
    first, last = max(span[0], start), min(span[1], end)
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return (first, last) if last > first else None


def _edges(tokens: list[Any]) -> Span | None:
    """Character span of ``tokens`` without punctuation at either end."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    doc, last = tokens[0].doc, tokens[-1].i
    # A quotation opened inside the span and closed right after it: the closing mark belongs to the span.
    opened = sum(1 for t in tokens if t.tag_ == "``") - sum(1 for t in tokens if t.tag_ == "''")
    if opened > 0 and last + 1 < len(doc) and doc[last + 1].tag_ == "''":
        last += 1
    return tokens[0].idx, doc[last].idx + len(doc[last].text)


def _contiguous_subtree(head: Any, rules: ParseRules | None = None) -> list[Any]:
    """The words under ``head``, without a trailing aside set off by a comma (", who is 70", ", the
    alliance that …": PolNeAR's content stops before them) nor a dangling conjunction ("… — and")."""
    tokens = list(head.doc[head.left_edge.i : head.right_edge.i + 1])
    if rules is not None and rules.aside_deps:
        for token in tokens:
            if token.dep_ not in rules.aside_deps or token.i <= head.i:
                continue
            start = token.left_edge.i
            if start > tokens[0].i and head.doc[start - 1].text == "," and token.right_edge.i >= tokens[-1].i - 1:
                tokens = [t for t in tokens if t.i < start - 1]
                break
    if rules is not None:
        trailing = [t for t in tokens if _trailing_cue(t, rules, own_subject=True) and t.head.i == head.i]
        if trailing:
            start = min(t.left_edge.i for t in trailing)
            tokens = [t for t in tokens if t.i < start]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "SCONJ")):
        tokens.pop()
    return tokens


def _trailing_cue(verb: Any, rules: ParseRules, own_subject: bool = False) -> bool:
    """A second cue of the same speaker that the parser hangs on what the first one reports.

    "X said [the plan would work], arguing that …" / "…, and called it …" / "…, though she noted …":
    the parse makes the second cue part of the first one's clause; it is a report of its own, by the
    first cue's subject, and the first report ends before it.
    """
    head = verb.head
    if verb.pos_ != "VERB" or verb.dep_ not in rules.trailing_cue_deps or head.i >= verb.i or not _is_cue(verb, rules):
        return False
    if head.dep_ not in rules.clause_deps or not _is_cue(head.head, rules):
        return False
    subject = next((c for c in verb.children if c.dep_ in rules.subject_deps), None)
    # With ``own_subject``, a cue with a subject of its own counts too: it ends the first report all the same
    # ("She said [A], and when pressed, the mother replied, “…”"), though it borrows nothing from it.
    return subject is None or subject.pos_ == "PRON" or own_subject


def _content(verb: Any, rules: ParseRules, lemma: str) -> tuple[list[Any], list[Any]] | None:
    """(content tokens, extra cue tokens) of a cue verb, or ``None``.

    Candidates are the verb's clausal complement, its object or infinitive, and the object of a listed
    preposition; the one nearest after the verb wins (a parser may hang a later clause on the cue too).
    """
    children = list(verb.children)
    after = [c for c in children if c.i > verb.i]  # not a relative clause's object ("the plan he announced")
    candidates: list[tuple[int, list[Any], list[Any]]] = []
    if lemma in rules.clause_lemmas:
        clauses = [c for c in children if _complement_clause(c, rules)]
        # Clauses on both sides ("A: Republicans said [B]", "A; X says [B]"): the one after the cue was said.
        after_side = any(c.i > verb.i for c in clauses)
        same_side = [c for c in clauses if (c.i > verb.i) == after_side]
        if rules.nearest_clause and same_side:
            same_side = [min(same_side, key=lambda c: abs(c.i - verb.i))]
        if same_side:
            # "The economy is growing, but wages are flat, the senator said": both clauses were said.
            tokens = [t for c in same_side for t in _contiguous_subtree(c, rules)]
            tokens = list(verb.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]) if tokens else []
            candidates.append((abs(tokens[0].i - verb.i) if tokens else 10**6, tokens, []))
        elif _inverted_frame(verb, rules):
            # "CLAUSE, said the company's chief executive": parsed as a clause joined to the one before it.
            head = verb.head
            tokens = list(verb.doc[head.left_edge.i : verb.i - 1])
            candidates.append((1, tokens, []))
    if lemma in rules.object_lemmas:
        objects = [c for c in after if c.dep_ in rules.object_deps and c.dep_ not in rules.infinitive_deps]
        infinitives = [c for c in after if c.dep_ in rules.infinitive_deps]
        if infinitives:
            # "urged [Republicans to join …]": the addressee and what they were asked to do, as PolNeAR has it.
            first = objects[0] if objects and objects[0].i < infinitives[0].i else infinitives[0]
            tokens = [*_contiguous_subtree(first, rules), *_contiguous_subtree(infinitives[0], rules)]
            candidates.append((first.left_edge.i - verb.i, tokens, []))
        elif objects and lemma not in rules.addressee_lemmas:  # "told [reporters]" names the addressee only
            tokens = _contiguous_subtree(objects[0], rules)
            # "criticized [the council for its delays]", "described [her as a planner]": what the object was
            # criticized for or described as belongs to what was said.
            reason = next(
                (c for c in after if c.dep_ in rules.preposition_deps and c.lower_ in rules.object_complement_preps),
                None,
            )
            if reason is not None and tokens and reason.i == tokens[-1].i + 1:
                tokens = [*tokens, *_contiguous_subtree(reason, rules)]
            candidates.append((objects[0].left_edge.i - verb.i, tokens, []))
    prepositions = rules.preposition_lemmas.get(lemma, frozenset())
    for child in after:
        if child.dep_ in rules.preposition_deps and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in rules.preposition_object_deps]
            if objects:
                candidates.append((child.i - verb.i, _contiguous_subtree(objects[0], rules), [child]))
                break
    candidates = [c for c in candidates if c[1]]
    if not candidates:
        return None
    _, tokens, extra = min(candidates, key=lambda c: c[0])
    return tokens, extra


def _medial_frame(verb: Any, rules: ParseRules) -> tuple[list[Any], list[Any]] | None:
    """(words before, words after) of a clause whose frame stands between commas inside it.

    "Back home, she said, she started over": the parser hangs the cue on the clause's verb after it, or
    on the one before it ("X had two interviews, officials said, the first with …"); PolNeAR's content is
    both parts of that clause, the frame left out.
    """
    head, doc = verb.head, verb.doc
    if (
        verb.dep_ not in rules.inverted_frame_deps
        or head.i == verb.i
        or any(_complement_clause(c, rules) for c in verb.children)
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ in rules.subject_deps and c.i < verb.i), None)
    first, last = verb.left_edge.i, verb.right_edge.i
    while first < verb.i and doc[first].is_punct:  # the commas around the frame may hang on its verb
        first += 1
    while last > verb.i and doc[last].is_punct:
        last -= 1
    if subject is None or first < 2 or doc[first - 1].text != "," or last + 1 >= len(doc) or doc[last + 1].text != ",":
        return None
    before = [t for t in doc[head.left_edge.i : first - 1]]
    after = [t for t in doc[last + 2 : head.right_edge.i + 1]]
    if not any(not t.is_punct for t in before) or not any(not t.is_punct for t in after):
        return None
    return before, after


def _inverted_frame(verb: Any, rules: ParseRules) -> bool:
    """A cue after a comma, joined to the clause before it, with its own subject after it ("…, said X")."""
    return (
        verb.dep_ in rules.inverted_frame_deps
        and verb.head.i < verb.i
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and any(c.dep_ in rules.subject_deps and c.i > verb.i for c in verb.children)
    )


def _subject(verb: Any, rules: ParseRules) -> Any | None:
    own = any(c.dep_ in rules.subject_deps for c in verb.children)
    current = verb.head.head if not own and _trailing_cue(verb, rules) else verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in rules.subject_deps), None)
        if subject is not None:
            return subject
        if current.dep_ not in rules.inherit_subject_deps or current.head is current:
            return None
        current = current.head
    return None


def _source(subject: Any, rules: ParseRules) -> Span | None:
    cut: set[int] = set()
    for child in subject.children:
        after_comma = child.left_edge.i > 0 and subject.doc[child.left_edge.i - 1].text == ","
        if child.dep_ in rules.source_cut_deps and child.dep_ != "punct" and child.i > subject.i and after_comma:
            cut.update(t.i for t in child.subtree)
    for token in subject.subtree:
        marked = token.dep_ in rules.source_end_marked_deps and any(c.dep_ == "case" for c in token.children)
        if (token.dep_ in rules.source_end_deps or marked) and token.i > subject.i:
            cut.update(t.i for t in token.subtree)
    kept = [t for t in subject.subtree if t.i not in cut]
    # A contiguous run around the head: what the cut left on either side of it.
    run = [subject]
    for token in sorted((t for t in kept if t.i < subject.i), key=lambda t: -t.i):
        if token.i != run[0].i - 1:
            break
        run.insert(0, token)
    for token in sorted(t for t in kept if t.i > subject.i):
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    return _edges(run)


def _is_cue(verb: Any, rules: ParseRules) -> bool:
    lemma = lemma_of(verb, rules)
    return lemma in rules.clause_lemmas or lemma in rules.object_lemmas or lemma in rules.preposition_lemmas


def _report(verb: Any, rules: ParseRules) -> ParsedReport | None:
    if verb.pos_ != "VERB" or not _is_cue(verb, rules):
        return None
    lemma = lemma_of(verb, rules)
    lead = None
    medial = _medial_frame(verb, rules) if lemma in rules.clause_lemmas else None
    if medial is not None:
        lead = _edges(medial[0])
        content_tokens, extra_cue = medial[1], []
    else:
        found = _content(verb, rules, lemma)
        if found is None:
            return None
        content_tokens, extra_cue = found
    content = _edges(content_tokens)
    if content is None or content[0] <= verb.idx < content[1]:
        return None
    passive = _passive(verb, rules)
    subject = None if passive else _subject(verb, rules)
    if subject is None and not passive:
        return None
    cue_tokens = [verb, *extra_cue, *(c for c in verb.children if c.dep_ in rules.cue_deps and c.i < verb.i + 3)]
    for child in verb.children:
        # "also said", "has repeatedly noted", "almost immediately disclosed": PolNeAR's cue keeps the adverb.
        if (
            child.dep_ in rules.cue_modifier_deps
            and verb.i - 3 <= child.i < verb.i
            and child.tag_ not in ("WRB", "WDT")
            and child.right_edge.i < verb.i
            # right before the verb, auxiliaries and other adverbs aside: not "Meanwhile, Jayden called out"
            and all(t.dep_ in rules.cue_adjacent_deps for t in verb.doc[child.right_edge.i + 1 : verb.i])
        ):
            cue_tokens.extend(child.subtree)
    cue = _edges(cue_tokens)
    source = _source(subject, rules) if subject is not None else None
    if cue is None or (source is not None and source[0] < content[1] and content[0] < source[1]):
        return None
    return ParsedReport(content=content, cue=cue, source=source, lead=lead)


def _passive(verb: Any, rules: ParseRules) -> bool:
    """A cue in the passive: "was asked about …", or a bare participle that opens a clause ("Asked about the
    plan, she said …"). Its subject (or the one it would borrow) is who was asked, not who spoke: no source."""
    if any(c.dep_ in rules.passive_deps for c in verb.children):
        return True
    return (
        verb.tag_ in rules.participle_tags
        and verb.dep_ in rules.participle_clause_deps
        and not any(c.dep_ in rules.cue_deps for c in verb.children if c.i < verb.i)
    )


def _noun_report(noun: Any, rules: ParseRules) -> ParsedReport | None:
    """A noun of saying with a that-clause: "their earlier claim [that the driver had fled]".

    The cue is the noun with the adjectives before it ("earlier claim"); the source, where the phrase
    names one, its possessor ("the police's claim", "their claim").
    """
    if noun.pos_ != "NOUN" or lemma_of(noun, rules) not in rules.noun_lemmas:
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in rules.noun_complement_deps
            and c.i > noun.i
            and any(m.lower_ in rules.complementizers and m.dep_ == "mark" and m.i == c.left_edge.i for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    content = _edges(_contiguous_subtree(clause, rules))
    cue_tokens = [noun]
    for child in sorted((c for c in noun.children if c.dep_ == "amod" and c.i < noun.i), key=lambda c: -c.i):
        if child.right_edge.i == cue_tokens[0].i - 1:
            cue_tokens = [*child.subtree, *cue_tokens]
    cue = _edges(cue_tokens)
    owner = next((c for c in noun.children if c.dep_ in rules.noun_source_deps and c.i < noun.i), None)
    source = _edges(list(owner.subtree)) if owner is not None else None
    subject = next((c for c in noun.children if c.dep_ in rules.subject_deps and c.i < noun.i), None)
    if source is None and subject is not None:
        source = _source(subject, rules)  # a verb read as a noun: "But Trump [claims] that …" (its subject speaks)
    if content is None or cue is None:
        return None
    return ParsedReport(content=content, cue=cue, source=source)


def _case_report(noun: Any, rules: ParseRules) -> ParsedReport | None:
    """A source named by an adposition phrase of the clause: "Laut Polizei war der Fahrer betrunken",
    "Der Fahrer war betrunken, der Polizei zufolge". The clause without the phrase is what was said; only a
    phrase at the clause's start or end makes a frame (one inside it leaves the clause in two pieces)."""
    if not rules.source_case_words or noun.dep_ not in rules.source_case_deps:
        return None
    case = next((c for c in noun.children if c.dep_ == "case" and c.lower_ in rules.source_case_words), None)
    head = noun.head
    if case is None or head is noun:
        return None
    # The phrase ends at the first punctuation after its noun: a clause the parser hangs on the noun
    # ("laut seines Sprechers, „dass …“") is not part of the source.
    kept = list(itertools.takewhile(lambda t: t.i <= noun.i or not t.is_punct, noun.subtree))
    phrase = {t.i for t in kept}
    clause = [t for t in head.subtree if t.i not in phrase]
    before = [t for t in clause if t.i < min(phrase)]
    after = [t for t in clause if t.i > max(phrase)]
    if any(not t.is_punct for t in before) and any(not t.is_punct for t in after):
        return None
    content = _edges(before or after)
    source = _edges([t for t in kept if t.i != case.i])
    cue = _edges([case])
    if content is None or source is None or cue is None:
        return None
    return ParsedReport(content=content, cue=cue, source=source)
