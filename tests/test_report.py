"""dossier.html: offline, escaped, every sentence addressable."""

from __future__ import annotations

import re
from pathlib import Path

import storyline
from storyline.records import Document, Dossier, Quote, SentenceSpan, Speaker
from storyline.report.html import render_html

HOSTILE = 'He wrote <script>alert("x")</script> & left. <img src=x onerror=alert(1)> Then "quotes".'


def _dossier() -> Dossier:
    document = Document(
        id="d1",
        source="d1.txt",
        title="<b>Title</b>",
        outlet="Outlet & Co",
        published=None,
        language="en",
        language_confidence=1.0,
        format="txt",
        content_hash="0" * 64,
        text=HOSTILE,
        sentences=[SentenceSpan(start=0, end=50), SentenceSpan(start=51, end=len(HOSTILE))],
    )
    quote = Quote(
        id="q1",
        doc="d1",
        start=60,
        end=70,
        text="</blockquote><script>",
        kind="direct",
        speaker=Speaker(entity=None, label="an insider", anonymous=True),
    )
    return Dossier(documents=[document], quotes=[quote])


def test_article_text_is_escaped() -> None:
    html = render_html(_dossier())
    assert "<script>" not in html and "<img" not in html and "<b>Title</b>" not in html
    assert "&lt;script&gt;alert(" in html and "Outlet &amp; Co" in html


def test_items_link_to_their_sentence() -> None:
    html = render_html(_dossier())
    assert 'id="s-d1-0"' in html and 'id="s-d1-1"' in html
    assert 'href="#s-d1-1"' in html  # the quote at offset 60 is in the second sentence


def test_report_is_a_single_offline_file(tmp_path: Path, examples: Path) -> None:
    storyline.build([examples], out=tmp_path)
    html = (tmp_path / "dossier.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", html)
    assert "@import" not in html
    for document in storyline.load_dossier(tmp_path / "dossier.json").documents:
        assert f'id="doc-{document.id}"' in html


def test_a_mixed_collection_lists_its_stories_with_links_to_their_articles() -> None:
    from storyline.records import Story

    base = _dossier()
    second = base.documents[0].model_copy(update={"id": "d2", "title": "Another <story>"})
    dossier = base.model_copy(
        update={
            "documents": [*base.documents, second],
            "stories": [
                Story(id="s1", label="First & one", documents=["d1"]),
                Story(id="s2", label="B", documents=["d2"]),
            ],
        }
    )
    html = render_html(dossier)
    assert "<h3>Stories</h3>" in html and "First &amp; one" in html
    assert 'href="#doc-d2"' in html
    assert "<h3>Stories</h3>" not in render_html(base)
