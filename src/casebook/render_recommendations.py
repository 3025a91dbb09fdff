"""Recommendations you can act on: an ordered start-here list, every recommendation once by stage with
filters for audience and theme, and each recommendation's page quoting the sentences of its evidence."""

from __future__ import annotations

from casebook.index import Index
from casebook.markdown import NOT_INDEXED, Page, esc, front_matter, h, html_select, link, unindexed_html, url
from casebook.render_case import case_path, term_path
from casebook.vocab import Term

SYNTHESIS_NOTE = (
    "These recommendations are this knowledge base's own synthesis from the cases. They are not "
    "quotations from the OSOR report or any other source."
)
START_HERE = 5  # how many of the first steps the start-here list shows
SOURCE = "recommendations/index.md"
NO_MATCH = "No recommendation matches both filters. Choose another audience or theme."


def in_order(index: Index) -> list[Term]:
    """Every recommendation in the order a newcomer should follow (each term's `order`)."""
    return sorted(index.vocabs["recommendations"].terms.values(), key=lambda t: int(t.extra["order"]))


def _cases_label(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"


def _labels(index: Index, term: Term) -> str:
    vocabs = index.vocabs
    audience = vocabs["audiences"].name_of(term.extra["audience"])
    theme = vocabs["themes"].name_of(term.extra["theme"])
    return h(f"{audience} · {theme} · {_cases_label(len(index.by_recommendation.get(term.id, [])))}")


def _item(index: Index, term: Term) -> str:
    classes = f"gu-rec gu-audience-{term.extra['audience']} gu-theme-{term.extra['theme']}"
    return (
        f'<li class="{h(classes)}" value="{int(term.extra["order"])}">'
        f"<strong>{link(term.name, term_path('recommendations', term.id), SOURCE)}</strong><br>"
        f'{h(term.description)}<br><span class="gu-card-meta">{_labels(index, term)}</span></li>'
    )


def _filters(index: Index) -> str:
    def select(name: str, vocabulary: str, label: str) -> str:
        options = [("", f"All {label.lower()}s")] + [(t.id, t.name) for t in index.vocabs[vocabulary].terms.values()]
        return html_select(f"gu-rec-{name}", name, label, options)

    return (
        '<form id="gu-rec-filters" class="gu-rec-filters" aria-label="Filter recommendations" hidden>'
        f"{select('audience', 'audiences', 'Audience')}{select('theme', 'themes', 'Theme')}</form>\n"
        '<p id="gu-rec-count" class="gu-result-count" aria-live="polite" hidden></p>\n'
    )


def render_recommendations_index(index: Index) -> Page:
    ordered = in_order(index)
    start = "".join(
        f'<li value="{int(t.extra["order"])}">'
        f"<strong>{link(t.name, term_path('recommendations', t.id), SOURCE)}</strong><br>{h(t.description)}</li>\n"
        for t in ordered[:START_HERE]
    )
    parts = [
        front_matter({"title": "Recommendations", **NOT_INDEXED, "scripts": ["assets/recommendations.js"]}),
        "# Recommendations\n\n",
        '<section class="gu-start-here" aria-labelledby="start-here">\n'
        '<h2 id="start-here">Start here</h2>\n'
        f"<p>The first {START_HERE} steps for a public body that is about to share software, in order.</p>\n"
        f'<ol id="gu-start-here">\n{start}</ol>\n</section>\n\n',
        f"*{esc(SYNTHESIS_NOTE)}*\n\n",
        "## Every recommendation, by stage\n\n",
        _filters(index),
    ]
    for stage in index.vocabs["stages"].terms.values():
        members = [t for t in ordered if t.extra["stage"] == stage.id]
        if not members:
            continue
        parts += [
            f'<section class="gu-rec-stage" aria-labelledby="stage-{h(stage.id)}">\n'
            f'<h3 id="stage-{h(stage.id)}">{h(stage.name)}</h3>\n<p>{h(stage.description)}</p>\n'
            f'<ol class="gu-rec-list">\n{"".join(_item(index, t) + chr(10) for t in members)}</ol>\n</section>\n\n'
        ]
    parts.append(f'<p id="gu-rec-empty" hidden>{h(NO_MATCH)}</p>\n')
    return Page(SOURCE, "".join(parts))


def _evidence(index: Index, term: Term, source: str) -> str:
    items = []
    for found in sorted(index.evidence.get(term.id, []), key=lambda e: index.meta(e.slug)["title"].lower()):
        title = index.meta(found.slug)["title"]
        target = h(url(case_path(found.slug), source) + "#" + found.anchor)
        items.append(
            f'<blockquote class="gu-evidence"><p>{h(found.quote)}</p>\n'
            f'<p class="gu-evidence-source">— <a href="{target}">{h(title)}</a>, {h(found.section)}</p></blockquote>'
        )
    # Not indexed: the sentences are found by search on their case pages.
    listed = "".join(f"<li>{item}</li>\n" for item in items)
    return unindexed_html(f'<ul class="gu-evidence-list">\n{listed}</ul>\n')


def render_recommendation_page(index: Index, term: Term) -> Page:
    """A recommendation, its place in the sequence, and the sentence of each case that supports it."""
    source = term_path("recommendations", term.id)
    vocabs = index.vocabs
    ordered = in_order(index)
    position = ordered.index(term)
    steps = []
    if position > 0:
        before = ordered[position - 1]
        steps.append(f"Previous step: {link(before.name, term_path('recommendations', before.id), source)}")
    if position + 1 < len(ordered):
        after = ordered[position + 1]
        steps.append(f"Next step: {link(after.name, term_path('recommendations', after.id), source)}")
    count = len(index.evidence.get(term.id, []))
    text = (
        front_matter({"title": term.name, "description": term.description})
        + f"# {esc(term.name)}\n\n"
        + f"{esc(term.extra['text'])}\n\n"
        + f"<p><strong>Step {position + 1} of {len(ordered)}</strong> · "
        + f"<strong>Stage:</strong> {h(vocabs['stages'].name_of(term.extra['stage']))} · "
        + f"<strong>Audience:</strong> {h(vocabs['audiences'].name_of(term.extra['audience']))} · "
        + f"<strong>Theme:</strong> {h(vocabs['themes'].name_of(term.extra['theme']))}</p>\n\n"
        + (f"<p>{' · '.join(steps)}</p>\n\n" if steps else "")
        + f"*{esc(SYNTHESIS_NOTE)}*\n\n"
        + f"## Evidence: {_cases_label(count)}\n\n"
        + "<p>What each case says that supports this recommendation, with a link to the passage.</p>\n"
        + (_evidence(index, term, source) if count else "<p>No case gives evidence for this yet.</p>\n")
    )
    return Page(source, text)
