"""The store: one SQLAlchemy database (SQLite file by default) behind a small API.

Why this shape:
* every document is written in its own transaction together with its
  sentences, so a build killed at any moment leaves the store as it was before
  the interrupted document, and a re-run resumes where it stopped;
* a file is recorded in ``sources`` only after all of its documents are in, so
  a re-run skips exactly the files that were fully read (by raw-bytes hash);
* story-level results (entities, quotes, events, relations, claims) are
  replaced as a whole in one transaction per build;
* the schema is created and upgraded by Alembic, never by ``create_all``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, func, select
from sqlalchemy.orm import Session

from storyline.records import (
    AssertedBy,
    Claim,
    Document,
    NameMention,
    PublishedEstimate,
    QuoteMention,
    SentenceSpan,
    TimeExpression,
)
from storyline.store.models import ClaimRow, DocumentRow, MentionRow, QuoteRow, SentenceRow, SourceRow, TimeRow


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path)}"


class Store:
    """Documents and analysis results of one dossier, in a SQL database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        config = Config()
        config.set_main_option("script_location", str(resources.files("storyline.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as session, session.begin():
            yield session

    # ----------------------------------------------------------------- sources

    def has_source(self, raw_hash: str) -> bool:
        with Session(self.engine) as session:
            return session.scalar(select(SourceRow.id).where(SourceRow.raw_hash == raw_hash)) is not None

    def record_source(self, path: str, raw_hash: str, size: int, documents: int, problems: int) -> None:
        with self.session() as session:
            session.add(
                SourceRow(
                    path=path,
                    raw_hash=raw_hash,
                    size=size,
                    documents=documents,
                    problems=problems,
                    read_at=datetime.now(UTC),
                )
            )

    # --------------------------------------------------------------- documents

    def document_id_for_hash(self, content_hash: str) -> str | None:
        with Session(self.engine) as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash))

    def source_of(self, doc_id: str) -> str | None:
        with Session(self.engine) as session:
            return session.scalar(select(DocumentRow.source).where(DocumentRow.id == doc_id))

    def put_document(
        self,
        document: Document,
        mentions: Iterable[NameMention] = (),
        quotes: Iterable[QuoteMention] = (),
        times: Iterable[TimeExpression] = (),
        vector: bytes | None = None,
    ) -> None:
        """Insert or replace one document with its sentences, names, quotes, times and vector, atomically."""
        with self.session() as session:
            for table in (TimeRow, QuoteRow, MentionRow, SentenceRow):
                session.execute(delete(table).where(table.doc_id == document.id))
            session.execute(delete(DocumentRow).where(DocumentRow.id == document.id))
            row = _document_row(document)
            row.vector = vector
            session.add(row)
            session.flush()
            session.add_all(
                SentenceRow(doc_id=document.id, position=i, start=s.start, end=s.end)
                for i, s in enumerate(document.sentences)
            )
            session.add_all(
                MentionRow(doc_id=m.doc, start=m.start, end=m.end, text=m.text, label=m.label) for m in mentions
            )
            session.add_all(_quote_row(q) for q in quotes)
            session.add_all(
                TimeRow(
                    doc_id=t.doc,
                    start=t.start,
                    end=t.end,
                    text=t.text,
                    type=t.type,
                    value=t.value,
                    anchor=t.anchor,
                    anchor_estimated=t.anchor_estimated,
                )
                for t in times
            )

    def times(self) -> list[TimeExpression]:
        """All time expressions, by document and position."""
        with Session(self.engine) as session:
            rows = session.scalars(select(TimeRow).order_by(TimeRow.doc_id, TimeRow.start, TimeRow.end))
            return [
                TimeExpression(
                    doc=r.doc_id,
                    start=r.start,
                    end=r.end,
                    text=r.text,
                    type=r.type,
                    value=r.value,  # type: ignore[arg-type]
                    anchor=r.anchor,
                    anchor_estimated=r.anchor_estimated,
                )
                for r in rows
            ]

    def quotes(self) -> list[QuoteMention]:
        """All quote mentions, by document and position."""
        with Session(self.engine) as session:
            rows = session.scalars(select(QuoteRow).order_by(QuoteRow.doc_id, QuoteRow.start, QuoteRow.end))
            return [_quote_record(row) for row in rows]

    def mentions(self) -> list[NameMention]:
        """All name mentions, by document and position."""
        with Session(self.engine) as session:
            rows = session.scalars(select(MentionRow).order_by(MentionRow.doc_id, MentionRow.start, MentionRow.end))
            return [NameMention(doc=r.doc_id, start=r.start, end=r.end, text=r.text, label=r.label) for r in rows]

    def documents(self) -> list[Document]:
        """All documents, ordered by publication date (undated last), then id."""
        with Session(self.engine) as session:
            rows = session.scalars(select(DocumentRow)).all()
            sentences: dict[str, list[SentenceSpan]] = {}
            for row in session.scalars(select(SentenceRow).order_by(SentenceRow.doc_id, SentenceRow.position)):
                sentences.setdefault(row.doc_id, []).append(SentenceSpan(start=row.start, end=row.end))
            documents = [_document_record(row, sentences.get(row.id, [])) for row in rows]
        return sorted(documents, key=lambda d: (d.published is None, d.published or "", d.id))

    def document_vectors(self) -> dict[str, bytes]:
        """Document id -> its stored sentence-encoder vector (float16 bytes), for documents that have one."""
        with Session(self.engine) as session:
            rows = session.execute(select(DocumentRow.id, DocumentRow.vector).where(DocumentRow.vector.is_not(None)))
            return {doc_id: vector for doc_id, vector in rows}

    def replace_claims(self, claims: Iterable[Claim]) -> None:
        """The story's claims, replacing those of the previous build in one transaction."""
        with self.session() as session:
            session.execute(delete(ClaimRow))
            session.add_all(_claim_row(c) for c in claims)

    def claims(self) -> list[Claim]:
        """All claims, by document and position."""
        with Session(self.engine) as session:
            rows = session.scalars(select(ClaimRow).order_by(ClaimRow.doc_id, ClaimRow.start, ClaimRow.id))
            return [_claim_record(row) for row in rows]

    def count(self, model: type) -> int:
        """Rows in a table (tests and diagnostics)."""
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(model)) or 0


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _quote_row(quote: QuoteMention) -> QuoteRow:
    return QuoteRow(
        id=f"{quote.doc}:{quote.start}-{quote.end}",
        doc_id=quote.doc,
        start=quote.start,
        end=quote.end,
        text=quote.text,
        kind=quote.kind,
        speaker_entity=None,
        speaker_label=quote.speaker or quote.source or "",
        anonymous=quote.anonymous,
        cue=quote.cue,
        channel=quote.channel,
        reported_to=quote.reported_to,
        cue_start=quote.cue_start,
        cue_end=quote.cue_end,
        source_text=quote.source,
        source_start=quote.source_start,
        source_end=quote.source_end,
        speaker=quote.speaker,
    )


