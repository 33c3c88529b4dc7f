"""The store stage: documents and results in SQL (SQLite by default), migrated by Alembic."""

from storyline.store.store import Store, sqlite_url

__all__ = ["Store", "sqlite_url"]
