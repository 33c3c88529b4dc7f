"""The store on a real SQLite database: migrations, round trips, atomic replacement."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storyline.records import Document, SentenceSpan
from storyline.store import Store, sqlite_url
from storyline.store.models import Base, DocumentRow, SentenceRow


def _document(doc_id: str = "a1", text: str = "One sentence. Two sentences.") -> Document:
    return Document(
        id=doc_id,
        source=f"/tmp/{doc_id}.txt",
        title="T",
        outlet=None,
        published="2024-01-02",
        language="en",
        language_confidence=0.99,
        format="txt",
        content_hash=f"{hash(text) & 0xFFFF:064x}",
        text=text,
        sentences=[SentenceSpan(start=0, end=13), SentenceSpan(start=14, end=len(text))],
    )


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    store = Store(sqlite_url(tmp_path / "s.db"))
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrate_twice_is_harmless_and_keeps_data(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "s.db")
    with Store(url) as store:
        store.put_document(_document())
    with Store(url) as again:
        again.migrate()
        assert [d.id for d in again.documents()] == ["a1"]


def test_document_round_trip(tmp_path: Path) -> None:
    with Store(sqlite_url(tmp_path / "s.db")) as store:
        document = _document()
        store.put_document(document)
        assert store.documents() == [document]
        assert store.document_id_for_hash(document.content_hash) == "a1"


def test_replacing_a_document_replaces_its_sentences(tmp_path: Path) -> None:
    with Store(sqlite_url(tmp_path / "s.db")) as store:
        store.put_document(_document())
        store.put_document(_document(text="Only one sentence now here."))
        assert store.count(DocumentRow) == 1
        assert store.count(SentenceRow) == 2


def test_sources_are_remembered(tmp_path: Path) -> None:
    with Store(sqlite_url(tmp_path / "s.db")) as store:
        assert not store.has_source("f" * 64)
        store.record_source("/x.txt", "f" * 64, 10, 1, 0)
        assert store.has_source("f" * 64)
