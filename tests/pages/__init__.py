"""Tests of the pages (sciaticli.pages): what each command shows, in every format."""
