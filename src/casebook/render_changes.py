"""What's new: recently added and updated cases, and the changelog page, all from the cases' own dates."""

from __future__ import annotations

from collections import defaultdict

from casebook.index import Index
from casebook.markdown import NOT_INDEXED, Page, file_url, front_matter, h, html_list, link
from casebook.render_case import case_path

# What a case's date records, in the order a day's changes are listed.
EVENTS = (("published", "Added"), ("updated", "Updated"), ("reviewed", "Facts checked against the sources"))


def _dated(index: Index, slug: str, date: str, source: str, note: str = "") -> str:
    title = link(index.meta(slug)["title"], case_path(slug), source)
    return f'<time datetime="{h(date)}">{h(date)}</time> · {title}{note}'


def render_whats_new(index: Index, source: str) -> str:
    """'Recently added' and 'Recently updated' (only cases whose update differs from their addition)."""
    added = [_dated(index, s, index.meta(s)["published"], source) for s in index.latest()]
    updated = [
        _dated(index, s, index.meta(s)["updated"], source, f" (added {h(index.meta(s)['published'])})")
        for s in index.recently_updated()
    ]
    parts = ["<h3>Recently added</h3>\n", html_list(added) if added else "<p>No cases yet.</p>\n"]
    if updated:
        parts += ["<h3>Recently updated</h3>\n", html_list(updated)]
    feed, changes = h(file_url("feed.xml", source)), link("Everything that has changed", "changes.md", source)
    parts.append(f'<p>{changes} · <a href="{feed}">Atom feed</a> of new and updated cases</p>\n')
    return "".join(parts)


def render_changes(index: Index) -> Page:
    """Every dated change to every case, newest day first."""
    source = "changes.md"
    days: dict[str, list[str]] = defaultdict(list)
    for field, label in EVENTS:
        for slug in sorted(index.cases, key=lambda s: index.meta(s)["title"].lower()):
            meta = index.meta(slug)
            date = meta.get(field)
            if date and not (field == "updated" and date == meta["published"]):
                days[str(date)].append(f"{h(label)}: {link(meta['title'], case_path(slug), source)}")
    feed = h(file_url("feed.xml", source))
    parts = [
        front_matter({"title": "What has changed", **NOT_INDEXED}),
        "# What has changed\n\n",
        "<p>Every case records when it was added, when it was last updated and when its facts were last "
        f'checked against its sources. New and updated cases also appear in the <a href="{feed}">Atom feed</a> '
        f'and the <a href="{h(file_url("feed.json", source))}">JSON feed</a>.</p>\n\n',
    ]
    for day in sorted(days, reverse=True):
        parts += [f"## {day}\n\n", html_list(days[day]), "\n"]
    if not days:
        parts.append("<p>No cases yet.</p>\n")
    return Page(source, "".join(parts))
