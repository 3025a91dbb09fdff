"""The reuse network: cases and shared software as nodes; "derived from", "built on" and declared
"related" links as edges, laid out in layers by the engine (derivation is acyclic), every node a link.

Columns, left to right: the cases nothing is derived from, then each generation of cases derived
from them, then software that several cases are built on. Links between two cases of one column are
drawn as arcs in the left margin. The order within a column keeps linked cases close.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from casebook.index import Index
from casebook.markdown import h, html_list, link, url
from casebook.pictures import figure
from casebook.pictures.svg import num, plural, svg_root
from casebook.render_case import case_path

ROW, NODE_H, GAP, CHAR, MARGIN = 34, 26, 90, 7.0, 140
LABELS = {"derived": "derived from", "built": "built on", "related": "related"}


@dataclass(frozen=True, slots=True)
class Edge:
    kind: str  # derived, built, related
    source: str  # node id: a case slug, or "software:<slug>"
    target: str


def _label(index: Index, node: str) -> str:
    if node.startswith("software:"):
        return index.software[node.removeprefix("software:")].name
    return str(index.meta(node)["title"])


def _page(node: str) -> str:
    if node.startswith("software:"):
        return f"software/{node.removeprefix('software:')}.md"
    return case_path(node)


def edges(index: Index) -> list[Edge]:
    """Every edge of the network, in a stable order."""
    found = []
    for slug in index.cases:
        for parent in index.meta(slug).get("derived_from") or []:
            if parent in index.cases:
                found.append(Edge("derived", slug, parent))
    for sw in index.software.values():
        if len(sw.cases) >= 2:
            found += [Edge("built", slug, f"software:{sw.slug}") for slug in sorted(sw.cases)]
    derived = {frozenset((e.source, e.target)) for e in found}
    for slug, others in sorted(index.declared_links.items()):
        for other in sorted(others):
            if slug < other and frozenset((slug, other)) not in derived:
                found.append(Edge("related", slug, other))
    return found


def _depths(index: Index, nodes: set[str]) -> dict[str, int]:
    """Generation of each case: 0 when derived from nothing, else one more than its deepest original."""
    depth: dict[str, int] = {}

    def walk(slug: str, seen: frozenset[str]) -> int:
        if slug not in depth:
            parents = [p for p in index.meta(slug).get("derived_from") or [] if p in index.cases and p not in seen]
            depth[slug] = 1 + max((walk(p, seen | {slug}) for p in parents), default=-1)
        return depth[slug]

    for node in sorted(nodes):
        if not node.startswith("software:"):
            walk(node, frozenset())
    return depth


def layout(index: Index) -> tuple[list[list[str]], dict[str, float], list[Edge]]:
    """The columns of node ids, the row of each node (a float: later columns sit level with their
    neighbours, pushed down only to avoid overlaps), and the edges."""
    found = edges(index)
    nodes = {n for e in found for n in (e.source, e.target)}
    depth = _depths(index, nodes)
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for node in sorted(n for n in nodes if not n.startswith("software:")):
        columns[depth[node]].append(node)
    software = sorted(n for n in nodes if n.startswith("software:"))
    if software:
        columns.append(software)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in found:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    columns[0] = _clustered(columns[0], neighbours, index)
    rows = {node: float(r) for r, node in enumerate(columns[0])}
    for i in range(1, len(columns)):

        def centre(node: str) -> tuple[float, str]:
            placed = [rows[n] for n in neighbours[node] if n in rows]
            return (sum(placed) / len(placed) if placed else 0.0, _label(index, node).lower())

        columns[i] = sorted(columns[i], key=centre)
        previous = -1.0
        for node in columns[i]:
            rows[node] = previous = max(centre(node)[0], previous + 1)
    return columns, rows, found


def _clustered(column: list[str], neighbours: dict[str, set[str]], index: Index) -> list[str]:
    """Breadth-first through the links, starting from the most linked case: linked cases end up close."""
    members, order, seen = set(column), [], set()
    for start in sorted(column, key=lambda n: (-len(neighbours[n] & members), _label(index, n).lower())):
        queue = [start]
        while queue:
            node = queue.pop(0)
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            queue += sorted(neighbours[node] & members - seen, key=lambda n: _label(index, n).lower())
    return order


def render_network(index: Index, source: str) -> str:
    """The network as SVG ('' when no case is linked to another)."""
    columns, rows, found = layout(index)
    if not found:
        return ""
    widths = [max(len(_label(index, n)) for n in col) * CHAR + 20 for col in columns]
    xs = [MARGIN + sum(widths[:i]) + GAP * i for i in range(len(columns))]
    where: dict[str, tuple[float, float, float]] = {}  # node -> x, y (top), width
    for x, w, col in zip(xs, widths, columns, strict=True):
        for node in col:
            where[node] = (x, 40 + rows[node] * ROW, w)
    width = int(xs[-1] + widths[-1] + 20)
    height = int(40 + (max(rows.values()) + 1) * ROW + 40)
    lines, nodes = [], []
    for e in found:
        lines.append(_edge(index, e, where))
    for node, (x, y, w) in sorted(where.items()):
        kind = "software" if node.startswith("software:") else "case"
        label = f"{_label(index, node)}, {'software' if kind == 'software' else 'case'}"
        nodes.append(
            f'<a href="{h(url(_page(node), source))}" aria-label="{h(label)}" class="gu-net-node gu-net-{kind}">'
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{NODE_H}" rx="{3 if kind == "case" else 12}"/>'
            f'<text x="{num(x + 10)}" y="{num(y + 17)}">{h(_label(index, node))}</text></a>'
        )
    heads = ["Original cases"] + [f"Derived, generation {i}" for i in range(1, len(columns))]
    if any(n.startswith("software:") for n in columns[-1]):
        heads[-1] = "Shared software"
    titles = "".join(
        f'<text class="gu-net-layer" x="{num(x)}" y="22">{h(head)}</text>' for x, head in zip(xs, heads, strict=True)
    )
    counts = {k: sum(1 for e in found if e.kind == k) for k in LABELS}
    desc = (
        f"{plural(len(where), 'node')}: cases and the software several cases share. "
        f"{plural(counts['derived'], 'link')} derived from, {plural(counts['built'], 'link')} built on, "
        f"{plural(counts['related'], 'link')} between related cases. Every node is a link to its page."
    )
    body = (
        f'<g aria-hidden="true">{titles}</g><g class="gu-net-edges" aria-hidden="true">{"".join(lines)}</g>'
        f'<g class="gu-net-nodes">{"".join(nodes)}</g>{_legend(height)}'
    )
    return svg_root("gu-network", width, height, "Reuse network of the cases", desc, body, links=True)


def _edge(index: Index, e: Edge, where: dict[str, tuple[float, float, float]]) -> str:
    (x1, y1, w1), (x2, y2, w2) = where[e.source], where[e.target]
    c1, c2 = y1 + NODE_H / 2, y2 + NODE_H / 2
    title = f"<title>{h(_label(index, e.source))} {LABELS[e.kind]} {h(_label(index, e.target))}</title>"
    if x1 == x2:  # same column: an arc in the left margin, wider the further apart
        bow = min(20 + abs(c2 - c1) * 0.25, MARGIN - 10)
        d = f"M{num(x1)} {num(c1)}C{num(x1 - bow)} {num(c1)} {num(x1 - bow)} {num(c2)} {num(x2)} {num(c2)}"
        return f'<g>{title}<path class="gu-net-{e.kind}" d="{d}"/></g>'
    if x1 > x2:  # pointing back to an earlier column: leave from the left side, arrive on the right side
        sx, tx = x1, x2 + w2
    else:
        sx, tx = x1 + w1, x2
    mid = (sx + tx) / 2
    d = f"M{num(sx)} {num(c1)}C{num(mid)} {num(c1)} {num(mid)} {num(c2)} {num(tx)} {num(c2)}"
    arrow = _arrow(tx, c2, 1 if tx > sx else -1) if e.kind != "related" else ""
    text = ""
    if e.kind != "related":
        text = f'<text x="{num(mid)}" y="{num((c1 + c2) / 2 - 4)}" text-anchor="middle">{LABELS[e.kind]}</text>'
    return f'<g>{title}<path class="gu-net-{e.kind}" d="{d}"/>{arrow}{text}</g>'


def _arrow(x: float, y: float, direction: int) -> str:
    back = x - 9 * direction
    return f'<path class="gu-net-tip" d="M{num(x)} {num(y)}L{num(back)} {num(y - 5)}L{num(back)} {num(y + 5)}z"/>'


def _legend(height: int) -> str:
    y = height - 16
    items = [
        ("gu-net-derived", "derived from (arrow to the original)"),
        ("gu-net-built", "built on shared software"),
        ("gu-net-related", "related"),
    ]
    parts, x = [], 10
    for cls, text in items:
        parts.append(f'<path class="{cls}" d="M{x} {y - 4}h30"/><text x="{x + 36}" y="{y}">{h(text)}</text>')
        x += 46 + int(len(text) * 6.2)
    return f'<g class="gu-net-legend gu-net-edges" aria-hidden="true">{"".join(parts)}</g>'


def network_alternative(index: Index, source: str) -> str:
    """The network's edges in words, each end a link."""
    items = []
    for e in edges(index):
        a = link(_label(index, e.source), _page(e.source), source)
        b = link(_label(index, e.target), _page(e.target), source)
        suffix = " (software)" if e.target.startswith("software:") else ""
        items.append(f"{a} {LABELS[e.kind]} {b}{suffix}")
    return "<details>\n<summary>The links as a list</summary>\n" + html_list(items) + "</details>\n"


def network_figure(index: Index, source: str) -> str:
    svg = render_network(index, source)
    if not svg:
        return "<p>No case is linked to another yet.</p>\n"
    caption = "Which case reused which (arrows point to the original), the software they share, and declared relations."
    return figure(svg, caption, network_alternative(index, source), "network")
