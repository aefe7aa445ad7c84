"""Tests of the knowledge base (sciaticli.knowledge and data/techniques.yaml): reading,
validation, limits, the snapshot, and the bundled content."""
