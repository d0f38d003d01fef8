"""Analyst dashboard for news documents: claims, figures, places, dates, entities, with evidence."""

from dashboard import native

__version__ = "0.1.0"

native.install()  # the compiled extractors, when built from these very sources
