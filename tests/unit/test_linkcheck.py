"""The link check ("ตรวจลิงก์") against a local HTTP server: no internet needed. Each result, the
per-request timeout, the total budget, the stop event, the order of results, and that refused
addresses never reach the network."""
from __future__ import annotations

import contextlib
import errno
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import linkcheck
from ita_desktop.linkcheck import LinkResult, check_links


def _encoded(text: str) -> str:
    """UTF-8 percent-encoding written out by hand (independent of the module's quoting)."""
    return "".join(ch if ch.isascii() else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
                   for ch in text)


FILE_URL = "file:///C:/Windows/win.ini"  # a redirect a hostile server might send
THAI_PATH = "/ไทย/หน้า"


class _Server(ThreadingHTTPServer):
    log: list[tuple[str, str, str]]  # method, raw path, User-Agent
    release: threading.Event  # lets /slow answer (at teardown)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        self.server.log.append((self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path.partition("?")[0]
        if path == "/ok" or path == _encoded(THAI_PATH):
            self._reply(200)
        elif path == "/broken":
            self._reply(500)
        elif path == "/r1":
            self._reply(302, "/r2")
        elif path == "/r2":
            self._reply(301, f"http://127.0.0.1:{self.server.server_address[1]}/ok")
        elif path == "/to-file":
            self._reply(302, FILE_URL)
        elif path == "/loop":
            self._reply(302, "/loop")
        elif path == "/to-thai":  # raw UTF-8 in the header, as some servers send it
            self._reply(302, THAI_PATH.encode("utf-8").decode("latin-1"))
        elif path == "/no-head":
            self._reply(405 if self.command == "HEAD" else 200)
        elif path == "/endless":  # HEAD refused, then a GET body that never ends
            self.send_response(405 if self.command == "HEAD" else 200)
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(10_000) if self.command == "GET" else ():
                    self.wfile.write(b"x" * 16384)
        elif path == "/wait":
            time.sleep(0.3)
            self._reply(200)
        elif path == "/slow":
            self.server.release.wait(10)
            self._reply(200)
        else:
            self._reply(404)

    def _reply(self, code: int, location: str | None = None) -> None:
        body = b"<html><body>" + b"x" * 200_000 + b"</body></html>"  # more than READ_LIMIT
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if self.command == "GET":
            with contextlib.suppress(OSError):  # the checker reads only 64 KB and hangs up
                self.wfile.write(body)


