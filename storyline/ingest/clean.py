"""From a raw article (text or HTML) to cleaned text plus metadata.

Plain text goes through metadata detection (header, dateline, byline, footer
lines), boilerplate removal and title detection. HTML goes through trafilatura
first (``storyline.ingest.html``). Paragraphs of the cleaned text are separated
by one blank line; all later offsets point into that text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storyline.ingest.boilerplate import default_filter
from storyline.ingest.html import extract_html
from storyline.ingest.metadata import default_metadata_reader, normalise_published
from storyline.records import RawArticle

PARAGRAPH_BREAK = "\n\n"
MAX_TITLE_WORDS = 30
INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CleanArticle:
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    author: str | None
    language_hint: str | None
    removed_lines: int


def normalise(text: str) -> str:
    """NFC, unified line ends, no control characters, single inner spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    return "\n".join(INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))


def clean_article(raw: RawArticle) -> CleanArticle:
    if raw.html is not None:
        page = extract_html(raw.html, url=raw.url)
        body = clean_text(page.text, has_title=True, shapes=False)
        return CleanArticle(
            text=body.text,
            title=raw.title or page.title or body.title,
            outlet=raw.outlet or page.outlet or body.outlet,
            published=normalise_published(raw.published or page.published) or body.published,
            author=page.author or body.author,
            language_hint=raw.language,
            removed_lines=body.removed_lines,
        )
    body = clean_text(raw.text or "", has_title=raw.title is not None)
    return CleanArticle(
        text=body.text,
        title=raw.title or body.title,
        outlet=raw.outlet or body.outlet,
        published=normalise_published(raw.published) or body.published,
        author=body.author,
        language_hint=raw.language,
        removed_lines=body.removed_lines,
    )


def clean_text(text: str, *, has_title: bool = False, shapes: bool = True) -> CleanArticle:
    """Clean scraped plain text; detects a headline unless one is known.

    ``shapes=False`` for text an HTML extractor already cut from the page
    structure (see :meth:`BoilerplateFilter.judge_line`).
    """
    lines = normalise(text).split("\n")
    meta = default_metadata_reader().read(lines)
    judgements = default_filter().judge(lines, shapes=shapes)
    kept: list[str] = []
    removed = 0
    for index, judgement in enumerate(judgements):
        line = judgement.line.strip()
        if not line:
            continue
        if index in meta.consumed or not judgement.keep:
            removed += 1
            continue
        kept.append(line)
    if kept:
        kept[-1] = default_filter().trim_trailing_prompts(kept[-1])
    title = None
    if not has_title and len(kept) > 1 and _looks_like_title(kept[0]):
        title = kept.pop(0)
    return CleanArticle(
        text=PARAGRAPH_BREAK.join(kept),
        title=title,
        outlet=meta.outlet,
        published=meta.published,
        author=meta.author,
        language_hint=None,
        removed_lines=removed,
    )


def _looks_like_title(line: str) -> bool:
    """A headline: short, and not ending like a narrative sentence."""
    words = line.split()
    if len(words) > MAX_TITLE_WORDS:
        return False
    return not line.rstrip().endswith((".", ":", ","))
