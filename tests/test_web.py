"""The local web page as a WSGI app, driven with plain environ dicts, and its quiet request log."""

from __future__ import annotations

import http.client
import io
import threading
from pathlib import Path
from urllib.parse import quote, urlencode
from wsgiref.util import setup_testing_defaults

import pytest

from copycheck.consumer import web

ROOT = Path(__file__).resolve().parent.parent
PITCH = (ROOT / "examples" / "agent-pitch.txt").read_text(encoding="utf-8")
SECRET = "月入十万秘密文本ZQX"
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"


@pytest.fixture(scope="module")
def app():
    from copycheck.checker import Checker

    return web.make_app(Checker())


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def call(app, method="GET", path="/", body=b"", content_type=None, length=True, query="", extra=None):
    environ: dict = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)
    environ["wsgi.input"] = CountingStream(body)
    if length:
        environ["CONTENT_LENGTH"] = str(len(body))
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    environ.update(extra or {})
    captured: dict = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = dict(headers)

    chunks = app(environ, start_response)
    data = b"".join(chunks)
    captured["body"] = data.decode("utf-8")
    captured["read"] = environ["wsgi.input"].bytes_read
    return captured


def form(**fields: str) -> bytes:
    return urlencode(fields).encode("ascii")


def assert_headers(response):
    headers = response["headers"]
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert int(headers["Content-Length"]) == len(response["body"].encode("utf-8"))


def test_get_form(app):
    response = call(app)
    assert response["status"] == "200 OK"
    assert_headers(response)
    body = response["body"]
    assert '<form method="post" action="/check"' in body
    assert '<textarea id="text" name="text"' in body and "placeholder=" in body
    assert 'name="lang" value="en"' in body and '<button type="submit">' in body
    assert "http://" not in body and "<script" not in body


def test_get_form_in_english(app):
    body = call(app, query="lang=en")["body"]
    assert '<html lang="en">' in body and "Check</button>" in body


def test_post_risky_pitch(app):
    response = call(app, "POST", "/check", form(text=PITCH), "application/x-www-form-urlencoded")
    assert response["status"] == "200 OK"
    assert_headers(response)
    body = response["body"]
    assert "严重风险" in body and "这段话具备传销的典型特征" in body
    assert '<form method="post" action="/check"' in body  # the form again, to edit and resubmit
    assert body.index("<form") < body.index("这段话具备传销的典型特征")
    assert "代理费只要1980" in body.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert '<mark class="sev-critical"' in body


def test_post_english_and_text_plain(app):
    english = call(app, "POST", "/check", form(text=PITCH, lang="en"), "application/x-www-form-urlencoded")
    assert "Critical risk" in english["body"]
    plain = call(app, "POST", "/check", PITCH.encode("utf-8"), "text/plain; charset=utf-8")
    assert plain["status"] == "200 OK" and "这段话具备传销的典型特征" in plain["body"]


def test_post_escapes_everything(app):
    hostile = '诚招代理 代理费1980 <script>alert(1)</script> "><img src=x onerror=alert(1)> javascript:alert(1)'
    body = call(app, "POST", "/check", form(text=hostile), "application/x-www-form-urlencoded")["body"]
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body


def test_empty_text_shows_the_form_again(app):
    response = call(app, "POST", "/check", form(text="   "), "application/x-www-form-urlencoded")
    assert response["status"] == "200 OK" and "请先粘贴要检查的文字" in response["body"]


def test_only_pages_with_the_form_carry_its_styles(app):
    from copycheck.checker import Checker
    from copycheck.formatters.html import format_html
    from copycheck.formatters.html_report import format_html_report

    form_rule = "form .box{"
    assert form_rule in call(app)["body"] and form_rule in call(app, "POST", "/check", b"text=x")["body"]
    assert form_rule not in call(app, path="/nowhere")["body"]  # an error page has no form
    checker = Checker()
    report = checker.report([checker.check(PITCH, "pitch.txt")])
    for html in (format_html(report), format_html_report(report)):
        assert form_rule not in html and ".card{" in html


def test_oversize_by_content_length_is_refused_unread(app):
    body = form(text="月" * 40000)  # 9 bytes per character once percent-encoded
    assert len(body) > web.MAX_BODY
    response = call(app, "POST", "/check", body, "application/x-www-form-urlencoded")
    assert response["status"].startswith("413")
    assert_headers(response)
    assert response["read"] == 0
    assert "内容太长了" in response["body"] and "Text too long" in response["body"]


def test_oversize_without_content_length_reads_at_most_limit_plus_one(app):
    body = b"text=" + b"a" * (5 * web.MAX_BODY)
    response = call(
        app, "POST", "/check", body, "application/x-www-form-urlencoded", length=False,
        extra={"wsgi.input_terminated": True},
    )  # fmt: skip
    assert response["status"].startswith("413")
    assert response["read"] == web.MAX_BODY + 1


