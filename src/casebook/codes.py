"""The one registry of diagnostic codes: every code the engine can report, with what it means.

`error()` and `warning()` refuse a code that is not here, and a test checks that every code here is
reported by a fixture or a named scenario, so the registry, the fixtures and the engine agree.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Reading files
    "file-type": "a content path is a link, pipe, device or folder, not a regular file",
    "file-size": "a file is larger than the limit",
    "read": "a file cannot be read",
    "encoding": "a file is not valid UTF-8",
    "front-matter": "the front matter block is missing, unclosed or not a mapping",
    # YAML
    "yaml-syntax": "the front matter is not valid YAML",
    "yaml-tag": "a YAML tag that could construct objects",
    "yaml-alias": "anchors, aliases or merge keys",
    "yaml-depth": "values nested too deeply",
    "yaml-key": "a mapping key that is not plain text",
    "yaml-value": "a value that cannot be read as its tag says (or a number too long)",
    "duplicate-key": "a key given twice",
    # Fields
    "unknown-field": "a field the schema does not know",
    "missing-field": "a required field is missing",
    "empty": "a list that must not be empty is empty",
    "type": "a value of the wrong type",
    "country": "not an ISO 3166-1 alpha-2 code",
    "licence": "not a valid SPDX licence expression",
    "deprecated-licence": "a deprecated or ambiguous SPDX id",
    "date": "not a YYYY-MM-DD date (or a date in the future)",
    "year": "an implausible year",
    "date-order": "updated before published",
    "url": "not an http(s) URL",
    "unknown-term": "not a term of the vocabulary",
    "duplicate": "the same value twice in a list",
    "hidden-character": "control, bidirectional or invisible characters",
    "too-long": "a text longer than its limit",
    "too-many": "a list longer than its limit",
    "title-country": "a title that ends with a country",
    "summary-length": "a summary longer than listings show",
    "stale-review": "facts not reviewed for more than two years",
    "stale-adoption": "the newest adoption figure is more than five years old",
    "placeholder": "template text left in",
    # Cases together
    "unknown-case": "related or derived_from names no case",
    "self-reference": "a case names itself",
    "slug": "a file name or slug that is not lower-case letters, digits and hyphens",
    "duplicate-slug": "two cases with the same slug, ignoring case",
    "derivation-cycle": "derived_from loops back to the case",
    # Body
    "section": "the six sections missing, repeated, out of order or extra",
    "heading": "a level-1 heading in the body",
    "citation": "a citation of a source that is not listed",
    "uncited-source": "a listed source that is never cited",
    "uncited-paragraph": "a paragraph of the narrative that cites no source",
    "process-phrase": "wording about how the case was written",
    "unsafe-html": "markup the HTML allowlist removes (scripts, frames, handlers, unknown tags)",
    "unsafe-url": "a link to a scheme other than http, https or mailto",
    "unsafe-style": "a style or a class that is not one of the site's",
    "remote-media": "an image or medium loaded from another host",
    "attr-list": "an attribute list that sets more than an id and classes",
    "evidence-quote": "a recommendation's quote that is not a whole sentence of the section it names",
    "evidence-section": "a recommendation's section that is not a section of the body",
    # Vocabularies, editorial phrases and hand-written pages
    "vocabulary": "a vocabulary file or term that is malformed",
    "editorial": "data/editorial.yml is malformed",
    "page-field": "front matter a hand-written page may not set",
}
