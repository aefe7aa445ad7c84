"""Tests of the output: the page model drawn as text, rich, HTML, CSV and JSON, made safe in
render/, and the pager (sciaticli.render)."""
