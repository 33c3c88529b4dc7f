"""Who said what in one document: direct, partial and indirect quotes with their sources.

Order of work per document:
1. quoted spans (``marks``), each classified as direct (its own clause), partial
   (woven into narration), title ('the "Toxic" singer') or scare (a few ironic
   words, no cue);
2. attribution of each direct/partial quote from the words after it, else
   before it, else the previous quote's source (a quote continuing a chain, or a
   paragraph introduced by "She added:");
3. indirect speech in sentences outside quotes: "X said (that) …", "according to
   X, …", "…, a source told OUTLET", German "X sagte, …", "laut X", "X zufolge",
   and Konjunktiv I sentences continuing the last speaker; where the language has
   ``[parsed]`` speech data and a parser, the reports the dependency parse shows
   (``dependency``) refine those extents and add the reports the words missed;
4. sources resolved: pronouns to the last compatible speaker or the nearest
   preceding name, anonymous sources kept anonymous ("an insider").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from storyline.extraction.quotes.attribution import (
    CAPITALISED,
    QUOTE_MARKS,
    Attribution,
    Token,
    _looks_like_source,
    after_frame,
    before_frame,
    clause_source,
    clause_start,
    find_channel,
    find_reported_to,
    inverted_subject,
    is_auxiliary,
    is_title_dot,
    sentence_subject,
    source_before,
    tokens,
)
from storyline.extraction.quotes.dependency import ParsedReport, ParsedSpeech, parsed_speech
from storyline.extraction.quotes.labels import SpeakerLabel, label_rules, speaker_label
from storyline.extraction.quotes.lexicon import CLAUSE_END, SpeechLexicon, separable_cue, speech_lexicon
from storyline.extraction.quotes.marks import QuotedSpan, find_quoted_spans, typewriter_double_quotes
from storyline.extraction.quotes.speech_model import combine
from storyline.extraction.quotes.unclosed import bound_unclosed
from storyline.language.sentences import split_sentences
from storyline.records import NameMention, QuoteMention, SentenceSpan

POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
MAX_TITLE_WORDS = 6
MAX_SCARE_WORDS = 4
MAX_ANNOUNCED_CHARS = 5000
MAX_DESCRIBED_SOURCE = 14  # words in "an attorney for the pop icon's ex-husband Kevin Federline"
WORD = re.compile(r"\w+")
NAME_SEQUENCE = re.compile(r"\b[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+)*")


@dataclass
class _Speaker:
    label: str
    anonymous: bool
    kind: str  # "name", "anonymous", "role"


def extract_quotes(
    text: str, language: str, doc: str = "", names: list[NameMention] | None = None
) -> list[QuoteMention]:
    """All quotes of one document, in text order: the rules' mentions, plus the spans of the language's
    trained speech tagger that the rules missed, where the language profile names one (``speech_model``)."""
    return combine(text, language, extract_rule_quotes(text, language, doc, names), doc)


def extract_rule_quotes(
    text: str, language: str, doc: str = "", names: list[NameMention] | None = None
) -> list[QuoteMention]:
    """The quotes the rules find (quote marks, cue verbs, Konjunktiv I), in text order."""
    lexicon = speech_lexicon(language)
    scan = typewriter_double_quotes(text)  # same length: '' read as "
    sentences = split_sentences(scan, language)
    spans = [bound_unclosed(scan, span) for span in find_quoted_spans(scan)]
    parsed = parsed_speech(text, language) if lexicon is not None else None  # the names stage's parse of text
    extractor = _DocumentQuotes(scan, doc, lexicon, sentences, names or [], parsed)
    mentions = extractor.run(spans)
    return mentions if scan is text else [_with_original_text(m, text, scan) for m in mentions]


def _with_original_text(mention: QuoteMention, text: str, scan: str) -> QuoteMention:
    """The mention's strings read from the original text where they were read from the scanned copy."""
    update: dict[str, str] = {"text": text[mention.start : mention.end]}
    for name, start, end in (
        ("cue", mention.cue_start, mention.cue_end),
        ("source", mention.source_start, mention.source_end),
    ):
        if start is not None and end is not None and getattr(mention, name) == scan[start:end]:
            update[name] = text[start:end]
    return mention.model_copy(update=update)


