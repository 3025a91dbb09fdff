"""Indexes over a validated corpus: who links where, related-case ranking, reuse chains."""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pycountry

from casebook.editorial import corpus_date
from casebook.evidence import section_anchor
from casebook.load import CaseFile
from casebook.vocab import Vocabularies

RELATED_LIMIT = 6
DECLARED = "named as related"  # the reason shown for a link declared in `related` (and nothing closer)
# How much each shared trait counts when ranking related cases; declared links always come first.
WEIGHTS = {"declared": 100, "software": 4, "governance_model": 3, "domain": 2, "country": 1}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


@dataclass(slots=True)
class Software:
    slug: str
    name: str
    licences: set[str] = field(default_factory=set)
    repositories: set[str] = field(default_factory=set)
    websites: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)  # as the cases word them, first case first
    built_on: set[str] = field(default_factory=set)  # names, as written
    cases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A case's support for a recommendation: the sentence, and the body section it is in."""

    slug: str
    quote: str
    section: str

    @property
    def anchor(self) -> str:
        return section_anchor(self.section)


@dataclass
class Index:
    """Read-only views of the corpus that several pages need. Cases are sorted by slug."""

    cases: dict[str, CaseFile]
    vocabs: Vocabularies

    @classmethod
    def build(cls, cases: list[CaseFile], vocabs: Vocabularies) -> Index:
        return cls({c.slug: c for c in sorted(cases, key=lambda c: c.slug)}, vocabs)

    def meta(self, slug: str) -> dict[str, Any]:
        return self.cases[slug].meta

    @cached_property
    def reference_date(self) -> dt.date:
        """'Now' for pages and exports: the newest date in the content, so a rebuild gives the same files."""
        return corpus_date([case.meta for case in self.cases.values()])

    def _group(self, key: str) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for slug, case in self.cases.items():
            value = case.meta.get(key) or []
            for term in value if isinstance(value, list) else [value]:
                groups[term].append(slug)
        return dict(groups)

    @cached_property
    def by_model(self) -> dict[str, list[str]]:
        return self._group("governance_model")

    @cached_property
    def by_domain(self) -> dict[str, list[str]]:
        return self._group("domain")

    @cached_property
    def by_country(self) -> dict[str, list[str]]:
        return self._group("countries")

    @cached_property
    def by_mechanism(self) -> dict[str, list[str]]:
        return self._group("mechanisms")

    @cached_property
    def by_recommendation(self) -> dict[str, list[str]]:
        return {rec: [e.slug for e in found] for rec, found in self.evidence.items()}

    @cached_property
    def evidence(self) -> dict[str, list[Evidence]]:
        """Each recommendation's evidence: the case and the sentence in it that supports the advice."""
        found: dict[str, list[Evidence]] = defaultdict(list)
        for slug, case in self.cases.items():
            for item in case.meta.get("recommendations") or []:
                found[item["id"]].append(Evidence(slug, item["quote"], item["section"]))
        return dict(found)

    def recommendations_of(self, slug: str) -> list[str]:
        return [item["id"] for item in self.meta(slug).get("recommendations") or []]

    @cached_property
    def by_level(self) -> dict[str, list[str]]:
        return self._group("level")

    @cached_property
    def software(self) -> dict[str, Software]:
        found: dict[str, Software] = {}
        for slug, case in self.cases.items():
            for item in case.meta.get("software") or []:
                sw = found.setdefault(slugify(item["name"]), Software(slugify(item["name"]), item["name"]))
                sw.licences.update([item["licence"]] if item.get("licence") else [])
                sw.repositories.update([item["repository"]] if item.get("repository") else [])
                sw.websites.update([item["website"]] if item.get("website") else [])
                if item.get("description") and item["description"] not in sw.descriptions:
                    sw.descriptions.append(item["description"])
                sw.built_on.update(item.get("built_on") or [])
                if slug not in sw.cases:
                    sw.cases.append(slug)
        return dict(sorted(found.items()))

    def software_of(self, slug: str) -> list[str]:
        return [slugify(item["name"]) for item in self.meta(slug).get("software") or []]

    @cached_property
    def reused_by(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = defaultdict(list)
        for slug, case in self.cases.items():
            for parent in case.meta.get("derived_from") or []:
                children[parent].append(slug)
        return dict(children)

    @cached_property
    def declared_links(self) -> dict[str, set[str]]:
        """`related`, both ways: a link declared by either case counts for both."""
        links: dict[str, set[str]] = defaultdict(set)
        for slug, case in self.cases.items():
            for other in case.meta.get("related") or []:
                if other in self.cases:
                    links[slug].add(other)
                    links[other].add(slug)
        return dict(links)

    def related(self, slug: str, limit: int = RELATED_LIMIT) -> list[tuple[str, list[str]]]:
        """The most related cases with the reasons, ranked by shared traits.

        Scores are counted bucket by bucket with Counter.update, which loops in C: with 5,000 cases
        a case shares a country or a domain with thousands of others, and a Python loop over those
        pairs dominated the build. Reasons are worked out only for the few cases kept.
        """
        meta = self.meta(slug)
        buckets: list[tuple[str, list[str] | set[str]]] = [("declared", self.declared_links.get(slug, set()))]
        buckets += [("software", self.software[sw].cases) for sw in self.software_of(slug)]
        buckets.append(("governance_model", self.by_model.get(meta["governance_model"], [])))
        buckets.append(("domain", self.by_domain.get(meta["domain"], [])))
        buckets += [("country", self.by_country.get(code, [])) for code in meta["countries"]]
        scores: Counter[str] = Counter()
        for weight, others in buckets:
            for _ in range(WEIGHTS[weight]):
                scores.update(others)
        scores.pop(slug, None)
        ranked = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
        return [(other, self._shared(slug, other)) for other, _ in ranked]

    def _shared(self, slug: str, other: str) -> list[str]:
        """Why two cases are related, in the order of the weights, in words a reader can follow."""
        mine, theirs = self.meta(slug), self.meta(other)
        reasons = []
        if other in (mine.get("derived_from") or []):
            reasons.append("this case builds on it")
        if slug in (theirs.get("derived_from") or []):
            reasons.append("builds on this case")
        if other in self.declared_links.get(slug, set()) and not reasons:
            reasons.append(DECLARED)
        reasons += [
            f"both use {self.software[sw].name}" for sw in self.software_of(slug) if sw in self.software_of(other)
        ]
        if mine["governance_model"] == theirs["governance_model"]:
            model = self.vocabs["governance-models"].name_of(mine["governance_model"])
            reasons.append(f"same governance model ({model.lower()})")
        if mine["domain"] == theirs["domain"]:
            reasons.append(f"same domain ({self.vocabs['domains'].name_of(mine['domain']).lower()})")
        shared = [country_name(c) for c in mine["countries"] if c in theirs["countries"]]
        reasons += [f"also in {', '.join(shared)}"] if shared else []
        return reasons

    def is_declared(self, slug: str, other: str) -> bool:
        return other in self.declared_links.get(slug, set())

    def chains(self) -> list[list[str]]:
        """Every path of `derived_from` links from a case nothing is derived from to a leaf."""
        roots = sorted(s for s in self.reused_by if s in self.cases and not self.meta(s).get("derived_from"))
        paths: list[list[str]] = []

        def walk(path: list[str]) -> None:
            children = sorted(self.reused_by.get(path[-1], []))
            if not children:
                paths.append(path)
            for child in children:
                if child not in path:
                    walk([*path, child])

        for root in roots:
            walk([root])
        return paths

    def latest(self, count: int = 5) -> list[str]:
        """The cases added most recently, newest first (a day's cases by title)."""
        by_title = sorted(self.cases, key=lambda s: self.meta(s)["title"].lower())
        return sorted(by_title, key=lambda s: self.meta(s)["published"], reverse=True)[:count]

    def recently_updated(self, count: int = 5) -> list[str]:
        """The cases updated most recently after they were added, newest first."""
        changed = [s for s in self.cases if self.meta(s).get("updated") not in (None, self.meta(s)["published"])]
        by_title = sorted(changed, key=lambda s: self.meta(s)["title"].lower())
        return sorted(by_title, key=lambda s: self.meta(s)["updated"], reverse=True)[:count]