@dataclass
class Site:
    base: str
    server: _Server
    log: list[tuple[str, str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def methods(self, path: str) -> list[str]:
        return [m for m, p, _ in self.log if p.partition("?")[0] == path]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # a proxy from the environment (or the Windows registry) must not carry 127.0.0.1
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.log, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", server, server.log)
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def _one(url: str, **kw: Any) -> LinkResult:
    [result] = check_links([url], **kw)
    return result


def test_an_open_page_a_missing_page_and_a_broken_server(site: Site) -> None:
    ok, missing, broken = check_links([site.url("/ok"), site.url("/missing"), site.url("/broken")])
    assert ok == LinkResult(site.url("/ok"), True, 200, site.url("/ok"), ok.seconds, "เปิดได้ (200)")
    assert site.methods("/ok") == ["HEAD"]  # no page download when HEAD answers
    assert (missing.ok, missing.status, missing.message) == (False, 404, "ไม่พบหน้า (404)")
    assert (broken.ok, broken.status, broken.message) == (False, 500, "เซิร์ฟเวอร์ขัดข้อง (500)")
    # a HEAD error is asked again with GET before the page is called broken
    assert site.methods("/missing") == ["HEAD", "GET"]
    assert all(0 <= r.seconds < 5 for r in (ok, missing, broken))
    assert all("Mozilla/5.0" in ua for _, _, ua in site.log)  # browser-like User-Agent


def test_a_server_that_refuses_head_is_asked_with_get(site: Site) -> None:
    r = _one(site.url("/no-head"))
    assert (r.ok, r.status, r.message) == (True, 200, "เปิดได้ (200)")
    assert site.methods("/no-head") == ["HEAD", "GET"]


def test_a_get_reads_at_most_64_kb(site: Site) -> None:
    started = time.monotonic()
    r = _one(site.url("/endless"), timeout=2)
    assert (r.ok, r.status) == (True, 200) and time.monotonic() - started < 1.5
    assert site.methods("/endless") == ["HEAD", "GET"]


def test_a_redirect_chain_reports_where_the_link_now_goes(site: Site) -> None:
    r = _one(site.url("/r1"))
    assert (r.ok, r.status, r.final_url) == (True, 200, site.url("/ok"))
    assert r.message == f"ย้ายไปที่ {site.url('/ok')} แล้วเปิดได้ (200)"
    assert [p for _, p, _ in site.log] == ["/r1", "/r2", "/ok"]


def test_a_redirect_to_a_file_address_is_not_followed(site: Site) -> None:
    r = _one(site.url("/to-file"))
    assert (r.ok, r.status, r.final_url) == (False, 302, site.url("/to-file"))
    assert r.message == "ย้ายไปที่ file:///C:/Windows/win.ini ซึ่งไม่ใช่หน้าเว็บที่ตรวจได้"


def test_redirects_stop_after_five(site: Site) -> None:
    r = _one(site.url("/loop"))
    assert not r.ok and r.status == 302
    assert r.message.startswith("ย้ายหลายทอดเกินไป (เกิน 5 ครั้ง)")
    assert len(site.methods("/loop")) == 1 + linkcheck.MAX_REDIRECTS


def test_a_thai_path_is_percent_encoded(site: Site) -> None:
    r = _one(site.url(THAI_PATH))
    assert (r.ok, r.status, r.message) == (True, 200, "เปิดได้ (200)")
    assert r.final_url == site.url(_encoded(THAI_PATH))
    assert site.log[-1][:2] == ("HEAD", "/%E0%B9%84%E0%B8%97%E0%B8%A2/%E0%B8%AB%E0%B8%99%E0%B9%89%E0%B8%B2")
    # a redirect whose Location holds raw UTF-8: followed, and shown to the clerk in Thai
    r = _one(site.url("/to-thai"))
    assert r.ok and r.final_url == site.url(_encoded(THAI_PATH))
    assert r.message == f"ย้ายไปที่ {site.url(THAI_PATH)} แล้วเปิดได้ (200)"


def test_a_slow_page_times_out(site: Site) -> None:
    started = time.monotonic()
    r = _one(site.url("/slow"), timeout=0.3)
    assert time.monotonic() - started < 2
    assert (r.ok, r.status, r.message) == (False, None, "หมดเวลา (เกิน 0.3 วินาที)")
    assert site.methods("/slow") == ["HEAD"]  # a timeout is not asked again with GET


def test_the_total_budget_bounds_the_run(site: Site) -> None:
    urls = [site.url("/ok"), site.url("/slow?1"), site.url("/slow?2")]
    started = time.monotonic()
    ok, slow1, slow2 = check_links(urls, timeout=5, total_budget=0.8)
    assert 0.75 < time.monotonic() - started < 2
    assert ok.ok and ok.message == "เปิดได้ (200)"
    for r, url in ((slow1, urls[1]), (slow2, urls[2])):
        assert (r.url, r.ok, r.status) == (url, False, None)
        assert r.message == "ตรวจไม่ทันเวลา (เกินเวลารวม 0.8 วินาที)"


def test_stop_ends_the_run_early(site: Site) -> None:
    stop = threading.Event()
    urls = [site.url(f"/slow?{i}") for i in range(6)]
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    started = time.monotonic()
    results = check_links(urls, timeout=5, total_budget=30, workers=2, stop=stop)
    timer.cancel()
    assert time.monotonic() - started < 1.5
    assert [r.url for r in results] == urls
    assert all(not r.ok and r.message == linkcheck.STOPPED for r in results)
    assert len(site.log) <= 2  # the other four were never started


def test_a_run_stopped_before_it_starts_asks_nothing(site: Site) -> None:
    stop = threading.Event()
    stop.set()
    results = check_links([site.url("/ok"), site.url("/missing")], stop=stop)
    assert [r.message for r in results] == [linkcheck.STOPPED] * 2
    time.sleep(0.1)
    assert site.log == []


def test_refused_addresses_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    touched: list[str] = []

    def record(name: str) -> Any:
        def call(*args: Any, **kw: Any) -> Any:
            touched.append(name)
            raise OSError("no network in this test")
        return call

    monkeypatch.setattr(socket, "getaddrinfo", record("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", record("create_connection"))
    monkeypatch.setattr(socket.socket, "connect", record("connect"))
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record("open"))
    urls = ["file:///C:/Windows/win.ini", "javascript:alert(1)", "ftp://ftp.example.go.th/a.pdf",
            "mailto:saraban@example.go.th", "data:text/html,hi", "", "   ", "https:///no-host",
            "https://bad host.go.th/", "https://x.go.th:port/"]
    results = check_links(urls)
    assert touched == []
    assert [r.url for r in results] == urls
    assert all(not r.ok and r.status is None and r.final_url == "" and r.seconds == 0.0
               for r in results)
    assert [r.message for r in results[:5]] == [linkcheck.NOT_WEB] * 5
    assert results[5].message == results[6].message == "ยังไม่ได้ใส่ที่อยู่เว็บ"
    assert [r.message for r in results[7:]] == [linkcheck.BAD_ADDRESS, linkcheck.BAD_HOST,
                                                linkcheck.BAD_ADDRESS]


def test_results_keep_the_given_order(site: Site) -> None:
    # /wait finishes last, the refused address first; the same address twice is asked once
    urls = [site.url("/wait"), site.url("/missing"), "javascript:void(0)", site.url("/ok"),
            site.url("/broken"), site.url("/ok")]
    results = check_links(urls, workers=4)
    assert [r.url for r in results] == urls
    assert [r.status for r in results] == [200, 404, None, 200, 500, 200]
    assert site.methods("/ok") == ["HEAD"]


def test_an_address_typed_without_a_scheme_gets_https(site: Site) -> None:
    port = site.server.server_address[1]
    r = _one(f"127.0.0.1:{port}/ok", timeout=2)  # our server speaks plain HTTP only
    assert r.final_url == f"https://127.0.0.1:{port}/ok"
    assert not r.ok and r.status is None  # a TLS hello to a plain HTTP server: an SSL failure


def test_iri_to_uri() -> None:
    to_uri = linkcheck._to_uri
    assert to_uri("www.example.go.th/a") == ("https://www.example.go.th/a", "")
    assert to_uri("WWW.Example.go.th:8080/ข่าว สาร?id=๑#top") == (
        f"https://www.example.go.th:8080/{_encoded('ข่าว')}%20{_encoded('สาร')}?id={_encoded('๑')}", "")
    assert to_uri("//example.go.th") == ("https://example.go.th/", "")
    # an IDN host by IDNA; existing %XX kept, a lone % encoded; zero-width spaces from Word dropped
    assert to_uri("https://ทดสอบ.ไทย/หน้า") == (f"https://xn--l3cfk7dp.xn--o3cw4h/{_encoded('หน้า')}", "")
    assert to_uri("\u200bhttp://x.go.th/50%/%E0%B9%84\u200b ") == ("http://x.go.th/50%25/%E0%B9%84", "")
    assert linkcheck._display("https://xn--l3cfk7dp.xn--o3cw4h:8443/%E0%B8%81") == "https://ทดสอบ.ไทย:8443/ก"


def test_dns_failure_and_no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_name(*args: Any, **kw: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_name)
    monkeypatch.setattr(linkcheck, "_network_available", lambda: True)
    assert _one("https://no-such-office.example.go.th/").message == linkcheck.DNS
    monkeypatch.setattr(linkcheck, "_network_available", lambda: False)
    r = _one("https://no-such-office.example.go.th/")
    assert (r.ok, r.status, r.message) == (False, None, "ไม่มีการเชื่อมต่ออินเทอร์เน็ต")


@pytest.mark.parametrize(("error", "message"), [
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "ไม่มีการเชื่อมต่ออินเทอร์เน็ต"),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "เชื่อมต่อไม่ได้"),
    (TimeoutError("timed out"), "หมดเวลา (เกิน 8 วินาที)"),
    (RuntimeError("a bug"), "ตรวจไม่ได้ (RuntimeError)"),
])
def test_connection_failures(monkeypatch: pytest.MonkeyPatch, error: Exception, message: str) -> None:
    def fail(*args: Any, **kw: Any) -> Any:
        raise error

    monkeypatch.setattr(socket, "create_connection", fail)
    monkeypatch.setattr(linkcheck, "_network_available", lambda: True)
    r = _one("http://www.example.go.th/")  # never raises
    assert (r.ok, r.status, r.message) == (False, None, message)


def test_an_incomplete_certificate_chain_has_its_own_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kw: Any) -> Any:
        err = ssl.SSLCertVerificationError(1, "certificate verify failed: unable to get local issuer certificate")
        err.verify_code = 20
        raise urllib.error.URLError(err)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", fail)
    r = _one("https://www.example.go.th/")
    assert r.message == "ใบรับรองความปลอดภัยไม่ถูกต้อง (SSL): ใบรับรองไม่ครบชุด (เบราว์เซอร์อาจยังเปิดได้)"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_self_signed_certificate_is_reported_not_ignored(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost"],
                   check=True, capture_output=True, timeout=30)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.log, server.release = [], threading.Event()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        r = _one(f"https://127.0.0.1:{server.server_address[1]}/ok", timeout=3)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert not r.ok and r.status is None
    assert r.message == "ใบรับรองความปลอดภัยไม่ถูกต้อง (SSL): ใบรับรองที่ออกเอง"
    assert server.log == []  # the page was never asked: verification was not switched off
