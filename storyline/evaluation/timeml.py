"""Readers for annotated temporal-expression corpora in ../shared/datasets.

* TempEval-3 (TimeML ``.tml``, TIMEX3): ``Training/TBAQ-cleaned`` (TimeBank + AQUAINT) for
  development, ``Evaluation/te3-platinum`` as the test set. The document creation time (DCT) is
  the TIMEX3 with ``functionInDocument="CREATION_TIME"``; it is not part of the gold set (the
  official scorer skips it too). Only expressions inside ``<TEXT>`` are read, and the text the
  tagger sees is that element's text with all markup removed.
* WikiWarsDE (TIMEX2, inline ``keyinline/*.key.xml``): 22 German Wikipedia war articles. The DCT
  is the ``<DATETIME>`` TIMEX2 (the download date); TIMEX2 has no ``type``, only ``val``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.datasets import shared_root

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^>]*?)?)\s*(/?)>")
ATTRIBUTE = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None  # None: extent only (the German dev set's expressions that need a document date)
    mod: str | None = None


@dataclass
class TimexDocument:
    id: str
    language: str
    text: str
    dct: str | None
    gold: list[GoldTimex] = field(default_factory=list)


def _strip(markup: str, tag: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Text without markup, and the spans of every ``tag`` element with its attributes."""
    out: list[str] = []
    length = 0
    open_stack: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    position = 0
    for match in TAG.finditer(markup):
        chunk = ENTITY.sub(lambda m: html.unescape(m.group(0)), markup[position : match.start()])
        out.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name, attributes, selfclosing = match.groups()
        if name != tag or selfclosing:
            continue
        if closing:
            if open_stack:
                start, attrs = open_stack.pop()
                spans.append((start, length, attrs))
        else:
            open_stack.append((length, dict(ATTRIBUTE.findall(attributes or ""))))
    chunk = ENTITY.sub(lambda m: html.unescape(m.group(0)), markup[position:])
    out.append(chunk)
    return "".join(out), spans


def _inner(markup: str, element: str) -> str | None:
    match = re.search(rf"<{element}(?:\s[^>]*)?>(.*?)</{element}>", markup, re.DOTALL)
    return match.group(1) if match else None


def read_tml(path: Path) -> TimexDocument:
    raw = path.read_text(encoding="utf-8")
    dct = None
    for attributes in re.findall(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(ATTRIBUTE.findall(attributes))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    body = _inner(raw, "TEXT") or ""
    text, spans = _strip(body, "TIMEX3")
    gold = [
        GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""), a.get("mod"))
        for s, e, a in sorted(spans)
        if a.get("functionInDocument") != "CREATION_TIME"
    ]
    return TimexDocument(path.name.removesuffix(".tml"), "en", text, dct, gold)


def read_timex2(path: Path) -> TimexDocument:
    raw = path.read_text(encoding="utf-8")
    datetime = _inner(raw, "DATETIME") or ""
    dct_match = re.search(r'val="([^"]+)"', datetime)
    dct = dct_match.group(1) if dct_match else (re.sub(r"<[^>]+>", "", datetime).strip() or None)
    body = _inner(raw, "TEXT") or ""
    text, spans = _strip(body, "TIMEX2")
    gold = [GoldTimex(s, e, text[s:e], "", a.get("val", ""), a.get("mod")) for s, e, a in sorted(spans)]
    doc_id = path.name.removesuffix(".key.xml")
    return TimexDocument(doc_id, "de", text, dct, gold)


def tempeval_root() -> Path:
    return shared_root() / "datasets" / "tempeval3"


def wikiwarsde_root() -> Path:
    return shared_root() / "datasets" / "wikiwarsde" / "WikiWarsDE_20110412"


def tempeval3(split: str = "test") -> Iterator[TimexDocument]:
    """``test``: te3-platinum (20 docs); ``train``: TimeBank + AQUAINT (256 docs)."""
    root = tempeval_root()
    folder = root / "Evaluation" / "te3-platinum" if split == "test" else root / "Training" / "TBAQ-cleaned"
    for path in sorted(folder.rglob("*.tml")):
        yield read_tml(path)


# Documents looked at while writing the German rules (their extents and values); all 22 are reported,
# and the scores without these two as well.
WIKIWARSDE_DEV = ("06_KoreanWar", "21_NigerianCivilWar")


def wikiwarsde(split: str = "all") -> Iterator[TimexDocument]:
    """``all`` (22 docs), ``dev`` (the two documents in ``WIKIWARSDE_DEV``) or ``heldout`` (the other 20)."""
    for path in sorted((wikiwarsde_root() / "keyinline").glob("*.key.xml")):
        doc = read_timex2(path)
        is_dev = doc.id in WIKIWARSDE_DEV
        if split == "all" or (split == "dev" and is_dev) or (split == "heldout" and not is_dev):
            yield doc
