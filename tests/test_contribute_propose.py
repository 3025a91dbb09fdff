"""The propose-a-case page in Chromium, opened from file:// as an offline reader would: the form's
Markdown, downloaded or sent to the forge, is a case that `casebook validate` accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from casebook.load import load_case
from helpers import DATA, ROOT

HOSTILE_TITLE = 'Open "ePlatform": <b>Sweden</b> # 1 \\ </script>'


@pytest.fixture(scope="module")
def propose_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site (tests may write into it); the build itself wrote assets/propose-data.js."""
    site = tmp_path_factory.mktemp("propose") / "site"
    shutil.copytree(built_site, site)
    assert (site / "assets" / "propose-data.js").is_file(), "the build did not write the propose page's data"
    return site


class Visit:
    """The page opened from file://, and what it did besides rendering: script errors, requests, downloads."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.downloads: list[Any] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("download", lambda download: self.downloads.append(download))


@pytest.fixture
def visit(browser: Any, propose_site: Path) -> Iterator[Visit]:
    context = browser.new_context(accept_downloads=True)
    visit = Visit(context.new_page())
    visit.page.goto((propose_site / "propose" / "index.html").as_uri())
    visit.page.wait_for_selector("#gu-propose:not([hidden])")
    yield visit
    context.close()


def fill(page: Any, title: str = "Open ePlatform") -> None:
    page.fill("#gu-p-title", title)
    page.fill("#gu-p-summary", "Swedish municipalities share an e-services platform through their association.")
    page.select_option("#gu-p-status", "active")
    page.fill("#gu-p-started", "2012")
    page.select_option("#gu-p-country", "SE")
    page.fill("#gu-p-more-countries", "Norway, fi")  # names or codes
    page.select_option("#gu-p-level", "regional")
    page.select_option("#gu-p-domain", "e-services")
    page.select_option("#gu-p-governance-model", "municipal-association")
    page.fill("#gu-p-software-name", "Open ePlatform")
    page.fill("#gu-p-software-licence", "AGPL-3.0-or-later")
    page.fill("#gu-p-software-repository", "https://github.com/Open-ePlatform/oeplatform")
    page.fill("#gu-p-organisation-name", "Sambruk")
    page.select_option("#gu-p-organisation-role", "steward")
    page.select_option("#gu-p-organisation-type", "public-association")
    page.fill("#gu-p-source-title", "Open ePlatform: about the platform")
    page.fill("#gu-p-source-url", "https://www.openeplatform.org/")
    page.fill("#gu-p-source-publisher", "Sambruk")
    page.fill("#gu-p-source-date", "2024-05-01")


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "casebook"
    return subprocess.run(
        [str(exe), "validate", str(path), "--data", str(DATA)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def test_filled_form_gives_markdown_that_validates(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    fill(page, HOSTILE_TITLE)
    page.click("#gu-p-advanced summary")  # the file name is an advanced choice, folded away
    page.fill("#gu-p-slug", "open-eplatform")
    page.fill(
        "#gu-p-takeaways", 'Members share one platform.\n\n  "Quoted" #2: one fee \\ year\nThree\nFour is dropped'
    )
    markdown = page.input_value("#gu-propose-output")
    cases = tmp_path / "cases"
    cases.mkdir()
    saved = cases / "open-eplatform.md"
    saved.write_text(markdown, encoding="utf-8")
    result = validate(saved)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout
    case, problems = load_case(saved, "open-eplatform.md")
    assert case is not None and not problems
    assert case.meta["title"] == HOSTILE_TITLE  # quotes, '#', '<' and backslashes survive the YAML
    assert case.meta["countries"] == ["SE", "NO", "FI"]
    assert case.meta["takeaways"] == ["Members share one platform.", '"Quoted" #2: one fee \\ year', "Three"]
    assert case.meta["organisations"][0] == {
        "name": "Sambruk",
        "role": "steward",
        "type": "public-association",
        "country": "SE",
    }
    assert case.meta["sources"][0]["date"] == "2024-05-01"
    # The online build's search cannot load from file:// (the offline build has its own); nothing else may fail.
    assert [e for e in visit.errors if "search/search_index.js" not in e] == []
    requests = visit.requests
    assert all(url.startswith(("file:", "blob:", "data:")) for url in requests), requests  # no CDN, no fetch


def test_download_and_pull_request_carry_the_same_file(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    fill(page)
    assert page.input_value("#gu-p-slug") == "open-eplatform"  # made from the title
    markdown = page.input_value("#gu-propose-output")
    with page.expect_download() as download:
        page.click("#gu-propose-download")
    assert download.value.suggested_filename == "open-eplatform.md"
    saved = tmp_path / "cases" / "open-eplatform.md"
    saved.parent.mkdir()
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == markdown
    assert validate(saved).returncode == 0
    href = page.get_attribute("#gu-propose-pr", "href")
    url = urlsplit(href)
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]  # what the site says
    assert (
        f"{url.scheme}://{url.netloc}{url.path}" == f"{extra['source_repository']}/new/{extra['source_branch']}/cases"
    )
    query = parse_qs(url.query)
    assert query == {"filename": ["open-eplatform.md"], "value": [markdown]}


def test_incomplete_form_offers_nothing_and_says_why(visit: Visit) -> None:
    page = visit.page
    page.fill("#gu-p-title", "Half a case")
    page.click("#gu-propose-download")
    page.click("#gu-propose-pr")
    assert "required fields are missing" in page.inner_text("#gu-propose-status")
    assert visit.downloads == [] and len(page.context.pages) == 1


def test_form_is_labelled_and_reachable_by_keyboard(visit: Visit) -> None:
    page = visit.page
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#gu-propose input, #gu-propose select, #gu-propose textarea,'
                   + ' #gu-propose-output')]
              .filter(el => !document.querySelector(`label[for="${el.id}"]`)).map(el => el.name || el.id)"""
    )
    assert unlabelled == []
    page.focus("#gu-p-title")
    page.keyboard.type("Keyboard case")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        if reached[-1] == "gu-propose-download":
            break
    assert reached[-1] == "gu-propose-download", reached
    assert {"gu-p-domain", "gu-p-governance-model", "gu-propose-output"} <= set(reached)
    assert "gu-p-slug" not in reached  # folded away under "Advanced", and filled in from the title
    assert page.input_value("#gu-p-slug") == "keyboard-case"
    choices = page.eval_on_selector_all("#gu-p-governance-model option", "els => els.map(e => e.value)")
    assert "municipal-company" in choices and choices[0] == ""
