"""The governance chooser: the models side by side, each model's page, and a comparison of any two.

The side-by-side table is the one source of the comparison: the pairwise page's script copies its
cells for the two models chosen, so without the script a reader still has every model side by side.
"""

from __future__ import annotations

from collections import Counter

from casebook.index import Index
from casebook.markdown import (
    NOT_INDEXED,
    Page,
    esc,
    front_matter,
    h,
    html_list,
    html_select,
    link,
    unindexed_html,
    url,
)
from casebook.render_case import term_path
from casebook.render_overview import case_list
from casebook.vocab import Term

COMPARE_PAGE = "governance/compare.md"
# Pairs readers ask about most, first the foundation-or-association question; each (label, a, b).
PRESETS = (
    ("Foundation or association?", "foundation", "municipal-association"),
    ("Association or hosted shared service?", "municipal-association", "shared-service"),
    ("Municipally owned company or single city?", "municipal-company", "single-city"),
)
COLUMNS = (  # side-by-side columns after the model's name: (term field, heading, css class)
    ("fits_when", "Fits when", "gu-fits"),
    ("does_not_fit_when", "Does not fit when", "gu-misfits"),
    ("strengths", "Strengths", "gu-strengths"),
    ("risks", "Risks", "gu-risks"),
)


def pair_url(source: str, a: str, b: str) -> str:
    """The pairwise comparison of models `a` and `b`, as a link from the page built from `source`."""
    return f"{url(COMPARE_PAGE, source)}?a={a}&b={b}"


def _cases_label(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"


def _presets(index: Index, source: str) -> str:
    models = index.vocabs["governance-models"].terms
    items = [
        f'<a href="{h(pair_url(source, a, b))}">{h(label)}</a> '
        f'<span class="gu-card-meta">{h(models[a].name)} and {h(models[b].name)}</span>'
        for label, a, b in PRESETS
        if a in models and b in models
    ]
    return f'<div class="gu-presets">\n<p><strong>Compare two models:</strong></p>\n{html_list(items)}</div>\n'


def render_models_table(index: Index, source: str) -> str:
    """Every model as a row: strengths, risks and when it fits side by side (cards on narrow screens)."""
    head = "".join(f'<th scope="col">{h(heading)}</th>\n' for _, heading, _ in COLUMNS)
    rows = []
    for term in index.vocabs["governance-models"].terms.values():
        count = len(index.by_model.get(term.id, []))
        cells = [
            f'<th scope="row" class="gu-model-name">{link(term.name, term_path("governance", term.id), source)}'
            f'<br><span class="gu-card-meta">{h(_cases_label(count))}</span>'
            f'<span class="gu-model-description">{h(term.description)}</span></th>\n'
        ]
        cells += [
            f'<td class="{css}"><strong class="gu-cell-label">{h(heading)}</strong>\n'
            f"{html_list([h(item) for item in term.extra[field]])}</td>\n"
            for field, heading, css in COLUMNS
        ]
        rows.append(f'<tr id="model-{h(term.id)}">\n{"".join(cells)}</tr>\n')
    return (
        '<div class="gu-models">\n<table id="gu-models" class="gu-models-table">\n'
        f'<thead>\n<tr>\n<th scope="col">Model</th>\n{head}</tr>\n</thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>\n"
    )


def render_models_index(index: Index) -> Page:
    source = "governance/index.md"
    text = (
        front_matter({"title": "Governance models", "hide": ["toc"], **NOT_INDEXED}) + "# Governance models\n\n"
        "Who holds the code and the roadmap, and how the work is shared. Each model below shows what it "
        "does well, what can go wrong, and when it fits, from the evidence of the cases that use it.\n\n"
        + _presets(index, source)
        + "\n## All models side by side\n\n"
        + unindexed_html(render_models_table(index, source))
    )
    return Page(source, text)


def render_compare_models(index: Index) -> Page:
    """Two selects and the pair they name (`?a=<id>&b=<id>`), above the full table the script reads."""
    source = COMPARE_PAGE
    models = index.vocabs["governance-models"].terms
    _, first, second = PRESETS[0]

    options = [(t.id, t.name) for t in models.values()]
    form = (
        '<form id="gu-pair-form" class="gu-pair-form" aria-label="Choose two models" hidden>'
        + html_select("gu-pair-a", "a", "First model", options, first)
        + html_select("gu-pair-b", "b", "Second model", options, second)
        + "</form>\n"
        '<div id="gu-pair" class="gu-pair" aria-live="polite"></div>\n'
    )
    text = (
        front_matter(
            {"title": "Compare two governance models", "hide": ["toc"], **NOT_INDEXED, "scripts": ["assets/models.js"]}
        )
        + "# Compare two governance models\n\n"
        "Choose two models to see their strengths, risks and when each fits, side by side. The address "
        "bar keeps your choice, so you can share the comparison.\n\n"
        + form
        + "\n"
        + _presets(index, source)
        + "\n## All models side by side\n\n"
        + unindexed_html(render_models_table(index, source))
    )
    return Page(source, text)


def _counted(counts: Counter[str], names: dict[str, Term], kind: str, source: str, order: list[str]) -> str:
    ranked = sorted(counts, key=lambda t: (-counts[t], order.index(t)))
    items = [f"{link(names[t].name, term_path(kind, t), source)} ({h(_cases_label(counts[t]))})" for t in ranked]
    return html_list(items)


def render_model_page(index: Index, term: Term) -> Page:
    """A model: what it is, when it fits, trade-offs, what its cases do and advise, and its cases."""
    source = term_path("governance", term.id)
    vocabs = index.vocabs
    slugs = index.by_model.get(term.id, [])
    mechanisms = Counter(m for s in slugs for m in index.meta(s).get("mechanisms") or [])
    advice = Counter(r for s in slugs for r in index.recommendations_of(s))
    mechanism_names = vocabs["mechanisms"]
    others = [t for t in vocabs["governance-models"].terms.values() if t.id != term.id]
    parts = [
        front_matter({"title": term.name, "description": term.description}),
        f"# {esc(term.name)}\n\n{esc(term.description)}\n\n",
        "## When it fits\n\n",
        html_list([h(s) for s in term.extra["fits_when"]]),
        "\n## When it does not fit\n\n",
        html_list([h(s) for s in term.extra["does_not_fit_when"]]),
        "\n## Strengths\n\n",
        html_list([h(s) for s in term.extra["strengths"]]),
        "\n## Risks\n\n",
        html_list([h(s) for s in term.extra["risks"]]),
        "\n## Compare with another model\n\n",
        html_list([f'<a href="{h(pair_url(source, term.id, t.id))}">{h(t.name)}</a>' for t in others]),
        "\n## Typical mechanisms\n\n",
        html_list(
            [link(mechanism_names.name_of(m), term_path("mechanisms", m), source) for m in term.extra["mechanisms"]]
        ),
    ]
    if mechanisms:
        order = list(vocabs["mechanisms"].terms)
        used = _counted(mechanisms, mechanism_names.terms, "mechanisms", source, order)
        parts += ["\n## Mechanisms its cases use\n\n", used]
    if advice:
        order = sorted(vocabs["recommendations"].terms, key=lambda r: vocabs["recommendations"].terms[r].extra["order"])
        parts += [
            "\n## Related recommendations\n\n",
            "<p>The recommendations its cases give evidence for, with how many of them do.</p>\n",
            _counted(advice, vocabs["recommendations"].terms, "recommendations", source, order),
        ]
    parts += [f"\n## Cases ({len(slugs)})\n\n", case_list(index, slugs, source)]
    return Page(source, "".join(parts))
