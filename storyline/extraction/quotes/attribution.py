"""Cue, source, channel and outlet around a quote, from the words next to it.

The frame after a quote is read first ("…," the insider explained / "…,"
said Jayden / „…“, sagt Rolf Keller), then the frame before it (Britney later
penned, "…" / Kaplan told People: "…"). A source is the words between the
quote and the cue (or after the cue when it comes first), cut at
punctuation, prepositions and relative clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extraction.quotes.lexicon import MAX_PARTICLE_GAP, SpeechLexicon, separable_cue
from storyline.language.sentences import split_sentences

TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?|\d(?:[\w.,-]*\w)?|[^\w\s]")  # "the 41-year-old" is one word
CAPITALISED = re.compile(r"^[A-ZÄÖÜ]")
MAX_SOURCE_TOKENS = 9
QUOTE_MARKS = frozenset('"“”„»«‚‘’›‹')
CONTRACTED = re.compile(r"['’](?:s|re|ll|d)$")  # that's, it's, there're: a word and a contracted verb


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(), start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]


@dataclass(frozen=True)
class Attribution:
    cue: Token | None
    source_start: int | None
    source_end: int | None
    source: str | None


def _is_cue(words: list[Token], index: int, lexicon: SpeechLexicon) -> bool:
    # A capitalised cue inside a sentence belongs to a title ("Things I Should Have Said").
    token = words[index]
    if token.text[0].isupper():
        return False
    if token.lower in lexicon.verbs:
        return True
    if token.lower not in lexicon.separable:
        return False
    following = [w.lower for w in words[index : index + MAX_PARTICLE_GAP + 3]]
    return separable_cue(following, 0, lexicon.separable)


def _source_span(words: list[Token], lexicon: SpeechLexicon, *, stop_at_stoppers: bool) -> list[Token]:
    """Trim a candidate source: drop adverbs and punctuation at the edges, cut at clause boundaries."""
    kept: list[Token] = []
    for position, word in enumerate(words):
        if kept and is_title_dot(words, position):
            kept.append(word)
            continue
        if word.text in QUOTE_MARKS and kept and all(k.lower in lexicon.determiners for k in kept):
            continue  # Das „Berliner Tageblatt“: a named paper after its article
        if word.text in '.!?"“”„»«':
            break
        if word.text in ",;:()—–" or word.text == "-":
            if kept:
                break
            continue
        if stop_at_stoppers and kept and word.lower in lexicon.stoppers and word.lower not in lexicon.keep_inside:
            break
        if kept and is_auxiliary(word, lexicon):
            if not inverted_subject(kept, words[position + 1 :], lexicon):
                break  # "Der Minister hatte gestern erklärt": the phrase naming the speaker ends at the verb
            following = words[position + 1]
            if following.lower in lexicon.subject_pronouns:
                return [following]  # "Damals durfte er sich sagen": the pronoun is the whole subject
            kept = []  # "Am Montag hatte der Minister erklärt": the subject follows the verb
            continue
        kept.append(word)
        if len(kept) >= MAX_SOURCE_TOKENS:
            break
    while kept and (kept[-1].lower in lexicon.adverbs or not kept[-1].text[0].isalnum()):
        kept.pop()
    while kept and (kept[0].lower in lexicon.adverbs or not kept[0].text[0].isalnum()):
        kept.pop(0)
    return kept


def is_title_dot(words: list[Token], position: int) -> bool:
    """Is ``words[position]`` the dot of a short capitalised abbreviation inside a name ("Mr. Barrett", "Dr. Roth")?"""
    if words[position].text != "." or position == 0 or position + 1 >= len(words):
        return False
    before, after = words[position - 1], words[position + 1]
    return (
        before.end == words[position].start
        and len(before.text) <= 3
        and before.text[:1].isupper()
        and before.text.isalpha()
        and after.text[:1].isupper()
    )


def _ends_in_name(words: list[Token]) -> bool:
    """ "retired Air Force general Lloyd Newton": a described person whose name comes last."""
    return len(words) >= 2 and bool(CAPITALISED.match(words[-1].text)) and bool(CAPITALISED.match(words[-2].text))


def _looks_like_source(words: list[Token], lexicon: SpeechLexicon) -> bool:
    if not words:
        return False
    first = words[0]
    if first.lower in lexicon.stoppers and first.lower not in lexicon.determiners:
        return False  # "Am Mittwoch …", "In a statement …": an adverbial, not a subject
    return (
        first.lower in lexicon.pronouns
        or first.lower in lexicon.subject_pronouns  # "glaubt man", "hieß es": the impersonal subject says it
        or first.lower in lexicon.determiners
        or bool(CAPITALISED.match(first.text))
        or any(w.lower in lexicon.anonymous_heads for w in words)
    )


def after_frame(text: str, start: int, end: int, lexicon: SpeechLexicon) -> Attribution | None:
    """Attribution in the words right after a quote: `, the insider explained` or `, said Jayden`."""
    words = tokens(text, start, end)[:14]
    while words and words[0].text in ",.!?;:…":
        words.pop(0)
    if not words:
        return None
    if words[0].lower in lexicon.after_quote_only:
        source = _source_span(words[1:], lexicon, stop_at_stoppers=True)
        if source:
            return _attribution(words[0], source, text)
    for index, word in enumerate(words[: MAX_SOURCE_TOKENS + 2]):
        if word.text in '.!?"“”„' and not is_title_dot(words, index):
            break
        if not _is_cue(words, index, lexicon):
            continue
        before = _source_span(words[:index], lexicon, stop_at_stoppers=False)
        if before and (_looks_like_source(before, lexicon) or _ends_in_name(before)):
            return _attribution(word, _cut_relative(before, lexicon), text)
        if index == 0 or all(w.lower in lexicon.adverbs for w in words[:index]):
            after = _source_span(words[index + 1 :], lexicon, stop_at_stoppers=True)
            if after and after[-1].lower in lexicon.separable.get(word.lower, ()):
                after = after[:-1]  # „…“, hob die Sprecherin hervor: the particle closes the cue, not the source
            if after and after[0].lower in lexicon.pronouns:
                after = after[:1]  # a pronoun is the whole subject: „…“, fügte er hinzu
            if after and _looks_like_source(after, lexicon):
                return _attribution(word, after, text)
            return Attribution(word, None, None, None)
        return None
    return None


def before_frame(text: str, start: int, end: int, lexicon: SpeechLexicon) -> Attribution | None:
    """Attribution in the words before a quote: `Britney later penned, "…"` or `telling his mother: "…"`."""
    words = tokens(text, start, end)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if not _is_cue(words, index, lexicon):
            continue
        clause = words[:index]
        cut = max((i for i, w in enumerate(clause) if w.text in ".;!?"), default=-1)
        clause = clause[cut + 1 :]
        comma = max((i for i, w in enumerate(clause) if w.text in ",:"), default=-1)
        candidate = clause[comma + 1 :] if comma >= 0 else clause
        if comma >= 0 and comma == len(clause) - 1:
            # "…, telling his mother:" / "…, saying:" — the source is the subject of the main clause,
            # or of an earlier cue in it ("…, Britney assured the world …, calling her sons").
            earlier = before_frame(text, clause[0].start, clause[comma].start, lexicon) if clause[:comma] else None
            if earlier is not None and earlier.source is not None:
                return Attribution(word, earlier.source_start, earlier.source_end, earlier.source)
            source = sentence_subject(clause[:comma], lexicon)
        else:
            source = _source_span(
                _cut_at_verb(candidate, lexicon)[-MAX_SOURCE_TOKENS:], lexicon, stop_at_stoppers=False
            )
        if (
            not (source and _looks_like_source(source, lexicon))
            and index + 1 < len(words)
            and words[index + 1].text == ":"
        ):
            # "She began her message, which …, by writing:" / "… und schrieb sie:" — a colon after the cue:
            # a pronoun just before it, else the clause's subject.
            pronoun = [w for w in candidate if w.lower in lexicon.pronouns and lexicon.pronouns[w.lower] != "speaker"]
            source = pronoun[-1:] or sentence_subject(clause, lexicon)
        if source and _looks_like_source(source, lexicon):
            return _attribution(word, _cut_relative(source, lexicon), text)
        return Attribution(word, None, None, None)
    return None


def sentence_subject(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The subject at a clause's start, after leading adverbials ("Meanwhile, Jayden called out …" -> Jayden)."""
    while words and (words[0].lower in lexicon.adverbs or words[0].text[0] in ",:;—–"):
        words = words[1:]
    # Skip an introductory phrase or subordinate clause that ends with a comma
    # ("Meanwhile," / "In a statement to X," / "Whether … remains unknown,").
    texts = [w.text for w in words]
    if words and words[0].lower in lexicon.subordinators and "," in texts:
        words = words[texts.index(",") + 1 :]
    elif "," in texts[:8] and not _looks_like_source(words[:1], lexicon):
        words = words[[w.text for w in words].index(",") + 1 :]
    elif words and words[0].lower in lexicon.discourse_openers:
        words = words[2:] if len(words) > 1 and words[1].text == "," else words[1:]
    return _source_span(_cut_at_verb(words, lexicon), lexicon, stop_at_stoppers=True)


