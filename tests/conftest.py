"""Fixtures and hooks for pytest; the helpers they use live in helpers.py (imported by tests too)."""

from helpers import (  # noqa: F401  (pytest finds fixtures and hooks by their names here)
    browser,
    built_site,
    in_root,
    offline_site,
    pytest_collection_modifyitems,
    served_site,
)
