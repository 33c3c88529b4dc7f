"""Boilerplate removal: general features, in English and German, on lines written for the tests."""

from __future__ import annotations

import pytest

from storyline.ingest.boilerplate import default_filter
from storyline.ingest.clean import clean_text

FURNITURE = [
    "Advertisement",
    "Article continues below advertisement",
    "Story continues below",
    "Share on Facebook Share on X Email",
    "Link to FacebookShare to XShare to Email",
    "Sign up for our daily newsletter",
    "Never miss a story — sign up for the Harbor newsletter to stay up-to-date.",
    "Want Harbor Daily each day? Sign up here!",
    "Related: Mayor Opens New Bridge After Two Years",
    "Read more: The ferry strike explained",
    "We use cookies to improve your experience. See our cookie policy.",
    "Opt-out of personalized ads",
    "© 2025 Harbor Gazette. All rights reserved.",
    "The post Mayor Opens Bridge appeared first on Harbor Gazette.",
    "Source: @someone/Instagram",
    "Photo: Jane Miller",
    "[Image via Harbor Gazette/WENN]",
    "Home > News > Local",
    "BREAKING NEWS",
    "harbor bridge mayor",
    "Harbor Logo",
    "Getty Images The mayor at the opening ceremony, in May 2024",
    "Instagram / https://www.instagram.com/someone/ Anna Berg with her brother, im März 2021",
    "Let us know in the comments below.",
    # German
    "Anzeige",
    "Weiter nach der Anzeige",
    "Jetzt Newsletter abonnieren",
    "Mehr zum Thema: Die Brücke ist offen",
    "Lesen Sie auch: Streik bei der Fähre",
    "Foto: dpa",
    "Wir verwenden Cookies, um Ihnen die beste Erfahrung zu bieten. Zur Datenschutzerklärung",
    "Teilen auf Facebook Teilen auf X",
]

ARTICLE_LINES = [
    "The mayor opened the new bridge on Tuesday, two years after construction began.",
    "“It has been a long road,” she said. “But we got there.”",
    "Will the ferry survive?",
    "Die Bürgermeisterin eröffnete am Dienstag die neue Brücke.",
    "Sie habe lange auf diesen Tag gewartet, sagte sie gegenüber dem Abendkurier.",
    "Anna Berg, 42, moved to Hamburg in August 2023.",
    "He shared a photo of the mayor and her brother on Instagram.",
    "Getty Images, the photo agency, said it had licensed the picture.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_removed(line: str) -> None:
    assert default_filter().judge_line(line) is not None, line


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_are_kept(line: str) -> None:
    assert default_filter().judge_line(line) is None, line


def test_caption_after_image_credit_is_removed_but_quotes_are_not() -> None:
    lines = [
        "The council met on Monday.",
        "bridge opening",
        "Source: MEGA",
        "Anna Berg and her brother at the opening of the bridge.",
        "The vote was close, with six members in favour.",
        "Source: Harbor",
        "“We are speaking again,” the source said of the two siblings.",
    ]
    kept = [j.line for j in default_filter().judge(lines) if j.keep]
    assert kept == [
        "The council met on Monday.",
        "The vote was close, with six members in favour.",
        "“We are speaking again,” the source said of the two siblings.",
    ]


def test_tag_links_after_more_on_heading_are_removed() -> None:
    lines = ["MORE ON:", "Anna Berg", "The council met again on Friday."]
    kept = [j.line for j in default_filter().judge(lines) if j.keep]
    assert kept == ["The council met again on Friday."]


def test_clean_text_keeps_paragraphs_and_detects_title() -> None:
    text = "Mayor Opens Bridge\nAdvertisement\nThe mayor opened the bridge.\n\n\nShe was happy.\n"
    cleaned = clean_text(text)
    assert cleaned.title == "Mayor Opens Bridge"
    assert cleaned.text == "The mayor opened the bridge.\n\nShe was happy."
    assert cleaned.removed_lines == 1


def test_first_sentence_is_not_taken_for_a_title() -> None:
    cleaned = clean_text("Die Bürgermeisterin eröffnete die Brücke.\nSie war froh.")
    assert cleaned.title is None
    assert cleaned.text.startswith("Die Bürgermeisterin")
