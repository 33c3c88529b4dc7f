"""Typed records that flow through the pipeline, and the public dossier contract.

Every record that points into an article carries its provenance as a document id
and a character span into that document's cleaned ``text``; nothing downstream
ever needs to look back at the raw file to show where a statement came from.

The ``Dossier*`` models mirror ``storyline/schema/dossier.schema.json``
(schema_version 1). Fields may be added; renaming or removing one needs a
version bump (see docs/dossier.md).
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Record(BaseModel):
    """Base for all records: immutable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- ingest


class RawArticle(Record):
    """One article as read from a file, before cleaning.

    ``origin`` names where it came from in a human-readable way
    (``path`` or ``path:line`` or ``path#record-uri``) for error messages.
    """

    origin: str
    source: str
    default_id: str
    format: Literal["txt", "html", "jsonl", "warc"]
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    explicit_id: bool = False


class Span(Record):
    """A character span in one document's cleaned text."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SentenceSpan(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class PublishedRange(Record):
    """The days an undated article can be from: ``earliest`` … ``latest`` (None: open-ended)."""

    earliest: str
    latest: str | None = None


class PublishedEstimate(Record):
    """An estimated publication date for an undated article, with what it rests on and, when known, its range."""

    value: str
    basis: str
    range: PublishedRange | None = None


class Document(Record):
    """A cleaned article: what every later stage reads."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    published_estimate: PublishedEstimate | None = None
    language: str
    language_confidence: float = Field(ge=0.0, le=1.0)
    author: str | None = None
    format: str
    content_hash: str
    text: str
    sentences: list[SentenceSpan] = []
    removed_lines: int = 0


