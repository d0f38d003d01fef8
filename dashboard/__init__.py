"""Analyst dashboard for news documents: claims, figures, places, dates and entities with evidence."""

__version__ = "0.1.0"
