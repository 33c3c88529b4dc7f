"""Bad input never stops a build: one clear line per problem, the rest is read, exit codes follow the rules.

Every input is generated in ``tmp_path``. The rules checked here (see ``storyline/cli.py``):

* each problem is one line ``error: FILE: reason`` (``FILE:LINE`` for JSONL records) on stderr;
* the other files are read and stored as usual;
* exit 0 normally, 1 with ``--strict`` when there were problems, 2 when nothing at all could be read;
* nothing already in the store is lost when a later build meets bad files.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import storyline
from storyline.cli import app

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# ----------------------------------------------------------------------------- articles (written for these tests)

COUNCIL = (
    "Council approves bus lanes on Harbour Road\n\n"
    "The city council of Portmere voted on Tuesday evening to create dedicated bus lanes along Harbour Road, "
    "one of the busiest streets in the old town. Mayor Helen Dorsey said the change would cut journey times "
    "for about twelve thousand daily passengers. Shop owners on the street warned that losing parking spaces "
    "could hurt their business during the summer season.\n\n"
    "Construction is planned to start in March and should take about six weeks, a spokesperson for the "
    "transport department said.\n"
)
FLOOD = (
    "River Tamsin reaches record level after storms\n\n"
    "Emergency services in the valley evacuated more than two hundred homes on Sunday after the River Tamsin "
    "rose above its highest recorded level. The regional fire chief, Omar Haddad, said crews had worked through "
    "the night to reinforce the embankment near the railway bridge. Forecasters expect the water to fall slowly "
    "over the next three days, but more rain is possible on Wednesday.\n"
)
BAHN = (
    "Neue Nachtzüge zwischen Hamburg und Wien\n\n"
    "Die Bahn will ab Dezember wieder täglich Nachtzüge zwischen Hamburg und Wien fahren lassen. "
    "Eine Sprecherin des Unternehmens sagte am Montag, die Nachfrage sei in den vergangenen zwei Jahren "
    "deutlich gestiegen. Fahrgastverbände begrüßten die Entscheidung, kritisierten aber die hohen Preise "
    "für Schlafwagenabteile.\n"
)
# cp1252: typographic quotes and the euro sign live in 0x80-0x9F, where latin-1 has control codes.
CP1252_TEXT = (
    "Streit um die neue Stadthalle\n\n"
    "Der Bürgermeister nannte die Entscheidung des Stadtrats am Dienstag „einen großen Fehler“. "
    "Die Baukosten für die neue Stadthalle sind nach Angaben der Verwaltung auf 48 Millionen € gestiegen. "
    "“We will not give up,” sagte ein Vertreter der britischen Partnerstadt, der zu Besuch war. "
    "Die Opposition fordert nun eine unabhängige Prüfung aller Verträge.\n"
)
LATIN1_TEXT = (
    "Straßenbahn nach Süden wird verlängert\n\n"
    "Die Straßenbahn in Großenhain soll bis zum Jahr 2030 um vier Haltestellen nach Süden verlängert werden. "
    "Die Bürger äußerten sich bei einer Versammlung überwiegend positiv über die Pläne der Stadtverwaltung. "
    "Größere Änderungen am Fahrplan der Busse sind nach Auskunft der Verkehrsbetriebe nicht vorgesehen.\n"
)
MUSEUM_P1 = (
    "The Kelvin Museum of Science reopened on Saturday after a two-year renovation that cost nine million pounds. "
    "Director Ruth Abara said the new galleries would let visitors handle more than three hundred objects."
)
MUSEUM_P2 = "A second wing, devoted to the history of computing, is scheduled to open next autumn once the"
WARC_BODY = (
    "Farmers in the northern plains have started the harvest two weeks earlier than usual after an unusually "
    "warm spring. Agricultural officials said yields of wheat were expected to be close to the ten-year average. "
    "Prices on the regional grain market fell slightly on the news."
)
JSONL_BODY = (
    "The national statistics office said on Thursday that unemployment fell to its lowest level in eleven years. "
    "Economists had expected a smaller decline, citing weak demand in manufacturing and construction."
)


def png_bytes() -> bytes:
    """A PNG-looking blob: signature, IHDR chunk and compressed pixel data (full of NULs)."""
    ihdr = b"\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91\x68\x36"
    pixels = zlib.compress(bytes(range(256)) * 8)
    return b"\x89PNG\r\n\x1a\n" + ihdr + len(pixels).to_bytes(4, "big") + b"IDAT" + pixels + b"\x00" * 12


def write_big_text(path: Path, megabytes: int = 50) -> None:
    line = b"This line repeats to make a text file far larger than any single news article could be.\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(block[: 1024 * 1024])


def write_warc_gz(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        body = (
            "<!doctype html><html><head><title>Early harvest on the northern plains</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article>"
            "<h1>Early harvest on the northern plains</h1><p>" + WARC_BODY + "</p></article>"
            "<footer>© Plains Courier</footer></body></html>"
        ).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page_uri = "https://plains-courier.example/2024/harvest"
        writer.write_record(
            writer.create_warc_record(page_uri, "response", payload=io.BytesIO(body), http_headers=headers)
        )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        logo_uri = "https://plains-courier.example/logo.png"
        writer.write_record(
            writer.create_warc_record(logo_uri, "response", payload=io.BytesIO(png_bytes()), http_headers=image)
        )


# ----------------------------------------------------------------------------- helpers


def cli(*args: str | Path):  # -> typer.testing.Result
    result = CliRunner().invoke(app, ["build", *map(str, args), "-q"])
    # A crash is never an acceptable answer to bad input; typer.Exit shows up as SystemExit.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def error_lines(result) -> list[str]:
    return [line for line in ANSI.sub("", result.stderr).splitlines() if line.startswith("error:")]


def stored(out: Path) -> dict[str, str]:
    """id -> text of every document in the build's SQLite store."""
    with sqlite3.connect(out / "storyline.db") as connection:
        return dict(connection.execute("SELECT id, text FROM documents"))


