"""A killed build resumes without duplicates or loss; re-runs add exactly what is new.

The store commits one document (with its sentences) per transaction and records a
source file only after all of its documents, so SIGKILL at any moment must leave a
readable, consistent database that the next build completes.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storyline

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CITIES = ["Portmere", "Riverton", "Lakeside", "Brookfield", "Fairview", "Greenvale", "Ashford", "Millbrook", "Oakdale"]
PROJECTS = [
    ("bridge", "repair works on the old river bridge"),
    ("library", "a new public library in the town centre"),
    ("school", "the renovation of two primary schools"),
    ("tram", "an extension of the tram line to the airport"),
    ("park", "a larger park along the eastern canal"),
    ("hospital", "thirty more beds for the regional hospital"),
    ("harbour", "dredging the harbour for larger ferries"),
]
PEOPLE = ["Maria Lopez", "John Carter", "Aisha Khan", "Peter Novak", "Linda Berg", "Tom Fischer", "Grace Obi"]


def article(i: int) -> str:
    """A short, distinct council report (English, long enough for language ID)."""
    city, (key, project), person = CITIES[i % 9], PROJECTS[i % 7], PEOPLE[i % 5]
    return (
        f"{city} council backs {key} plan, proposal {i}\n\n"
        f"The council of {city} voted {12 + i % 17} to {i % 9} on Tuesday to approve {project}, "
        f"at an estimated cost of {3 + (i * 7) % 90} million dollars. Council member {person} said proposal {i}, "
        f"first discussed in {2015 + i % 9}, would serve residents for decades. Opponents warned that the budget "
        f"could rise further if construction prices keep climbing.\n\n"
        f"Work is expected to begin next spring and to last about {2 + i % 4} years, the planning office said.\n"
    )


def write_corpus(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    stems = [f"article-{i:04d}" for i in range(count)]
    for i, stem in enumerate(stems):
        (folder / f"{stem}.txt").write_text(article(i), encoding="utf-8")
    return stems


def count_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=0.2) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # tables not migrated yet, or briefly locked
        return 0


def check_consistent(db: Path) -> tuple[int, int]:
    """The store after a kill: readable, every document complete, no source without its documents."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        without_sentences = connection.execute(
            "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchall()
        assert without_sentences == []
        orphan_sentences = connection.execute(
            "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id)"
        ).fetchone()[0]
        assert orphan_sentences == 0
        # A source is listed only once all its documents are in. Every file here holds one article, so a
        # listed file without a document lost it. (``sources.documents`` counts what that read added: a
        # file whose document was committed just before the kill is recorded with 0 on the re-run.)
        incomplete = connection.execute(
            "SELECT path, documents, (SELECT count(*) FROM documents d WHERE d.source = s.path) AS present "
            "FROM sources s WHERE present < max(documents, 1)"
        ).fetchall()
        assert incomplete == []
        sources = connection.execute("SELECT count(*) FROM sources").fetchone()[0]
        return documents, sources
    finally:
        connection.close()


def snapshot(db: Path) -> dict[str, tuple[str, int]]:
    """id -> (content hash, number of sentences)."""
    with sqlite3.connect(db) as connection:
        return {
            doc_id: (content_hash, sentences)
            for doc_id, content_hash, sentences in connection.execute(
                "SELECT d.id, d.content_hash, (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) FROM documents d"
            )
        }


def test_killed_build_resumes_without_duplicates_or_loss(tmp_path: Path) -> None:
    total = 400
    folder, out = tmp_path / "corpus", tmp_path / "out"
    stems = write_corpus(folder, total)
    db = out / "storyline.db"
    command = [sys.executable, "-c", "from storyline.cli import main; main()", "build", str(folder), "--out", str(out)]
    process = subprocess.Popen([*command, "-q"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40
        seen = 0
        while time.monotonic() < deadline and process.poll() is None:
            seen = count_documents(db)
            if seen >= 25:
                break
            time.sleep(0.005)
        assert process.poll() is None, f"the build ended before it could be killed ({seen} documents); make it bigger"
        assert seen < total, "the build was too fast to catch mid-way; make the corpus bigger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL, stderr

    killed_documents, killed_sources = check_consistent(db)
    assert 0 < killed_documents < total
    # At most the document being finished when the kill came lacks its source row.
    assert killed_sources <= killed_documents <= killed_sources + 1
    before = snapshot(db)

    report = storyline.run_build([folder], out)

    assert report.problems == []
    assert report.files_skipped == killed_sources
    assert report.documents_added == total - killed_documents
    assert report.duplicates == killed_documents - killed_sources
    check_consistent(db)
    after = snapshot(db)
    assert len(after) == total
    assert len({content_hash for content_hash, _ in after.values()}) == total
    assert set(after) == set(stems)
    assert {k: after[k] for k in before} == before  # nothing stored before the kill changed
    assert len(report.dossier.documents) == total
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM sources").fetchone()[0] == total


def test_rerun_adds_nothing_and_one_new_article_adds_one(tmp_path: Path) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    stems = write_corpus(folder, 30)

    first = storyline.run_build([folder], out)
    assert (first.documents_added, first.files_skipped, first.problems) == (30, 0, [])

    again = storyline.run_build([folder], out)
    assert (again.documents_added, again.files_skipped, again.duplicates, again.problems) == (0, 30, 0, [])
    assert sorted(d.id for d in again.dossier.documents) == sorted(stems)

    (folder / "article-9999.txt").write_text(article(9999), encoding="utf-8")
    plus_one = storyline.run_build([folder], out)
    assert (plus_one.documents_added, plus_one.files_skipped, plus_one.duplicates) == (1, 30, 0)
    assert len(plus_one.dossier.documents) == 31

    # An edited file replaces its document instead of adding a second one.
    (folder / "article-0003.txt").write_text(article(3).replace("next spring", "next autumn"), encoding="utf-8")
    edited = storyline.run_build([folder], out)
    assert (edited.documents_added, edited.files_skipped) == (1, 30)
    documents = {d.id: d for d in edited.dossier.documents}
    assert len(documents) == 31
    assert "next autumn" in documents["article-0003"].text

    # A byte-identical copy under another name adds no document.
    (folder / "copy-of-0005.txt").write_bytes((folder / "article-0005.txt").read_bytes())
    copied = storyline.run_build([folder], out)
    assert copied.documents_added == 0
    assert len(copied.dossier.documents) == 31
