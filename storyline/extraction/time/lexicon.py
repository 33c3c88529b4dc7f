"""Compile a language's ``time`` data section into regex rules and word tables.

Everything language-specific comes from ``data/<code>/time.toml``:

* ``[words.<table>]`` maps words to values. Each table is a pattern macro:
  ``{month}`` becomes ``(?P<month>january|jan|...)`` and ``{month:month2}`` the same
  alternation under the group name ``month2``. What a table means is given by its
  name up to the first ``_`` (its *role*): ``month``, ``weekday``, ``number``,
  ``ordinal``, ``unit``, ``rel``, ``dayrel``, ``part``, ``season``, ``tod``, ``ref``,
  ``set``, ``holiday``, ``era``, ``ampm``, ``later``.
* ``[macros]``: named regex fragments, used as ``{name}`` (no group).
* ``[[rules]]``: ``name``, ``kind`` (one of the generic normalisers in
  :mod:`storyline.extraction.time.normalise`, or ``block``: the span is claimed and yields nothing),
  ``type``, ``pattern`` and optional ``value``, ``mod``, ``direction``, ``orders``, ``anaphoric``
  (resolve against the last date mentioned), ``same_period``, ``default_direction``, ``rel``,
  ``tense`` (false: always the closest date), ``tense_after_days`` (a day date follows the tense
  only against a closest date that far off), ``day_of_reference_month`` ("am 15.").
* ``[tense] past/future``: cue patterns that decide whether "in May" is the last or
  the next May (the nearest cue wins); ``past_prefix``/``future_prefix``: words right before the
  expression that decide it on their own ("since May", "by May"); ``auxiliary``: past cues that
  count for nothing right before a future cue ("were planning to"); ``perfect``: past perfect
  auxiliaries that settle the past anywhere in the sentence ("had filed ... by Wednesday");
  ``passive``: present or infinitive auxiliaries after which a participle is no past cue ("is heard");
  ``[case_sensitive] words``:
  words that only count when capitalised (English "May"); ``lowercase``: per word table, words
  that only count there in lower case (German ``dayrel`` "morgen" = tomorrow, "Morgen" = morning).

Language-independent digit macros (``{year}``, ``{day}``, ``{mon}``, ``{yy}``,
``{int}``, ``{hour}``, ``{minute}``, ``{decade}``, ``{bcyear}``, ``{num}``) are built in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline.language.registry import default_registry

DIGIT_MACROS = {
    "year": r"(?:1[0-9]{3}|20[0-9]{2})",
    "bcyear": r"[1-9][0-9]{0,3}",
    "day": r"(?:0?[1-9]|[12][0-9]|3[01])",
    "mon": r"(?:0?[1-9]|1[0-2])",
    "yy": r"[0-9]{2}",
    "int": r"[0-9]{1,3}(?:[.,][0-9])?",
    "hour": r"(?:[01]?[0-9]|2[0-3])",
    "minute": r"[0-5][0-9]",
    "decade": r"(?:1[0-9]{2}|20[0-9])",
}
# Rule options that are regexes over the text just before (``not_before``, ``need_before``: searched
# in the 40 characters before the match, anchor them with ``$``) or after (``not_after``: matched at
# the end of the match). They are case-sensitive; write ``(?i:...)`` where case does not matter.
DEFAULT_TYPES = {"duration": "DURATION", "set": "SET", "age": "AGE", "time": "TIME"}
CONTEXT_OPTIONS = ("not_before", "need_before", "not_after")
CONTEXT_CHARS = 40
MACRO = re.compile(r"\{([a-z_]+[0-9]*)(?::([a-z_]+[0-9]*))?\}")


def role(group: str) -> str:
    """``month2`` -> ``month``; ``unit_adj`` -> ``unit``."""
    return group.rstrip("0123456789").split("_")[0]


def norm_word(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split()).rstrip(".")


def alternation(words: list[str]) -> str:
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        parts.append(r"\s+".join(re.escape(piece) for piece in word.split()).replace("'", "['\u2019]"))
    return "|".join(parts) if parts else "(?!)"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    type: str
    regex: re.Pattern[str]
    priority: int
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class TimeLexicon:
    code: str
    tables: dict[str, dict[str, Any]]
    rules: list[Rule]
    past: re.Pattern[str] | None
    future: re.Pattern[str] | None
    # Prepositions right before the expression that settle its direction ("by May", "since May").
    past_prefix: re.Pattern[str] | None
    future_prefix: re.Pattern[str] | None
    # Past auxiliaries that count for nothing right before a future cue ("were planning to").
    auxiliary: re.Pattern[str] | None
    # Past perfect auxiliaries: anywhere in the sentence they settle the past ("had ... by Friday").
    perfect: re.Pattern[str] | None
    # Present or infinitive auxiliaries that make the next participle a passive ("is heard").
    passive: re.Pattern[str] | None
    case_sensitive: frozenset[str]
    lowercase_only: dict[str, frozenset[str]]
    settings: dict[str, Any]

    def lookup(self, group: str, text: str) -> Any:
        table = self.tables.get(group.rstrip("0123456789"))
        if table is None:
            return None
        return table.get(norm_word(text))

    def number(self, text: str) -> float | str | None:
        """A count from digits or number words ("twenty-five", "a few" -> "X")."""
        cleaned = norm_word(text)
        if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", cleaned):
            return float(cleaned.replace(",", "."))
        fraction = re.fullmatch(r"([0-9]+)[\s-]+([1-9])/([1-9])", cleaned)
        if fraction:
            return int(fraction.group(1)) + int(fraction.group(2)) / int(fraction.group(3))
        numbers = self.tables.get("number", {})
        if cleaned in numbers:
            return numbers[cleaned]
        total = 0.0
        for piece in re.split(r"[-\s]+", cleaned):
            value = numbers.get(piece)
            if not isinstance(value, int | float):
                return None
            total += value
        return total


def _expand(pattern: str, tables: dict[str, dict[str, Any]], macros: dict[str, str]) -> str:
    used: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name, alias = match.group(1), match.group(2)
        group = alias or name
        if name in macros:
            return f"(?:{_expand(macros[name], tables, macros)})"
        if name == "num":
            words = [w for w, v in tables.get("number", {}).items()]
            body = rf"[0-9]+(?:[\s-]+[1-9]/[1-9]|[.,][0-9]+)?|{alternation(words)}"
            tens = [w for w, v in tables.get("number", {}).items() if isinstance(v, int) and 20 <= v <= 90]
            ones = [
                w for w, v in tables.get("number", {}).items() if isinstance(v, int) and 1 <= v <= 9 and w.isalpha()
            ]
            if tens and ones:
                body = rf"(?:{alternation(tens)})[-\s](?:{alternation(ones)})|{body}"
        elif name in DIGIT_MACROS:
            body = DIGIT_MACROS[name]
        elif name in tables:
            body = alternation(list(tables[name]))
        else:
            raise ValueError(f"unknown macro {{{name}}} in time pattern {pattern!r}")
        if group in used:
            raise ValueError(f"group {group!r} used twice in {pattern!r}; write {{{name}:{group}2}}")
        used.add(group)
        return f"(?P<{group}>{body})"

    return MACRO.sub(replace, pattern)


def _cue_regex(cues: list[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", re.IGNORECASE)


def _prefix_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")\s+$", re.IGNORECASE)


def compile_lexicon(code: str, data: dict[str, Any]) -> TimeLexicon:
    tables = {name: {norm_word(k): v for k, v in words.items()} for name, words in data.get("words", {}).items()}
    macros = data.get("macros", {})
    rules = []
    for priority, spec in enumerate(data.get("rules", [])):
        source = _expand(spec["pattern"], tables, macros)
        regex = re.compile(rf"(?<![\w])(?:{source})(?![\w])", re.IGNORECASE)
        options = {k: v for k, v in spec.items() if k not in ("name", "kind", "type", "pattern")}
        for key in CONTEXT_OPTIONS:
            if key in options:
                options[key] = re.compile(_expand(options[key], tables, macros))
        kind = spec["kind"]
        rules.append(
            Rule(
                spec.get("name", kind),
                kind,
                spec.get("type", DEFAULT_TYPES.get(kind, "DATE")),
                regex,
                priority,
                options,
            )
        )
    tense = data.get("tense", {})
    return TimeLexicon(
        code=code,
        tables=tables,
        rules=rules,
        past=_cue_regex(tense.get("past", [])),
        future=_cue_regex(tense.get("future", [])),
        past_prefix=_prefix_regex(tense.get("past_prefix", [])),
        future_prefix=_prefix_regex(tense.get("future_prefix", [])),
        auxiliary=_cue_regex(tense.get("auxiliary", [])),
        perfect=_cue_regex(tense.get("perfect", [])),
        passive=_prefix_regex(tense.get("passive", [])),
        case_sensitive=frozenset(norm_word(w) for w in data.get("case_sensitive", {}).get("words", [])),
        lowercase_only={
            table: frozenset(norm_word(w) for w in words)
            for table, words in data.get("case_sensitive", {}).get("lowercase", {}).items()
        },
        settings=data.get("settings", {}),
    )


@cache
def lexicon(code: str) -> TimeLexicon:
    """The compiled time lexicon of a registered language (KeyError if it has none)."""
    profile = default_registry().get(code)
    data = profile.section("time")
    if not data:
        raise KeyError(f"language {code!r} has no time data (data/{code}/time.toml)")
    return compile_lexicon(code, data)
