"""Checking that the sources' URLs still answer: one request per URL, classified, reported as JSON.

Standard library only (threads and urllib): the check runs weekly on a schedule, never in the test
suite against the internet, and needs nothing a plain Python does not have.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from casebook import __version__
from casebook.diagnostics import shown_path
from casebook.load import find_case_files, load_case
from casebook.markdown import plural

USER_AGENT = f"ground-up-casebook/{__version__} (link check; +https://github.com/ground-up-casebook/ground-up)"
MAX_REDIRECTS = 10
LINK_FIELDS = ("url", "archived")  # the fields of a source that hold a URL readers follow


class LinkClass(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"  # gone for sure: 404, 410, no such host, connection refused
    SUSPECT = "suspect"  # may be fine for a browser: 403, 429, 5xx, time-outs, TLS problems


@dataclass(slots=True)
class LinkResult:
    """What one URL answered, and where the corpus cites it (`path:line`)."""

    url: str
    status: int | None
    link_class: LinkClass
    final_url: str
    error: str = ""
    cited_by: list[str] = field(default_factory=list)


def collect_links(paths: Iterable[Path]) -> dict[str, list[str]]:
    """Every source URL and archived URL of the cases under `paths`: url -> sorted `path:line` list."""
    links: dict[str, set[str]] = {}
    for path in find_case_files(paths):
        case, _ = load_case(path, shown_path(path))
        sources = case.meta.get("sources") if case is not None else None
        if case is None or not isinstance(sources, list):
            continue
        for index, source in enumerate(sources):
            for key in LINK_FIELDS if isinstance(source, dict) else ():
                url = source.get(key)
                if isinstance(url, str) and url.startswith(("http://", "https://")):
                    links.setdefault(url, set()).add(f"{case.path}:{case.pos(('sources', index, key))[0]}")
    return {url: sorted(cited, key=_cited_order) for url, cited in sorted(links.items())}


def _cited_order(cited: str) -> tuple[str, int]:
    path, _, line = cited.rpartition(":")
    return path, int(line)


class _KeepMethod(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method: urllib would turn a HEAD into a GET."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]
        if new is not None:
            new.method = req.get_method()
        return new


def _classify_status(status: int, url: str, final_url: str) -> LinkClass:
    if 200 <= status < 300:
        return LinkClass.OK if final_url == url else LinkClass.REDIRECTED
    return LinkClass.BROKEN if status in (404, 410) else LinkClass.SUSPECT


def classify_error(exc: BaseException) -> tuple[LinkClass, str]:
    """A failure without an HTTP status: broken when the host or the port is not there at all."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        return LinkClass.BROKEN, f"no such host ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return LinkClass.BROKEN, "connection refused"
    if isinstance(reason, TimeoutError):
        return LinkClass.SUSPECT, "timed out"
    if isinstance(reason, ssl.SSLError):
        return LinkClass.SUSPECT, f"TLS problem ({reason})"
    return LinkClass.SUSPECT, str(reason) or type(reason).__name__


def _request(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, exc.geturl() or url


def check_link(url: str, timeout: float = 10.0) -> LinkResult:
    """HEAD first; GET when HEAD gets an error status (many servers refuse or mishandle HEAD)."""
    opener = urllib.request.build_opener(_KeepMethod())
    try:
        status, final_url = _request(opener, url, "HEAD", timeout)
        if status >= 400:
            status, final_url = _request(opener, url, "GET", timeout)
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        link_class, error = classify_error(exc)
        return LinkResult(url, None, link_class, url, error)
    return LinkResult(url, status, _classify_status(status, url, final_url), final_url)


def check_links(links: dict[str, list[str]], concurrency: int = 8, timeout: float = 10.0) -> list[LinkResult]:
    """Check every URL with at most `concurrency` requests at a time; results sorted by URL."""
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        results = list(pool.map(lambda url: check_link(url, timeout), sorted(links)))
    for result in results:
        result.cited_by = list(links[result.url])
    return results


def render_report(results: list[LinkResult]) -> str:
    """The JSON report: counts per class, then one entry per URL, sorted, no timestamps."""
    counts = {c.value: sum(r.link_class is c for r in results) for c in LinkClass}
    links = [{**asdict(r), "link_class": str(r.link_class)} for r in sorted(results, key=lambda r: r.url)]
    for link in links:
        link["class"] = link.pop("link_class")
    return json.dumps({"summary": counts, "links": links}, indent=2, ensure_ascii=False) + "\n"


def format_result(result: LinkResult) -> str:
    """One line per citing place, compiler style: `cases/x.md:33: broken: URL (404)`."""
    what = f"HTTP {result.status}" if result.status else result.error
    if result.final_url != result.url:
        what += f", now {result.final_url}"
    return "\n".join(f"{where}: {result.link_class}: {result.url} ({what})" for where in result.cited_by)


def summarise_links(results: list[LinkResult]) -> str:
    counts = ", ".join(f"{sum(r.link_class is c for r in results)} {c}" for c in LinkClass)
    return f"{plural(len(results), 'URL')} checked: {counts}"
