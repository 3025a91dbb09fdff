"""Small SVG writing helpers shared by the pictures: the root element with its title and description."""

from __future__ import annotations

from casebook.markdown import h


def svg_root(ident: str, width: int, height: int, title: str, desc: str, body: str, *, links: bool) -> str:
    """An inline SVG with an accessible name and description.

    A picture whose parts are links keeps the SVG's own role (a graphics document, whose links screen
    readers reach; "group" is not valid on svg); one without is an image. The width and height only
    give the proportions: CSS scales it to the column.
    """
    role = "" if links else ' role="img"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gu-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"{role} '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
        f'<title id="{ident}-title">{h(title)}</title><desc id="{ident}-desc">{h(desc)}</desc>'
        f"{body}</svg>"
    )


def num(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
