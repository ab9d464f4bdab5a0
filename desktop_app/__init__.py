"""Groundwork: an offline self-assessment and practice journal."""

__version__ = "0.1.0"
