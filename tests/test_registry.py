"""The language registry: languages are data plus registered components, never branches."""

from __future__ import annotations

from storyline.ingest.boilerplate import BoilerplateFilter
from storyline.language.registry import LanguageProfile, LanguageRegistry, default_registry


def test_builtin_languages_and_sections_snapshot() -> None:
    registry = default_registry()
    assert registry.codes == ["de", "en"]
    for profile in registry.profiles():
        assert {"boilerplate", "metadata", "dates", "sentences"} <= set(profile.data), profile.code
        assert len(profile.section("dates")["months"]) == 12


def test_a_new_language_is_added_by_data_alone() -> None:
    registry = LanguageRegistry()
    registry.load_builtin()
    registry.register(
        LanguageProfile(code="fr", name="Français", data={"boilerplate": {"line_patterns": [r"^\s*publicité\s*$"]}})
    )
    assert BoilerplateFilter(registry).judge_line("Publicité") == "pattern"
    assert BoilerplateFilter(default_registry()).judge_line("Publicité") is None


def test_components_register_per_language() -> None:
    registry = LanguageRegistry()
    registry.load_builtin()

    @registry.register_component("en", "shout")
    def shout(text: str) -> str:
        return text.upper()

    assert registry.get("en").components["shout"]("a") == "A"
    assert "shout" not in registry.get("de").components
