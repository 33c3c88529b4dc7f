"""Reading files into raw articles: txt, HTML, JSONL and WARC, sniffed not trusted.

Each reader yields :class:`RawArticle` records or :class:`IngestProblem`
records; a problem names the file (and line or record) and the reason in one
line, and reading goes on with the rest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from storyline.records import RawArticle

Format = Literal["txt", "html", "jsonl", "warc"]
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # one article larger than this is not an article
SNIFF_BYTES = 4096
EXTENSIONS: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
}


@dataclass(frozen=True)
class IngestProblem:
    """A one-line, user-facing reason why (part of) a file was not read."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class UnreadableFile(Exception):
    """Raised by the decoding helpers; turned into an :class:`IngestProblem`."""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestProblem]:
    """Files under ``paths`` (folders recursively, hidden entries skipped), sorted."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield IngestProblem(str(path), "no such file or folder")


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sniff_format(path: Path, head: bytes) -> Format:
    """Decide the format from the bytes, using the extension only as a tie-break."""
    if head[:2] == b"\x1f\x8b":
        head = _gunzip_head(path)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0]
        if first_line.rstrip().endswith(b"}") or path.suffix.lower() in (".jsonl", ".ndjson"):
            return "jsonl"
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
        tag in stripped[:SNIFF_BYTES] for tag in (b"<body", b"<head", b"<p>", b"<div", b"<article")
    ):
        return "html"
    # No markup found: a structured extension still decides (its reader reports
    # broken content line by line); an ".html" without markup is plain text.
    by_extension = EXTENSIONS.get(_suffix(path))
    return by_extension if by_extension in ("jsonl", "warc") else "txt"


def decode_bytes(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected legacy charset."""
    if not data.strip():
        raise UnreadableFile("empty file")
    if _looks_binary(data):
        raise UnreadableFile("binary content, not text (NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | IngestProblem]:
    """Every article in one file, or problems explaining why not."""
    origin = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        yield IngestProblem(origin, f"cannot read: {error.strerror or error}")
        return
    if size == 0:
        yield IngestProblem(origin, "empty file")
        return
    fmt = sniff_format(path, head)
    if fmt == "jsonl":
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    if fmt == "warc":
        yield from read_warc(path, max_bytes=max_bytes)
        return
    if size > max_bytes:
        yield IngestProblem(origin, f"too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
        return
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            yield IngestProblem(origin, f"broken gzip data: {error}")
            return
    try:
        text = decode_bytes(data)
    except UnreadableFile as error:
        yield IngestProblem(origin, str(error))
        return
    stem = path.name.split(".")[0] or path.name
    if fmt == "html":
        yield RawArticle(origin=origin, source=origin, default_id=stem, format="html", html=text)
    else:
        yield RawArticle(origin=origin, source=origin, default_id=stem, format="txt", text=text)


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | IngestProblem]:
    """One article per line: ``url``, ``title``, ``text`` or ``html``, optional metadata."""
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as handle:
        for number, raw_line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not raw_line.strip():
                continue
            if len(raw_line) > max_bytes:
                yield IngestProblem(origin, f"record too large ({len(raw_line) / 1e6:.1f} MB)")
                continue
            try:
                record = json.loads(decode_bytes(raw_line))
            except (json.JSONDecodeError, UnreadableFile) as error:
                yield IngestProblem(origin, f"not a JSON object ({error})")
                continue
            if not isinstance(record, dict):
                yield IngestProblem(origin, f"expected a JSON object, got {type(record).__name__}")
                continue
            body_text, body_html = record.get("text"), record.get("html")
            if not (isinstance(body_text, str) and body_text.strip()) and not (
                isinstance(body_html, str) and body_html.strip()
            ):
                yield IngestProblem(origin, "record has neither 'text' nor 'html'")
                continue
            explicit_id = record.get("id")
            url = _str_or_none(record.get("url"))
            fallback_id = hashlib.sha256((url or raw_line.decode("utf-8", "replace")).encode()).hexdigest()[:16]
            yield RawArticle(
                origin=origin,
                source=url or origin,
                default_id=str(explicit_id) if explicit_id not in (None, "") else fallback_id,
                explicit_id=explicit_id not in (None, ""),
                format="jsonl",
                text=body_text if isinstance(body_text, str) and body_text.strip() else None,
                html=body_html if not (isinstance(body_text, str) and body_text.strip()) else None,
                title=_str_or_none(record.get("title")),
                url=url,
                outlet=_str_or_none(record.get("outlet")),
                published=_str_or_none(record.get("published")),
                language=_str_or_none(record.get("language")),
            )


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | IngestProblem]:
    """HTML responses (and plain-text resources) in a WARC or WARC.gz archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{path}#{uri}"
                content_type = (
                    (record.http_headers.get_header("Content-Type") if record.http_headers else None)
                    or record.rec_headers.get_header("Content-Type")
                    or ""
                )
                if "html" not in content_type and "text/plain" not in content_type:
                    continue
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) > max_bytes:
                    yield IngestProblem(origin, "record too large")
                    continue
                try:
                    text = decode_bytes(payload)
                except UnreadableFile as error:
                    yield IngestProblem(origin, str(error))
                    continue
                published = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                is_html = "html" in content_type
                yield RawArticle(
                    origin=origin,
                    source=uri or origin,
                    default_id=hashlib.sha256(uri.encode() or payload).hexdigest()[:16],
                    format="warc",
                    html=text if is_html else None,
                    text=None if is_html else text,
                    url=uri or None,
                    published=None if is_html else published,
                )
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        yield IngestProblem(str(path), f"not a readable WARC archive ({_brief(error)})")
    except Exception as error:  # warcio raises assorted errors on malformed records; never stop the build
        yield IngestProblem(str(path), f"not a readable WARC archive ({type(error).__name__}: {_brief(error)})")


def _brief(error: BaseException) -> str:
    """One short line: warcio quotes the garbage it met ("..., first line: [...]"), which helps nobody."""
    text = str(error).split(", first line:")[0].splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _suffix(path: Path) -> str:
    """The meaningful extension: ``a.warc.gz`` -> ``.warc``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _gunzip_head(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except (OSError, EOFError):
        return b""


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


__all__ = ["IngestProblem", "decode_bytes", "file_hash", "iter_files", "read_file", "sniff_format"]
