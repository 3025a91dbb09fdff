"""`casebook new`: scripted with flags, and interactive in a terminal (driven through a pseudo-terminal).
Either way the file it writes passes `casebook validate` (warnings for the placeholders left, no errors)."""

from __future__ import annotations

import datetime as dt
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casebook.scaffold import Answers, parse_countries, parse_term, render_case, slugify
from casebook.vocab import load_vocabularies
from helpers import DATA, ROOT, CliResult, run_cli

CASEBOOK = str(Path(sys.executable).parent / "casebook")
TODAY = "2026-06-01"


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(ROOT / "cases" / "_template.md", folder / "_template.md")
    return folder


def run(*args: str) -> CliResult:
    return run_cli(*args)


def assert_validates(path: Path) -> str:
    result = run("validate", str(path), "--data", str(DATA), "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout
    return result.stdout


class Terminal:
    """A command on a pseudo-terminal: what a person at a keyboard sees and types."""

    def __init__(self, *args: str) -> None:
        self.master, slave = os.openpty()
        env = {**os.environ, "TERM": "dumb", "PYTHONWARNINGS": "error"}
        self.process = subprocess.Popen(
            [CASEBOOK, *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""
        self.pending = ""

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait until `text` appears; return everything shown up to and including it."""
        deadline = time.monotonic() + timeout
        while text not in self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {text!r}; the screen shows:\n{self.seen}{self.pending}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # EIO: the command has exited and closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the command ended before showing {text!r}:\n{self.seen}{self.pending}")
            self.pending += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        end = self.pending.index(text) + len(text)
        shown, self.pending = self.pending[:end], self.pending[end:]
        self.seen += shown
        return shown

    def type(self, line: str) -> None:
        os.write(self.master, line.encode("utf-8") + b"\n")

    def close(self) -> int:
        try:
            code = self.process.wait(timeout=30)
        finally:
            os.close(self.master)
        return code


def test_scripted_new_with_every_flag_writes_a_case_that_validates(cases: Path) -> None:
    result = run(
        "new",
        "open-eplatform",
        "--title",
        'Open "ePlatform": Sweden',
        "--summary",
        "Swedish municipalities share an e-services platform through their association.",
        "--country",
        "SE",
        "--country",
        "no",
        "--domain",
        "e-services",
        "--level",
        "regional",
        "--governance-model",
        "municipal-association",
        "--status",
        "active",
        "--started",
        "2012",
        "--software",
        "Open ePlatform",
        "--organisation",
        "Sambruk",
        "--organisation-type",
        "public-association",
        "--cases",
        str(cases),
        "--data",
        str(DATA),
        "--today",
        TODAY,
    )
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout and "casebook validate" in result.stdout
    text = (cases / "open-eplatform.md").read_text(encoding="utf-8")
    for line in (
        'title: "Open \\"ePlatform\\": Sweden"',
        'countries: [SE, "NO"]',  # Norway quoted: YAML 1.1 readers would take NO for false
        "governance_model: municipal-association",
        "level: regional",
        "started: 2012",
        '  - name: "Open ePlatform"',
        "    type: public-association",
        "    country: SE",
        f"published: {TODAY}",
    ):
        assert f"\n{line}\n" in text, line
    warnings = assert_validates(cases / "open-eplatform.md")
    assert "[placeholder]" in warnings  # the source and repository are still the template's


def test_scripted_new_refuses_bad_flags_with_a_hint(cases: Path) -> None:
    bad = run("new", "x", "--domain", "e-servics", "--cases", str(cases), "--data", str(DATA))
    assert bad.returncode == 2
    assert "--domain: 'e-servics' is not in" in bad.stderr and "did you mean 'e-services'?" in bad.stderr
    assert run("new", "x", "--country", "Atlantis", "--cases", str(cases), "--data", str(DATA)).returncode == 2
    assert run("new", "x", "--started", "1850", "--cases", str(cases), "--data", str(DATA)).returncode == 2
    assert run("new", "--cases", str(cases), "--data", str(DATA)).returncode == 2  # no slug, no terminal
    assert not list(cases.glob("x.md"))


def test_interactive_new_asks_with_numbered_choices_and_validates(cases: Path) -> None:
    term = Terminal("new", "--cases", str(cases), "--data", str(DATA), "--today", TODAY)
    term.expect("Title (the name of the case): ")
    term.type("Città di Torino: open data")
    term.expect("[citta-di-torino-open-data]: ")
    term.type("")  # accept the slug made from the title
    term.expect("(optional): ")
    term.type("Turin publishes its data on a platform that nearby towns reuse.")
    term.expect("comma-separated): ")
    term.type("Italy, Atlantis")
    term.expect("'Atlantis' is not a country")
    term.type("Italy")
    menu = term.expect("Number or id: ")
    assert " 3. Open data infrastructure (open-data)" in menu  # numbered choices from data/domains.yml
    term.type("99")
    term.expect("'99' is not in")
    term.type("3")
    term.expect("Number or id [local]: ")
    term.type("")
    menu = term.expect("Number or id: ")
    assert "Municipally owned company (municipal-company)" in menu
    term.type("municipal-compnay")
    term.expect("did you mean 'municipal-company'?")
    term.type("municipal-company")
    term.expect("Number or id [active]: ")
    term.type("2")
    term.expect("Year it started: ")
    term.type("2015")
    term.expect("software (optional): ")
    term.type("Torino Open Data")
    term.expect("started it (optional): ")
    term.type("Città di Torino")
    term.expect("What kind of organisation is it?")
    term.expect("Number or id: ")
    term.type("Municipality")  # a name works too
    term.expect("Next steps:")
    assert term.close() == 0
    created = cases / "citta-di-torino-open-data.md"
    text = created.read_text(encoding="utf-8")
    for line in (
        'title: "Città di Torino: open data"',
        "domain: open-data",
        "countries: [IT]",
        "level: local",
        "governance_model: municipal-company",
        "status: pilot",
        "started: 2015",
        '  - name: "Città di Torino"',
        "    type: municipality",
    ):
        assert f"\n{line}\n" in text, line
    assert_validates(created)


def test_interactive_new_asks_only_what_the_flags_leave_out(cases: Path) -> None:
    term = Terminal(
        "new", "pilot-case", "--title", "Pilot case", "--country", "CZ", "--domain", "open-data",
        "--cases", str(cases), "--data", str(DATA), "--today", TODAY,
    )  # fmt: skip
    term.expect("(optional): ")  # summary: title and slug were given, so not asked
    term.type("")
    menu = term.expect("Number or id [local]: ")
    assert "Title" not in menu and "Countries" not in menu and "Domain" not in menu
    term.type("")
    term.expect("Number or id: ")
    term.type("single-city")
    term.expect("Number or id [active]: ")
    term.type("")
    term.expect("Year it started: ")
    term.type("2021")
    term.expect("software (optional): ")
    term.type("")
    term.expect("started it (optional): ")
    term.type("")  # no organisation: its type is not asked
    term.expect("Next steps:")
    assert term.close() == 0
    assert_validates(cases / "pilot-case.md")


def test_interactive_new_can_be_cancelled_without_writing(cases: Path) -> None:
    term = Terminal("new", "--cases", str(cases), "--data", str(DATA))
    term.expect("Title (the name of the case): ")
    os.write(term.master, b"\x04")  # Ctrl-D
    term.expect("cancelled; nothing was written")
    assert term.close() == 1
    assert [p.name for p in cases.iterdir()] == ["_template.md"]


def test_interactive_new_refuses_a_slug_already_taken_before_asking_more(cases: Path) -> None:
    (cases / "golemio.md").write_text("mine\n", encoding="utf-8")
    term = Terminal("new", "--cases", str(cases), "--data", str(DATA), "--today", TODAY)
    term.expect("Title (the name of the case): ")
    term.type("Golemio")
    term.expect("[golemio]: ")
    term.type("")
    term.expect("a case 'golemio' already exists; choose another slug")
    term.type("golemio-prague")
    term.expect("(optional): ")
    os.write(term.master, b"\x04")
    term.expect("cancelled; nothing was written")
    assert term.close() == 1
    assert (cases / "golemio.md").read_text(encoding="utf-8") == "mine\n"
    given = Terminal("new", "golemio", "--cases", str(cases), "--data", str(DATA))
    given.expect("already exists; not overwriting it")  # said at once, not after every question
    assert given.close() == 1


def test_new_reports_a_broken_template_without_a_traceback(cases: Path) -> None:
    (cases / "_template.md").write_text("no front matter\n", encoding="utf-8")
    result = run("new", "some-case", "--cases", str(cases), "--data", str(DATA))
    assert result.returncode == 1
    assert "must start with a front matter block" in result.stderr and "Traceback" not in result.stderr
    assert not (cases / "some-case.md").exists()


def test_no_input_never_asks_even_in_a_terminal(cases: Path) -> None:
    term = Terminal("new", "quiet-case", "--no-input", "--cases", str(cases), "--data", str(DATA), "--today", TODAY)
    term.expect("Next steps:")
    assert term.close() == 0
    assert 'title: "Quiet case"' in (cases / "quiet-case.md").read_text(encoding="utf-8")


def test_parsers_accept_what_people_type() -> None:
    vocabs, _ = load_vocabularies(DATA)
    assert parse_countries("se, Finland,SE") == ["SE", "FI"]
    assert parse_term(vocabs["levels"], "Cross-border") == "cross-border"
    assert parse_term(vocabs["levels"], "2", numbered=True) == "regional"
    with pytest.raises(ValueError, match="allowed: local, regional"):
        parse_term(vocabs["levels"], "2")  # numbers only where a numbered list was shown
    assert slugify("Besançon: Smart City!") == "besancon-smart-city"


def test_render_case_quotes_what_yaml_would_misread() -> None:
    template = (ROOT / "cases" / "_template.md").read_text(encoding="utf-8")
    answers = Answers(title="2048", software="yes", organisation="Line\u2028break", countries=["NO"])
    text = render_case(template, answers, dt.date(2026, 6, 1))
    assert '\ntitle: "2048"\n' in text
    assert '\n  - name: "yes"\n' in text
    assert '\n  - name: "Line\\u2028break"\n' in text
    assert '\ncountries: ["NO"]\n' in text and '\n    country: "NO"\n' in text
    assert text.endswith(template.split("---\n", 2)[2])  # the body is the template's
