"""Tests of the safety self-check and its grading (sciaticli.safety, pages/safety.py)."""
