"""Where a generated page sits in the site: its top tab (`section`) and its breadcrumbs, as front matter.

Generated detail pages are not in the navigation (listing every case there would make the build
quadratic), so the theme cannot tell by itself which tab they belong to; the engine says it in each
page's front matter and the theme overrides in `docs/overrides/partials/` read it, under any generator.
"""

from __future__ import annotations

from casebook.markdown import Page, add_front_matter, url

# folder of a detail page -> its trail of (label, page) from the top tab down; labels as in the nav
TRAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "cases": (("Cases", "cases/index.md"),),
    "governance": (("Governance models", "governance/index.md"),),
    "mechanisms": (("Governance models", "governance/index.md"), ("Mechanisms", "mechanisms/index.md")),
    "recommendations": (("Recommendations", "recommendations/index.md"),),
    "countries": (("Explore", "explore.md"), ("Countries", "countries/index.md")),
    "domains": (("Explore", "explore.md"), ("Domains", "domains/index.md")),
    "software": (("Explore", "explore.md"), ("Software", "software/index.md")),
    "organisations": (("Explore", "explore.md"), ("Organisations", "organisations/index.md")),
}


def placed(pages: list[Page]) -> list[Page]:
    """The pages, each detail page with `section` (the page of its top tab) and `breadcrumbs` added."""
    paths = {p.path for p in pages}
    return [_placed(page, paths) for page in pages]


def _placed(page: Page, paths: set[str]) -> Page:
    folder, _, name = page.path.rpartition("/")
    if folder not in TRAILS or name == "index.md":
        return page  # top-level and index pages are in the navigation: the theme places them itself
    trail = [(label, target) for label, target in TRAILS[folder] if target in paths]
    if not trail:
        return page
    crumbs = [{"title": label, "url": url(target, page.path)} for label, target in trail]
    return Page(page.path, add_front_matter(page.text, {"section": trail[0][1], "breadcrumbs": crumbs}))
