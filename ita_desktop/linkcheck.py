"""Checking the clerk's OIT links on the office's website, only when asked ("ตรวจลิงก์").

The program works offline; this is its one network feature, so it is small, standard-library
only (urllib.request) and never raises: every failure is a LinkResult with a short Thai sentence
the clerk can act on. Each URL gets a per-request timeout, the whole run a total budget, and the
caller may stop it through a threading.Event (the UI's "หยุด" button).

HEAD first (no page download), GET (at most 64 KB read) when the server refuses HEAD. Redirects
are followed here, not by urllib, to count them (at most 5) and to report where the link now
goes. Certificates are verified: Thai government sites often send an incomplete chain, which
browsers repair and Python does not, so that case gets its own message instead of a silent
"verify=False". No Qt here; the UI runs check_links in a worker thread.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import errno
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

__all__ = ["MAX_REDIRECTS", "READ_LIMIT", "USER_AGENT", "LinkResult", "check_links"]

MAX_REDIRECTS = 5
READ_LIMIT = 64 * 1024  # bytes read of a page fetched by GET
# some servers answer a program's User-Agent with 403; look like a browser
USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/124.0 Safari/537.36 ITA-Desktop")
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "th,en;q=0.8",
}
_REDIRECTS = {300, 301, 302, 303, 307, 308}
_POLL = 0.05  # seconds between looks at the stop event while waiting

NOT_WEB = "ไม่ใช่ที่อยู่เว็บ (ต้องขึ้นต้นด้วย http:// หรือ https://)"
EMPTY = "ยังไม่ได้ใส่ที่อยู่เว็บ"
BAD_ADDRESS = "ที่อยู่เว็บไม่ถูกต้อง"
BAD_HOST = "ชื่อเว็บไซต์ในที่อยู่ไม่ถูกต้อง"
DNS = "ไม่พบเว็บไซต์ชื่อนี้ (ชื่อผิด หรือเว็บไซต์ปิดแล้ว)"
CONNECT = "เชื่อมต่อไม่ได้"
OFFLINE = "ไม่มีการเชื่อมต่ออินเทอร์เน็ต"
SSL_CERT = "ใบรับรองความปลอดภัยไม่ถูกต้อง (SSL)"
SSL_OTHER = "เชื่อมต่อแบบปลอดภัยไม่สำเร็จ (SSL)"
BAD_REPLY = "เซิร์ฟเวอร์ตอบกลับไม่ถูกต้อง"
STOPPED = "หยุดตรวจแล้ว (ยังไม่ได้ตรวจลิงก์นี้)"

# OpenSSL verify codes worth naming to the clerk
_CERT_DETAIL = {
    2: "ใบรับรองไม่ครบชุด (เบราว์เซอร์อาจยังเปิดได้)",
    20: "ใบรับรองไม่ครบชุด (เบราว์เซอร์อาจยังเปิดได้)",
    21: "ใบรับรองไม่ครบชุด (เบราว์เซอร์อาจยังเปิดได้)",
    9: "ใบรับรองยังไม่เริ่มใช้ (ตรวจวันที่ของเครื่องนี้)",
    10: "ใบรับรองหมดอายุ",
    18: "ใบรับรองที่ออกเอง",
    19: "ใบรับรองที่ออกเอง",
    62: "ใบรับรองไม่ตรงกับชื่อเว็บไซต์",
}
# no route at all: cable out, Wi-Fi off (Linux/macOS errno and Windows WSA codes)
_NO_ROUTE = {errno.ENETUNREACH, errno.ENETDOWN, 10050, 10051}


@dataclass(frozen=True)
class LinkResult:
    url: str  # as given
    ok: bool
    status: int | None  # the last HTTP status; None when no answer came
    final_url: str  # the last address asked (after redirects); "" when none was asked
    seconds: float
    message: str  # one short Thai sentence for the clerk


@dataclass(frozen=True)
class _Outcome:
    ok: bool
    status: int | None
    final_url: str
    seconds: float
    message: str
    kind: str = ""  # "dns" / "connect": may really mean no internet (checked after the run)


def check_links(urls: list[str], timeout: float = 8.0, total_budget: float = 60.0,
                workers: int = 4, stop: threading.Event | None = None) -> list[LinkResult]:
    """One LinkResult per URL, in the order given. Never raises.

    `timeout` bounds each request (connect, and each wait for data); `total_budget` the whole
    run: URLs not done by then are reported as such. Setting `stop` ends the run at once
    (within ~0.05 s); requests in flight are abandoned, and their threads end by `timeout`.
    The same address given twice is checked once.
    """
    started = time.monotonic()
    timeout = max(0.1, timeout)  # 0 would make the sockets non-blocking
    results: list[LinkResult | None] = [None] * len(urls)
    jobs: dict[str, list[int]] = {}  # address to ask -> the indexes that gave it
    for i, url in enumerate(urls):
        uri, problem = _to_uri(url) if isinstance(url, str) else ("", NOT_WEB)
        if problem:
            results[i] = LinkResult(str(url), False, None, "", 0.0, problem)
        else:
            jobs.setdefault(uri, []).append(i)
    if jobs:
        try:
            outcomes = _run(list(jobs), timeout, total_budget, workers, stop, started)
        except Exception as exc:  # never raise: a broken thread pool still gives results
            failed = _Outcome(False, None, "", time.monotonic() - started,
                              f"ตรวจไม่ได้ ({type(exc).__name__})")
            outcomes = dict.fromkeys(jobs, failed)
        for uri, indexes in jobs.items():
            o = outcomes[uri]
            for i in indexes:
                results[i] = LinkResult(urls[i], o.ok, o.status, o.final_url, o.seconds, o.message)
    return [r for r in results if r is not None]


def _run(uris: list[str], timeout: float, total_budget: float, workers: int,
         stop: threading.Event | None, started: float) -> dict[str, _Outcome]:
    deadline = started + max(0.0, total_budget)
    halt = threading.Event()  # tells abandoned workers not to start another request
    try:
        context: ssl.SSLContext | None = ssl.create_default_context()
    except (ssl.SSLError, OSError):  # a broken certificate store: each https check says SSL
        context = None
    pool = cf.ThreadPoolExecutor(max_workers=max(1, min(workers, len(uris))),
                                 thread_name_prefix="linkcheck")
    futures: dict[str, cf.Future[_Outcome]] = {}
    try:
        for uri in uris:
            futures[uri] = pool.submit(_check_one, uri, timeout, context, halt, stop)
        pending = set(futures.values())
        while pending and not (stop is not None and stop.is_set()):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            _, pending = cf.wait(pending, timeout=min(_POLL, remaining),
                                 return_when=cf.FIRST_COMPLETED)
    finally:
        halt.set()
        pool.shutdown(wait=False, cancel_futures=True)  # don't wait for requests in flight
    stopped = stop is not None and stop.is_set()
    late = _Outcome(False, None, "", 0.0, STOPPED if stopped else
                    f"ตรวจไม่ทันเวลา (เกินเวลารวม {total_budget:g} วินาที)")
    outcomes: dict[str, _Outcome] = {}
    for uri, future in futures.items():
        if future.done() and not future.cancelled() and future.exception() is None:
            outcomes[uri] = future.result()
        elif future.done() and not future.cancelled():
            outcomes[uri] = _Outcome(False, None, uri, 0.0, "ตรวจไม่ได้ (ข้อผิดพลาดภายใน)")
        else:
            outcomes[uri] = dataclasses.replace(late, seconds=time.monotonic() - started)
    # a name not found or a refused connection may just mean this PC is offline
    if any(o.kind in ("dns", "connect") for o in outcomes.values()) and not _network_available():
        outcomes = {u: dataclasses.replace(o, message=OFFLINE) if o.kind in ("dns", "connect") else o
                    for u, o in outcomes.items()}
    return outcomes


def _network_available() -> bool:
    """Whether this PC has a route to the internet at all. Connecting a UDP socket sends
    nothing, but fails at once when there is no network (cable out, Wi-Fi off)."""
    for family, address in ((socket.AF_INET, ("1.1.1.1", 53)),
                            (socket.AF_INET6, ("2606:4700:4700::1111", 53))):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect(address)
                return True
        except OSError:
            continue
    return False


# --- one URL -------------------------------------------------------------------------------

def _opener(context: ssl.SSLContext | None) -> urllib.request.OpenerDirector:
    """http(s) only, no automatic redirects (we follow them), the system's proxy settings."""
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=context), urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor()]
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def _request(opener: urllib.request.OpenerDirector, uri: str, method: str,
             timeout: float) -> tuple[int, str | None]:
    """The status and Location of one request; network failures raise."""
    request = urllib.request.Request(uri, method=method, headers=_HEADERS)
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as err:  # 3xx (redirects are not followed), 4xx, 5xx
        with contextlib.closing(err):
            return err.code, err.headers.get("Location") if err.headers else None
    with response:
        if method == "GET":
            response.read(READ_LIMIT)
        return int(response.status), response.headers.get("Location")


