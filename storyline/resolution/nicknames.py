"""Nicknames an article introduces for a person, and their later uses.

"Britney Spears, known as the 'Princess of Pop'", "X, dubbed "Y"", "X (nicknamed Y)", „X, genannt
„Y““, „X, den alle nur „Y“ nennen“: the cue words come from the language's references.toml
(``nickname_cues``; a cue holding ``{nick}`` places the nickname inside it, any other is followed by
it). The nickname right after a person's name then means that person: its later uses in the same
article, and in the story's other articles when no other person was given the same nickname.
Quotation marks around a nickname stay the quote extractor's business (a ``title``/``scare`` quote,
no speaker); here only the words inside count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from storyline.language.registry import default_registry
from storyline.records import Document, Entity

OPEN = "\"“„'‘‚«»‹›"
CLOSE = "\"”“'’‘»«›‹"
QUOTED = rf"[{OPEN}](?P<quoted>[^{OPEN}{CLOSE}\n]{{2,40}}?)[{CLOSE}]"
BARE = r"(?P<bare>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})"
MAX_GAP = 3  # spaces between the name and the comma or bracket before its cue


@dataclass(frozen=True)
class NicknameUse:
    """A nickname span (without quotation marks) meaning ``entity``; ``introduced`` where the cue gives it."""

    doc: str
    start: int
    end: int
    text: str
    entity: str
    introduced: bool


@cache
def _cue_patterns(code: str | None) -> tuple[re.Pattern[str], ...]:
    entry = default_registry().find(code) if code else None
    cues = entry.section("references").get("nickname_cues", []) if entry else []
    nick = rf"(?:{QUOTED}|{BARE})"
    spelled = [cue.replace("{nick}", nick) if "{nick}" in cue else rf"{cue}\s+{nick}" for cue in cues]
    # a comma or bracket must set the cue off: "X, dubbed Y" introduces a nickname, "X called Y" is a phone call
    return tuple(re.compile(rf"\s{{0,{MAX_GAP}}}[,(]\s*(?:{cue})") for cue in spelled)


def _nickname(match: re.Match[str]) -> tuple[int, str] | None:
    """Start and words of the nickname: quoted as written, bare only its capitalised words."""
    if match.group("quoted"):
        raw, start = match.group("quoted"), match.start("quoted")
        text = raw.strip()
        return start + raw.index(text[:1]) if text else start, text
    words = []
    for word in match.group("bare").split():
        if not word[:1].isupper():
            break
        words.append(word)
    if not words:
        return None
    start = match.start("bare")
    end = match.group("bare").index(words[-1], len(" ".join(words[:-1]))) + len(words[-1])
    return start, match.group("bare")[:end]


def _introductions(document: Document, names: list[tuple[int, int, str]]) -> list[NicknameUse]:
    patterns = _cue_patterns(document.language)
    found = []
    for _start, end, entity in names:
        for pattern in patterns:
            match = pattern.match(document.text, end)
            nickname = _nickname(match) if match else None
            if nickname and len(nickname[1]) > 1:
                start, text = nickname
                found.append(NicknameUse(document.id, start, start + len(text), text, entity, True))
                break
    return found


def find_nicknames(documents: list[Document], people: list[Entity]) -> list[NicknameUse]:
    """Every introduced nickname and each later use of it (same article, or unambiguous across the story)."""
    names: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in people:
        for mention in entity.mentions:
            names[mention.doc].append((mention.start, mention.end, entity.id))
    introduced = [use for d in documents for use in _introductions(d, sorted(names.get(d.id, [])))]
    owners: dict[str, set[str]] = defaultdict(set)
    local: dict[tuple[str, str], set[str]] = defaultdict(set)
    for use in introduced:
        owners[use.text].add(use.entity)
        local[(use.doc, use.text)].add(use.entity)
    uses = list(introduced)
    taken = {(u.doc, u.start) for u in introduced}
    for document in documents:
        for nickname, entities in owners.items():
            here = local.get((document.id, nickname), entities)
            if len(here) != 1:
                continue
            entity = next(iter(here))
            for match in re.finditer(rf"(?<!\w){re.escape(nickname)}(?!\w)", document.text):
                if (document.id, match.start()) not in taken:
                    uses.append(NicknameUse(document.id, match.start(), match.end(), nickname, entity, False))
    return sorted(uses, key=lambda u: (u.doc, u.start))
