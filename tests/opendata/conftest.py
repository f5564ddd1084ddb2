"""A small Kolada on 127.0.0.1: http.server in a thread, answering in Kolada's v3 format.

    /v3/data/kpi/{ids}/municipality/{code}/year/{years}[?page=N]
    /v3/kpi/{ids}

Data answers list one item per KPI and year with its values per gender (`gender`,
`count`, `status`, `value`; a null value is a year published without one), in pages
of `page_size` items, each naming the next one under `next_key`. `script` queues
special answers for the next requests: a status (500, 429 with Retry-After), a body
that is not JSON, or a pause longer than the client waits.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest


@dataclass
class Kolada:
    port: int = 0
    titles: dict[str, str] = field(default_factory=dict)
    data: dict[tuple[str, str, int], float | None] = field(default_factory=dict)
    """(kpi, gender, year) -> value; None is published as null."""
    page_size: int = 100
    next_key: str = "next_page"
    script: list[dict[str, Any]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v3"

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        self.requests.append(path)
        if self.script:
            special = self.script.pop(0)
            if "pause" in special:
                time.sleep(special["pause"])
            if "body" in special:
                return 200, {}, special["body"]
            if "status" in special:
                return special["status"], special.get("headers", {}), b'{"error": "x"}'
        parts = urlsplit(path)
        segments = [unquote(s) for s in parts.path.strip("/").split("/")]
        page = int(parse_qs(parts.query).get("page", ["1"])[0])
        if segments[:2] == ["v3", "kpi"] and len(segments) == 3:
            items = [{"id": k, "title": self.titles[k], "is_divided_by_gender": True,
                      "municipality_type": "K", "operating_area": "Näringsliv"}
                     for k in segments[2].split(",") if k in self.titles]
        elif segments[:3] == ["v3", "data", "kpi"] and len(segments) == 8:
            kpis, municipality, years = segments[3].split(","), segments[5], segments[7]
            items = []
            for kpi in kpis:
                for year in sorted(int(y) for y in years.split(",")):
                    values = [{"gender": g, "count": 0 if v is None else 1, "status": "",
                               "value": v}
                              for (k, g, y), v in sorted(self.data.items())
                              if k == kpi and y == year]
                    if values and kpi in self.titles:
                        items.append({"kpi": kpi, "municipality": municipality,
                                      "period": year, "values": values})
        else:
            return 404, {}, b'{"error": "not found"}'
        start = (page - 1) * self.page_size
        body: dict[str, Any] = {"count": len(items[start:start + self.page_size]),
                                "values": items[start:start + self.page_size]}
        if start + self.page_size < len(items):
            body[self.next_key] = f"http://127.0.0.1:{self.port}{parts.path}?page={page + 1}"
        return 200, {}, json.dumps(body).encode()


@pytest.fixture
def kolada():
    """A running stub Kolada; its `url` is the base to give `--api-url`."""
    stub = Kolada()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, headers, body = stub.answer(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up waiting (the timeout case)

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    stub.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
