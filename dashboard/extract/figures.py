"""Placeholder until the figures extractor lands."""

from dashboard.model import Document, Mention


def extract(doc: Document) -> list[Mention]:
    return []
