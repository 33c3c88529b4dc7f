"""The build end to end on small folders written by the tests, and on examples/."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

import storyline
from storyline.cli import app
from storyline.report.json import validate_dossier

EN = (
    "Harbor Council Approves Ferry Plan\n"
    "The harbor council approved the new ferry plan on Tuesday after a long debate.\n\n"
    "“This is a good day for the island,” the mayor said after the vote.\n"
    "Advertisement\n"
)
DE = (
    "Der Stadtrat hat am Dienstag den neuen Fährplan beschlossen. Die Debatte dauerte lange.\n\n"
    "„Das ist ein guter Tag für die Insel“, sagte die Bürgermeisterin nach der Abstimmung.\n"
    "Anzeige\n"
)
HTML = """<!doctype html><html lang="en"><head><title>Ferry strike ends | Harbor Gazette</title>
<meta property="og:site_name" content="Harbor Gazette"><meta name="author" content="Jane Miller">
<meta property="article:published_time" content="2025-03-14T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry strike ends</h1>
<p>The ferry workers ended their strike on Friday after the company agreed to a new contract.</p>
<p>Share on Facebook Share on X Email</p>
<p>“We got what we came for,” the union leader said outside the terminal on Friday afternoon.</p>
<p>Passengers had waited for more than a week for the boats to run again between the islands.</p>
</article><footer>© 2025 Harbor Gazette. All rights reserved.</footer></body></html>"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_build_reads_every_format_and_writes_three_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write(src, "ferry-en.txt", EN)
    _write(src, "nested/deeper/faehre-de.txt", DE)
    _write(src, "strike.html", HTML)
    _write(
        src,
        "feed.jsonl",
        json.dumps(
            {
                "id": "rec-1",
                "url": "https://example.org/a",
                "title": "Bridge",
                "text": "The bridge opened on Monday. It cost more than planned.",
                "published": "2025-01-02T10:00:00+01:00",
                "outlet": "Example News",
            }
        ),
    )
    dossier = storyline.build([src], out=tmp_path / "out")
    by_id = {d.id: d for d in dossier.documents}
    assert set(by_id) == {"ferry-en", "faehre-de", "strike", "rec-1"}
    assert by_id["ferry-en"].language == "en" and by_id["faehre-de"].language == "de"
    assert by_id["ferry-en"].title == "Harbor Council Approves Ferry Plan"
    assert "Advertisement" not in by_id["ferry-en"].text and "Anzeige" not in by_id["faehre-de"].text
    strike = by_id["strike"]
    assert (strike.outlet, strike.published, strike.author) == ("Harbor Gazette", "2025-03-14", "Jane Miller")
    assert "Share on Facebook" not in strike.text and "union leader" in strike.text
    assert (by_id["rec-1"].published, by_id["rec-1"].outlet, by_id["rec-1"].source) == (
        "2025-01-02",
        "Example News",
        "https://example.org/a",
    )
    for name in ("dossier.json", "dossier.html", "storyline.db"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    validate_dossier(json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8")))


def test_sentence_offsets_point_into_the_text(tmp_path: Path) -> None:
    _write(tmp_path / "in", "a.txt", EN)
    document = storyline.build([tmp_path / "in"], out=tmp_path / "out").documents[0]
    sentences = [document.text[s.start : s.end] for s in document.sentences]
    assert sentences == [
        "The harbor council approved the new ferry plan on Tuesday after a long debate.",
        "“This is a good day for the island,” the mayor said after the vote.",
    ]


def test_rerun_changes_nothing_and_one_more_article_is_added(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    _write(src, "a.txt", EN)
    first = storyline.run_build([src], out)
    before = (out / "dossier.json").read_text(encoding="utf-8")
    again = storyline.run_build([src], out)
    assert (again.documents_added, again.files_skipped) == (0, 1)
    assert (out / "dossier.json").read_text(encoding="utf-8") == before
    _write(src, "b.txt", DE)
    more = storyline.run_build([src], out)
    assert (first.documents_added, more.documents_added, len(more.dossier.documents)) == (1, 1, 2)


def test_same_text_in_two_files_is_stored_once(tmp_path: Path) -> None:
    _write(tmp_path / "in", "a.txt", EN)
    _write(tmp_path / "in", "copy/a-again.txt", EN + "\n\n")
    report = storyline.run_build([tmp_path / "in"], tmp_path / "out")
    assert (report.documents_added, report.duplicates) == (1, 1)


def test_same_stem_in_two_folders_keeps_both(tmp_path: Path) -> None:
    _write(tmp_path / "in", "x/story.txt", EN)
    _write(tmp_path / "in", "y/story.txt", DE)
    ids = sorted(d.id for d in storyline.build([tmp_path / "in"], out=tmp_path / "out").documents)
    assert ids[0] == "story" and ids[1].startswith("story-") and len(ids) == 2


def test_edited_file_replaces_its_document(tmp_path: Path) -> None:
    path = _write(tmp_path / "in", "a.txt", EN)
    storyline.build([path], out=tmp_path / "out")
    path.write_text(EN.replace("Tuesday", "Wednesday"), encoding="utf-8")
    documents = storyline.build([path], out=tmp_path / "out").documents
    assert len(documents) == 1 and "Wednesday" in documents[0].text


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    _write(tmp_path / "in", "page.dat", HTML)
    _write(tmp_path / "in", "notes.html", EN)  # says HTML, is plain text
    by_id = {d.id: d for d in storyline.build([tmp_path / "in"], out=tmp_path / "out").documents}
    assert by_id["page"].format == "html" and by_id["page"].outlet == "Harbor Gazette"
    assert by_id["notes"].format == "txt" and by_id["notes"].title == "Harbor Council Approves Ferry Plan"


def test_cli_build_with_db_url(tmp_path: Path) -> None:
    _write(tmp_path / "in", "a.txt", EN)
    db = tmp_path / "elsewhere.sqlite"
    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", f"sqlite:///{db}", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert f"dossier written to {tmp_path / 'out' / 'dossier.json'}" in result.output.replace("\n", "")
    assert not (tmp_path / "out" / "storyline.db").exists()
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from documents").fetchone() == (1,)


def test_cli_validate(tmp_path: Path) -> None:
    _write(tmp_path / "in", "a.txt", EN)
    storyline.build([tmp_path / "in"], out=tmp_path / "out")
    assert CliRunner().invoke(app, ["validate", str(tmp_path / "out" / "dossier.json")]).exit_code == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 2}', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1 and "broken.json" in result.output


def test_examples_story(tmp_path: Path, examples: Path) -> None:
    dossier = storyline.build([examples], out=tmp_path / "out")
    languages = sorted(d.language for d in dossier.documents)
    assert len(dossier.documents) == 5 and languages.count("en") >= 2 and languages.count("de") >= 2
    outlets = {d.outlet for d in dossier.documents}
    assert len(outlets) == 5 and None not in outlets
    dated = [d for d in dossier.documents if d.published]
    assert len(dated) == 4 and len({d.published for d in dated}) == 4


def test_a_language_without_a_profile_still_runs_with_untyped_names(tmp_path: Path) -> None:
    french = (
        "Le maire de Marseille, Jean Dupont, a inauguré le nouveau port mardi après deux ans de travaux.\n\n"
        "« C'est une belle journée pour la ville », a déclaré Jean Dupont devant les habitants réunis sur le quai."
    )
    _write(tmp_path / "in", "port.txt", french)
    dossier = storyline.build([tmp_path / "in"], out=tmp_path / "out")
    [document] = dossier.documents
    assert document.language == "fr"
    names = {e.name: e.type for e in dossier.entities}
    # No French model: names are found by the capitalisation fallback and left untyped ("name").
    assert names.get("Jean Dupont") == "name"
    assert [q.text for q in dossier.quotes] == ["C'est une belle journée pour la ville"]
