"""Placeholder until the claims extractor lands."""

from dashboard.model import Document, Mention


def extract(doc: Document) -> list[Mention]:
    return []
