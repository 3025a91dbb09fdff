"""The whole generated docs tree: hand-written pages with their inserts filled, every generated page,
data file and asset, each page's per-page values (edit link, JSON-LD) in its own front matter.

`casebook generate --out DIR` writes it, so any generator that builds Markdown from a folder (MkDocs,
ProperDocs, Zensical) can publish the site without the hook; the hook calls the same functions.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from casebook.check_docs import validate_docs
from casebook.diagnostics import Diagnostic, Severity
from casebook.downloads import published_files, render_downloads
from casebook.editor import NEW_FILE_URL
from casebook.index import Index
from casebook.markdown import url_style
from casebook.render_case import SiteInfo
from casebook.render_overview import render_inserts
from casebook.render_site import render_assets, render_site
from casebook.validate import validate

TEMPLATE = "_template.md"
DOWNLOADS_MARKER = "<!-- casebook:downloads -->"


@dataclass(frozen=True, slots=True)
class Project:
    """Where a casebook's sources are and how it is published (read from its mkdocs.yml)."""

    root: Path
    docs: Path
    site: SiteInfo
    new_file_url: str

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def data(self) -> Path:
        return self.root / "data"


def site_info(config: Mapping[str, Any]) -> tuple[SiteInfo, str]:
    """SiteInfo and the 'new file' URL of the propose page, from a generator's configuration."""
    extra = config.get("extra") or {}
    repository = str(extra.get("source_repository", "")).rstrip("/")
    branch = extra.get("source_branch", "main")
    edit_base = f"{repository}/edit/{branch}/" if repository else ""
    new_file = f"{repository}/new/{branch}/cases" if repository else NEW_FILE_URL
    directory_urls = bool(config.get("use_directory_urls", True))
    return SiteInfo(url=config.get("site_url") or "", edit_base=edit_base, directory_urls=directory_urls), new_file


def load_project(config_file: Path, docs: Path | None = None) -> Project:
    """The project described by `config_file` (mkdocs.yml); `docs` overrides its docs folder."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    root = config_file.parent
    site, new_file = site_info(config)
    return Project(root, docs or root / config.get("docs_dir", "docs"), site, new_file)


def hand_written_edit_url(site: SiteInfo, src_uri: str) -> str | None:
    return f"{site.edit_base}docs/{src_uri}" if site.edit_base else None


def fill_inserts(markdown: str, inserts: dict[str, str]) -> str:
    """A hand-written page with every `<!-- casebook:... -->` marker replaced by its generated block."""
    for marker, block in inserts.items():
        markdown = markdown.replace(marker, block)
    return markdown


def inserts_for(
    cases: Path, index: Index, site: SiteInfo, files: Mapping[str, str | Path] | None = None
) -> dict[str, str]:
    """The blocks for hand-written pages' markers, with links in the site's URL style; `files` are the
    generated and published files by path, for the downloads table's sizes."""
    template = cases / TEMPLATE
    with url_style(site.directory_urls):
        inserts = render_inserts(index, template.read_text(encoding="utf-8") if template.is_file() else "")
        inserts[DOWNLOADS_MARKER] = render_downloads(index, site, files or {}, "data/index.md")
    return inserts


def check_project(project: Project) -> tuple[Index | None, list[Diagnostic]]:
    """The index of a valid project, or None and every problem (cases, vocabularies, pages)."""
    corpus = validate([project.cases], project.data)
    diagnostics = sorted({*corpus.diagnostics, *validate_docs(project.docs)}, key=Diagnostic.sort_key)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return Index.build(corpus.cases, corpus.vocabs), diagnostics


def _with_edit_url(project: Project, relative: str, text: str) -> str:
    """The page's edit link in its front matter, where main.html prints it without a hook."""
    edit_url = hand_written_edit_url(project.site, relative)
    if not edit_url:
        return text
    page = frontmatter.loads(text)
    page.metadata.setdefault("edit_url", edit_url)
    return str(frontmatter.dumps(page, sort_keys=False)) + "\n"


def generated_files(project: Project, index: Index) -> dict[str, str | Path]:
    """Every file of the generated tree by path: text for what the engine writes, a source path for copies."""
    files: dict[str, str | Path] = {}
    assets: dict[str, str | Path] = {
        **render_assets(index, project.site, project.new_file_url),
        **published_files(project.root, project.site),
    }
    inserts = inserts_for(project.cases, index, project.site, assets)
    for path in sorted(project.docs.rglob("*")):
        relative = path.relative_to(project.docs).as_posix()
        if not path.is_file() or path.is_symlink():
            continue  # validation refuses links; folders are made as needed
        if path.suffix == ".md" and not relative.startswith("overrides/"):
            text = fill_inserts(path.read_text(encoding="utf-8"), inserts)
            files[relative] = _with_edit_url(project, relative, text)
        else:
            files[relative] = path
    for page in render_site(index, project.site):
        files[page.path] = page.text
    files.update(assets)
    return dict(sorted(files.items()))


def write_tree(files: dict[str, str | Path], out: Path) -> None:
    """Write the tree into `out`, replacing what was there (deterministic: sorted, '\\n', no dates)."""
    if out.exists():
        shutil.rmtree(out)
    for relative, content in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
