"""Scoring extracted figures against hand-made gold (the rules of ../shared/GOLD-FORMAT.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Score:
    """True positives, predictions and gold items, with precision, recall and F1."""

    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    def __str__(self) -> str:
        counts = f"{self.tp} of {self.pred} predicted, {self.gold} gold"
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  ({counts})"


def _same(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x))


def score_figures(
    gold: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]], full: bool = True
) -> Score:
    """Greedy one-to-one matching by largest overlap among pairs whose values agree.

    With `full`, unit and rate must agree too. Gold and predictions carry start, end, value,
    unit and per; a range matches on its low end.
    """
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(preds):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            ok = _same(g["value"], p["value"]) or _same(g["value"], p.get("low"))
            if full:
                ok = ok and g["unit"] == p["unit"] and (g.get("per") or "") == (p.get("per") or "")
            if overlap > 0 and ok:
                pairs.append((overlap, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return Score(len(used_g), len(preds), len(gold))
