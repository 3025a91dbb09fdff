"""The link check, against a local server only: this suite never makes a request to the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from casebook.cli import main
from casebook.links import LinkClass, check_link, classify_error, collect_links
from helpers import CASE_FIXTURES

TIMEOUT = 0.5


class Handler(BaseHTTPRequestHandler):
    """/ok 200, /moved 301 -> /ok, /gone 404, /forbidden 403, /no-head 405 to HEAD, /slow too slow."""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        if self.path == "/slow":
            time.sleep(TIMEOUT * 3)
        status = {"/ok": 200, "/moved": 301, "/gone": 404, "/forbidden": 403, "/slow": 200}.get(self.path, 404)
        if self.path == "/no-head":
            status = 405 if head else 200
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not see requests to the local server."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "status", "link_class"),
    [
        ("/ok", 200, LinkClass.OK),
        ("/moved", 200, LinkClass.REDIRECTED),
        ("/gone", 404, LinkClass.BROKEN),
        ("/forbidden", 403, LinkClass.SUSPECT),
        ("/no-head", 200, LinkClass.OK),
        ("/slow", None, LinkClass.SUSPECT),
    ],
)
def test_each_answer_is_classified(server: str, path: str, status: int | None, link_class: LinkClass) -> None:
    result = check_link(server + path, timeout=TIMEOUT)
    assert (result.status, result.link_class) == (status, link_class), result
    assert result.final_url == (server + "/ok" if path == "/moved" else server + path)


def test_a_refused_connection_and_an_unknown_host_are_broken() -> None:
    assert check_link(f"http://127.0.0.1:{_closed_port()}/", timeout=TIMEOUT).link_class is LinkClass.BROKEN
    unknown = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))
    assert classify_error(unknown)[0] is LinkClass.BROKEN  # no DNS lookup in the test suite
    assert classify_error(urllib.error.URLError(TimeoutError()))[0] is LinkClass.SUSPECT


def _corpus(tmp_path: Path, server: str, paths: list[str]) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    text = (CASE_FIXTURES / "valid" / "full.md").read_text(encoding="utf-8")
    text = text.replace("https://example.net/report", server + paths[0]).replace(
        "http://example.net/interview", server + paths[1]
    )
    text = text.replace("https://web.archive.org/web/20250201000000/" + server + paths[0], server + "/moved")
    (cases / "one.md").write_text(text, encoding="utf-8")
    (cases / "two.md").write_text(text, encoding="utf-8")
    return cases


def test_urls_are_collected_with_every_place_that_cites_them(tmp_path: Path) -> None:
    cases = _corpus(tmp_path, "http://127.0.0.1:1", ["/a", "/b"])
    links = collect_links([cases])
    assert list(links) == ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b", "http://127.0.0.1:1/moved"]
    where = links["http://127.0.0.1:1/moved"]
    assert [Path(w).name for w in where] == ["one.md:37", "two.md:37"]  # the archived copy's line


def test_the_command_writes_a_sorted_report_and_fails_on_broken_links(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    cases = _corpus(tmp_path, server, ["/ok", "/gone"])
    report = tmp_path / "links.json"
    code = main(["check-links", str(cases), "--out", str(report), "--concurrency", "4", "--timeout", str(TIMEOUT)])
    assert code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"ok": 1, "redirected": 1, "broken": 1, "suspect": 0}
    assert [(link["url"].removeprefix(server), link["class"], link["status"]) for link in data["links"]] == [
        ("/gone", "broken", 404),
        ("/moved", "redirected", 200),
        ("/ok", "ok", 200),
    ]
    assert data["links"][1]["final_url"] == server + "/ok"
    assert len(data["links"][0]["cited_by"]) == 2
    out, err = capsys.readouterr()
    assert f"one.md:37: redirected: {server}/moved (HTTP 200, now {server}/ok)" in out
    assert "3 URLs checked: 1 ok, 1 redirected, 1 broken, 0 suspect" in err
    again = tmp_path / "again.json"
    main(["check-links", str(cases), "--out", str(again), "--timeout", str(TIMEOUT)])
    assert again.read_bytes() == report.read_bytes()
    cases.joinpath("two.md").write_text(
        cases.joinpath("two.md").read_text(encoding="utf-8").replace(server + "/gone", server + "/forbidden"),
        encoding="utf-8",
    )
    cases.joinpath("one.md").unlink()
    assert main(["check-links", str(cases), "--timeout", str(TIMEOUT)]) == 0  # suspect is reported, not failed
    assert time.monotonic() - started < 10


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    assert main(["check-links", str(tmp_path), "--concurrency", "0"]) == 2
    assert main(["check-links", str(tmp_path / "nowhere")]) == 2
