"""Placeholder until the places extractor lands."""

from dashboard.model import Document, Mention


def extract(doc: Document) -> list[Mention]:
    return []
