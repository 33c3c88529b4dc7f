"""Quote extraction (with sentence splitting) on pathological long inputs: time per size, to show linear growth.

.venv/bin/python bench/quotes_speed.py
"""

from __future__ import annotations

import time

from storyline.extraction.quotes import extract_quotes

SENTENCE = "the harbor is quiet and the boats are in. "


def main() -> None:
    print("chars      seconds  quotes   (one paragraph, opening mark never closed)")
    for repeats in (625, 1250, 2500, 5000):
        text = 'She said "' + SENTENCE * repeats
        started = time.perf_counter()
        quotes = extract_quotes(text, "en")
        print(f"{len(text):>7}  {time.perf_counter() - started:9.3f}  {len(quotes):>6}")


if __name__ == "__main__":
    main()