class NameMention(Record):
    """A name found in a document by the language layer (before resolution)."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: Literal["PER", "LOC", "ORG", "MISC", "NAME"]
    source: str = "model"


class TimeExpression(Record):
    """A normalised time expression (TIMEX3-style) in a document's cleaned text.

    ``value`` keeps the precision the text gives: ``2023-05`` for "in May"
    (anchored to 2023), ``2023`` for "last year", ``P3Y`` for "three years",
    ``PRESENT_REF`` for "now". ``anchor`` is the date used to resolve relative
    expressions; ``anchor_estimated`` says it came from an estimate, not the
    article's stated date.
    """

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET", "AGE"]
    value: str
    anchor: str | None = None
    anchor_estimated: bool = False
    entity: str | None = None  # AGE only: the person whose age it is, set when the dossier is assembled


class QuoteMention(Record):
    """An attributed statement found in one document, before speaker resolution.

    ``start``/``end`` cover the content (inside the quote marks for direct
    quotes). The cue and the source (the words naming who speaks: "Mark Vincent
    Kaplan", "an insider", "she") are spans in the same text when present.
    ``kind`` ``title`` and ``scare`` mark quote marks that are not speech
    (song titles, nicknames, ironic words): kept for transparency, never given
    a speaker.
    """

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: Literal["direct", "indirect", "partial", "title", "scare"]
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    source: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    speaker: str | None = None  # who the source refers to ("she" -> "Britney Spears"), when resolved
    anonymous: bool = False
    channel: str | None = None
    reported_to: str | None = None


def plain_document(doc_id: str, text: str, language: str) -> Document:
    """A document made from bare text (evaluation data, benchmarks, tests): no source metadata."""
    return Document(
        id=doc_id,
        source="",
        title=None,
        outlet=None,
        published=None,
        language=language,
        language_confidence=1.0,
        format="txt",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
    )


# --------------------------------------------------------------------------- dossier


class Mention(Record):
    doc: str
    start: int
    end: int


class TextMention(Mention):
    text: str


class Attribute(Record):
    """A fact about an entity with its evidence: an age as of a date, a role, a place of residence.

    ``name`` is one of ``age``, ``birth_range`` (``earliest/latest`` ISO dates: the birth dates
    every stated age allows, their intersection), ``role``, ``residence``; ``as_of`` is the date
    the fact was stated for (the article's date, or its estimate: then ``as_of_estimated``);
    ``doc``/``start``/``end`` the evidence (for ``birth_range``: the first age statement;
    ``evidence`` lists all of them).
    """

    name: str
    value: str
    as_of: str | None = None
    as_of_estimated: bool = False  # as_of is the undated article's estimated date (see published_estimate)
    doc: str
    start: int
    end: int
    evidence: list[Mention] = []


class AliasSeen(Record):
    """One surface form of an entity (its name or an alias) with the documents it occurs in, sorted,
    and its first occurrence (lowest doc id, then offset): where a reader can check the form."""

    alias: str
    docs: list[str]
    first: Mention


class Entity(Record):
    id: str
    type: str
    name: str
    aliases: list[str] = []
    mentions: list[Mention] = []
    attributes: list[Attribute] = []
    aliases_seen: list[AliasSeen] = []


class Speaker(Record):
    entity: str | None
    label: str
    anonymous: bool


class Quote(Record):
    id: str
    doc: str
    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect", "partial"]
    speaker: Speaker
    cue: str | None = None
    channel: str | None = None
    reported_to: str | None = None
    utterance: str | None = None  # shared by quotes rendering the same words in several articles or languages
    within: str | None = None  # a partial quote's containing quote of the same speaker: one statement, not two


class EventMention(TextMention):
    """One mention of an event in one document: the sentence (``start``/``end``/``text``) and what it says.

    ``type`` is a language-independent event type from the language data ("move",
    "open", "lawsuit", "ruling", "death", "post", "interview" ...); ``trigger`` the word
    that signals it; ``date`` the TIMEX value this mention gives (None when it gives none),
    ``date_text`` its words; ``planned`` is true for announced or future events
    ("will open", "soll eröffnen"); ``participants`` are entity ids; ``place`` a place name.
    """

    type: str
    trigger: str
    date: str | None = None
    date_text: str | None = None
    planned: bool = False
    participants: list[str] = []
    place: str | None = None


class Event(Record):
    """An event merged from its mentions across articles and languages.

    ``date`` is the most precise date the evidence supports; ``dates`` every distinct
    date value the mentions give (more than one when the sources disagree).
    """

    id: str
    date: str | None
    summary: str
    participants: list[str] = []
    mentions: list[EventMention] = []
    type: str | None = None
    place: str | None = None
    dates: list[str] = []
    planned: bool = False


class Relation(Record):
    """A relation between two entities (ids) with evidence spans.

    Typed relations (``parent_of``, ``former_spouse_of``, ``attorney_of`` ...) read "subject
    predicate object"; symmetric ones list the smaller id first. ``predicate`` ``relationship``
    records the ``state`` of a personal relationship (``estranged``, ``reconciling``,
    ``in_contact``, ``reunited``) ``as_of`` a date, with the supporting sentence as ``text``.
    """

    subject: str
    predicate: str
    object: str
    since: str | None = None
    until: str | None = None
    evidence: list[Mention] = []
    state: str | None = None
    as_of: str | None = None
    text: str | None = None


class AssertedBy(Record):
    """Who asserts a claim: the outlet's own narration, a named speaker, an anonymous source, a first-person post.

    ``label`` is how the source is named ("Weser-Echo", "Katrin Vogt", "an insider"); ``entity`` the
    speaker's entity id when resolved; ``outlet`` the outlet that published the sentence.
    """

    kind: Literal["narration", "speaker", "anonymous", "first_person_post"]
    label: str
    entity: str | None = None
    outlet: str | None = None


class Claim(Record):
    """One thing an article asserts, normalised so that claims from different articles can be compared.

    ``subject`` is an entity id (or an event id for the date/place of an event); ``property`` what is
    asserted about it (``event_date``, ``event_place``, ``age``, ``residence``, ``amount``,
    ``relationship``, ``statement``); ``value`` the normalised value (an ISO date at its precision, an
    age in years, a number with ``unit``, a place name, a state, or the content words of a statement).
    ``stated_at`` is the article's date (``stated_estimated`` when it is an estimate); ``holds_at`` the
    time the value is said to hold, when different. ``qualifier`` narrows the property (the event type,
    what an amount measures). ``polarity`` ``denied`` marks an explicit denial; ``planned`` an announced,
    future event; ``hedged`` a claim the text itself doubts ("reportedly", a question), which supports
    but never contradicts. ``participants`` (entity ids) and ``place`` say which event a date belongs to.
    """

    id: str
    subject: str
    subject_label: str
    property: str
    value: str
    unit: str | None = None
    qualifier: str | None = None
    approximate: bool = False
    value_text: str | None = None
    holds_at: str | None = None
    stated_at: str | None = None
    stated_estimated: bool = False
    doc: str
    start: int
    end: int
    text: str
    asserted_by: AssertedBy
    polarity: Literal["affirmed", "denied"] = "affirmed"
    planned: bool = False
    hedged: bool = False
    participants: list[str] = []
    place: str | None = None


class Corroboration(Record):
    """How many independent outlets and distinct named sources support one value.

    Near-identical sentences (copies of the same wire text) count as one outlet; all anonymous
    sources together count as one source.
    """

    outlets: list[str] = []
    named_sources: list[str] = []
    anonymous_sources: int = 0
    copies: int = 0


class ClaimRef(Record):
    doc: str
    start: int
    end: int
    text: str
    value: str
    id: str | None = None
    asserted_by: AssertedBy | None = None
    outlet: str | None = None
    as_of: str | None = None
    as_of_estimated: bool = False
    corroboration: Corroboration | None = None


class Contradiction(Record):
    topic: str
    kind: str
    claims: list[ClaimRef]
    explanation: str
    id: str | None = None
    subject: str | None = None
    property: str | None = None


class ConsistencyNote(Record):
    """A difference between sources that was checked and found consistent (ages a year apart,
    "last year" in articles a year apart, a plan and its later report, a state that changed)."""

    kind: str
    topic: str
    explanation: str
    claims: list[ClaimRef]
    subject: str | None = None
    property: str | None = None


class Story(Record):
    """A group of documents telling the same real-world story (a facet of the one dossier)."""

    id: str
    label: str
    documents: list[str]


class Dossier(Record):
    schema_version: Literal[1] = SCHEMA_VERSION
    generated_by: str = "storyline"
    documents: list[Document] = []
    entities: list[Entity] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    relations: list[Relation] = []
    contradictions: list[Contradiction] = []
    times: list[TimeExpression] = []
    stories: list[Story] = []
    claims: list[Claim] = []
    consistency_notes: list[ConsistencyNote] = []

    def document(self, doc_id: str) -> Document:
        """The document with this id (KeyError when absent)."""
        for document in self.documents:
            if document.id == doc_id:
                return document
        raise KeyError(doc_id)