def _check_one(uri: str, timeout: float, context: ssl.SSLContext | None,
               halt: threading.Event, stop: threading.Event | None) -> _Outcome:
    start = time.monotonic()
    current, method, hops = uri, "HEAD", 0
    status: int | None = None

    def outcome(ok: bool, message: str, kind: str = "") -> _Outcome:
        if ok and current != uri:
            message = f"ย้ายไปที่ {_display(current)} แล้ว{message}"
        elif current != uri:
            message = f"{message} หลังย้ายไปที่ {_display(current)}"
        return _Outcome(ok, status, current, time.monotonic() - start, message, kind)

    try:
        opener = _opener(context)
        while True:
            if halt.is_set() or (stop is not None and stop.is_set()):
                return outcome(False, STOPPED)
            try:
                status, location = _request(opener, current, method, timeout)
            except (http.client.HTTPException, ConnectionResetError):
                if method == "HEAD":  # some servers drop a HEAD request: ask again with GET
                    method = "GET"
                    continue
                raise
            if method == "HEAD" and status >= 400:
                # 405/501 "no HEAD", 403 from firewalls; some CMSs also answer HEAD with 404
                # or 500 while GET works: ask the way a browser does before saying it is broken
                method = "GET"
                continue
            if status in _REDIRECTS and location:
                if hops >= MAX_REDIRECTS:
                    return outcome(False, f"ย้ายหลายทอดเกินไป (เกิน {MAX_REDIRECTS} ครั้ง)")
                where = urllib.parse.urljoin(current, _header_text(location))
                target, problem = _to_uri(where, relative_ok=False)
                if problem:  # e.g. to a file: or javascript: address
                    return outcome(False, f"ย้ายไปที่ {where} ซึ่งไม่ใช่หน้าเว็บที่ตรวจได้")
                current, hops = target, hops + 1
                continue
            ok, message = _status_message(status)
            return outcome(ok, message)
    except Exception as exc:  # every failure is a result
        status = None
        message, kind = _explain(exc, timeout)
        return outcome(False, message, kind)


