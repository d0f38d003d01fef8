"""Analyst dashboard for news documents: claims, figures, places, dates, entities, with evidence."""

__version__ = "0.1.0"
