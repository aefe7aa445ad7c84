"""Tests of search (sciaticli.search): ranking, synonyms, and held-out everyday queries."""