class _DocumentQuotes:
    def __init__(
        self,
        text: str,
        doc: str,
        lexicon: SpeechLexicon | None,
        sentences: list[SentenceSpan],
        names: list[NameMention],
        parsed: ParsedSpeech | None = None,
    ) -> None:
        self.text = text
        self.doc = doc
        self.lexicon = lexicon
        self.sentences = sentences
        self.people = [n for n in names if n.label in ("PER", "NAME")]
        self.names = [n for n in names if n.label != "LOC"]
        self.last: _Speaker | None = None
        self.last_at = -1
        self.last_span: tuple[int, int] | None = None  # the words that last named the current speaker
        self.quoted: list[tuple[int, int]] = []
        self._subjects: dict[str | None, str | None] = {}
        self.reported_ends: list[int] = []  # ends of sentences holding indirect speech
        self._people_cache: tuple[dict[str, str], dict[str, Counter[str]]] | None = None
        self.parsed = parsed.reports if parsed else []
        self.not_verbs = parsed.not_verbs if parsed else frozenset()
        self.without_complement = parsed.without_complement if parsed else frozenset()
        self.predicates = parsed.predicates if parsed else frozenset()
        self.verbs = parsed.verbs if parsed else frozenset()
        self.passives = parsed.passives if parsed else frozenset()
        self.parsed_any = bool(parsed and parsed.not_verbs)  # the text was parsed (its verbs are known)

    # ------------------------------------------------------------------ helpers

    def _sentence_at(self, offset: int) -> SentenceSpan:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end or offset == sentence.end:
                return sentence
        return SentenceSpan(start=offset, end=offset)

    def _paragraph_bounds(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, (len(self.text) if end == -1 else end)

    def _article_subject(self, gender: str | None = None) -> str | None:
        """The article's main person: who a first-person post without a named author belongs to.

        Name mentions outside quotes are grouped into people (a one-word mention joins the longest
        name holding that word: "Spears" and "Britney" join "Britney Spears"). Each mention counts
        1, a possessive modifier ("Kevin Federline's attorney") half; the first person of the
        headline or lead counts 2 more. With a gendered pronoun ("she said in a post"), people
        whose own pronouns ("… with her sons") give the other gender are left out.
        """
        if gender in self._subjects:
            return self._subjects[gender]
        mentions = self._name_mentions()
        people, genders = self._people()
        scores: Counter[str] = Counter()
        for start, end, surface in mentions:
            possessive = self.text[end : end + 2] in ("'s", "’s") or POSSESSIVE_END.search(self.text[start:end])
            scores[people[surface]] += 0.5 if possessive else 1.0
        lead = self._lead_person(mentions, people)
        if lead is not None:
            scores[lead] += 2.0
        ranked = sorted(scores, key=lambda person: (-scores[person], _first_named(mentions, people, person)))
        if gender in ("male", "female"):
            ranked = [p for p in ranked if not _other_gender(genders.get(p), gender)] or ranked
        self._subjects[gender] = ranked[0] if ranked else None
        return self._subjects[gender]

    def _people(self) -> tuple[dict[str, str], dict[str, Counter[str]]]:
        """Surface -> person, and per person the genders of the pronouns that follow it as a subject."""
        if self._people_cache is not None:
            return self._people_cache
        mentions = self._name_mentions()
        people = _group_people([surface for _, _, surface in mentions])
        genders: dict[str, Counter[str]] = {}
        for index, (start, end, surface) in enumerate(mentions):
            sentence = self._sentence_at(start)
            earlier_in_sentence = index > 0 and mentions[index - 1][0] >= sentence.start
            if earlier_in_sentence or len(WORD.findall(self.text[sentence.start : start])) > 4:
                continue  # not the sentence's subject: a pronoun after it may well be the subject's
            following = mentions[index + 1][0] if index + 1 < len(mentions) else len(self.text)
            pronoun_gender = self._pronoun_gender_after(end, following)
            if pronoun_gender is not None:
                genders.setdefault(people[surface], Counter())[pronoun_gender] += 1
        self._people_cache = (people, genders)
        return self._people_cache

    def _gender_conflicts(self, surface: str, gender: str | None) -> bool:
        """Do the pronouns used for the person named ``surface`` give another gender than ``gender``?"""
        if gender not in ("male", "female"):
            return False
        people, genders = self._people()
        person = people.get(POSSESSIVE_END.sub("", surface).strip())
        return person is not None and _other_gender(genders.get(person), gender)

    def _name_mentions(self) -> list[tuple[int, int, str]]:
        """(start, end, surface without possessive) of each name outside quotes, in text order."""
        found = [(n.start, n.end, n.text) for n in self.names] or [
            (m.start(), m.end(), m.group()) for m in NAME_SEQUENCE.finditer(self.text) if " " in m.group()
        ]
        mentions = []
        for start, end, surface in sorted(found):
            if any(s <= start < e for s, e in self.quoted):
                continue
            surface = POSSESSIVE_END.sub("", surface).strip()
            if surface and surface.lower() not in (self.lexicon.determiners if self.lexicon else ()):
                mentions.append((start, end, surface))
        return mentions

    def _pronoun_gender_after(self, position: int, limit: int) -> str | None:
        """The gender of the first gendered pronoun after a name, in its sentence, before the next name."""
        if self.lexicon is None:
            return None
        sentence = self._sentence_at(position)
        for word in WORD.finditer(self.text, position, min(limit, sentence.end)):
            kind = self.lexicon.pronouns.get(word.group().lower())
            if kind in ("male", "female"):
                return kind
        return None

    def _lead_person(self, mentions: list[tuple[int, int, str]], people: dict[str, str]) -> str | None:
        """The person named first outside a possessive in the headline or the first lines of the body."""
        lead_end = 0
        lines = 0
        for start, end in _lines(self.text):
            lead_end = end
            if len(self.text[start:end].split()) >= 4:
                lines += 1
            if lines >= 2:
                break
        for start, end, surface in mentions:
            if start >= lead_end:
                break
            if self.text[end : end + 2] not in ("'s", "’s") and not POSSESSIVE_END.search(self.text[start:end]):
                return people[surface]
        return None

    # ------------------------------------------------------------------ run

    def run(self, spans: list[QuotedSpan]) -> list[QuoteMention]:
        """Sentences in order; in each, its quotes first, then indirect speech outside them."""
        quotes: list[QuoteMention] = []
        previous_span: QuotedSpan | None = None
        previous_quote: QuoteMention | None = None
        covered = [(span.start, span.end) for span in spans]
        self.quoted = covered
        pending = list(spans)
        for sentence in self.sentences or [SentenceSpan(start=0, end=len(self.text))]:
            if self.lexicon is not None:
                self._note_anonymous_subject(sentence)
            while pending and pending[0].start < sentence.end:
                span = pending.pop(0)
                kind = self._classify(span)
                if kind in ("title", "scare"):
                    quotes.append(self._mention(span.start, span.end, kind))
                    continue
                quote = self._parsed_source(self._attribute(span, kind, previous_span, previous_quote))
                quote = self._labelled_quote(quote, span)
                quotes.append(quote)
                previous_span, previous_quote = span, quote
            labelled = self._labelled_line(sentence, covered) if self.lexicon is not None else None
            if labelled is not None:
                quotes.append(labelled)
            if self.lexicon is None:
                continue
            # A sentence mostly quoted gets no word rules, but the parse's reports outside its quotes stand
            # ("“…,” he said, adding he would never vote for her").
            mostly_quoted = self._mostly_quoted(sentence, covered)
            mention = (
                None
                if labelled is not None or mostly_quoted
                else (
                    self._unmarked_after_colon(sentence, covered)
                    or self._indirect_in(sentence, covered)
                    or self._reported_clause(sentence, covered)
                )
            )
            if (
                mention is not None
                and mention.kind == "indirect"
                and not self._title_case_headline(sentence)  # the parse reads title case as names
                and (
                    mention.cue_start in self.not_verbs
                    or (
                        mention.cue_start in self.without_complement
                        and any(s < sentence.end and sentence.start < e for s, e in covered)
                    )
                )
                and (mention.cue or "").lower() in self.lexicon.verbs
            ):
                # The parse reads the cue word as a noun ("in five states"), or as the frame of the sentence's
                # quote with nothing said after it ("“…,” said Ms. B at a conference").
                mention = None
            if (
                mention is not None
                and mention.kind == "indirect"
                and mention.cue_start is not None
                and any(
                    q.kind in ("direct", "partial") and q.cue_start == mention.cue_start and q.end <= mention.start
                    for q in quotes
                )
            ):
                mention = None  # the cue frames the sentence's quote ("“…,” Cruz said at the time."): nothing more said
            if mention is not None and mention.kind == "indirect":
                mention = self._without_passive_subject(self._reparsed(mention, sentence, covered))
                self.reported_ends.append(sentence.end)
            if mention is not None:
                quotes.append(mention)
            in_sentence = [q for q in quotes if q.start < sentence.end and sentence.start < q.end]
            added = self._parsed_in(sentence, covered, in_sentence)
            quotes.extend(added)
            for found in [*([mention] if mention is not None else []), *added]:
                lead = self._lead(found, covered, quotes)
                if lead is not None:
                    quotes.append(lead)
        for span in pending:
            quotes.append(self._mention(span.start, span.end, self._classify(span)))
        quotes = [self._source_before_verb(q) for q in quotes]
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    def _source_before_verb(self, quote: QuoteMention) -> QuoteMention:
        """A source cut before the first clause verb the parse sees in it ("Lawmakers have not" → "Lawmakers").

        The rules take the words before a cue as its subject, auxiliaries and other verbs included; a verb
        after a comma, a dash or a relative pronoun stays ("X, who led the inquiry,").
        """
        if not self.predicates or quote.source_start is None or quote.source_end is None:
            return quote
        start, end = quote.source_start, quote.source_end
        cut = None
        for word in re.finditer(r"\S+", self.text[start:end]):
            letter = re.search(r"[^\W\d_]", word.group())
            if letter is None:
                if re.search(r"[-–—(]", word.group()):
                    break  # an aside set off by dashes: "X -- co-editor of …"
                continue
            if re.search(r"[,(]", word.group()[: letter.start()]) or word.group().lower() in self._relative_words:
                break
            at = start + word.start() + letter.start()
            if at in self.predicates and word.start() > 0:
                cut = start + word.start()
                break
            if "," in word.group()[letter.start() :]:
                break
        if cut is None:
            return quote
        while cut > start and not (self.text[cut - 1].isalnum() or self.text[cut - 1] in ".)"):
            cut -= 1
        if cut <= start:
            return quote
        return quote.model_copy(update={"source": self.text[start:cut], "source_end": cut})

    _relative_words = frozenset({"who", "whom", "whose", "which", "that"})

    def _parsed_source(self, quote: QuoteMention) -> QuoteMention:
        """A quote's source as the parse reads it, where the parse hangs the quote on the same cue.

        The words after a quote's cue are not always its subject ("…,” said the candidate could be …" when
        the cue's subject stands before it); the parse knows the cue verb's subject.
        """
        if quote.cue_start is None or quote.source_start is None:
            return quote
        report = next(
            (
                r
                for r in self.parsed
                if r.cue[0] <= quote.cue_start < r.cue[1]
                and r.source is not None
                and r.content[0] < quote.end
                and quote.start < r.content[1]
            ),
            None,
        )
        if report is None or report.source is None or report.source == (quote.source_start, quote.source_end):
            return quote
        start, end = report.source
        if start < quote.end and quote.start < end:
            return quote
        source = self.text[start:end]
        speaker = self._speaker(Attribution(None, start, end, source), start)
        return quote.model_copy(
            update={
                "source": source,
                "source_start": start,
                "source_end": end,
                "speaker": speaker.label if speaker else quote.speaker,
                "anonymous": speaker.anonymous if speaker else quote.anonymous,
            }
        )

    # ------------------------------------------------------------------ speaker labels ("PENCE: …")

    def _label_at(self, start: int, end: int) -> SpeakerLabel | None:
        return speaker_label(self.text, start, end, self.lexicon.language) if self.lexicon is not None else None

    def _title_case_headline(self, sentence: SentenceSpan) -> bool:
        """Is ``sentence`` the text's first line written in title case ("Ostrow Says Harbour Plan Will Pass"), in a
        language whose headlines are written so (``title_case_headlines`` in ``[labels]``)?"""
        rules = label_rules(self.lexicon.language) if self.lexicon is not None else None
        if rules is None or not rules.title_case_headlines or self.text[: sentence.start].strip():
            return False
        if "\n" in self.text[sentence.start : sentence.end].strip():
            return False
        words = [w for w in WORD.findall(self.text, sentence.start, sentence.end) if w[0].isalpha()]
        return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)

    def _clause_until(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` a clause of its own: a verb in it (by the parse; ``False`` without one), and
        not cut off after a word that wants more ("… after, according to him, …", "reported that, …")?"""
        assert self.lexicon is not None
        words = WORD.findall(self.text, start, end)
        last = words[-1].lower() if words else ""
        lexicon = self.lexicon
        if last in lexicon.subordinators | lexicon.complementizers | lexicon.prepositions | lexicon.determiners:
            return False
        return any(start <= at < end for at in self.verbs)

    def _says_something(self, start: int, end: int) -> bool:
        """Three words or more with a verb in them (not "Clinton: 547.", "Iowa: A, B, C", "X: Hero or villain?")."""
        if len(WORD.findall(self.text, start, end)) < 3:
            return False
        return not self.parsed_any or any(start <= at < end for at in self.verbs)

    def _labelled(self, label: SpeakerLabel, start: int, end: int, kind: str) -> QuoteMention:
        source = label.source
        attribution = Attribution(Token(":", *label.cue), source[0], source[1], self.text[source[0] : source[1]])
        return self._resolved(start, end, kind, attribution, (source[0], label.content_start))

    def _labelled_quote(self, quote: QuoteMention, span: QuotedSpan) -> QuoteMention:
        """A quote that opens its paragraph with a speaker label ("“PENCE: Well, …"), or that a label introduces
        ("Trump: ‘I’m the worst thing …’"): the label is its source, the colon its cue, the label no part of it."""
        if quote.kind not in ("direct", "partial"):
            return quote
        paragraph = self._paragraph_bounds(span.start)[0]
        if not self.text[paragraph : span.start].strip(" \t\u00a0\"“„«»'‘"):
            label = self._label_at(span.start, span.end)
            if label is None or not self._says_something(label.content_start, span.end):
                return quote
            return self._labelled(label, label.content_start, span.end, quote.kind)
        open_at = span.start - (1 if span.open_mark else 0)
        label = self._label_at(paragraph, open_at)
        if label is None or label.content_start != open_at:
            return quote
        return self._labelled(label, span.start, span.end, quote.kind)

    def _labelled_line(self, sentence: SentenceSpan, covered: list[tuple[int, int]]) -> QuoteMention | None:
        """A paragraph opened by a speaker label outside quotation marks ("Poll: Clinton and Trump in dead heat …",
        "JAKE TAPPER: Donald Trump released …"): what follows the colon, to the paragraph's end, was said. It is
        reported as indirect speech: no marks say it is verbatim."""
        paragraph, end = self._paragraph_bounds(sentence.start)
        if self.text[paragraph : sentence.start].strip() or any(s <= sentence.start < e for s, e in covered):
            return None
        label = self._label_at(sentence.start, end)
        if label is None or any(
            s <= label.content_start < e or label.content_start <= s <= label.content_start + 1 for s, e in covered
        ):
            return None  # a quote right after the label is the speech (``_labelled_quote``)
        while end > label.content_start and self.text[end - 1] in " \t\u00a0.":
            end -= 1
        headline = not self.text[:paragraph].strip()  # a headline says it without a verb ("Lynch: No outside …")
        if not (headline and len(WORD.findall(self.text, label.content_start, end)) >= 3) and not self._says_something(
            label.content_start, end
        ):
            return None
        return self._labelled(label, label.content_start, end, "indirect")

    def _lead(
        self, mention: QuoteMention, covered: list[tuple[int, int]], found: list[QuoteMention]
    ) -> QuoteMention | None:
        """The part said before a frame set inside the report ("Back home, [she said], she started over"),
        as a second piece with the report's cue and source (one attribution, as PolNeAR counts it)."""
        if mention.kind != "indirect" or mention.cue_start is None:
            return None
        report = next(
            (
                r
                for r in self.parsed
                if r.lead is not None and r.cue[0] == mention.cue_start and r.content[0] == mention.start
            ),
            None,
        )
        if report is None or report.lead is None:
            return None
        start, end = report.lead
        if any(s < end and start < e for s, e in [*covered, *((m.start, m.end) for m in found)]):
            return None
        return mention.model_copy(update={"start": start, "end": end, "text": self.text[start:end]})

    def _reparsed(self, mention: QuoteMention, sentence: SentenceSpan, covered: list[tuple[int, int]]) -> QuoteMention:
        """A rule's indirect report with the extents of the parse's report of the same cue, where there is one.

        The rules take "the rest of the sentence" after a cue and the words before it as its source; the parse
        knows where the complement and the subject end ("…, said one source in the room", "But Fowler said X —
        and he noted Y").
        """
        if mention.cue_start is None or mention.cue_end is None:
            return mention
        report = next(
            (r for r in self.parsed if r.cue[0] < mention.cue_end and mention.cue_start < r.cue[1]),
            None,
        )
        if report is None or any(
            s < mention.end
            and mention.start < e
            and not (report.content[0] <= s and e <= report.content[1])
            and not self._cue_between(report, s)
            for s, e in covered
        ):
            # A report holding quoted words keeps the rule's reading, unless the parse's holds them too or
            # another cue after it claims them ("stressed her support … and said …: “…”").
            return mention
        if any(
            s < report.content[1] and report.content[0] < e and not (mention.start <= s and e <= mention.end)
            for s, e in covered
        ):
            return mention  # the parse hangs a quote on the cue (“…,” she said, and …): not this report
        source = report.source
        attribution = (
            Attribution(
                Token(self.text[report.cue[0] : report.cue[1]], *report.cue),
                source[0],
                source[1],
                self.text[source[0] : source[1]],
            )
            if source
            else Attribution(
                Token(self.text[report.cue[0] : report.cue[1]], *report.cue),
                mention.source_start,
                mention.source_end,
                mention.source,
            )
        )
        return self._resolved(*report.content, "indirect", attribution, (sentence.start, sentence.end))

    def _without_passive_subject(self, mention: QuoteMention) -> QuoteMention:
        """A cue in the passive ("Mr. Q was accused of fraud", "the plan was announced") has no source before it:
        its subject is who was accused, not who spoke."""
        if (
            mention.cue_start is None
            or mention.cue_end is None
            or mention.source_start is None
            or not any(mention.cue_start <= at < mention.cue_end for at in self.passives)
        ):
            return mention
        opens = mention.cue_start == self._sentence_at(mention.cue_start).start  # "Asked about it, Ryan said …"
        if mention.source_start > mention.cue_start and not opens:
            return mention  # "was first reported by the Post": the agent after the cue spoke
        return mention.model_copy(
            update={"source": None, "source_start": None, "source_end": None, "speaker": None, "anonymous": False}
        )

    def _cue_between(self, report: ParsedReport, at: int) -> bool:
        """Does another parsed cue stand between the end of what ``report`` says and ``at``?"""
        return any(r.cue != report.cue and report.content[1] <= r.cue[0] and r.cue[1] <= at for r in self.parsed)

    def _parsed_in(
        self, sentence: SentenceSpan, covered: list[tuple[int, int]], found: list[QuoteMention]
    ) -> list[QuoteMention]:
        """Reports the parse shows in the sentence that the rules did not find (nested ones included).

        A parsed report is left out when its cue is inside a quote or is a cue already found, or when what
        it reports overlaps a quote or a found report without containing its cue word (the same report
        read twice, or a quote's own frame: “…,” she said).
        """
        added: list[QuoteMention] = []
        for report in self.parsed:
            cue_start, cue_end = report.cue
            if not sentence.start <= cue_start < sentence.end:
                continue
            if any(s <= cue_start < e for s, e in covered):
                continue
            start, end = report.content
            taken = [*found, *added]
            # Quoted words inside the clause a cue reports, attributed to that cue ("said that there were
            # “many more” of them last year"): the clause is what was said, the quote a part of it.
            inside = [
                m
                for m in taken
                if m.kind in ("direct", "partial")
                and start <= m.start
                and m.end <= end
                and m.cue_start is not None
                and cue_start <= m.cue_start < cue_end
                and re.search(r"\w", self.text[start : m.start] + self.text[m.end : end])
            ]
            rest = [m for m in taken if m not in inside]
            if any(m.cue_start is not None and m.cue_start < cue_end and cue_start < (m.cue_end or 0) for m in rest):
                continue
            spans = [(m.start, m.end) for m in rest] + [
                (s, e) for s, e in covered if not any(m.start < e and s < m.end for m in inside)
            ]
            if any(s < end and start < e and not (s <= cue_start < e) for s, e in spans):
                continue
            cue = Token(self.text[cue_start:cue_end], cue_start, cue_end)
            source = report.source
            attribution = Attribution(
                cue,
                source[0] if source else None,
                source[1] if source else None,
                self.text[source[0] : source[1]] if source else None,
            )
            added.append(self._resolved(start, end, "indirect", attribution, (sentence.start, sentence.end)))
        return added

    @staticmethod
    def _mostly_quoted(sentence: SentenceSpan, covered: list[tuple[int, int]]) -> bool:
        length = max(sentence.end - sentence.start, 1)
        inside = sum(max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in covered)
        return inside > 0.5 * length

    def _note_anonymous_subject(self, sentence: SentenceSpan) -> None:
        """A sentence opened by "Ein Insider …"/"A source close to …" makes that source the current speaker."""
        assert self.lexicon is not None
        words = tokens(self.text, sentence.start, sentence.end)
        lowered = [w.lower for w in words]
        for i in range(len(words) - 1):
            if lowered[i] not in self.lexicon.determiners or lowered[i + 1] not in self.lexicon.anonymous_heads:
                continue
            opens_sentence = i == 0
            cue_follows = any(w in self.lexicon.verbs for w in lowered[i + 2 : i + 5])
            if not (opens_sentence or cue_follows):
                continue
            if not (lowered[i] in self.lexicon.definite_articles and self.last is not None and self.last.anonymous):
                self.last = _Speaker(f"{words[i].text} {words[i + 1].text}", True, "anonymous")
            self.last_at = words[i].start
            self.last_span = (words[i].start, words[i + 1].end)
            return

    # ------------------------------------------------------------------ classification

    def _classify(self, span: QuotedSpan) -> str:
        content = self.text[span.start : span.end]
        words = WORD.findall(content)
        sentence = self._sentence_at(span.start)
        open_at = span.start - (1 if span.open_mark else 0)
        before = self.text[sentence.start : open_at].strip()
        ends_clause = bool(re.search(r"[.!?,…]\s*$", content)) or span.close_mark is None
        if not words:
            return "scare"  # marks around nothing worth saying
        if self.lexicon is not None and len(words) <= MAX_TITLE_WORDS and self._is_title(span, words):
            return "title"
        starts_sentence = not before or before.endswith((":", "—", "–")) or before[-1:] in '"“”„»«'
        if starts_sentence and (ends_clause or len(words) > MAX_SCARE_WORDS):
            return "direct"
        if span.open_mark is None:
            return "direct"
        previous_word = (WORD.findall(before) or [""])[-1].lower()
        if len(words) <= 2 and self.lexicon is not None and previous_word in self.lexicon.possessives:
            return "scare"  # her "boys", ihre "Jungs"
        if len(words) <= MAX_SCARE_WORDS and not self._has_cue_near(span):
            return "scare"
        return "partial"

    def _is_title(self, span: QuotedSpan, words: list[str]) -> bool:
        assert self.lexicon is not None
        before = WORD.findall(self.text[max(0, span.start - 40) : span.start])
        after = WORD.findall(self.text[span.end : span.end + 40])
        previous = before[-1].lower() if before else ""
        following = after[0].lower() if after else ""
        capitalised = all(w[0].isupper() or not w[0].isalpha() for w in words if len(w) > 3) and words[0][0].isupper()
        if previous in self.lexicon.title_before and capitalised:
            return True
        if previous in self.lexicon.determiners and following in self.lexicon.verbs and capitalised:
            return True  # a paper or a work that speaks: Das „Berliner Tageblatt“ schreibt, …
        return following in self.lexicon.title_after and capitalised

    def _has_cue_near(self, span: QuotedSpan) -> bool:
        assert self.lexicon is not None
        sentence = self._sentence_at(span.start)
        outside = self.text[sentence.start : span.start] + " " + self.text[span.end : sentence.end]
        return bool(self.lexicon.cue.search(outside)) or bool(
            self.lexicon.source_after and self.lexicon.source_after.search(outside)
        )

    # ------------------------------------------------------------------ direct and partial quotes

    def _attribute(
        self,
        span: QuotedSpan,
        kind: str,
        previous_span: QuotedSpan | None,
        previous_quote: QuoteMention | None,
    ) -> QuoteMention:
        if self.lexicon is None:
            return self._mention(span.start, span.end, kind)
        close_at = span.end + (1 if span.close_mark else 0)
        end_sentence = self._sentence_at(max(span.end - 1, span.start))
        after_end = self._frame_end(close_at, end_sentence.end)
        start_sentence = self._sentence_at(span.start)
        open_at = span.start - (1 if span.open_mark else 0)
        attribution = after_frame(self.text, close_at, after_end, self.lexicon)
        if attribution is None or (attribution.source is None and attribution.cue is None):
            before_start = self._frame_start(open_at, start_sentence.start)
            found = source_before(self.text, open_at, self.lexicon) if self.lexicon.subject_pronouns else None
            if (
                found is not None
                and found.source is not None
                and found.cue is not None
                and found.cue.start >= before_start
            ):
                attribution = found  # "…, rief Zwingli: „…“": the subject by the verb, before or after it
            else:
                attribution = before_frame(self.text, before_start, open_at, self.lexicon) or attribution
        frame = (min(start_sentence.start, open_at), max(after_end, close_at))
        if (attribution is None or attribution.source is None) and span.continued and previous_quote is not None:
            return self._inherit(span, kind, previous_quote, attribution)
        if attribution is None:
            # "Britney sei laut Insider optimistisch: „…“" names its source before any chain does.
            attribution = self._source_after_cue(start_sentence, span)
        if attribution is None and previous_quote is not None and self._chained(span, previous_span):
            return self._inherit(span, kind, previous_quote, None)
        if attribution is None:
            intro = self._introduced_by_previous_paragraph(span)
            if intro is not None:
                attribution = intro
                frame = (intro.cue.start if intro.cue else frame[0], frame[1])
        if attribution is None or attribution.source is None:
            attribution = self._source_in_sentence(start_sentence, span, attribution)
        if (attribution is None or attribution.source is None) and self.lexicon.subject_pronouns:
            # "Weiter sagt die „Kreuzzeitung“: „…“", "so spricht Herder über ihn: „…“": subject by the verb.
            found = source_before(self.text, open_at, self.lexicon)
            if found is not None and found.source is not None:
                attribution = found
        if attribution is None and self.last is not None and 0 <= span.start - self.last_at <= 400:
            quote = self._resolved(span.start, span.end, kind, None, frame, exclude=(span.start, span.end))
            return quote.model_copy(update={"speaker": self.last.label, "anonymous": self.last.anonymous})
        return self._resolved(span.start, span.end, kind, attribution, frame, exclude=(span.start, span.end))

    def _source_in_sentence(
        self, sentence: SentenceSpan, span: QuotedSpan, attribution: Attribution | None
    ) -> Attribution | None:
        """A cue without a source: "laut X", a name before a verb-final cue, or the sentence's subject."""
        assert self.lexicon is not None
        lexicon = self.lexicon
        found = self._source_after_cue(sentence, span)
        if found is not None:
            return found
        if attribution is None or attribution.cue is None:
            return attribution
        # „…“ hielt — the subject stands before the quote: a role's named holder ("Kevins Anwalt,
        # Mark Vincent Kaplan,"), else the last name in the sentence before it.
        holder = self._role_holder(sentence.start, span.start)
        if holder is not None:
            return Attribution(attribution.cue, holder[0], holder[1], self.text[holder[0] : holder[1]])
        names = [n for n in self.people if sentence.start <= n.start < span.start and n.label == "PER"]
        if names:
            name = names[-1]
            return Attribution(attribution.cue, name.start, name.end, name.text)
        subject = sentence_subject(tokens(self.text, sentence.start, max(sentence.start, span.start - 1)), lexicon)
        if subject and _looks_like_source(subject, lexicon):
            return Attribution(
                attribution.cue, subject[0].start, subject[-1].end, self.text[subject[0].start : subject[-1].end]
            )
        return attribution

    def _frame_end(self, start: int, sentence_end: int) -> int:
        """The frame after a quote stops at the next opening mark or the sentence's end."""
        end = max(sentence_end, start)
        paragraph_end = self._paragraph_bounds(start)[1]
        if end - start <= 2 and self.text[max(0, start - 2) : start].strip()[:1] in ("?", "!"):
            # A question or exclamation ends its sentence ('"Why?" Jayden asked.'): the cue is in the next one.
            following = next((s for s in self.sentences if s.start >= end), None)
            end = following.end if following is not None else end
        end = min(end, paragraph_end)
        for i in range(start, end):
            if self.text[i] in "“„»«" or (
                self.text[i] == '"' and i + 1 < len(self.text) and not self.text[i + 1].isspace()
            ):
                return i
        return end

    def _frame_start(self, end: int, sentence_start: int) -> int:
        start = min(sentence_start, end)
        for i in range(end - 1, start - 1, -1):
            if self.text[i] in "”«»" or (self.text[i] == '"' and i > 0 and not self.text[i - 1].isspace()):
                return i + 1
        return start

    def _chained(self, span: QuotedSpan, previous: QuotedSpan | None) -> bool:
        """A quote that follows another in the same paragraph with only a cue between them."""
        if previous is None:
            return False
        if self._paragraph_bounds(span.start)[0] == self._paragraph_bounds(previous.start)[0]:
            return True
        return bool(span.continued)

    def _introduced_by_previous_paragraph(self, span: QuotedSpan) -> Attribution | None:
        """A quote paragraph after "She added:" / "Jayden said, saying:" takes that sentence's source."""
        assert self.lexicon is not None
        paragraph_start = self._paragraph_bounds(span.start)[0]
        if span.start - paragraph_start > 1 or paragraph_start < 2:
            return None
        previous_end = paragraph_start - 1
        while previous_end > 0 and self.text[previous_end - 1].isspace():
            previous_end -= 1
        if self.text[previous_end - 1 : previous_end] != ":":
            return None
        sentence = self._sentence_at(previous_end - 1)
        return before_frame(self.text, sentence.start, previous_end, self.lexicon)

    def _inherit(
        self, span: QuotedSpan, kind: str, previous: QuoteMention, attribution: Attribution | None
    ) -> QuoteMention:
        cue = attribution.cue if attribution and attribution.cue else None
        # The same attribution goes on — one cue and source for both parts — when the previous quote's cue
        # stands between them ("…," he said. "…"), shares the sentence with this part (urged them to "…" and
        # then "…"), or the quote runs on into a new paragraph.
        same = span.continued or (
            previous.cue_start is not None
            and previous.cue_end is not None
            and (
                (previous.end <= previous.cue_start and previous.cue_end <= span.start)
                or self._sentence_at(previous.cue_start) == self._sentence_at(span.start)
            )
        )
        return QuoteMention(
            doc=self.doc,
            start=span.start,
            end=span.end,
            text=self.text[span.start : span.end],
            kind=kind,  # type: ignore[arg-type]
            cue=cue.text if cue else previous.cue,
            cue_start=cue.start if cue else (previous.cue_start if same else None),
            cue_end=cue.end if cue else (previous.cue_end if same else None),
            source=previous.source,
            source_start=previous.source_start if same else None,
            source_end=previous.source_end if same else None,
            speaker=previous.speaker,
            anonymous=previous.anonymous,
            channel=previous.channel,
            reported_to=previous.reported_to,
        )

    # ------------------------------------------------------------------ unmarked direct speech

    def _unmarked_after_colon(self, sentence: SentenceSpan, covered: list[tuple[int, int]]) -> QuoteMention | None:
        """Direct speech without quote marks after a cue and a colon: "Aber Huß sprach: Wollt ihr …"."""
        assert self.lexicon is not None
        words = tokens(self.text, sentence.start, sentence.end)
        for index, word in enumerate(words[:-3]):
            if word.text != ":" or index == 0:
                continue
            window = words[max(0, index - 4) : index]
            at = next((i for i in range(len(window) - 1, -1, -1) if window[i].lower in self.lexicon.verbs), None)
            rest = words[index + 1 :]
            if at is None and self._announced(sentence.start, word.start):
                at = len(window) - 1  # "… folgenden Bericht:" announces the text without a cue verb
            if at is None or (window[at].text[0].isupper() and not self._announced(sentence.start, word.start)):
                continue
            if len(rest) < 3:
                continue
            cue, between = window[at], window[at + 1 :]
            if between and not _looks_like_source(between, self.lexicon):
                continue  # "reply in kind:", "respond now:" — no speaker between the cue and the colon
            before = words[index - len(window) + at - 1] if index - len(window) + at >= 1 else None
            if before is not None and (
                before.lower in self.lexicon.determiners or POSSESSIVE_END.search(before.text) or before.text in "'’"
            ):
                continue  # "Editor's note:", "a note:" — the cue word is a noun
            first = rest[0]
            if not first.text[0].isupper() or any(s <= first.start < e or s <= word.start < e for s, e in covered):
                continue
            if any(s < sentence.end and e > first.start for s, e in covered):
                continue  # a quote follows in the sentence: the marked one is the speech
            attribution = before_frame(self.text, sentence.start, word.end, self.lexicon)
            end = rest[-1].end
            if self._announced(sentence.start, word.start):
                end = self._announced_end(first.start, covered)
                covered.append((first.start, end))
            if attribution is None:
                attribution = Attribution(cue, None, None, None)
            return self._resolved(first.start, end, "direct", attribution, (sentence.start, word.end))
        return None

    def _reporting_word(self, word: Token) -> bool:
        """A verb of saying or thinking (by stem), or a noun that names a report ("die Nachricht, dass")."""
        assert self.lexicon is not None
        if word.text[:1].isupper() and self.lexicon.reporting_nouns:
            return word.lower in self.lexicon.reporting_nouns or word.lower in self.lexicon.verbs
        return _reports(word.lower, self.lexicon.reporting_stems)

    def _announced(self, start: int, end: int) -> bool:
        """Does the text before a colon announce a text given in full ("folgenden Bericht", "the following")?"""
        assert self.lexicon is not None
        frame = self.text[start:end].lower()
        if not any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", frame) for a in self.lexicon.announcers):
            return False
        # … and says that it is speech or writing: "theilt folgende Erzählung mit", not "folgende Herren gewählt".
        return any(w.lower in self.lexicon.verbs or self._reporting_word(w) for w in tokens(self.text, start, end))

    def _announced_end(self, start: int, covered: list[tuple[int, int]]) -> int:
        """An announced unmarked text runs to its paragraph's end, a quote mark, or a sentence near the cap."""
        end = self._paragraph_bounds(start)[1]
        following = [s for s, _ in covered if s > start]
        if following:
            end = min(end, self.text.rfind(" ", start, min(following)) if min(following) - start > 1 else end)
        if end - start > MAX_ANNOUNCED_CHARS:
            stops = [s.end for s in self.sentences if start < s.end <= start + MAX_ANNOUNCED_CHARS]
            end = max(stops) if stops else start + MAX_ANNOUNCED_CHARS
        while end > start and self.text[end - 1] in " .\n":
            end -= 1
        return max(end, start)

    # ------------------------------------------------------------------ indirect speech

    def _reported_clause(self, sentence: SentenceSpan, covered: list[tuple[int, int]]) -> QuoteMention | None:
        """ "…, hofft man, dass CLAUSE" / "die Nachricht, daß CLAUSE": a clause after a word of saying or thinking."""
        assert self.lexicon is not None
        lexicon = self.lexicon
        if not lexicon.reported_clause_openers or not lexicon.reporting_stems:
            return None
        words = tokens(self.text, sentence.start, sentence.end)
        for index, word in enumerate(words):
            if index < 2 or words[index - 1].text != ",":
                continue
            # "…, dass …" or a clause in Konjunktiv I: "General X erwiderte, er könne …".
            subjunctive_clause = any(w.lower in lexicon.subjunctive for w in words[index : index + 4])
            if word.lower not in lexicon.reported_clause_openers and not subjunctive_clause:
                continue
            if any(s <= word.start < e for s, e in covered):
                continue
            clause: list[Token] = []
            for before in reversed(words[: index - 1]):
                if before.text in ",.;:!?()—–" or len(clause) >= 8:
                    break
                clause.insert(0, before)
            if not clause or clause[-1].lower in lexicon.not_reporting:
                continue
            if any(w.lower in lexicon.not_reporting for w in clause[-2:]):
                continue
            cue = next((w for w in reversed(clause) if self._reporting_word(w)), None)
            if cue is None:
                continue
            rest = words[index:]
            stop = next((i for i, w in enumerate(rest) if w.text in ";"), len(rest))
            rest = rest[:stop]
            if len(rest) < 4:
                continue
            end = rest[-1].start if rest[-1].text in ".!?" else rest[-1].end
            subject = (
                clause_source(clause, cue, lexicon) if lexicon.subject_pronouns else sentence_subject(clause, lexicon)
            )
            if not subject and lexicon.subject_pronouns:
                subject = self._subject_before_aside(words, words.index(clause[0]))
            attribution = (
                Attribution(cue, subject[0].start, subject[-1].end, self.text[subject[0].start : subject[-1].end])
                if subject
                and _looks_like_source(subject, lexicon)
                and (subject[-1].end <= cue.start or subject[0].start >= cue.end)
                else Attribution(cue, None, None, None)
            )
            return self._resolved(rest[0].start, end, "indirect", attribution, (sentence.start, sentence.end))
        return None

    def _indirect_in(self, sentence: SentenceSpan, covered: list[tuple[int, int]]) -> QuoteMention | None:
        assert self.lexicon is not None
        lexicon = self.lexicon
        words = tokens(self.text, sentence.start, sentence.end)
        if len(words) < 5:
            return None
        # "according to X, ..." / "laut X ..." / "X zufolge"
        for attribution in self._sources_after_cue(sentence, covered):
            assert attribution.cue is not None and attribution.source_end is not None
            content = _remainder(self.text, sentence, attribution.cue.start, attribution.source_end, self._clause_until)
            if content is not None:
                return self._resolved(content[0], content[1], "indirect", attribution, (sentence.start, sentence.end))
        lowered = [w.lower for w in words]
        headline = self._title_case_headline(sentence)  # "Ostrow Says Harbour Plan Will Pass": cues capitalised too
        for index, word in enumerate(words):
            next_word = words[index + 1].lower if index + 1 < len(words) else ""
            if word.lower in lexicon.participle_cues and index >= 3 and words[index - 1].text == ",":
                # "X left the room, saying (that) CLAUSE": the subject of the main clause said it.
                participle = self._participle(words, index, sentence, covered)
                if participle is not None:
                    return participle
            found = self._object_cue(words, index, sentence, covered)
            if found is not None:
                return found
            separable = word.lower in lexicon.separable and separable_cue(lowered, index, lexicon.separable)
            reports = (
                word.lower in lexicon.indirect_verbs
                or (word.lower in lexicon.verbs and next_word in lexicon.complementizers)
                or separable
            )
            if not reports or (word.text[0].isupper() and not headline) or any(s <= word.start < e for s, e in covered):
                continue
            following = words[index + 1 : index + 3]
            # "X said (that) CLAUSE" / "X sagte, CLAUSE" / "X führte (im Landtag) aus, CLAUSE"
            subject = self._verb_subject(words, index)
            if subject and subject[0].start > word.start and words[index - 1].text == ",":
                subject = []  # "…, sagt Sybel, …": a frame set into the clause it reports (read below)
            if subject:
                rest = [w for w in words[index + 1 :] if w.start >= max(subject[-1].end, word.end)]
                if separable:  # the content starts after the particle that closes the verb's clause
                    rest = rest[next((i for i, w in enumerate(rest) if w.text in CLAUSE_END), len(rest)) :]
                while rest and (
                    rest[0].lower in lexicon.complementizers
                    or rest[0].text in ",:"
                    or rest[0].lower in lexicon.adverbs
                    or (rest[0].text == "." and subject[-1].end <= rest[0].start < subject[-1].end + 1)
                ):
                    rest = rest[1:]
                opener = next(
                    (
                        i
                        for i in range(1, min(len(rest), 5))
                        if rest[i - 1].text == "," and rest[i].lower in lexicon.reported_clause_openers
                    ),
                    None,
                )
                if opener is not None:
                    rest = rest[
                        opener:
                    ]  # "sagte dem Reporter, daß …", "glaubt man allgemein, daß …": the clause is said
                # "told Page Six that …" / "said in a statement that …": the content follows "that".
                upcoming = [w.lower for w in rest[:8]]
                that = next((w for w in upcoming if w in lexicon.complementizers), None)
                if rest and (rest[0].lower in lexicon.prepositions or word.lower in lexicon.addressee_verbs):
                    if that is None:
                        continue
                    rest = rest[upcoming.index(that) + 1 :]
                if (
                    len(rest) >= 4
                    and not any(s <= rest[0].start < e for s, e in covered)
                    and rest[0].text not in QUOTE_MARKS
                ):
                    attribution = Attribution(
                        word, subject[0].start, subject[-1].end, self.text[subject[0].start : subject[-1].end]
                    )
                    end = rest[-1].end if rest[-1].text not in ".!?" else rest[-1].start
                    return self._resolved(rest[0].start, end, "indirect", attribution, (sentence.start, sentence.end))
            # "CLAUSE, X said." / "CLAUSE, a source told OUTLET."
            if (
                index >= 4
                and words[index - 1].text != ","
                and following[:1]
                and following[0].text in {".", "to"} | {w.text for w in following if w.text[0].isupper()}
            ):
                comma = max((i for i, w in enumerate(words[:index]) if w.text == ","), default=-1)
                if comma >= 3:
                    source = _take_source(words[comma + 1 : index], lexicon, stop=False)
                    if source and len(source) == len(
                        [w for w in words[comma + 1 : index] if w.lower not in lexicon.adverbs]
                    ):
                        attribution = Attribution(
                            word, source[0].start, source[-1].end, self.text[source[0].start : source[-1].end]
                        )
                        return self._resolved(
                            words[0].start, words[comma].start, "indirect", attribution, (sentence.start, sentence.end)
                        )
            # "CLAUSE, said Mr. Barrett, the lawyer for the agency." (the cue before its source)
            if (
                index >= 4
                and words[index - 1].text == ","
                and word.lower in lexicon.indirect_verbs
                and not any(s < words[index - 1].start and e > words[0].start for s, e in covered)
            ):
                source = _take_source(words[index + 1 :], lexicon, stop=True)
                if source and _looks_like_source(source, lexicon) and source[0].lower not in lexicon.pronouns:
                    after = words[index + 1 + len(source) :]
                    if not after or after[0].text in ",.;!?":
                        attribution = Attribution(
                            word, source[0].start, source[-1].end, self.text[source[0].start : source[-1].end]
                        )
                        return self._resolved(
                            words[0].start,
                            words[index - 1].start,
                            "indirect",
                            attribution,
                            (sentence.start, sentence.end),
                        )
        # German Konjunktiv I continuing the current speaker: "Damit sei für Britney ein Traum wahr geworden."
        chained = self._previous_sentence_reported(sentence)
        if lexicon.subjunctive and (self.last is not None or chained):
            finite = [w for w in words[:6] if w.lower in lexicon.subjunctive]
            if finite and not any(w.lower in lexicon.first_person for w in words[:4]):
                framed = self._reported_clause(sentence, covered)
                if framed is not None and framed.cue_start is not None and framed.cue_start < finite[0].start:
                    return framed  # "General X erwiderte, er könne …": the sentence names its own speaker
                return QuoteMention(
                    doc=self.doc,
                    start=words[0].start,
                    end=words[-1].start if words[-1].text in ".!?" else words[-1].end,
                    text=self.text[words[0].start : words[-1].start if words[-1].text in ".!?" else words[-1].end],
                    kind="indirect",
                    cue=finite[0].text,
                    cue_start=finite[0].start,
                    cue_end=finite[0].end,
                    speaker=self.last.label if self.last is not None else None,
                    anonymous=self.last.anonymous if self.last is not None else False,
                    **(self._last_source() if self.last is not None else {}),
                )
        return None

    def _last_source(self) -> dict[str, str | int | None]:
        """The source fields of a report that goes on without naming its speaker: the words that last named
        them ("Er sagte, …. Das sei …": the second sentence's source is "Er")."""
        if self.last_span is None:
            return {"source": None, "source_start": None, "source_end": None}
        start, end = self.last_span
        return {"source": self.text[start:end], "source_start": start, "source_end": end}

    def _verb_subject(self, words: list[Token], index: int) -> list[Token]:
        """The subject of the verb of saying ``words[index]``: before it, or (where the language's reporting
        clauses invert, ``subject_pronouns``) right after it when a fronted adverbial stands before it
        ("Daraufhin erklärte M., …", "Noch im Alter behauptete er, …", "Jn der ersten führt der Verfasser aus")."""
        assert self.lexicon is not None
        lexicon = self.lexicon
        if lexicon.subject_pronouns:
            start = clause_start(words, index)
            found = clause_source(words[start:], words[index], lexicon)
            if found and found[-1].lower in lexicon.separable.get(words[index].lower, ()):
                found = found[:-1]  # "führt der Verfasser aus": the particle closes the verb
            if found and _looks_like_source(found, lexicon):
                return found
        return _subject_before(words[:index], lexicon)

    def _subject_before_aside(self, words: list[Token], first: int) -> list[Token]:
        """The subject before a relative clause or an apposition that ends right before ``words[first]``
        ("daß der Advokat, welcher die Papiere ausfertigte, erklärte, …", "hatte Johannes Moser, der Lehrer,
        erfahren, …"): the clause before the aside, read as :func:`clause_source` reads one."""
        assert self.lexicon is not None
        lexicon = self.lexicon
        if first < 2 or words[first - 1].text != ",":
            return []
        opening = clause_start(words, first - 1) - 1
        if opening < 0 or words[opening].text != ",":
            return []
        aside = words[opening + 1 : first - 1]
        relative = bool(aside) and aside[0].lower in lexicon.relative_pronouns
        apposition = bool(aside) and len(aside) <= 6 and bool(CAPITALISED.match(aside[-1].text))
        if not aside or len(aside) > 14 or not (relative or apposition):
            return []
        start = clause_start(words, opening)
        head = words[start:opening]
        if not head:
            return []
        found = clause_source([*head, words[first]], words[first], lexicon)
        return found if found and _looks_like_source(found, lexicon) else []

    def _previous_sentence_reported(self, sentence: SentenceSpan) -> bool:
        """Did the sentence before this one end inside reported speech (a Konjunktiv-I chain goes on)?"""
        return bool(self.reported_ends) and 0 <= sentence.start - self.reported_ends[-1] <= 3

    def _object_cue(
        self, words: list[Token], index: int, sentence: SentenceSpan, covered: list[tuple[int, int]]
    ) -> QuoteMention | None:
        """ "X called for more investment", "Y asked whether …": the cue's object is the reported content."""
        assert self.lexicon is not None
        lexicon = self.lexicon
        word = words[index]
        capitalised = word.text[0].isupper() and not self._title_case_headline(sentence)
        if not lexicon.object_cues or capitalised or any(s <= word.start < e for s, e in covered):
            return None
        pair = f"{word.lower} {words[index + 1].lower}" if index + 1 < len(words) else ""
        if pair in lexicon.object_cues:
            cue_end, rest = words[index + 1].end, words[index + 2 :]
        elif word.lower in lexicon.object_cues:
            cue_end, rest = word.end, words[index + 1 :]
        else:
            return None
        subject = _subject_before(words[:index], lexicon)
        while rest and rest[0].lower in lexicon.adverbs:
            rest = rest[1:]
        if not subject or len(rest) < 3 or rest[0].text in '"“„»«' or any(s <= rest[0].start < e for s, e in covered):
            return None
        cue = Token(self.text[word.start : cue_end], word.start, cue_end)
        attribution = Attribution(cue, subject[0].start, subject[-1].end, self.text[subject[0].start : subject[-1].end])
        end = rest[-1].start if rest[-1].text in ".!?" else rest[-1].end
        return self._resolved(rest[0].start, end, "indirect", attribution, (sentence.start, sentence.end))

    def _source_after_cue(self, sentence: SentenceSpan, span: QuotedSpan) -> Attribution | None:
        """A source named after "according to"/"laut" in the quote's sentence, outside the quote."""
        return next(self._sources_after_cue(sentence, [(span.start, span.end)]), None)

    def _sources_after_cue(self, sentence: SentenceSpan, skip: list[tuple[int, int]]) -> Iterator[Attribution]:
        """Every "according to X"/"laut X" in the sentence whose cue is outside the ``skip`` spans."""
        assert self.lexicon is not None
        if self.lexicon.source_after is None:
            return
        for match in self.lexicon.source_after.finditer(self.text, sentence.start, sentence.end):
            if any(s <= match.start() < e for s, e in skip):
                continue
            source = _take_source(tokens(self.text, match.end(), min(sentence.end, match.end() + 80)), self.lexicon)
            if (
                source
                and match.group().lower() in self.lexicon.source_after_with_article
                and source[0].lower not in self.lexicon.determiners
                and source[0].lower not in self.lexicon.possessives
                and not source[0].text[:1].isupper()
            ):
                continue  # "$40 per student", "tons per year"
            if source:
                cue = Token(match.group(), match.start(), match.end())
                yield Attribution(cue, source[0].start, source[-1].end, self.text[source[0].start : source[-1].end])

    def _role_holder(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of NAME in "ROLE, NAME," (an apposition naming who holds the role) before ``end``."""
        assert self.lexicon is not None
        words = tokens(self.text, start, end)
        found = None
        for index, word in enumerate(words[:-2]):
            if word.lower not in self.lexicon.role_nouns or words[index + 1].text != ",":
                continue
            name = []
            for follower in words[index + 2 :]:
                if not CAPITALISED.match(follower.text) or follower.lower in self.lexicon.determiners:
                    break
                name.append(follower)
            if len(name) >= 2:
                found = (name[0].start, name[-1].end)
        return found

    def _participle(
        self, words: list[Token], index: int, sentence: SentenceSpan, covered: list[tuple[int, int]]
    ) -> QuoteMention | None:
        assert self.lexicon is not None
        rest = words[index + 1 :]
        while rest and (rest[0].lower in self.lexicon.complementizers or rest[0].text in ",:"):
            rest = rest[1:]
        if len(rest) < 4 or any(s <= rest[0].start < e for s, e in covered) or rest[0].text in '"“„»«':
            return None
        colon = next((w.start for w in rest if w.text == ":"), None)
        if colon is not None and any(colon < e and s < rest[-1].end for s, e in covered):
            return None  # "…, telling his mother: “…”": the quote itself is the speech, not an indirect report
        subject = sentence_subject(words[: index - 1], self.lexicon)
        if not subject or not _looks_like_source(subject, self.lexicon):
            return None
        end = rest[-1].start if rest[-1].text in ".!?" else rest[-1].end
        source = self.text[subject[0].start : subject[-1].end]
        attribution = Attribution(words[index], subject[0].start, subject[-1].end, source)
        return self._resolved(rest[0].start, end, "indirect", attribution, (sentence.start, sentence.end))

    # ------------------------------------------------------------------ resolution

    def _resolved(
        self,
        start: int,
        end: int,
        kind: str,
        attribution: Attribution | None,
        frame: tuple[int, int],
        exclude: tuple[int, int] | None = None,
    ) -> QuoteMention:
        assert self.lexicon is not None
        at = attribution.source_start if attribution and attribution.source_start is not None else start
        speaker = self._speaker(attribution, at) if attribution and attribution.source else None
        if speaker is not None:
            self.last, self.last_at = speaker, at
            if attribution is not None and attribution.source_start is not None and attribution.source_end is not None:
                self.last_span = (attribution.source_start, attribution.source_end)
        channel = reported_to = None
        pieces = [(frame[0], exclude[0]), (exclude[1], frame[1])] if exclude else [frame]
        for piece_start, piece_end in pieces:
            if piece_end > piece_start:
                channel = channel or find_channel(self.text, piece_start, piece_end, self.lexicon)
                reported_to = reported_to or find_reported_to(self.text, piece_start, piece_end, self.lexicon)
        cue = attribution.cue if attribution else None
        return QuoteMention(
            doc=self.doc,
            start=start,
            end=end,
            text=self.text[start:end],
            kind=kind,  # type: ignore[arg-type]
            cue=cue.text if cue else None,
            cue_start=cue.start if cue else None,
            cue_end=cue.end if cue else None,
            source=attribution.source if attribution else None,
            source_start=attribution.source_start if attribution else None,
            source_end=attribution.source_end if attribution else None,
            speaker=speaker.label if speaker else None,
            anonymous=speaker.anonymous if speaker else False,
            channel=channel,
            reported_to=reported_to if reported_to and (not speaker or reported_to != speaker.label) else None,
        )

    def _speaker(self, attribution: Attribution, at: int) -> _Speaker | None:
        assert self.lexicon is not None and attribution.source is not None
        phrase = attribution.source
        words = phrase.split()
        lowered = [w.lower().strip(",.") for w in words]
        if len(words) == 1 and lowered[0] in self.lexicon.pronouns:
            return self._pronoun(lowered[0], at)
        inside = [
            n
            for n in self.people
            if attribution.source_start is not None
            and attribution.source_start <= n.start
            and n.end <= (attribution.source_end or 0)
        ]
        person_inside = [n for n in inside if n.label == "PER"] or inside
        if person_inside and not _possessive_role(phrase, self.lexicon) and lowered[0] not in self.lexicon.determiners:
            return _Speaker(max(person_inside, key=lambda n: n.end - n.start).text, False, "name")
        names = [m.group() for m in NAME_SEQUENCE.finditer(phrase) if m.group().lower() not in self.lexicon.determiners]
        is_anonymous_head = any(w in self.lexicon.anonymous_heads for w in lowered) or (
            len(lowered) >= 2 and " ".join(lowered[1:3]) in self.lexicon.anonymous_heads
        )
        if is_anonymous_head and not any(
            CAPITALISED.match(w)
            and w.lower() not in self.lexicon.determiners
            and w.lower() not in self.lexicon.anonymous_heads
            for w in words[1:]
        ):
            # "the insider" refers back to the anonymous source met before.
            if lowered[0] in self.lexicon.definite_articles and self.last is not None and self.last.anonymous:
                return self.last
            return _Speaker(phrase, True, "anonymous")
        possessive_role = _possessive_role(phrase, self.lexicon)
        if names and lowered[0] not in self.lexicon.determiners and not possessive_role:
            name = names[-1] if len(names) > 1 and "'" not in phrase and "’" not in phrase else names[0]
            if len(words) <= 4 and all(CAPITALISED.match(w) for w in words):
                name = phrase
            return _Speaker(name, False, "name")
        # A role: "Federline's attorney", "der Anwalt des Ex-Tänzers", "her manager, Cade Hudson".
        return _Speaker(phrase, False, "role")

    def _pronoun(self, pronoun: str, at: int) -> _Speaker | None:
        assert self.lexicon is not None
        kind = self.lexicon.pronouns.get(pronoun)
        gendered = kind in ("male", "female")
        # "The pop sensation shared … how much she misses Sean and Jayden. She began …": after a described
        # subject, names in that sentence are objects; "she" is the described one, not them.
        epithet = gendered and self._epithet_subject_before(at) and not self._previous_sentence_quotes(at)
        if kind == "plural":
            if self.last is not None and self.last.anonymous:
                return self.last
        elif gendered and self.last is not None and not self.last.anonymous:
            # The last speaker, unless the previous sentence names somebody else or is narration.
            named = None if epithet else self._name_in_previous_sentence(at, kind)
            if named is not None and named != self.last.label:
                return _Speaker(named, False, "name")
            if (named is not None or not epithet) and not self._gender_conflicts(self.last.label, kind):
                return self.last
        named = None if epithet else self._name_in_previous_sentence(at, kind)
        if named:
            return _Speaker(named, False, "name")
        subject = self._article_subject(kind) if kind in ("male", "female", "speaker") else None
        if subject:
            return _Speaker(subject, False, "name")
        return self.last

    def _epithet_subject_before(self, at: int) -> bool:
        """Does the previous sentence have a described subject ("the pop icon took to Instagram")?"""
        assert self.lexicon is not None
        sentence = self._sentence_at(at)
        index = self.sentences.index(sentence) if sentence in self.sentences else -1
        if index <= 0:
            return False
        previous = self.sentences[index - 1]
        words = tokens(self.text, previous.start, previous.end)[:10]
        # The subject is the clause's first noun phrase, after an introductory phrase closed by a comma
        # ("Just days later, the pop icon took to Instagram").
        comma = next((i for i, w in enumerate(words[:6]) if w.text == ","), -1)
        start = comma + 1 if comma >= 0 and words[comma + 1 : comma + 2] else 0
        head = words[start : start + 4]
        return (
            len(head) >= 2
            and head[0].lower in self.lexicon.definite_articles
            and not any(w.lower in self.lexicon.anonymous_heads for w in head)
        )

    def _previous_sentence_quotes(self, at: int) -> bool:
        """Is the sentence before ``at``'s a quote or its attribution (the chain of quotes goes on)?"""
        sentence = self._sentence_at(at)
        index = self.sentences.index(sentence) if sentence in self.sentences else -1
        if index <= 0:
            return False
        previous = self.sentences[index - 1]
        body = self.text[previous.start : previous.end].strip()
        if not any(mark in body for mark in '"“”„»«'):
            return False
        # A partial quote inside narration ('… calling out those "trying to stir up negativity" in …') does
        # not make the sentence a quote; one that opens or closes it, or fills most of it, does.
        opens = body[:1] in '"“„»«'
        closes = body.rstrip(".!?:")[-1:] in '"”“«»'
        return opens or closes or self._mostly_quoted(previous, self.quoted)

    def _name_in_previous_sentence(self, at: int, gender: str | None = None) -> str | None:
        sentence = self._sentence_at(at)
        index = self.sentences.index(sentence) if sentence in self.sentences else -1
        window_start = self.sentences[index - 1].start if index > 0 else sentence.start
        candidates = [
            n
            for n in self.people
            if window_start <= n.start < at
            and n.label == "PER"
            and not any(s <= n.start < e for s, e in self.quoted)
            and not self._gender_conflicts(n.text, gender)
        ]
        if candidates:
            return candidates[-1].text.removesuffix("’s").removesuffix("'s")
        return None

    def _mention(self, start: int, end: int, kind: str) -> QuoteMention:
        return QuoteMention(doc=self.doc, start=start, end=end, text=self.text[start:end], kind=kind)  # type: ignore[arg-type]


def _group_people(surfaces: list[str]) -> dict[str, str]:
    """Each surface -> the person it names: the longest surface holding all its words (most mentioned on ties)."""
    counts = Counter(surfaces)
    distinct = sorted(counts, key=lambda s: (-len(s.split()), -counts[s], s))
    people: dict[str, str] = {}
    for surface in distinct:
        words = set(surface.split())
        holder = next((o for o in distinct if len(o.split()) > len(words) and words <= set(o.split())), None)
        people[surface] = people.get(holder, holder) if holder is not None else surface
    return people


def _first_named(mentions: list[tuple[int, int, str]], people: dict[str, str], person: str) -> int:
    """Where a person is first named (earlier wins a tie)."""
    return next((start for start, _, surface in mentions if people[surface] == person), len(mentions))


def _other_gender(votes: Counter[str] | None, gender: str) -> bool:
    """Do a person's own pronouns point to the other gender?"""
    if not votes:
        return False
    return votes.most_common(1)[0][0] != gender


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if text[start:end].strip():
            yield start, end
        start = end + 1


def _reports(word: str, stems: tuple[str, ...]) -> bool:
    """Does ``word`` (lower case) start with a reporting stem, itself or after the participle's "ge"?"""
    return word.startswith(stems) or (word.startswith("ge") and word[2:].startswith(stems))


def _possessive_role(phrase: str, lexicon: SpeechLexicon) -> bool:
    """ "Federline's attorney" is a role; "That's when Britney" is a contraction, not a possessive."""
    if lexicon.contractions:
        contractions = "|".join(sorted(lexicon.contractions))
        phrase = re.sub(rf"\b(?:{contractions})['’]s\b", " ", phrase, flags=re.I)
    return re.search(r"['’]s?\s+\w", phrase) is not None or phrase.endswith(("’s", "'s"))


def _take_source(words: list[Token], lexicon: SpeechLexicon, stop: bool = True) -> list[Token]:
    """The source named after a cue ("according to the harbor office", "laut seines Anwalts")."""
    kept: list[Token] = []
    for position, word in enumerate(words):
        if is_title_dot(words, position):
            kept.append(word)
            continue
        if word.text in ',.;:!?()"“”„»«':
            break
        if stop and kept and word.lower in lexicon.after_cue_stoppers:
            break
        if word.lower in lexicon.subjunctive or word.lower in lexicon.verbs:
            break
        kept.append(word)
        if len(kept) >= 8:
            break
    while kept and kept[0].lower in lexicon.adverbs:
        kept.pop(0)
    return kept


def _subject_before(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The subject right before a reporting verb: a name, a pronoun, or a short noun phrase.

    An apposition closed by a comma ("one of the attorneys, Justin Bamberg, said") gives the name.
    """
    closed = bool(words) and words[-1].text == ","
    if closed:
        words = words[:-1]
    clause = words
    cut = -1
    for index in range(len(words) - 1, -1, -1):
        if words[index].text in ",;:—–(":
            clause, cut = words[index + 1 :], index
            break
    # A long described subject ("an attorney for …") stands right before its verb, never before a comma.
    found = _noun_phrase(clause, lexicon, long_ok=not closed) or _trailing_name(clause, lexicon)
    if not found and len(clause) == 1 and clause[0].lower in lexicon.discourse_openers and cut > 0:
        # "Mr. Schultz supported Democrats, which …, and said he …": the sentence's subject said it.
        found = sentence_subject(words[:cut], lexicon)
        head = 0
        while head < len(found) and (
            CAPITALISED.match(found[head].text) or is_title_dot(found, head) or found[head].lower in lexicon.determiners
        ):
            head += 1
        found = found[:head] if _noun_phrase(found[:head], lexicon) else []
    if not found and closed and cut > 0 and words[cut].text == ",":
        # "Trump, speaking to veterans in Virginia, said …": the subject stands before the parenthetical.
        found = _subject_before(words[:cut], lexicon)
    return found


def _trailing_name(clause: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """A name or pronoun right before the verb after other words ("shortly after Trump said", "but he said")."""
    clause = [w for w in clause if w.lower not in lexicon.adverbs]
    if clause and clause[0].lower in lexicon.determiners:
        return []  # a long described subject: "an attorney for the pop icon's ex-husband Kevin Federline"
    if clause and clause[-1].lower in lexicon.pronouns and lexicon.pronouns[clause[-1].lower] != "speaker":
        return clause[-1:]
    start = len(clause)
    while start > 0 and (CAPITALISED.match(clause[start - 1].text) or is_title_dot(clause, start - 1)):
        start -= 1
    if start == 0 or start == len(clause) or clause[start - 1].lower in lexicon.determiners:
        return []  # the whole clause (handled as a noun phrase) or a described subject ("the White House")
    return clause[start:]


def _noun_phrase(clause: list[Token], lexicon: SpeechLexicon, long_ok: bool = False) -> list[Token]:
    clause = [w for w in clause if w.lower not in lexicon.adverbs]
    verb = next((i for i, w in enumerate(clause) if i and is_auxiliary(w, lexicon)), None)
    if verb is not None:
        # "Maria habe (stets) betont" -> "Maria"; "Am Montag hatte der Minister erklärt" -> "der Minister";
        # "the firm was quiet but its lawyer said": a second clause, at most a name right before the cue.
        before, after = clause[:verb], clause[verb + 1 :]
        if inverted_subject(before, after, lexicon):
            clause = after[:1] if after[0].lower in lexicon.subject_pronouns else after
        elif any(_looks_like_source([w], lexicon) for w in after):
            return _trailing_name(after, lexicon)  # "That was what Liz Wahl said": the name before the cue
        else:
            clause = before
    longest = MAX_DESCRIBED_SOURCE if long_ok and clause and clause[0].lower in lexicon.determiners else 8
    if not clause or len(clause) > longest:
        return []
    first = clause[0]
    if first.lower in lexicon.pronouns or first.lower in lexicon.determiners or CAPITALISED.match(first.text):
        return clause
    return []


def _remainder(
    text: str,
    sentence: SentenceSpan,
    cue_start: int,
    source_end: int,
    is_clause: Callable[[int, int], bool] | None = None,
) -> tuple[int, int] | None:
    """The content of "according to X, CONTENT" or "CONTENT, according to X".

    A clause before the cue (a verb in it, nothing cut off) is the content even when more follows the source: "The top 1
    percent would see …, according to the Tax Foundation, more than twice what …" (an aside after it).
    """
    before = text[sentence.start : cue_start].strip(" ,")
    after = text[source_end : sentence.end].strip(" ,.")
    clause_before = (
        is_clause is not None and len(before.split()) >= 3 and is_clause(sentence.start, sentence.start + len(before))
    )
    if len(after.split()) >= 3 and len(after) > len(before) and not clause_before:
        start = text.index(after, source_end)
        return start, start + len(after)
    if len(before.split()) >= 3:
        start = sentence.start + (
            len(text[sentence.start : cue_start]) - len(text[sentence.start : cue_start].lstrip())
        )
        return start, start + len(before)
    return None