def test_body_at_the_limit_is_accepted(app):
    body = b"text=" + b"a" * (web.MAX_BODY - 5)
    assert len(body) == web.MAX_BODY
    response = call(app, "POST", "/check", body, "application/x-www-form-urlencoded")
    assert response["status"] == "200 OK"


def test_bad_requests(app):
    assert call(app, "POST", "/check", b"x", "application/x-www-form-urlencoded", extra={"CONTENT_LENGTH": "abc"})[
        "status"
    ].startswith("400")
    assert call(app, "POST", "/check", b"{}", "application/json")["status"].startswith("415")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("PUT", "/check", "POST"), ("GET", "/check", "POST"), ("DELETE", "/", "GET, HEAD"), ("POST", "/", "GET, HEAD")],
)
def test_method_not_allowed(app, method, path, allow):
    response = call(app, method, path)
    assert response["status"] == "405 Method Not Allowed"
    assert response["headers"]["Allow"] == allow
    assert_headers(response)


def test_not_found(app):
    response = call(app, "GET", "/nope")
    assert response["status"] == "404 Not Found"
    assert_headers(response)


def test_head(app):
    response = call(app, "HEAD", "/")
    assert response["status"] == "200 OK" and response["body"] == ""
    assert int(response["headers"]["Content-Length"]) > 0


def test_log_line_has_method_path_status_only(capsys):
    def inner(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/check", "QUERY_STRING": f"text={SECRET}"}
    web.logged(inner)(environ, lambda status, headers, exc_info=None: None)
    err = capsys.readouterr().err
    assert err == "POST /check 200\n"
    assert SECRET not in err and "text=" not in err


def test_log_line_cannot_be_forged_by_the_path():
    line = web.log_line({"REQUEST_METHOD": "GET\x1b", "PATH_INFO": "/\n\x1b[31mfake"}, "404 Not Found")
    assert line.startswith("GET /") and line.endswith(" 404\n")
    assert line.count("\n") == 1 and all(32 <= ord(c) < 127 for c in line[:-1])


def test_many_query_fields_are_not_an_error(app):
    response = call(app, "GET", "/", query="&".join(f"a{i}=1" for i in range(50)))
    assert response["status"] == "200 OK"
    assert_headers(response)


def test_server_never_logs_the_body(app, capsys):
    server = web.make_local_server("127.0.0.1", 0, app=app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
        connection.request(
            "POST", f"/check?note={quote(SECRET)}", body=form(text=SECRET + PITCH),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        connection.close()
        assert response.status == 200 and "这段话具备传销的典型特征" in page
        oversize = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
        oversize.request("POST", "/check", body=b"text=" + b"a" * (3 * web.MAX_BODY))
        refused = oversize.getresponse()
        assert refused.status == 413 and "Text too long" in refused.read().decode("utf-8")
        oversize.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    captured = capsys.readouterr()
    assert SECRET not in captured.err + captured.out and quote(SECRET) not in captured.err + captured.out
    assert "POST /check 200" in captured.err and "POST /check 413" in captured.err


def test_serve_prints_one_line_and_stops_on_ctrl_c(monkeypatch, capsys):
    def interrupted(self, poll_interval=0.5):
        raise KeyboardInterrupt

    monkeypatch.setattr(web.LocalServer, "serve_forever", interrupted)
    web.serve(port=0)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("copycheck serve: http://127.0.0.1:") and out[0].endswith("/ (Ctrl+C to stop)")


@pytest.fixture()
def running(app, monkeypatch):
    monkeypatch.setattr(web, "CHANNEL_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(web, "CLEANUP_SECONDS", 1)
    server = web.make_local_server("127.0.0.1", 0, app=app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_two_hundred_concurrent_requests_are_all_answered(running, capsys):
    from concurrent.futures import ThreadPoolExecutor

    def one(number: int) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", running.server_port, timeout=60)
        try:
            if number % 2:
                connection.request("GET", "/")
            else:
                headers = {"Content-Type": "application/x-www-form-urlencoded"}
                connection.request("POST", "/check", body=form(text=PITCH), headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses == [200] * 200
    capsys.readouterr()


def test_a_stalled_client_is_dropped_within_the_timeout(running):
    import socket
    import time

    client = socket.create_connection(("127.0.0.1", running.server_port), timeout=30)
    client.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    started = time.monotonic()
    try:
        data = client.recv(1024)  # b"" when the server closes the connection
    except ConnectionResetError:
        data = b""
    waited = time.monotonic() - started
    client.close()
    assert data == b""
    assert waited < web.CHANNEL_TIMEOUT_SECONDS + web.CLEANUP_SECONDS + 5
