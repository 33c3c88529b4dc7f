"""The build: files -> raw articles -> cleaned documents -> store -> dossier files.

Data flows one way. Ingest turns files into :class:`RawArticle` records and
cleans them; the language stage identifies the language and sentences; each
document is committed to the store on its own, so a killed build resumes; the
dossier is then assembled from everything in the store and written as JSON
(validated against the schema), HTML and the database itself.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from storyline.claims import compare_claims, extract_claims
from storyline.extraction.events import build_events
from storyline.extraction.quotes import extract_quotes
from storyline.extraction.time.anchor import document_times
from storyline.ingest.clean import clean_article
from storyline.ingest.readers import DEFAULT_MAX_BYTES, IngestProblem, file_hash, iter_files, read_file
from storyline.language.detect import detect_language
from storyline.language.names import find_names
from storyline.language.propagation import harmonise_labels, propagate_names
from storyline.language.sentences import split_sentences
from storyline.records import Document, Dossier, NameMention, QuoteMention, RawArticle, TimeExpression
from storyline.report.html import write_html
from storyline.report.json import write_dossier_json
from storyline.resolution import dossier_quotes, group_by_name, outside_times, without_descriptions
from storyline.resolution.aliases import with_aliases_seen
from storyline.resolution.attributes import link_ages, residences, with_estimated_as_of, with_references
from storyline.resolution.common_words import without_common_words
from storyline.resolution.dating import age_windows
from storyline.resolution.people import link_surnames_in_articles, merge_person_variants, person_names
from storyline.resolution.references import resolve_references
from storyline.resolution.relations import story_relations
from storyline.resolution.stated_ages import stated_births
from storyline.resolution.stories import dossier_stories
from storyline.resolution.utterances import mark_utterances
from storyline.store import Store, sqlite_url

DOSSIER_JSON = "dossier.json"
DOSSIER_HTML = "dossier.html"
STORE_FILE = "storyline.db"


@dataclass
class BuildReport:
    """What one build did: the dossier, and counts and problems for the user."""

    dossier: Dossier
    out: Path
    files_seen: int = 0
    files_skipped: int = 0
    documents_added: int = 0
    duplicates: int = 0
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def json_path(self) -> Path:
        return self.out / DOSSIER_JSON

    @property
    def html_path(self) -> Path:
        return self.out / DOSSIER_HTML


ProgressHook = Callable[[str], None]


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    db: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int | None = None,
) -> Dossier:
    """Build (or update) the dossier for ``paths`` in folder ``out``; returns the dossier."""
    return run_build(paths, out, db=db, max_bytes=max_bytes, jobs=jobs).dossier


def run_build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    db: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int | None = None,
    on_file: ProgressHook | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
) -> BuildReport:
    """Like :func:`build`, returning counts and the problems met on the way.

    Files are analysed (read, cleaned, language, names, quotes, times) in ``jobs`` worker
    processes (default: all cores); the results are committed by this process
    in input order, one document per transaction.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(dossier=Dossier(), out=out)

    def problem(item: IngestProblem) -> None:
        report.problems.append(item)
        if on_problem:
            on_problem(item)

    with Store(db or sqlite_url(out / STORE_FILE)) as store:
        pending: list[PendingFile] = []
        for item in iter_files(paths):
            if isinstance(item, IngestProblem):
                problem(item)
                continue
            report.files_seen += 1
            try:
                pending_file = PendingFile(item, file_hash(item), item.stat().st_size)
            except OSError as error:
                problem(IngestProblem(str(item), f"cannot read: {error.strerror or error}"))
                continue
            if store.has_source(pending_file.raw_hash):
                report.files_skipped += 1
                if on_file:
                    on_file(str(item))
                continue
            pending.append(pending_file)
        for pending_file, outcome in zip(pending, _analyse_all(pending, max_bytes, jobs), strict=True):
            if on_file:
                on_file(str(pending_file.path))
            _commit_file(store, pending_file, outcome, report, problem)
        report.dossier = assemble_dossier(store)
    write_dossier_json(report.dossier, out / DOSSIER_JSON)
    write_html(report.dossier, out / DOSSIER_HTML)
    return report


