"""Right-to-left lines as pypdf extracts them, put back in logical (reading) order.

PDF producers draw Arabic glyphs in visual order. pypdf reverses each run of right-to-left
characters back into reading order but leaves the runs of a line in visual (left-to-right)
order, so "ارتفع 107 km آلاف" comes out as "آلاف km 107 ارتفع", and it reverses numbers written in
Arabic-Indic digits ("١٠٧" comes out "٧٠١"). Here a line whose letters are mostly right-to-left
is turned back into its visual order (pypdf's run reversal undone) and then reordered by the
Unicode bidirectional algorithm's rule L2 for a right-to-left paragraph, which maps visual to
logical order as it maps logical to visual. A simplified algorithm: no explicit embeddings,
mirrored brackets or nested levels; spacing between runs is rebuilt, as PDF spacing is synthetic.
"""

from __future__ import annotations

import re
import unicodedata

_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_INDIC = "\u0660-\u0669\u06f0-\u06f9"
# A right-to-left run: right-to-left characters and the spaces between them. The two classes
# are disjoint, so the pattern cannot backtrack.
_RTL_RUN = re.compile(f"[{_RTL}]+(?:[ \t]+[{_RTL}]+)*")
_RTL_LETTER = re.compile(f"[{_RTL}]")
_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
# pypdf counts Arabic-Indic digits as right-to-left letters and so reverses numbers drawn (left
# to right) in them. Digits and separators are disjoint classes.
_INDIC_NUMBER = re.compile(f"[{_INDIC}]+(?:[.,\u066b\u066c][{_INDIC}]+)*")
# A right-to-left letter glued to a left-to-right letter or digit, or the reverse: PDF spacing
# lost at a run boundary.
_GLUED = re.compile(f"(?<=[{_RTL}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{_RTL}])")


def logical_lines(text: str) -> str:
    """The text with Arabic-Indic numbers and mostly right-to-left lines in reading order."""
    return "\n".join(_logical(line) for line in text.split("\n"))


def _logical(line: str) -> str:
    rtl = len(_RTL_LETTER.findall(line))
    if rtl == 0 or rtl <= len(_LTR_LETTER.findall(line)):
        # A left-to-right line: pypdf's order is the reading order but for Indic numbers.
        return _INDIC_NUMBER.sub(lambda m: m.group()[::-1], line)
    visual = _RTL_RUN.sub(lambda m: m.group()[::-1], line)
    out = reorder_rtl(visual)
    return " ".join(_GLUED.sub(" ", out).split())


def _kind(c: str) -> str:
    """R (right-to-left), L (left-to-right), EN (a digit) or N (neutral) for the reordering."""
    if "0" <= c <= "9" or "\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9":
        return "EN"
    if _RTL_LETTER.match(c):
        return "R"
    if c.isalpha() or unicodedata.category(c) == "Mn":
        return "L"
    return "N"


def reorder_rtl(line: str) -> str:
    """Rule L2 of the bidirectional algorithm for a right-to-left paragraph (an involution)."""
    kinds = [_kind(c) for c in line]
    for i in range(1, len(kinds) - 1):  # a separator between digits belongs to the number
        if kinds[i] == "N" and line[i] in ".,\u066b\u066c" and kinds[i - 1] == kinds[i + 1] == "EN":
            kinds[i] = "EN"
    levels = _levels(kinds)
    chars = list(line)
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j < len(chars) and levels[j] == levels[i]:
            j += 1
        out += chars[i:j][::-1] if levels[i] == 2 else chars[i:j]
        i = j
    return "".join(reversed(out))


def _levels(kinds: list[str]) -> list[int]:
    """Embedding levels: 1 for right-to-left, 2 for left-to-right and numbers; neutrals take
    the direction of their strong neighbours when both agree (numbers count as R), else R."""
    strong = ["R" if k in ("R", "EN") else k for k in kinds]
    before = ["R"] * len(kinds)
    last = "R"
    for i, k in enumerate(strong):
        before[i] = last
        if k != "N":
            last = k
    after = ["R"] * len(kinds)
    last = "R"
    for i in range(len(kinds) - 1, -1, -1):
        after[i] = last
        if strong[i] != "N":
            last = strong[i]
    levels = []
    for i, k in enumerate(kinds):
        if k == "N":
            k = before[i] if before[i] == after[i] else "R"
        levels.append(1 if k == "R" else 2)
    return levels


def base_letters(text: str) -> str:
    """Arabic presentation forms (shaped glyphs some PDFs carry) folded to their base letters."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
