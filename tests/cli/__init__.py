"""Tests of the commands (sciaticli.cli): arguments, help, completion, and each command through
the CLI."""
