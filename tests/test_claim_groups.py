"""Claims page logic: claim filters, token-set Jaccard, the same claim in several documents."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from sample_tables import claim, m

from dashboard import claim_groups as cg
from dashboard import similarity as sim
from dashboard.model import Document
from dashboard.tables import Tables, build_tables

# --- similarity ---------------------------------------------------------------------------


def test_tokens_are_folded_words() -> None:
    # Hamza and ta-marbuta variants, diacritics, Arabic-Indic digits and case fold away.
    assert sim.tokens("أكّد الوزيرُ ٣ مرات") == sim.tokens("اكد الوزير 3 مرات")
    assert sim.tokens("The Minister SAID, said.") == frozenset({"the", "minister", "said"})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("a b c", "a b c", 1.0), ("a b c d", "a b", 0.5), ("a", "b", 0.0), ("", "", 0.0)],
)
def test_jaccard(a: str, b: str, expected: float) -> None:
    assert sim.jaccard(sim.tokens(a), sim.tokens(b)) == expected


def test_similar_groups_link_transitively_and_number_by_first_member() -> None:
    sets = [sim.tokens(t) for t in ["a b c d", "x y", "a b c e", "a b e f", "", "x y"]]
    # 0-2 share 3 of 5 (0.6); 2-3 share 3 of 5; 0-3 only 2 of 6, joined through 2.
    assert sim.similar_groups(sets, 0.6) == [0, 1, 0, 0, 2, 1]
    assert sim.similar_groups(sets, 1.0) == [0, 1, 2, 3, 4, 1]


def test_similar_groups_match_every_pair_comparison() -> None:
    # Prefix filtering must find every pair a plain all-pairs comparison finds.
    rng = random.Random(7)
    words = [f"w{k}" for k in range(12)]
    sets = [frozenset(rng.sample(words, rng.randint(1, 6))) for _ in range(150)]
    for threshold in (0.4, 0.5, 0.75):
        got = sim.similar_groups(sets, threshold)
        for i, a in enumerate(sets):
            for j, b in enumerate(sets):
                if sim.jaccard(a, b) >= threshold:
                    assert got[i] == got[j], (a, b)


def test_threshold_must_be_a_share() -> None:
    with pytest.raises(ValueError):
        sim.similar_groups([], 0)


# --- filters --------------------------------------------------------------------------------


def test_no_filter_keeps_every_claim(sample: Tables) -> None:
    out = cg.filter_claims(sample, cg.ClaimFilter())
    pd.testing.assert_frame_equal(out, sample.claims)


@pytest.mark.parametrize(
    ("chosen", "sources"),
    [
        (cg.ClaimFilter(sources=("Analysts",)), ["Analysts"]),
        (cg.ClaimFilter(kinds=("official",)), ["وزير النفط", "Officials in Caracas"]),
        (cg.ClaimFilter(hedged=True), ["Analysts"]),
        (cg.ClaimFilter(hedged=False, kinds=("analyst",)), []),
        (cg.ClaimFilter(negated=False), ["وزير النفط", "وكالة الأنباء العراقية",
                                          "Officials in Caracas", "Analysts"]),
        (cg.ClaimFilter(negated=True), []),
        # China is in the content of the Iraqi agency's claim and of the Caracas officials'.
        (cg.ClaimFilter(places=("China",)), ["وكالة الأنباء العراقية", "Officials in Caracas"]),
        # Caracas is in the source span of a claim, not its content.
        (cg.ClaimFilter(places=("Caracas",)), []),
        (cg.ClaimFilter(places=("Saudi Arabia", "China"), kinds=("media",)),
         ["وكالة الأنباء العراقية"]),
    ],
)  # fmt: skip
def test_claim_filters(sample: Tables, chosen: cg.ClaimFilter, sources: list[str]) -> None:
    assert list(cg.filter_claims(sample, chosen)["source"]) == sources


def test_entity_filter_looks_inside_the_content() -> None:
    d = Document("x", "The ministry said Gazprom will sign the deal with Rosneft.", "en")
    entity = m(d, "entities", "Gazprom", kind="organization", name="Gazprom")
    other = m(d, "entities", "ministry", kind="organization", name="")  # in the source
    said = claim(d, "The ministry", "said", "Gazprom will sign the deal with Rosneft", "official")
    t = build_tables([(d, [entity, other, said])])
    assert len(cg.filter_claims(t, cg.ClaimFilter(entities=("Gazprom",)))) == 1
    assert cg.filter_claims(t, cg.ClaimFilter(entities=("ministry",))).empty
    assert cg.claim_options(t)["entities"] == ["Gazprom"]


def test_claim_options(sample: Tables) -> None:
    opts = cg.claim_options(sample)
    assert opts["kinds"] == ["analyst", "media", "official"]
    # The first "العراق" of the sample is inside "العراقية", the Iraqi agency: a source span.
    assert opts["places"] == ["China", "Saudi Arabia"]
    assert "Analysts" in opts["sources"] and opts["entities"] == []


# --- the same claim in several documents ---------------------------------------------------

REPORTS = [
    ("r1", "ar", "قال وزير الخارجية إن المحادثات مع طهران ستستأنف الأسبوع المقبل في مسقط.",
     "قال", "وزير الخارجية", "المحادثات مع طهران ستستأنف الأسبوع المقبل في مسقط"),
    # The same claim, other spelling: hamza, diacritics and a word more.
    ("r2", "ar", "وأكد وزيرُ الخارجية أن المحادثات مع طهران ستُستأنف الأسبوع المقبل في مسقط أيضا.",
     "وأكد", "وزيرُ الخارجية", "المحادثات مع طهران ستُستأنف الأسبوع المقبل في مسقط أيضا"),
    ("r3", "ar", "وقال المتحدث إن الوفد غادر العاصمة صباح اليوم.",
     "وقال", "المتحدث", "الوفد غادر العاصمة صباح اليوم"),
    ("r4", "en", "The minister said the talks with Tehran would resume next week in Muscat.",
     "said", "The minister", "the talks with Tehran would resume next week in Muscat"),
    ("r5", "en", "A spokesman said the talks with Tehran would resume next week in Muscat.",
     "said", "A spokesman", "the talks with Tehran would resume next week in Muscat"),
    # Same document twice: still one document.
    ("r5", "en", "A spokesman said the talks with Tehran would resume next week in Muscat.",
     "said", "A spokesman", "the talks with Tehran would resume next week in Muscat"),
]  # fmt: skip


def reports() -> pd.DataFrame:
    parts = []
    for doc_id, lang, text, cue, source, content in REPORTS:
        d = Document(doc_id, text, lang)
        parts.append((d, [claim(d, source, cue, content, "official")]))
    claims = build_tables(parts).claims
    return claims.assign(claim_id=[f"c{i}" for i in range(len(claims))])


def test_same_claim_groups_by_content_similarity() -> None:
    groups = cg.same_claim_groups(reports())
    assert groups[0] == groups[1]  # Arabic spelling variants
    assert groups[3] == groups[4] == groups[5]  # English, other source
    assert len({groups[0], groups[2], groups[3]}) == 3  # languages are not translated


def test_reported_by_several_documents() -> None:
    groups, members = cg.reported_by_several(reports())
    assert list(groups.columns) == cg.GROUP_COLUMNS
    assert list(groups["documents"]) == [2, 2]
    assert list(groups["claims"]) == [3, 2]  # the English one holds r5 twice: it leads
    assert groups.iloc[0]["sources"] == "The minister / A spokesman"
    assert groups["similarity"].between(cg.SAME_CLAIM_THRESHOLD, 1).all()
    assert set(members["doc_id"]) == {"r1", "r2", "r4", "r5"}
    assert "group" in members.columns


def test_one_document_repeating_itself_is_not_several() -> None:
    claims = reports()
    groups, members = cg.reported_by_several(claims[claims["doc_id"] == "r5"])
    assert groups.empty and members.empty


def test_a_higher_threshold_splits_groups() -> None:
    groups, _ = cg.reported_by_several(reports(), threshold=0.95)
    assert list(groups["documents"]) == [2]  # only the identical English content


def test_no_claims_no_groups(sample: Tables) -> None:
    groups, members = cg.reported_by_several(sample.claims.iloc[0:0])
    assert groups.empty and members.empty
    groups, _ = cg.reported_by_several(sample.claims)
    assert groups.empty  # the sample's four claims are all different