def assemble_dossier(store: Store) -> Dossier:
    """The story-level steps over everything in the store.

    Names across articles -> entities -> references, pronouns and attributes -> speakers ->
    events and the timeline -> quotes rendering the same utterance -> relations -> claims compared
    across articles (contradictions and consistency notes; the claims are stored). The events stage
    also estimates undated articles from the dated events they report and from the ages they state
    for people whose birth range dated articles give (``age_windows``: resolution -> windows ->
    events stage, one way), so the documents and times after it are the ones it returns; claims
    come after, so they compare ages against those estimates. A mixed folder yields one dossier
    with a story facet (``stories``: which documents tell which story, using the documents' stored
    encoder vectors), not one dossier per story: entities and quotes stay shared.
    """
    documents = store.documents()
    quotes, times = store.quotes(), store.times()
    found = without_common_words(without_descriptions(outside_times(store.mentions(), times), documents), documents)
    mentions = harmonise_labels(found, documents)
    mentions += propagate_names(documents, mentions)
    grouped = group_by_name(mentions)
    named = merge_person_variants(grouped, stated_births(grouped, documents, times))
    named = link_surnames_in_articles(named, {d.id: d.text for d in documents})
    resolution = resolve_references(documents, named, quotes, times)
    names = person_names(named)
    entities = with_references(named, resolution, residences(documents, resolution, names, times))
    entities = with_aliases_seen(entities, documents)
    timeline = build_events(documents, entities, times, age_windows(documents, resolution.ages, entities))
    documents, times = timeline.documents, timeline.times
    entities = with_estimated_as_of(entities, documents)
    speakers = mark_utterances(dossier_quotes(quotes, named, resolution.references), documents)
    relations = story_relations(documents, resolution, names, times)
    times = link_ages(times, resolution)
    claims = extract_claims(documents, entities, speakers, times, timeline.events, relations)
    contradictions, notes = compare_claims(claims, documents)
    store.replace_claims(claims)
    return Dossier(
        documents=documents,
        entities=entities,
        quotes=speakers,
        events=timeline.events,
        relations=relations,
        times=times,
        claims=claims,
        contradictions=contradictions,
        consistency_notes=notes,
        stories=dossier_stories(documents, entities, store.document_vectors()),
    )


@dataclass(frozen=True)
class PendingFile:
    path: Path
    raw_hash: str
    size: int


@dataclass(frozen=True)
class AnalysedDocument:
    document: Document
    names: list[NameMention]
    quotes: list[QuoteMention]
    times: list[TimeExpression]
    vector: bytes | None = None  # the sentence-encoder vector of title and lead (float16), for story clusters


FileOutcome = list[AnalysedDocument | IngestProblem]
PARALLEL_MIN_FILES = 4  # below this, starting worker processes costs more than it saves


def _analyse_all(pending: list[PendingFile], max_bytes: int, jobs: int | None) -> Iterator[FileOutcome]:
    jobs = jobs or os.cpu_count() or 1
    work = partial(analyse_file, max_bytes=max_bytes)
    if jobs == 1 or len(pending) < PARALLEL_MIN_FILES:
        yield from (work(p.path) for p in pending)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_die_with_parent) as pool:
        yield from pool.map(work, [p.path for p in pending], chunksize=1)


def _die_with_parent() -> None:
    """Workers must not outlive a killed build (they would hold its pipes open forever)."""
    if sys.platform == "linux":
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the call above took effect
            os._exit(1)


def analyse_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileOutcome:
    """Everything that can be done to one file without the store (runs in a worker)."""
    outcome: FileOutcome = []
    for item in _read_guarded(path, max_bytes):
        if isinstance(item, IngestProblem):
            outcome.append(item)
            continue
        document = make_document(item)
        if isinstance(document, IngestProblem):
            outcome.append(document)
            continue
        try:
            names = find_names(document)
        except Exception as error:  # an NLP failure loses the names, not the document
            outcome.append(IngestProblem(item.origin, f"names not extracted ({type(error).__name__}: {error})"))
            names = []
        try:
            quotes = extract_quotes(document.text, document.language, document.id, names)
        except Exception as error:  # a quote-finder failure loses the quotes, not the document
            outcome.append(IngestProblem(item.origin, f"quotes not extracted ({type(error).__name__}: {error})"))
            quotes = []
        try:
            times, estimate = document_times(document)
            if estimate is not None:
                document = document.model_copy(update={"published_estimate": estimate})
        except Exception as error:  # a tagger failure loses the times, not the document
            outcome.append(IngestProblem(item.origin, f"times not extracted ({type(error).__name__}: {error})"))
            times = []
        outcome.append(AnalysedDocument(document, names, quotes, times, _document_vector(document)))
    if not outcome:  # e.g. a truncated WARC.gz, or a .jsonl holding only blank lines
        outcome.append(IngestProblem(str(path), "no articles found in this file"))
    return outcome