def good_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "council.txt").write_text(COUNCIL, encoding="utf-8")
    (folder / "bahn.txt").write_text(BAHN, encoding="utf-8")
    return folder


# ----------------------------------------------------------------------------- one bad file among good ones

BadWriter = Callable[[Path], None]
BAD_FILES: dict[str, tuple[str, BadWriter, str]] = {
    "png": ("logo.png", lambda p: p.write_bytes(png_bytes()), "binary content"),
    "png-named-txt": ("notes.txt", lambda p: p.write_bytes(png_bytes()), "binary content"),
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "empty file"),
    "whitespace": ("blank.txt", lambda p: p.write_bytes(b"  \n\t\n   \r\n\n"), "empty"),
    "too-large": ("dump.txt", write_big_text, "too large"),
    "broken-warc": ("crawl.warc", lambda p: p.write_bytes(bytes(range(7, 256)) * 40), "not a readable WARC archive"),
    "truncated-warc-gz": (
        "cut.warc.gz",
        lambda p: (write_warc_gz(p), p.write_bytes(p.read_bytes()[:300])),
        "no articles found",
    ),
    "warc-without-target-uri": (
        "odd.warc",
        lambda p: p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n<html><p>short"),
        "not a readable WARC archive",
    ),
    "blank-jsonl": ("feed.jsonl", lambda p: p.write_bytes(b"\n\n  \n"), "no articles found"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_one_error_and_the_build_goes_on(tmp_path: Path, case: str) -> None:
    name, write, reason = BAD_FILES[case]
    folder = good_folder(tmp_path / "in")
    bad = folder / name
    write(bad)

    result = cli(folder, "--out", tmp_path / "out")

    assert result.exit_code == 0, result.output
    errors = error_lines(result)
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {bad}: "), errors
    assert reason in errors[0]
    assert "\n" not in errors[0] and len(errors[0]) < 300
    assert set(stored(tmp_path / "out")) == {"council", "bahn"}

    strict = cli(folder, "--out", tmp_path / "strict", "--strict")
    assert strict.exit_code == 1, strict.output
    assert set(stored(tmp_path / "strict")) == {"council", "bahn"}

    alone = cli(bad, "--out", tmp_path / "alone")
    assert alone.exit_code == 2, alone.output
    assert "nothing could be read" in alone.stderr
    assert len(error_lines(alone)) == 1


def test_counts_from_run_build(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    for name, write, _ in BAD_FILES.values():
        write(folder / name)

    report = storyline.run_build([folder], tmp_path / "out")

    assert report.files_seen == 2 + len(BAD_FILES)
    assert report.documents_added == 2
    assert len(report.problems) == len(BAD_FILES)
    assert {Path(p.origin).name for p in report.problems} == {name for name, _, _ in BAD_FILES.values()}
    assert sorted(d.id for d in report.dossier.documents) == ["bahn", "council"]
    assert report.json_path.exists() and report.html_path.exists()


def test_identical_bad_files_are_each_reported(tmp_path: Path) -> None:
    """Same bytes must not make the second file count as 'unchanged' (all empty files share one hash)."""
    folder = good_folder(tmp_path / "in")
    for name in ("a.png", "b.txt"):
        (folder / name).write_bytes(png_bytes())
    for name in ("c.txt", "d.md"):
        (folder / name).write_bytes(b"")

    result = cli(folder, "--out", tmp_path / "out")

    reported = sorted(Path(line.split(": ")[1]).name for line in error_lines(result))
    assert reported == ["a.png", "b.txt", "c.txt", "d.md"], result.stderr


def test_missing_path_is_an_error_and_others_are_read(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    missing = tmp_path / "nowhere" / "gone.txt"

    result = cli(missing, folder, "--out", tmp_path / "out")

    assert result.exit_code == 0, result.output
    assert error_lines(result) == [f"error: {missing}: no such file or folder"]
    assert set(stored(tmp_path / "out")) == {"council", "bahn"}


def test_error_names_a_file_with_brackets_verbatim(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    bad = folder / "notes[draft].txt"
    bad.write_bytes(b"")

    result = cli(folder, "--out", tmp_path / "out")

    assert error_lines(result) == [f"error: {bad}: empty file"]


# ----------------------------------------------------------------------------- the rule for nothing read


def test_only_bad_files_exit_2_every_time(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "logo.png").write_bytes(png_bytes())
    (folder / "empty.txt").write_bytes(b"")

    first = cli(folder, "--out", tmp_path / "out")
    assert first.exit_code == 2, first.output
    assert len(error_lines(first)) == 2

    # A re-run must not count the bad files as "unchanged" and succeed silently.
    again = cli(folder, "--out", tmp_path / "out", "--strict")
    assert again.exit_code == 2, again.output
    assert len(error_lines(again)) == 2


def test_problems_are_reported_again_on_a_rerun(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    (folder / "logo.png").write_bytes(png_bytes())
    out = tmp_path / "out"

    assert cli(folder, "--out", out, "--strict").exit_code == 1
    again = cli(folder, "--out", out, "--strict")
    assert again.exit_code == 1, again.output
    assert [line.split(": ")[1] for line in error_lines(again)] == [str(folder / "logo.png")]


# ----------------------------------------------------------------------------- legacy encodings


@pytest.mark.parametrize(
    ("encoding", "text", "must_contain"),
    [
        ("cp1252", CP1252_TEXT, ["„einen großen Fehler“", "48 Millionen €", "“We will not give up,”", "Bürgermeister"]),
        ("latin-1", LATIN1_TEXT, ["Straßenbahn", "Großenhain", "äußerten", "Größere Änderungen", "Süden"]),
    ],
)
def test_legacy_encodings_decode_correctly(tmp_path: Path, encoding: str, text: str, must_contain: list[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really not UTF-8
    (folder / "legacy.txt").write_bytes(raw)

    report = storyline.run_build([folder], tmp_path / "out")

    assert report.problems == []
    (document,) = report.dossier.documents
    for fragment in must_contain:
        assert fragment in document.text
    assert "\ufffd" not in document.text
    assert document.language == "de"
    assert stored(tmp_path / "out")["legacy"] == document.text


# ----------------------------------------------------------------------------- truncated HTML


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param("<p>" + MUSEUM_P2, id="mid-paragraph"),
        pytest.param('<p class="lead" data-x=\'', id="mid-tag"),
        pytest.param("</p><p>Second par", id="mid-word"),
    ],
)
def test_truncated_html_is_extracted(tmp_path: Path, tail: str) -> None:
    """Cut-off HTML (no closing tags) is read for the text it has; it is not an error."""
    folder = tmp_path / "in"
    folder.mkdir()
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Kelvin Museum reopens</title></head>"
        "<body><article><h1>Kelvin Museum reopens after renovation</h1><p>" + MUSEUM_P1 + "</p>" + tail
    )
    (folder / "museum.html").write_text(page, encoding="utf-8")

    result = cli(folder, "--out", tmp_path / "out", "--strict")

    assert result.exit_code == 0, result.output
    assert error_lines(result) == []
    text = stored(tmp_path / "out")["museum"]
    assert "Director Ruth Abara said the new galleries" in text
    assert "<" not in text


# ----------------------------------------------------------------------------- JSONL, line by line


def test_jsonl_errors_name_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    lines = [
        json.dumps({"id": "jobs-1", "title": "Unemployment at eleven-year low", "text": JSONL_BODY}),
        "{this is not json",
        json.dumps([{"text": JSONL_BODY}]),
        json.dumps({"id": "no-body", "title": "A record without text", "url": "https://example.org/x"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = cli(folder, "--out", tmp_path / "out")

    assert result.exit_code == 0, result.output
    errors = error_lines(result)
    assert [line.split(": ")[1] for line in errors] == [f"{feed}:2", f"{feed}:3", f"{feed}:4"], errors
    assert "not a JSON object" in errors[0]
    assert "expected a JSON object, got list" in errors[1]
    assert "neither 'text' nor 'html'" in errors[2]
    assert set(stored(tmp_path / "out")) == {"jobs-1"}
    assert cli(folder, "--out", tmp_path / "strict", "--strict").exit_code == 1


# ----------------------------------------------------------------------------- WARC


def test_warc_gz_html_response_is_read_and_broken_warc_is_one_error(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    write_warc_gz(folder / "crawl.warc.gz")
    broken = folder / "broken.warc"
    broken.write_bytes(b"\x8f\x02garbage\x00\xff" * 300)

    result = cli(folder, "--out", tmp_path / "out")

    assert result.exit_code == 0, result.output
    errors = error_lines(result)
    assert len(errors) == 1 and errors[0].startswith(f"error: {broken}: not a readable WARC archive"), errors
    assert len(errors[0]) < 200  # the reason, not a dump of the garbage
    report = storyline.run_build([folder], tmp_path / "again")
    (page,) = [d for d in report.dossier.documents if d.format == "warc"]
    assert page.source == "https://plains-courier.example/2024/harvest"
    assert "Agricultural officials said yields of wheat" in page.text
    assert "Home" not in page.text.split("\n")[0]
    assert page.language == "en"


# ----------------------------------------------------------------------------- the store keeps what it has


def test_nothing_already_in_the_store_is_lost(tmp_path: Path) -> None:
    folder = good_folder(tmp_path / "in")
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    out = tmp_path / "out"
    first = storyline.run_build([folder], out)
    assert first.problems == [] and first.documents_added == 3
    before = stored(out)

    for name, write, _ in BAD_FILES.values():
        write(folder / name)
    (folder / "truncated.html").write_text("<html><body><p>" + MUSEUM_P1, encoding="utf-8")
    (folder / "feed.jsonl").write_text("not json\n[1, 2]\n", encoding="utf-8")  # replaces the blank one

    second = storyline.run_build([folder], out)

    assert second.files_skipped == 3
    assert second.documents_added == 1  # the truncated HTML page
    assert len(second.problems) == len(BAD_FILES) + 1  # blank feed.jsonl became two bad lines
    after = stored(out)
    assert {k: after[k] for k in before} == before
    assert sorted(d.id for d in second.dossier.documents) == sorted([*before, "truncated"])
    saved = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(saved["documents"]) == 4

    result = cli(folder, "--out", out, "--strict")
    assert result.exit_code == 1
    assert stored(out) == after
