"""Ground Up's casebook engine: load, validate, index and render a corpus of case studies.

The engine never imports MkDocs; `hooks/` adapts it to a site generator.
"""

__version__ = "0.1.0"
