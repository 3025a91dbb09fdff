"""Indexes over the real corpus: related-case ranking agrees with a plain pairwise count."""

from __future__ import annotations

from casebook.index import DECLARED, WEIGHTS, Index
from casebook.validate import validate
from helpers import DATA, ROOT


def _pairwise_score(index: Index, a: str, b: str) -> int:
    """The ranking rule written the slow, obvious way: compare two cases trait by trait."""
    ma, mb = index.meta(a), index.meta(b)
    score = WEIGHTS["declared"] if b in (ma.get("related") or []) or a in (mb.get("related") or []) else 0
    score += WEIGHTS["software"] * sum(sw in index.software_of(b) for sw in index.software_of(a))
    score += WEIGHTS["governance_model"] * (ma["governance_model"] == mb["governance_model"])
    score += WEIGHTS["domain"] * (ma["domain"] == mb["domain"])
    score += WEIGHTS["country"] * len(set(ma["countries"]) & set(mb["countries"]))
    return score


def test_related_cases_match_the_pairwise_ranking() -> None:
    corpus = validate([ROOT / "cases"], DATA)
    index = Index.build(corpus.cases, corpus.vocabs)
    for slug in index.cases:
        scored = [(-_pairwise_score(index, slug, other), other) for other in index.cases if other != slug]
        expected = [other for score, other in sorted(scored) if score < 0][:6]
        assert [other for other, _ in index.related(slug)] == expected, slug


def test_declared_links_count_both_ways_and_come_first_with_reasons() -> None:
    corpus = validate([ROOT / "cases"], DATA)
    index = Index.build(corpus.cases, corpus.vocabs)
    decidim = dict(index.related("decidim"))
    # Decidim began as a fork of Consul: the reason says so, in words.
    assert "consul-democracy" in decidim and "this case builds on it" in decidim["consul-democracy"]
    assert "builds on this case" in dict(index.related("consul-democracy"))["decidim"]
    metas = {slug: index.meta(slug) for slug in index.cases}
    for slug, meta in metas.items():
        # Declared in either case's front matter, read here from the front matter itself.
        declared = set(meta.get("related") or []) | {o for o, m in metas.items() if slug in (m.get("related") or [])}
        ranked = index.related(slug)
        linked = [other for other, _ in ranked if other in declared]
        for other, reasons in ranked:
            assert reasons and "linked" not in reasons, f"{slug} -> {other}: {reasons}"
            if other in declared:
                assert {DECLARED, "this case builds on it", "builds on this case"} & set(reasons), (slug, other)
        assert set(linked) == set(sorted(declared)[: len(ranked)]) or len(declared) > len(ranked), slug
        assert [other for other, _ in ranked[: len(linked)]] == linked, f"{slug}: declared links come first"