def _cut_at_verb(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The noun phrase before the verb: `Britney's youngest son then addressed …`, `Maria habe stets betont`.

    Words are kept up to the first cue verb, adverb or finite auxiliary; a clause opener before them
    goes too (`That's when Maria finally spoke` -> `Maria`).
    """
    words = subject_at_auxiliary(after_clause_opener(words, lexicon), lexicon)
    for index, word in enumerate(words):
        if index and (_is_cue(words, index, lexicon) or word.lower in lexicon.adverbs):
            return words[:index]
    return words


def is_auxiliary(word: Token, lexicon: SpeechLexicon) -> bool:
    """A finite auxiliary, modal or copula (lower-case: "Will" at a phrase's start is a name)."""
    return word.text[:1].islower() and word.lower in lexicon.auxiliaries


def subject_at_auxiliary(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The subject around the first finite auxiliary: before it (`Maria habe stets` -> `Maria`) or, when a
    subject follows it, after it (`Am Montag hatte der Minister` -> `der Minister`); ``words`` without one."""
    for index, word in enumerate(words):
        if index and is_auxiliary(word, lexicon):
            before, after = words[:index], words[index + 1 :]
            if not inverted_subject(before, after, lexicon):
                return before
            return after[:1] if after[0].lower in lexicon.subject_pronouns else after
    return words


def inverted_subject(before: list[Token], after: list[Token], lexicon: SpeechLexicon) -> bool:
    """Does the subject follow the auxiliary, after a fronted adverbial ("Am Montag hatte der Minister …")?

    Only when the words before the verb are plain words: a quotation mark or comma there means they
    end a quote or another clause ("„Früher hatte ich …“, schrieb sie"), whose subject is not the source.
    """
    return all(w.text[0].isalnum() for w in before) and starts_subject(after, lexicon)


def starts_subject(words: list[Token], lexicon: SpeechLexicon) -> bool:
    """Do ``words`` open with a subject: a name, a subject pronoun, or an article before a capitalised noun?"""
    if not words:
        return False
    first = words[0]
    if first.lower in lexicon.determiners:
        return len(words) > 1 and bool(CAPITALISED.match(words[1].text))
    return first.lower in lexicon.subject_pronouns or bool(CAPITALISED.match(first.text))


def after_clause_opener(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """`That's when Maria …` / `It was when the mayor …` / `When Maria …` -> the words after the opener.

    Only when nothing but grammar words (pronouns, articles, auxiliaries, a contracted "that's") stands
    before the subordinator: in "Friends since childhood" the word is a preposition inside the phrase.
    """
    for index in range(len(words) - 2, -1, -1):
        if words[index].lower in lexicon.subordinators and all(_grammar_word(w, lexicon) for w in words[:index]):
            return words[index + 1 :]
    return words


def _grammar_word(word: Token, lexicon: SpeechLexicon) -> bool:
    base = CONTRACTED.sub("", word.lower)
    return (
        word.lower in lexicon.auxiliaries
        or word.lower in lexicon.adverbs
        or base in lexicon.contractions
        or base in lexicon.pronouns
        or base in lexicon.determiners
    )


def _cut_relative(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """`Jayden, who was 15 at the time` -> `Jayden` (the relative clause is not the source)."""
    for index, word in enumerate(words):
        if word.lower in lexicon.relative_pronouns and index > 0 and CAPITALISED.match(words[index - 1].text):
            return words[:index]
    return words


def _attribution(cue: Token, source: list[Token], text: str) -> Attribution:
    start, end = source[0].start, source[-1].end
    return Attribution(cue, start, end, text[start:end])


def find_channel(text: str, start: int, end: int, lexicon: SpeechLexicon) -> str | None:
    if lexicon.channel is None:
        return None
    found = [m for m in lexicon.channel.finditer(text, start, end)]
    if not found:
        return None
    # Prefer the most specific (longest) channel phrase.
    best = max(found, key=lambda m: len(m.group()))
    return lexicon.channels.get(best.group().lower())


OUTLET = re.compile(r"(?:[A-Z](?:[\w'’!&-]|\.(?!\s))*|&)(?:\s+(?:[A-Z](?:[\w'’!&-]|\.(?!\s))*|&|of|the|de|der))*")


def find_reported_to(text: str, start: int, end: int, lexicon: SpeechLexicon) -> str | None:
    """The outlet words were given to: `told Page Six`, `in a statement to Entertainment Tonight`."""
    window = text[start:end]
    lowered = window.lower()
    for generic in lexicon.generic_outlets:
        position = lowered.find(generic)
        if (
            position > 0
            and lowered[:position].rstrip().split()[-1:]
            and lowered[:position].rstrip().split()[-1] in lexicon.reported_to_before | lexicon.verbs
        ):
            return window[position : position + len(generic)]
    for match in re.finditer(r"(?<!\w)(\w+)\s+(?:the\s+|dem\s+|der\s+)?", window):
        if match.group(1).lower() not in lexicon.reported_to_before:
            continue
        if match.group(1).lower() in lexicon.outlet_prepositions and not _after_statement_word(
            lowered[: match.start()], lexicon
        ):
            continue
        outlet = OUTLET.match(window, match.end())
        if outlet and outlet.group().strip() and outlet.group()[0].isupper():
            name = outlet.group().strip().rstrip(".")
            if name.split()[0].lower() not in lexicon.pronouns:
                return name
    return None


def _after_statement_word(before: str, lexicon: SpeechLexicon) -> bool:
    """`to`/`with` introduce an outlet only after a speech word or a channel ("a statement to", "told ... to")."""
    words = before.split()[-4:]
    return any(w.strip(",.") in lexicon.verbs or w.strip(",.") in lexicon.channels for w in words) or any(
        w.strip(",.") in lexicon.statement_words for w in words
    )


def clause_source(clause: list[Token], cue: Token, lexicon: SpeechLexicon) -> list[Token]:
    """Who says a reported clause: the subject before its word of saying or, inverted, right after it.

    "Die Kommission verlangt, daß …" / "Jch glaube daher, daß …" / "Herr Harkort findet es, daß …" (before);
    "Neuerdings verlangt die Kommission, daß …" / "Daraufhin erklärte M., daß …" / "Noch im Alter behauptete
    er, daß …" (after: a fronted adverbial before the verb, so the subject follows it); "so muß man zugeben,
    daß …" (after a fronted auxiliary); "wenn er befürchtet, daß …" (after a clause opener). A pronoun, an
    article-and-noun or a name of two or more words before the verb wins over words after it (those are its
    object: "Er erklärte die Sache, …").
    """
    index = next((i for i, w in enumerate(clause) if w.start == cue.start), None)
    if index is None:
        return []
    before = [w for w in clause[:index] if w.text not in QUOTE_MARKS]  # Das „Journal“ meldet, …
    after = clause[index + 1 :]
    comma = max((i for i, w in enumerate(before) if w.text == ","), default=None)
    if comma is None:
        return _subject_around(before, after, lexicon)
    # "Als ich eintrat, bemerkte er, …": a clause before the comma; the verb's own subject is after the comma
    # or after the verb, else (an apposition: "Herr X, der Vorsitzende, erklärte") before it.
    return _subject_around(before[comma + 1 :], after, lexicon) or _subject_around(before[:comma], [], lexicon)


def _subject_around(before: list[Token], after: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    while before and (
        before[0].lower in lexicon.adverbs
        or before[0].lower in lexicon.discourse_openers
        or (before[0].lower in lexicon.subordinators and len(before) > 1)
        or not before[0].text[0].isalnum()
    ):
        before = before[1:]
    if before and before[0].lower in lexicon.subject_pronouns:
        return before[:1]
    if (len(before) >= 2 and before[0].lower in lexicon.determiners and CAPITALISED.match(before[1].text)) or (
        _opens_noun_phrase(before, lexicon)
    ):
        return _source_span(before, lexicon, stop_at_stoppers=True)
    if _is_name(before, lexicon):
        return _source_span(before, lexicon, stop_at_stoppers=True)
    inverted = _subject_after_auxiliary(before, lexicon)
    if inverted:
        return inverted
    found = _subject_after(after, lexicon)
    if found and not (
        len(before) == 1 and CAPITALISED.match(before[0].text) and found[0].lower in lexicon.object_pronouns
    ):
        return found
    if len(before) == 1 and CAPITALISED.match(before[0].text) and before[0].lower not in lexicon.stoppers:
        # "Lassaulx erklärt es für …" ("es" may be the object), "Schurz sagte unter Anderem:" (no subject
        # after the verb): the one word before the verb is its subject.
        return before
    if len(before) > 1 and _looks_like_source(before, lexicon):
        return _source_span(before, lexicon, stop_at_stoppers=True)
    return []


def _is_name(words: list[Token], lexicon: SpeechLexicon) -> bool:
    """Two or more capitalised words and nothing else ("Herr Harkort", "Graf Orloff", "Dr. Karl Brockhausen")."""
    if len(words) < 2 or words[0].lower in lexicon.stoppers or words[0].lower in lexicon.prepositions:
        return False
    return all(CAPITALISED.match(w.text) or is_title_dot(words, i) for i, w in enumerate(words))


def _subject_after_auxiliary(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The subject right after a clause's first finite auxiliary ("muß man", "Nicht ohne Erstaunen habe ich")."""
    for index, word in enumerate(words):
        if not is_auxiliary(word, lexicon):
            continue
        following = words[index + 1 :]
        if not all(w.text[0].isalnum() for w in words[:index]) or not following:
            return []
        if following[0].lower in lexicon.subject_pronouns:
            return following[:1]
        if _opens_noun_phrase(following, lexicon) or _is_name(following[:2], lexicon):
            return _source_span(following, lexicon, stop_at_stoppers=True)
        return []
    return []


def _opens_noun_phrase(words: list[Token], lexicon: SpeechLexicon) -> bool:
    """An article that may open a subject, at most two adjectives, then a noun ("der liberale John Stuart
    Mill", "die gebildete lesende Dame"): German and English nouns and names are capitalised."""
    if len(words) < 2 or words[0].lower not in lexicon.determiners or words[0].lower in lexicon.object_determiners:
        return False
    for word in words[1:4]:
        if CAPITALISED.match(word.text):
            return True
        if not word.text.isalpha() or word.lower in lexicon.stoppers or word.lower in lexicon.determiners:
            return False
    return False


def _subject_after(words: list[Token], lexicon: SpeechLexicon) -> list[Token]:
    """The subject right after an inverted verb, past at most two small words ("glaube daher auch ich")."""
    words = [w for w in words if w.text not in QUOTE_MARKS]  # sagt die „Kreuzzeitung“
    for position, word in enumerate(words[:3]):
        if word.lower in lexicon.subject_pronouns:
            return [word]
        if _opens_noun_phrase(words[position:], lexicon):
            return _source_span(words[position:], lexicon, stop_at_stoppers=False)[:MAX_SOURCE_TOKENS]
        if CAPITALISED.match(word.text):
            return _source_span(words[position:], lexicon, stop_at_stoppers=True)
        if not word.text[0].isalpha() or word.lower in lexicon.stoppers:
            return []
    return []


CLAUSE_BREAKS = ",;:()—–"


def clause_start(words: list[Token], end: int) -> int:
    """Index of the first word of the clause running up to ``words[end]``: one past the last break before it."""
    return max((i + 1 for i in range(end) if words[i].text in CLAUSE_BREAKS), default=0)


def source_before(text: str, start: int, lexicon: SpeechLexicon, reach: int = 200) -> Attribution | None:
    """Cue and source in the words before ``start`` in the same sentence ("Der Minister erklärte, …").

    For speech found without its frame (a trained tagger's span): the last word of saying before it and
    that word's subject (:func:`clause_source`).
    """
    begin = max(0, start - reach)
    # The sentence holding ``start`` (a few characters past it let the splitter see what follows a dot).
    sentence_start = begin
    for sentence in split_sentences(text[begin : start + 3], lexicon.language):
        if begin + sentence.start <= start:
            sentence_start = begin + sentence.start
    window = tokens(text, sentence_start, start)
    if _named_by_source_word(text, sentence_start, start, lexicon):
        return None  # "… laut seines Sprechers, „…“": the source is the one "laut" names
    for index in range(len(window) - 1, -1, -1):
        word = window[index]
        if word.lower in lexicon.verbs or _reporting(word.lower, lexicon.reporting_stems):
            clause = window[: index + 1]
            for back in range(index - 1, -1, -1):
                if window[back].text in ";:" or (window[back].text == "," and back < index - 1):
                    clause = window[back + 1 : index + 1]
                    break
            clause = [*clause, *window[index + 1 :]]
            source = clause_source(clause, word, lexicon)
            if source and _looks_like_source(source, lexicon):
                return Attribution(word, source[0].start, source[-1].end, text[source[0].start : source[-1].end])
            return Attribution(word, None, None, None)
    return _frame_without_cue(window, text, lexicon)


def _named_by_source_word(text: str, begin: int, start: int, lexicon: SpeechLexicon) -> bool:
    """Does the clause right before ``start`` end in a source word's phrase ("laut seines Sprechers, …",
    "according to the mayor: …")? Then that phrase names the source, not a word of saying before it."""
    if lexicon.source_after is None:
        return False
    last = None
    for match in lexicon.source_after.finditer(text, begin, start):
        last = match
    if last is None:
        return False
    between = text[last.end() : start].rstrip(" ,:;\"“”„»«'‘’\n")
    return not any(mark in between for mark in ",;:")


def _frame_without_cue(window: list[Token], text: str, lexicon: SpeechLexicon) -> Attribution | None:
    """The frame right before a comma or colon that opens reported content, when it has no known word of
    saying ("Er weist nach, daß …", "Man vergißt dabei, daß …", "Abg. X schreit: „…“"): the clause's subject
    (:func:`clause_source`), with the clause's first verb-like word (lower case, no grammar word) as its cue.

    Only where the language's reporting clauses are read by their subject pronouns (``subject_pronouns``).
    """
    if not lexicon.subject_pronouns or not window or window[-1].text not in ",:":
        return None
    clause = window[:-1]
    clause = clause[clause_start(clause, len(clause)) :]
    grammar = (
        lexicon.determiners
        | lexicon.subject_pronouns
        | lexicon.stoppers
        | lexicon.adverbs
        | lexicon.discourse_openers
        | lexicon.subordinators
        | lexicon.relative_pronouns
    )
    verb = next(
        (
            w
            for i, w in enumerate(clause)
            if i and w.text[0].isalpha() and w.text[0].islower() and w.lower not in grammar and len(w.text) > 2
        ),
        None,
    )
    if verb is None:
        return None
    source = clause_source(clause, verb, lexicon)
    if not source or not _looks_like_source(source, lexicon):
        return None
    return Attribution(verb, source[0].start, source[-1].end, text[source[0].start : source[-1].end])


def _reporting(word: str, stems: tuple[str, ...]) -> bool:
    return bool(stems) and (word.startswith(stems) or (word.startswith("ge") and word[2:].startswith(stems)))