def _quote_record(row: QuoteRow) -> QuoteMention:
    return QuoteMention(
        doc=row.doc_id,
        start=row.start,
        end=row.end,
        text=row.text,
        kind=row.kind,  # type: ignore[arg-type]
        cue=row.cue,
        cue_start=row.cue_start,
        cue_end=row.cue_end,
        source=row.source_text,
        source_start=row.source_start,
        source_end=row.source_end,
        speaker=row.speaker,
        anonymous=row.anonymous,
        channel=row.channel,
        reported_to=row.reported_to,
    )


def _document_row(document: Document) -> DocumentRow:
    return DocumentRow(
        id=document.id,
        source=document.source,
        title=document.title,
        outlet=document.outlet,
        published=document.published,
        published_estimate=document.published_estimate.model_dump() if document.published_estimate else None,
        language=document.language,
        language_confidence=document.language_confidence,
        author=document.author,
        format=document.format,
        content_hash=document.content_hash,
        text=document.text,
        removed_lines=document.removed_lines,
        added_at=datetime.now(UTC),
    )


def _document_record(row: DocumentRow, sentences: list[SentenceSpan]) -> Document:
    return Document(
        id=row.id,
        source=row.source,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        published_estimate=PublishedEstimate(**row.published_estimate) if row.published_estimate else None,
        language=row.language,
        language_confidence=row.language_confidence,
        author=row.author,
        format=row.format,
        content_hash=row.content_hash,
        text=row.text,
        sentences=sentences,
        removed_lines=row.removed_lines,
    )


CLAIM_DETAILS = ("value_text", "approximate", "hedged", "participants", "place")


def _claim_row(claim: Claim) -> ClaimRow:
    return ClaimRow(
        doc_id=claim.doc,
        start=claim.start,
        end=claim.end,
        text=claim.text,
        subject=claim.subject,
        property=claim.property,
        value=claim.value,
        holds_at=claim.holds_at,
        asserted_by=claim.asserted_by.label,
        claim_id=claim.id,
        subject_label=claim.subject_label,
        unit=claim.unit,
        qualifier=claim.qualifier,
        polarity=claim.polarity,
        planned=claim.planned,
        stated_at=claim.stated_at,
        stated_estimated=claim.stated_estimated,
        asserted_kind=claim.asserted_by.kind,
        asserted_entity=claim.asserted_by.entity,
        outlet=claim.asserted_by.outlet,
        details=claim.model_dump(include=set(CLAIM_DETAILS)),
    )


def _claim_record(row: ClaimRow) -> Claim:
    return Claim(
        id=row.claim_id or f"claim-{row.id}",
        subject=row.subject or "",
        subject_label=row.subject_label or row.subject or "",
        property=row.property,
        value=row.value,
        unit=row.unit,
        qualifier=row.qualifier,
        holds_at=row.holds_at,
        stated_at=row.stated_at,
        stated_estimated=bool(row.stated_estimated),
        doc=row.doc_id,
        start=row.start,
        end=row.end,
        text=row.text,
        asserted_by=AssertedBy(
            kind=row.asserted_kind or "narration",  # type: ignore[arg-type]
            label=row.asserted_by or "",
            entity=row.asserted_entity,
            outlet=row.outlet,
        ),
        polarity=row.polarity or "affirmed",  # type: ignore[arg-type]
        planned=bool(row.planned),
        **(row.details or {}),
    )