def _status_message(code: int) -> tuple[bool, str]:
    if 200 <= code < 300:
        return True, f"เปิดได้ ({code})"
    if code in (404, 410):
        return False, f"ไม่พบหน้า ({code})"
    if code == 401:
        return False, "ต้องเข้าสู่ระบบก่อน (401)"
    if code == 403:
        return False, "เว็บไซต์ไม่อนุญาตให้เปิด (403)"
    if code == 429:
        return False, "เว็บไซต์ปฏิเสธชั่วคราว ลองใหม่ภายหลัง (429)"
    if code >= 500:
        return False, f"เซิร์ฟเวอร์ขัดข้อง ({code})"
    if 300 <= code < 400:  # a redirect without a Location
        return False, f"{BAD_REPLY} ({code})"
    return False, f"เปิดไม่ได้ ({code})"


def _explain(exc: BaseException, timeout: float) -> tuple[str, str]:
    """The clerk's sentence for a network failure, and its kind."""
    reason: object = exc
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason  # connect-time failures come wrapped
    if isinstance(reason, ssl.SSLCertVerificationError):
        detail = _CERT_DETAIL.get(reason.verify_code)
        return (f"{SSL_CERT}: {detail}" if detail else SSL_CERT), "ssl"
    if isinstance(reason, ssl.SSLError):
        return SSL_OTHER, "ssl"
    if isinstance(reason, TimeoutError):
        return f"หมดเวลา (เกิน {timeout:g} วินาที)", "timeout"
    if isinstance(reason, socket.gaierror):
        return DNS, "dns"
    if isinstance(reason, OSError) and reason.errno in _NO_ROUTE:
        return OFFLINE, "offline"
    if isinstance(reason, http.client.HTTPException):
        return BAD_REPLY, "reply"
    if isinstance(reason, OSError):
        return CONNECT, "connect"
    return f"ตรวจไม่ได้ ({type(reason).__name__})", ""


