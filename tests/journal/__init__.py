"""Tests of the pain journal package (sciaticli.journal): one file per concern."""