def _document_vector(document: Document) -> bytes | None:
    """The encoder vector of the title and lead sentences; an encoder failure loses the vector, not the document."""
    from storyline.language.encoder import document_vector, vector_bytes

    try:
        lead = [document.text[s.start : s.end] for s in document.sentences[:4]]
        return vector_bytes(document_vector(document.title, lead))
    except Exception:  # the stories then fall back to names and words for this document
        return None


def _commit_file(
    store: Store,
    pending: PendingFile,
    outcome: FileOutcome,
    report: BuildReport,
    problem: Callable[[IngestProblem], None],
) -> None:
    added = problems = 0
    for item in outcome:
        if isinstance(item, IngestProblem):
            problems += 1
            problem(item)
            continue
        document = item.document
        if store.document_id_for_hash(document.content_hash) is not None:
            report.duplicates += 1
            continue
        unique = _unique_id(store, document)
        names, quotes, times = item.names, item.quotes, item.times
        if unique.id != document.id:
            names = [n.model_copy(update={"doc": unique.id}) for n in names]
            quotes = [q.model_copy(update={"doc": unique.id}) for q in quotes]
            times = [t.model_copy(update={"doc": unique.id}) for t in times]
        store.put_document(unique, names, quotes, times, item.vector)
        added += 1
    report.documents_added += added
    if problems == 0:
        # Files with problems are not recorded: a re-run reports them again (and --strict
        # fails again) instead of skipping them as "unchanged"; all empty files share a hash.
        store.record_source(str(pending.path), pending.raw_hash, pending.size, added, problems)


def _read_guarded(path: Path, max_bytes: int) -> Iterator[RawArticle | IngestProblem]:
    """:func:`read_file`, with a reader crash turned into a problem for this file only."""
    try:
        yield from read_file(path, max_bytes=max_bytes)
    except Exception as error:  # a reader bug must not stop the build; say where it happened
        yield IngestProblem(str(path), f"could not be read ({type(error).__name__}: {error})")


def make_document(raw: RawArticle) -> Document | IngestProblem:
    """Clean one raw article and add language and sentences."""
    try:
        cleaned = clean_article(raw)
    except Exception as error:  # a parser bug must not stop the build; say where it happened
        return IngestProblem(raw.origin, f"could not be cleaned ({type(error).__name__}: {error})")
    if len(cleaned.text.strip()) == 0:
        return IngestProblem(raw.origin, "no article text found after removing page furniture")
    guess = detect_language(cleaned.text)
    language, confidence = guess.code, guess.confidence
    hint = (cleaned.language_hint or "").lower().split("-")[0]
    if hint and hint != language:
        # The record's own language field wins; disagreement lowers confidence.
        language, confidence = hint, 0.5
    return Document(
        id=raw.default_id,
        source=raw.source,
        title=cleaned.title,
        outlet=cleaned.outlet,
        published=cleaned.published,
        language=language,
        language_confidence=confidence,
        author=cleaned.author,
        format=raw.format,
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        text=cleaned.text,
        sentences=split_sentences(cleaned.text, language),
        removed_lines=cleaned.removed_lines,
    )


def _unique_id(store: Store, document: Document) -> Document:
    """Keep the natural id unless another source already holds it."""
    holder = store.source_of(document.id)
    if holder is None or holder == document.source:
        return document  # new, or a newer version of the same file
    return document.model_copy(update={"id": f"{document.id}-{document.content_hash[:8]}"})
