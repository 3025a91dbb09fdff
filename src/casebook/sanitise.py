"""The HTML allowlist at the publishing boundary: what a page built from repository content may contain.

One policy, two uses: `sanitise_html` (nh3, the Ammonia binding) cleans rendered pages, and
`find_removals` lists what that policy would remove, so the validator can report it with a location.
No script, no style, no event handler, no form outside the pages that own one, links only to http(s),
mailto and relative addresses, and images and media only from the site itself.
"""

from __future__ import annotations

import html as html_lib
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import nh3

TEXT_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
        "audio",
        "video",
        "source",
        "track",
        "picture",
    ]
)
FORM_TAGS = frozenset(
    [
        "form",
        "input",
        "select",
        "option",
        "optgroup",
        "textarea",
        "button",
        "label",
        "fieldset",
        "legend",
        "datalist",
        "output",
    ]
)
# Pages whose own (engine or maintainer) markup is a form; nowhere else may one appear.
FORM_PAGES = frozenset({"explore.md", "propose.md", "governance/compare.md", "recommendations/index.md"})

COMMON = frozenset({"id", "class", "title", "lang", "aria-label", "aria-labelledby", "aria-describedby"})
COMMON_INTERACTIVE = frozenset({"hidden", "role", "aria-live", "aria-hidden", "aria-expanded", "aria-controls"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "target", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "audio": frozenset({"src", "controls"}),
    "video": frozenset({"src", "controls", "width", "height"}),
    "source": frozenset({"src", "type"}),
    "track": frozenset({"src", "kind", "srclang", "label"}),
    "td": frozenset({"colspan", "rowspan", "align", "data-label"}),  # its column's heading, for narrow screens
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "col": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "h2": frozenset({"data-search-exclude"}),
    "h3": frozenset({"data-search-exclude"}),
    "div": frozenset({"data-search-exclude"}),
    "section": frozenset({"data-search-exclude"}),
}
FORM_ATTRIBUTES: dict[str, frozenset[str]] = {
    "form": frozenset({"name", "novalidate"}),
    "input": frozenset(
        [
            "type",
            "name",
            "value",
            "checked",
            "placeholder",
            "required",
            "min",
            "max",
            "step",
            "pattern",
            "maxlength",
            "minlength",
            "autocomplete",
            "list",
            "readonly",
            "disabled",
            "size",
        ]
    ),
    "select": frozenset({"name", "required", "multiple", "disabled", "size", "data-default", "data-vocabulary"}),
    "option": frozenset({"value", "selected", "disabled"}),
    "optgroup": frozenset({"label"}),
    "textarea": frozenset({"name", "rows", "cols", "readonly", "maxlength", "required", "placeholder"}),
    "button": frozenset({"type", "name", "value", "disabled"}),
    "label": frozenset({"for"}),
    "output": frozenset({"for", "name"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MEDIA_ATTRIBUTES = frozenset({"src"})  # on img, audio, video, source, track: the site's own files only
# Classes that style content; Material's layout classes (md-dialog, md-overlay, ...) could draw fake chrome.
CLASS = re.compile(r"gu-[a-z0-9-]+|headerlink|md-button(?:--primary)?|language-[a-z0-9+#-]+|admonition|note|tip")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, slots=True)
class Removal:
    """Something the allowlist removes: a whole tag, or one attribute of a tag (with its value)."""

    tag: str
    attribute: str = ""
    value: str = ""
    reason: str = ""

    def describe(self) -> str:
        if not self.attribute:
            return f"<{self.tag}> is not allowed: {self.reason}"
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{self.attribute}={shown!r} on <{self.tag}> is not allowed: {self.reason}"


def _normal_url(value: str) -> str:
    # Browsers drop tabs, newlines and surrounding spaces in URLs and read '\' as '/'.
    return _INVISIBLE.sub("", value).replace("\\", "/")


def url_problem(attribute: str, value: str) -> str:
    """Why a URL in `attribute` is refused, or '' when it is allowed."""
    url = _normal_url(value)
    scheme = _SCHEME.match(url)
    if attribute in MEDIA_ATTRIBUTES:
        if scheme or url.startswith("//"):
            return "images and media must be files of this site, not addresses elsewhere"
        return ""
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return f"'{scheme.group(1).lower()}:' addresses are not allowed; use https://, mailto: or a relative link"
    return ""


def class_problem(value: str) -> str:
    bad = [name for name in value.split() if not CLASS.fullmatch(name)]
    return f"class {' '.join(bad)!r} is not one of the site's content classes" if bad else ""


def attribute_problem(tag: str, attribute: str, value: str, forms: bool) -> str:
    """Why `attribute` on `tag` is removed, or '' when the policy keeps it as it is."""
    allowed = _attributes(forms)
    if attribute not in allowed.get(tag, ()) and attribute not in allowed["*"]:
        if attribute.startswith("on"):
            return "event handlers run script"
        if attribute == "style":
            return "inline styles can hide or imitate parts of the page"
        return "not on the allowlist"
    if attribute == "class":
        return class_problem(value)
    if attribute in ("href", "src"):
        return url_problem(attribute, value)
    return ""


@cache
def _attributes(forms: bool) -> dict[str, frozenset[str]]:
    table = {"*": COMMON | (COMMON_INTERACTIVE if forms else frozenset()), **ATTRIBUTES}
    if forms:
        for tag, names in FORM_ATTRIBUTES.items():
            table[tag] = table.get(tag, frozenset()) | names
    return table


def _filter(forms: bool):  # type: ignore[no-untyped-def]
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            kept = [name for name in value.split() if CLASS.fullmatch(name)]
            return " ".join(kept) or None
        return None if attribute_problem(tag, attribute, value, forms) else value

    return keep


@cache
def _cleaner(forms: bool) -> nh3.Cleaner:
    tags = TEXT_TAGS | (FORM_TAGS if forms else frozenset())
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags={"script", "style", "template", "noscript", "textarea"} - (tags if forms else set()),
        attributes={tag: set(names) for tag, names in _attributes(forms).items()},
        attribute_filter=_filter(forms),
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitise_html(html: str, *, forms: bool = False) -> str:
    """`html` with everything outside the allowlist removed (text of removed tags kept, scripts dropped)."""
    return _cleaner(forms).clean(html)


def sanitise_page(html: str, page_path: str, pictures: Collection[str] = ()) -> str:
    """The rendered content of the page at `page_path` (below the docs root), cleaned for publishing.

    `pictures` are the SVG texts the engine drew (see casebook.pictures.recording): an `<svg>` element
    exactly equal to one of them is set aside before cleaning and put back after; any other `<svg>`,
    a contributor's above all, is removed like every tag off the allowlist.
    """
    forms = page_path in FORM_PAGES
    if not pictures or "<svg" not in html:
        return sanitise_html(html, forms=forms)
    kept: dict[str, str] = {}
    html = _set_aside(html, pictures, kept)
    return _restore(sanitise_html(html, forms=forms), kept)


_SVG_START = re.compile(r"<svg\b")


def _set_aside(html: str, pictures: Collection[str], kept: dict[str, str]) -> str:
    """`html` with each engine picture replaced by a placeholder no contributor can know in advance."""
    out, at = [], 0
    for start in _SVG_START.finditer(html):
        if start.start() < at:
            continue
        end = html.find("</svg>", start.start())
        candidate = html[start.start() : end + len("</svg>")] if end >= 0 else ""
        if candidate and candidate in pictures:
            token = f"gu-picture-{secrets.token_hex(16)}"
            kept[token] = candidate
            out += [html[at : start.start()], token]
            at = start.start() + len(candidate)
    return "".join(out) + html[at:]


def _restore(clean: str, kept: dict[str, str]) -> str:
    """Put the pictures back where their placeholder is text between tags; anywhere else (inside an
    attribute a contributor left open, say) the placeholder is dropped and the picture with it."""
    finder = _TextOnly(set(kept))
    finder.feed(clean)
    finder.close()
    for token, svg in kept.items():
        clean = clean.replace(token, svg if token in finder.in_text and token not in finder.in_tags else "")
    return clean


class _TextOnly(HTMLParser):
    """Which placeholders occur in text, and which inside a tag (attribute values included)."""

    def __init__(self, tokens: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens = tokens
        self.in_text: set[str] = set()
        self.in_tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        self.in_tags.update(t for t in self.tokens if t in text)

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.in_text.update(t for t in self.tokens if t in data)

    def handle_comment(self, data: str) -> None:
        self.in_tags.update(t for t in self.tokens if t in data)


def safe_text(text: str) -> str:
    """Text for a place that themes print without escaping (titles, table-of-contents entries)."""
    return html_lib.escape(html_lib.unescape(nh3.clean(text, tags=set())), quote=True)


class _Scanner(HTMLParser):
    """Walks rendered HTML (entities decoded, as a browser reads it) and applies the policy to each tag."""

    def __init__(self, forms: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.forms = forms
        self.tags = TEXT_TAGS | (FORM_TAGS if forms else frozenset())
        self.removals: list[Removal] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.tags:
            self.removals.append(Removal(tag, reason=_tag_reason(tag)))
            return
        for name, value in attrs:
            problem = attribute_problem(tag, name, value or "", self.forms)
            if problem:
                self.removals.append(Removal(tag, name, value or "", problem))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        if data.lstrip().startswith("[if"):  # conditional comments are markup in old browsers
            self.removals.append(Removal("!--", reason="conditional comments are not allowed"))


def _tag_reason(tag: str) -> str:
    if tag in ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "portal"):
        return "it runs code or embeds another page"
    if tag in ("style", "link", "meta", "base"):
        return "it restyles, redirects or loads from elsewhere"
    if tag in FORM_TAGS:
        return "forms belong only to the pages that own one"
    if tag in ("svg", "math"):
        return "inline SVG and MathML can carry scripts and remote loads"
    return "not on the allowlist"


def find_removals(html: str, *, forms: bool = False) -> list[Removal]:
    """Everything `sanitise_html` would take out of `html`, in document order.

    The scanner and nh3 apply the same policy tables; should they ever disagree, the caller still
    learns that nh3 changed something (see `changes_anything`).
    """
    scanner = _Scanner(forms)
    scanner.feed(html)
    scanner.close()
    return scanner.removals


def changes_anything(html: str, *, forms: bool = False) -> bool:
    """Whether nh3 under the allowlist changes the meaning of `html` (not merely its serialisation)."""
    found = _inventory(html)
    permissive = nh3.Cleaner(
        tags=found.tags | set(TEXT_TAGS),
        clean_content_tags=set(),
        attributes={"*": found.attributes},
        url_schemes=found.schemes | set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return permissive.clean(html) != sanitise_html(html, forms=forms)


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.schemes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            scheme = _SCHEME.match(_normal_url(value or ""))
            if scheme:
                self.schemes.add(scheme.group(1).lower())

    handle_startendtag = handle_starttag


def _inventory(html: str) -> _Inventory:
    inventory = _Inventory()
    inventory.feed(html)
    inventory.close()
    return inventory
