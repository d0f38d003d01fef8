"""Union-find (disjoint sets) over positions 0..n-1, for grouping reports across documents."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets with path halving; `join` may be refused by a subclass's `allowed`."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> bool:
        """Put a and b in one set; False when the join is refused."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.allowed(ra, rb):
            return False
        self.parent[ra] = rb
        return True

    def allowed(self, ra: int, rb: int) -> bool:
        """Whether the sets of roots ra and rb may become one (then rb is the new root)."""
        return True
