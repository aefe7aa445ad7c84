"""A small Flesch-Kincaid grade level, for the plain-language tests (no dependency needed).

grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Syllables are counted by the usual rule of thumb: groups of vowels, less a silent final e,
at least one a word. Numbers and ids count as one word of one syllable.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d.,–-]*")
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")


def syllables(word: str) -> int:
    word = word.lower()
    if not word.isalpha():
        return 1
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def sentences(text: str) -> list[str]:
    """Sentences, split at . ! ? : and ; (a list item or a clause after a colon reads as one)."""
    parts = [part.strip() for part in SENTENCE_END.split(text)]
    return [part for part in parts if WORD.search(part)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def grade(texts: list[str]) -> float:
    all_sentences = [s for text in texts for s in sentences(text)]
    all_words = [w for s in all_sentences for w in words(s)]
    total = sum(syllables(w) for w in all_words)
    return 0.39 * len(all_words) / len(all_sentences) + 11.8 * total / len(all_words) - 15.59
