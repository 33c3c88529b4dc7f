"""Quotes: who said what, to whom, through which channel (see ``extractor``)."""

from storyline.extraction.quotes.extractor import extract_quotes

__all__ = ["extract_quotes"]
