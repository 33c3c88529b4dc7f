"""Reader for Korpus REDEWIEDERGABE (Brunner et al., LREC 2020): German speech, thought and writing
representation (STWR) in 19th/early-20th-century fiction and non-fiction.

``../shared/datasets/redewiedergabe/data/main/tsv/``: one TSV per sample (one token per line:
tok, normtok, lemma, pos, rfpos, sentstart, stwr, frame, speaker, intexpr, note) and
``metadata.tsv``. Only **non-fiction** samples (``fictional == "no"``, 443 newspaper and magazine
samples) are used.

Split (ours; the corpus has none): the non-fiction samples sorted by file name; the sample at
index ``i`` is **test** when ``i % 5 == 4`` (88 samples), otherwise **tune** (355).

Text: the tokens (column ``tok``, original spelling) joined with one space, except no space before
closing punctuation (``, . ; : ! ? ) ] }`` and closing quotation marks “ « ‘) and none after
opening brackets and opening quotation marks („ » ‚); a straight ``"`` closes an open „ or »
(the Grenzboten samples write „…") and otherwise alternates between opening and closing.
:attr:`RwSample.offsets` maps every token to its character span.

Gold STWR: the ``stwr`` column holds ``type.medium.id[.attributes]`` per token, ``|`` between nesting
levels; alternative types are joined by ``_`` in the documentation and by a space in this release
("indirect freeIndirect"). One :class:`GoldStwr` per id collects every token carrying that id (so it
may be discontinuous) and its types; a quote counts as type T when T is among its alternatives.
Speaker (``speaker.<id>[_<id>…]``) and introductory expression (``intexpr.<id>…``, the cue) tokens
are attached to the STWR with that id; they may lie inside it or in its frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.datasets import shared_root

SPLITS = ("test", "tune", "all")
TEST_EVERY = 5  # index % 5 == 4 -> test

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "“", "«", "‘", "'", "…", "%"}
_NO_SPACE_AFTER = {"(", "[", "{", "„", "»", "‚"}
_ID_SPLIT = re.compile(r"[_ ]")


@dataclass(frozen=True)
class GoldStwr:
    id: str
    types: frozenset[str]
    media: frozenset[str]
    tokens: tuple[int, ...]
    speaker: tuple[int, ...] = ()
    intexpr: tuple[int, ...] = ()


@dataclass(frozen=True)
class RwSample:
    id: str
    text: str
    tokens: list[str]
    offsets: list[tuple[int, int]]
    stwr: list[GoldStwr] = field(default_factory=list)
    text_type: str = ""

    def char_span(self, tokens: tuple[int, ...] | list[int]) -> tuple[int, int]:
        """The character extent of a set of tokens."""
        return self.offsets[min(tokens)][0], self.offsets[max(tokens)][1]


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into text; returns the text and each token's ``(start, end)``."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    inside = False  # within double quotation marks
    previous = ""
    opened_by_straight = False
    for token in tokens:
        space = bool(parts)
        if token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            space = False
        if previous == '"' and opened_by_straight:
            space = False
        opened_by_straight = False
        if token in ("„", "»"):
            inside = True
        elif token in ("“", "«"):
            inside = False
        elif token == '"':
            if inside:
                space = False
            else:
                opened_by_straight = True
            inside = not inside
        if space:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        previous = token
    return "".join(parts), offsets


def _ids(value: str, name: str) -> list[str]:
    if not value.startswith(name + "."):
        return []
    return [part for part in _ID_SPLIT.split(value[len(name) + 1 :]) if part]


def read_sample(path: Path, text_type: str = "") -> RwSample:
    tokens: list[str] = []
    types: dict[str, set[str]] = {}
    media: dict[str, set[str]] = {}
    members: dict[str, list[int]] = {}
    speakers: dict[str, list[int]] = {}
    intexprs: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        column = {name: index for index, name in enumerate(header)}
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < len(header):
                continue
            index = len(tokens)
            tokens.append(cells[column["tok"]])
            stwr = cells[column["stwr"]]
            if stwr != "-":
                for annotation in stwr.split("|"):
                    attributes = annotation.split(".")
                    if len(attributes) < 3:
                        continue
                    kind, medium, stwr_id = attributes[:3]
                    types.setdefault(stwr_id, set()).update(_ID_SPLIT.split(kind))
                    media.setdefault(stwr_id, set()).update(_ID_SPLIT.split(medium))
                    members.setdefault(stwr_id, []).append(index)
            for stwr_id in _ids(cells[column["speaker"]], "speaker"):
                speakers.setdefault(stwr_id, []).append(index)
            for stwr_id in _ids(cells[column["intexpr"]], "intexpr"):
                intexprs.setdefault(stwr_id, []).append(index)
    text, offsets = detokenise(tokens)
    gold = [
        GoldStwr(
            id=stwr_id,
            types=frozenset(types[stwr_id]),
            media=frozenset(media[stwr_id]),
            tokens=tuple(sorted(set(indices))),
            speaker=tuple(sorted(set(speakers.get(stwr_id, ())))),
            intexpr=tuple(sorted(set(intexprs.get(stwr_id, ())))),
        )
        for stwr_id, indices in members.items()
    ]
    gold.sort(key=lambda item: (item.tokens[0], item.id))
    return RwSample(id=path.stem, text=text, tokens=tokens, offsets=offsets, stwr=gold, text_type=text_type)


def redewiedergabe_root(root: Path | None = None) -> Path:
    return (root or shared_root()) / "datasets" / "redewiedergabe" / "data" / "main" / "tsv"


def nonfiction_files(root: Path | None = None) -> list[tuple[str, str]]:
    """``(file name, text_type)`` of the non-fiction samples, sorted by file name."""
    base = redewiedergabe_root(root)
    metadata = base / "metadata.tsv"
    if not metadata.exists():
        raise FileNotFoundError(f"{metadata}: REDEWIEDERGABE not found (is ../shared beside the repo?)")
    rows = [line.rstrip("\n").split("\t") for line in metadata.read_text(encoding="utf-8").splitlines()]
    column = {name: index for index, name in enumerate(rows[0])}
    return sorted(
        (row[column["file"]], row[column["text_type"]])
        for row in rows[1:]
        if len(row) == len(rows[0]) and row[column["fictional"]] == "no"
    )


def fiction_files(root: Path | None = None) -> list[tuple[str, str]]:
    """``(file name, text_type)`` of the **fictional** samples, sorted by file name.

    Never part of the test split (which holds non-fiction only), so free to train on.
    """
    base = redewiedergabe_root(root)
    rows = [line.rstrip("\n").split("\t") for line in (base / "metadata.tsv").read_text(encoding="utf-8").splitlines()]
    column = {name: index for index, name in enumerate(rows[0])}
    return sorted(
        (row[column["file"]], row[column["text_type"]])
        for row in rows[1:]
        if len(row) == len(rows[0]) and row[column["fictional"]] == "yes"
    )


def load_fiction(root: Path | None = None) -> list[RwSample]:
    """The fictional samples (training data only; see :func:`fiction_files`)."""
    base = redewiedergabe_root(root)
    return [read_sample(base / name, text_type) for name, text_type in fiction_files(root)]


def split_files(split: str, root: Path | None = None) -> list[tuple[str, str]]:
    if split not in SPLITS:
        raise ValueError(f"unknown REDEWIEDERGABE split {split!r}; choose from {', '.join(SPLITS)}")
    files = nonfiction_files(root)
    if split == "all":
        return files
    test = split == "test"
    return [item for index, item in enumerate(files) if (index % TEST_EVERY == TEST_EVERY - 1) == test]


def load_redewiedergabe(split: str = "test", root: Path | None = None) -> list[RwSample]:
    base = redewiedergabe_root(root)
    return [read_sample(base / name, text_type) for name, text_type in split_files(split, root)]
