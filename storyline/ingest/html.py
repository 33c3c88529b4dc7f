"""Main text and metadata of an HTML page, with trafilatura.

trafilatura does the extraction; storyline asks it for news-article text only
(no reader comments: they are not the outlet's text) and then runs the same
line-level boilerplate filter as for plain text over the result, which removes
furniture that survives inside the article container (share bars, "Related:"
teasers, credits). ``bench/extraction_*.py`` measure this against plain
trafilatura.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from storyline.ingest.boilerplate import default_filter

# Settings chosen on the extraction benchmarks (docs/benchmarks.md).
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
}


@dataclass(frozen=True)
class HtmlExtraction:
    text: str
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article of ``html``; ``text`` is ``""`` when there is none."""
    result = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    if result is None:
        return HtmlExtraction("", None, None, None, None, None)
    lines = (result.text or "").split("\n")
    if lines and result.title and lines[0].strip() == result.title.strip():
        lines = lines[1:]  # the headline is kept as the title, not as body text
    kept = [j.line for j in default_filter().judge(lines, shapes=False) if j.keep]
    return HtmlExtraction(
        text="\n".join(kept).strip(),
        title=result.title or None,
        author=result.author or None,
        published=result.date or None,
        outlet=result.sitename or None,
        language=getattr(result, "language", None) or None,
    )