# --- addresses -----------------------------------------------------------------------------

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HOST_PORT = re.compile(r"[^/?#:@]+:\d+(?:[/?#]|$)")  # "www.x.go.th:8080/a" has no scheme
# invisible characters a URL copied from Word or LINE may carry (Thai text uses U+200B)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\t\r\n"))
_ASCII_HOST = re.compile(r"[a-z0-9._-]+\.?|[0-9a-f:.]+")
_PATH_SAFE = "/:@!$&'()*+,;=~%"
_QUERY_SAFE = _PATH_SAFE + "?"


def _to_uri(text: str, relative_ok: bool = True) -> tuple[str, str]:
    """(the ASCII address to ask, "") or ("", why not). Adds https:// when the clerk typed
    none, refuses other schemes, encodes a Thai path (UTF-8 %XX) and host (IDNA)."""
    text = text.translate(_INVISIBLE).strip().replace("\u00a0", " ").strip()
    if not text:
        return "", EMPTY
    if relative_ok:
        if text.startswith("//"):
            text = "https:" + text
        elif _SCHEME.match(text) is None or _HOST_PORT.match(text):
            text = "https://" + text
    try:
        parts = urllib.parse.urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            return "", NOT_WEB
        host, port = parts.hostname, parts.port  # .port raises ValueError when not a number
        if not host:
            return "", BAD_ADDRESS
        ascii_host = _ascii_host(host)
    except ValueError:  # UnicodeError too: a label IDNA refuses
        return "", BAD_ADDRESS
    if ascii_host is None:
        return "", BAD_HOST
    netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    if port is not None:
        netloc += f":{port}"
    if "@" in parts.netloc:  # user:password@ kept as typed, encoded
        netloc = _quote(parts.netloc.rpartition("@")[0], "!$&'()*+,;=:%") + "@" + netloc
    path = _quote(parts.path or "/", _PATH_SAFE)
    query = _quote(parts.query, _QUERY_SAFE)
    return urllib.parse.urlunsplit((scheme, netloc, path, query, "")), ""  # no #fragment


def _ascii_host(host: str) -> str | None:
    if not host.isascii():
        host = host.encode("idna").decode("ascii")  # ไทย.ไทย -> xn--o3cw4h.xn--o3cw4h
    return host.lower() if _ASCII_HOST.fullmatch(host.lower()) else None


def _quote(text: str, safe: str) -> str:
    text = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", text)  # a lone % is data; %XX stays as is
    return urllib.parse.quote(text, safe=safe)


def _header_text(value: str) -> str:
    """A Location header holding raw UTF-8 (a Thai path) arrives decoded as Latin-1."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _display(uri: str) -> str:
    """An address as the clerk would type it: Thai host and path, not xn-- and %XX."""
    try:
        parts = urllib.parse.urlsplit(uri)
        netloc, host = parts.netloc, parts.hostname or ""
        if "xn--" in host:
            netloc = netloc.replace(host, host.encode("ascii").decode("idna"))
        path = urllib.parse.unquote(parts.path, errors="strict")
        query = urllib.parse.unquote(parts.query, errors="strict")
        return urllib.parse.urlunsplit((parts.scheme, netloc, path, query, ""))
    except (ValueError, UnicodeError):
        return uri
