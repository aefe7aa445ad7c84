"""sciaticli: an offline terminal guide to massage for sciatica."""

__version__ = "0.1.0"
