"""One registry for everything storyline knows about a language.

A language is a :class:`LanguageProfile`: data loaded from ``data/<code>.toml``
and ``data/<code>/<section>.toml``
(boilerplate lines, metadata patterns, month names, abbreviations, and the
sections later stages add such as speech verbs or family terms) plus named
components registered in code (sentence splitter, NER, ...), the way spaCy
registers factories. Adding a language means adding a data file (and, where it
needs one, a component registration) — never an ``if lang == ...`` branch.

Third-party packages can add languages through the ``storyline.languages``
entry-point group; each entry point names a callable returning a profile.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from typing import Any

DATA_PACKAGE = "storyline.language.data"
COMMON_FILE = "common.toml"


@dataclass(frozen=True)
class LanguageProfile:
    """What storyline knows about one language: data sections and components."""

    code: str
    name: str
    data: dict[str, Any]
    components: dict[str, Callable[..., Any]] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """A data section (``{}`` when the language does not define it)."""
        return self.data.get(name, {})

    def patterns(self, section: str, key: str, *, ignore_case: bool = True) -> list[re.Pattern[str]]:
        """Compiled regexes from a list of patterns in a data section."""
        flags = re.IGNORECASE if ignore_case else 0
        return [re.compile(p, flags) for p in self.section(section).get(key, [])]

    def pattern(self, section: str, key: str) -> re.Pattern[str] | None:
        """One compiled regex (inline flags as written in the data file)."""
        source = self.section(section).get(key)
        return re.compile(source) if source else None


class LanguageRegistry:
    """Holds the registered language profiles and the language-independent data."""

    def __init__(self) -> None:
        self._profiles: dict[str, LanguageProfile] = {}
        self._common: dict[str, Any] = {}

    def register(self, profile: LanguageProfile) -> LanguageProfile:
        self._profiles[profile.code] = profile
        return profile

    def register_component(self, code: str, name: str) -> Callable[[Callable[..., Any]], Any]:
        """Decorator: register ``func`` as component ``name`` of language ``code``."""

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.get(code).components[name] = func
            return func

        return decorator

    def get(self, code: str) -> LanguageProfile:
        try:
            return self._profiles[code]
        except KeyError:
            known = ", ".join(sorted(self._profiles)) or "none"
            raise KeyError(f"no language profile {code!r} (registered: {known})") from None

    def find(self, code: str | None) -> LanguageProfile | None:
        return self._profiles.get(code) if code else None

    @property
    def codes(self) -> list[str]:
        return sorted(self._profiles)

    def profiles(self) -> Iterable[LanguageProfile]:
        return (self._profiles[code] for code in self.codes)

    @property
    def common(self) -> dict[str, Any]:
        return self._common

    def load_builtin(self) -> None:
        """Load ``data/*.toml`` shipped with storyline, then entry-point languages."""
        root = resources.files(DATA_PACKAGE)
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".toml"):
                continue
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            if entry.name == COMMON_FILE:
                self._common = data
                continue
            # Sections may also live in data/<code>/<section>.toml (one file per stage's knowledge).
            folder = root / data["code"]
            if folder.is_dir():
                for extra in sorted(folder.iterdir(), key=lambda e: e.name):
                    if extra.name.endswith(".toml"):
                        data[extra.name.removesuffix(".toml")] = tomllib.loads(extra.read_text(encoding="utf-8"))
            self.register(LanguageProfile(code=data["code"], name=data["name"], data=data))
        for point in metadata.entry_points(group="storyline.languages"):
            self.register(point.load()())


@cache
def default_registry() -> LanguageRegistry:
    """The process-wide registry with the built-in languages loaded."""
    registry = LanguageRegistry()
    registry.load_builtin()
    return registry
