"""Undated articles dated by the ages they state for people whose birth range dated articles give."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import storyline
from storyline.extraction.events.estimate import DateWindow, narrow_by_ages
from storyline.records import PublishedEstimate, PublishedRange, plain_document
from storyline.resolution.dates import BirthRange
from storyline.resolution.dating import age_window, age_windows, dated_birth_ranges
from storyline.resolution.references import AgeEvidence

from .conftest import EXAMPLES, SEEDS, need_shared


def _age(doc: str, age: int, entity: str = "person:a", *, explicit: bool = True, at: int = 0) -> AgeEvidence:
    return AgeEvidence(entity=entity, age=age, doc=doc, start=at, end=at + 2, as_of=None, explicit=explicit)


def _doc(doc_id: str, published: str | None):
    return plain_document(doc_id, "text", "en").model_copy(update={"published": published})


def test_birth_range_comes_only_from_dated_articles_and_narrows() -> None:
    documents = [_doc("a", "2020-03-10"), _doc("b", "2021-01-20"), _doc("u", None)]
    ages = [_age("a", 40), _age("b", 41), _age("u", 10)]
    births = dated_birth_ranges(documents, ages)
    assert births["person:a"] == (BirthRange(date(1979, 3, 11), date(1980, 1, 20)), ["a", "b"])


def test_a_dated_age_that_contradicts_the_range_is_left_out() -> None:
    documents = [_doc("a", "2020-03-10"), _doc("b", "2020-03-11")]
    births = dated_birth_ranges(documents, [_age("a", 40), _age("b", 45)])
    assert births["person:a"][1] == ["a"]


def test_age_window_is_every_day_someone_born_in_the_range_has_that_age() -> None:
    assert age_window(42, BirthRange(date(1979, 3, 11), date(1980, 1, 20))) == (date(2021, 3, 11), date(2023, 1, 19))
    leap = age_window(1, BirthRange(date(2020, 2, 29), date(2020, 2, 29)))
    assert leap == (date(2021, 2, 28), date(2022, 2, 27))


def test_ages_in_one_undated_article_intersect_and_a_stray_one_is_dropped() -> None:
    documents = [_doc("a", "2020-03-10"), _doc("u", None)]
    ages = [_age("a", 40), _age("a", 20, "person:b", at=5), _age("u", 42), _age("u", 23, "person:b", at=9)]
    windows = age_windows(documents, ages, [])
    assert (windows["u"].earliest, windows["u"].latest) == (date(2022, 3, 11), date(2023, 3, 9))
    assert "person:a is 42" in windows["u"].basis and "person:b is 23" in windows["u"].basis
    stray = age_windows(documents, [*ages[:3], _age("u", 30, "person:b", at=9)], [])
    assert (stray["u"].earliest, stray["u"].latest) == (date(2021, 3, 11), date(2023, 3, 9))


def test_narrowing_keeps_the_articles_own_floor_and_picks_the_month_rule() -> None:
    anchor = PublishedEstimate(value="2022-05", basis="latest absolute date")
    window = DateWindow(date(2021, 3, 11), date(2023, 3, 9), "ages")
    narrowed = narrow_by_ages(anchor, window)
    assert narrowed is not None and narrowed.value == "2022-05"
    assert narrowed.range == PublishedRange(earliest="2022-05-01", latest="2023-03-09")
    assert narrowed.basis.startswith("latest absolute date; ages it states: ages")
    within = narrow_by_ages(anchor, DateWindow(date(2022, 4, 1), date(2022, 5, 20), "ages"))
    assert within is not None and within.value == "2022-05" and within.range.latest == "2022-05-20"  # type: ignore[union-attr]
    # ages that end before the article's own dates are stale: the estimate stays as it was
    assert narrow_by_ages(anchor, DateWindow(date(2020, 1, 1), date(2022, 4, 30), "ages")) == anchor
    assert narrow_by_ages(None, window) == PublishedEstimate(
        value="2021-03", basis="ages it states: ages", range=PublishedRange(earliest="2021-03-11", latest="2023-03-09")
    )
    assert narrow_by_ages(anchor, None) == anchor


def _write(folder: Path, doc_id: str, published: str | None, text: str) -> None:
    record = {"id": doc_id, "url": f"https://news.example/{doc_id}", "title": f"Bakery {doc_id}", "text": text}
    if published:
        record["published"] = published
    (folder / f"{doc_id}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> storyline.Dossier:
    folder = tmp_path_factory.mktemp("bakery")
    _write(
        folder, "a", "2020-03-10", "Anna Weber, 40, opened a bakery in Leeds on Monday. The baker said she had waited."
    )
    _write(folder, "b", "2021-01-20", "Anna Weber (41) führt eine Bäckerei in Leeds. Die Bäckerin sagte, es laufe gut.")
    _write(folder, "c", None, "Anna Weber, 43, has sold her bakery in Leeds. The baker said she wanted a rest.")
    _write(folder, "d", None, "Anna Weber (42) hat ihre Bäckerei in Leeds verkauft. Die Bäckerin sagte, sie sei müde.")
    _write(folder, "e", None, "Anna Weber, 42, sold her bakery in Leeds in May 2022. The baker said she was tired.")
    _write(folder, "f", None, "Anna Weber, 42, sold her bakery in Leeds in March 2024. The baker said she was tired.")
    return storyline.build([folder], out=tmp_path_factory.mktemp("out"), jobs=1)


def test_english_and_german_undated_articles_get_the_window_their_ages_allow(bakery: storyline.Dossier) -> None:
    english, german = bakery.document("c").published_estimate, bakery.document("d").published_estimate
    assert english is not None and english.range == PublishedRange(earliest="2022-03-11", latest="2024-01-19")
    assert german is not None and german.range == PublishedRange(earliest="2021-03-11", latest="2023-01-19")
    assert german.value == "2021-03" and "Anna Weber is 42" in german.basis and "dated articles a, b" in german.basis


def test_the_articles_own_dates_bound_the_age_window(bakery: storyline.Dossier) -> None:
    floor = bakery.document("e").published_estimate
    assert floor is not None and floor.range == PublishedRange(earliest="2022-05-01", latest="2023-01-19")
    stale = bakery.document("f").published_estimate
    assert stale is not None and stale.value == "2024-03" and stale.range is None


def test_relative_times_of_an_age_dated_article_are_anchored_on_its_estimate(bakery: storyline.Dossier) -> None:
    times = [t for t in bakery.times if t.doc == "c" and t.type == "DATE"]
    assert all(t.anchor == "2022-03-11" and t.anchor_estimated for t in times if t.anchor)


def test_ages_stated_in_an_undated_article_are_as_of_its_estimate_marked_estimated(bakery: storyline.Dossier) -> None:
    (anna,) = [e for e in bakery.entities if e.name == "Anna Weber"]
    ages = {a.doc: a for a in anna.attributes if a.name == "age"}
    estimate = bakery.document("c").published_estimate
    assert estimate is not None and ages["c"].as_of == estimate.value and ages["c"].as_of_estimated
    assert ages["a"].as_of == "2020-03-10" and not ages["a"].as_of_estimated


def test_seed_undated_articles_fit_the_ages_in_the_dated_seeds(tmp_path: Path) -> None:
    dossier = storyline.build([need_shared(SEEDS)], out=tmp_path, jobs=1)
    perez = dossier.document("002_9e37531fa5fa95f4").published_estimate
    german = dossier.document("001_c5ab56776a2f2db6").published_estimate
    assert perez is not None and perez.range is not None and perez.range.latest is not None
    assert perez.range.earliest >= "2023-12-02" and perez.range.latest <= "2024-06-25"  # 41 before her 42 of June 2024
    assert german is not None and german.range is not None and german.range.earliest >= "2024-06-27"
    assert "003_c58afbcea73b0d81" in german.basis


def test_examples_undated_article_keeps_november_and_names_the_ages(tmp_path: Path) -> None:
    estimate = (
        storyline.build([EXAMPLES], out=tmp_path, jobs=1).document("spotlight_wire_ebb_opening").published_estimate
    )
    assert estimate is not None and estimate.value == "2025-11" and estimate.range is not None
    assert estimate.range.earliest >= "2025-11-01" and estimate.range.latest and estimate.range.latest <= "2026-04-24"
    assert "Marlene Brandt is 42" in estimate.basis and "Rolf Brandt is 71" in estimate.basis
