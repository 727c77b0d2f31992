"""A local web page: paste a pitch, get the HTML report. A WSGI application (PEP 3333) served by
waitress.

``GET /`` shows a form; ``POST /check`` checks the pasted text and returns the same report as
``--format html``, with the form again at the top. The submitted text is never logged or stored:
it lives in memory for one request. Bodies over 100 KB are refused with 413.

The server is waitress (pure Python): a thread pool, a listen backlog that holds a burst of
connections rather than resetting them, and a channel timeout that drops a client which stalls
mid-request. Checking is linear in the text and each pattern rule has a time budget, so the
body limit bounds the work one request can cause. For a public deployment put it behind a reverse
proxy (see the README).

    python -c "from copycheck.consumer.web import serve; serve()"
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from copycheck.formatters.html import checked_categories, escape_html, labels, page, report_body, stylesheet

if TYPE_CHECKING:
    from copycheck.checker import Checker

_e = escape_html  # short, as it wraps every piece of input below
MAX_BODY = 102400  # bytes
PASTED = "<pasted>"
SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("X-Frame-Options", "DENY"),
]
STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    413: "413 Content Too Large",
    415: "415 Unsupported Media Type",
    500: "500 Internal Server Error",
}

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

EXAMPLE = "诚招代理！零基础，一部手机就能做，月入过万不是梦……\n代理费只要1980，拉人还有奖励，详情加V私聊"
_TEXT = {
    "zh": {
        "heading": "收到的微商文案靠谱吗？",
        "intro": "把对方发来的朋友圈、私聊或群消息原文粘贴到下面，马上告诉你有没有传销、虚假宣传、私下收款等风险。",
        "placeholder": "把收到的文字原样粘贴在这里，例如：\n" + EXAMPLE,
        "label": "要检查的文字",
        "lang": "语言",
        "submit": "检查风险",
        "again": "重新检查",
        "privacy": "文字只在本机检查，不保存，也不发送到别处。",
        "checks": "会检查这 11 类常见问题：",
        "empty": "请先粘贴要检查的文字。",
        "switch": "English",
        "result_title": "检查结果",
    },
    "en": {
        "heading": "Is this sales pitch safe?",
        "intro": "Paste the message an agent sent you (a WeChat post, chat or group message). We show at once"
        " whether it has signs of a pyramid scheme, false claims or private payment.",
        "placeholder": "Paste the text exactly as you received it, for example:\n" + EXAMPLE,
        "label": "Text to check",
        "lang": "Language",
        "submit": "Check",
        "again": "Check again",
        "privacy": "Checked on this computer only: the text is not saved or sent anywhere.",
        "checks": "It checks these 11 kinds of problem:",
        "empty": "Paste the text you want to check first.",
        "switch": "中文",
        "result_title": "Result",
    },
}
_MESSAGES = {
    400: (
        "请求有误",
        "Bad request",
        "没能读懂提交的内容，请回到首页重新粘贴。",
        "The request could not be read. Go back and paste again.",
    ),
    404: ("找不到这个页面", "Page not found", "这个地址不存在。", "There is nothing at this address."),
    405: (
        "不支持这种请求",
        "Method not allowed",
        "请在首页粘贴文字后点“检查风险”。",
        "Paste the text on the start page and press “Check”.",
    ),
    413: (
        "内容太长了",
        "Text too long",
        "一次最多检查 100 KB（大约一万个汉字）。请把文字分成几段，分别检查。",
        "At most 100 KB (about ten thousand Chinese characters) can be checked at once. Split the text and check"
        " each part.",
    ),
    415: (
        "不支持的提交格式",
        "Unsupported format",
        "请用首页的表单提交文字。",
        "Please submit the text with the form on the start page.",
    ),
    500: (
        "出错了",
        "Something went wrong",
        "检查时出现内部错误，请稍后再试。",
        "An internal error occurred while checking. Please try again.",
    ),
}


class BodyTooLarge(Exception):
    pass


def _valid_lang(value: str | None, default: str) -> str:
    return value if value in ("zh", "en") else default


def read_body(environ: dict[str, Any], limit: int = MAX_BODY) -> bytes:
    """The request body, at most ``limit`` bytes; :class:`BodyTooLarge` beyond that.

    Refuses by Content-Length before reading anything, and never reads more than ``limit + 1`` bytes,
    so a missing or lying Content-Length cannot make the app buffer more.
    """
    raw_length = (environ.get("CONTENT_LENGTH") or "").strip()
    stream = environ.get("wsgi.input")
    if raw_length:
        if not raw_length.isdigit():
            raise ValueError("bad Content-Length")
        length = int(raw_length)
        if length > limit:
            raise BodyTooLarge
        wanted = length
    elif environ.get("wsgi.input_terminated"):
        wanted = limit + 1  # the server signals end of input: read until then, but no further than limit + 1
    else:
        return b""  # PEP 3333: without a length the input must not be read
    chunks: list[bytes] = []
    received = 0
    while stream is not None and received < wanted:
        chunk = stream.read(min(65536, wanted - received))
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
    if received > limit:
        raise BodyTooLarge
    return b"".join(chunks)


def _base(environ: dict[str, Any]) -> str:
    return (environ.get("SCRIPT_NAME") or "").rstrip("/")


def form_html(environ: dict[str, Any], lang: str, text: str = "", compact: bool = False, notice: str = "") -> str:
    """The paste form. ``text`` (the user's own input) is escaped into the textarea."""
    t = _TEXT[lang]
    base = _e(_base(environ))
    choices = "".join(
        f'<label><input type="radio" name="lang" value="{code}"{" checked" if code == lang else ""}> {name}</label>'
        for code, name in (("zh", "中文"), ("en", "English"))
    )
    intro = ""
    if not compact:
        intro = f'<div class="intro"><h1>{_e(t["heading"])}</h1><p class="muted">{_e(t["intro"])}</p></div>'
    notice_html = f'<p class="notice" role="alert">{_e(notice)}</p>' if notice else ""
    checks = ""
    if not compact:
        listed = checked_categories(lang, "checked plain")
        checks = f'<section class="card"><h2>{_e(t["checks"])}</h2>{listed}</section>'
    return (
        f'<section class="card">{intro}{notice_html}'
        f'<form method="post" action="{base}/check" accept-charset="utf-8" class="{"compact" if compact else "full"}">'
        f'<label for="text" class="small muted">{_e(t["label"])}</label>'
        f'<textarea id="text" name="text" class="box" rows="{3 if compact else 10}" required '
        f'placeholder="{_e(t["placeholder"])}">{_e(text)}</textarea>'
        f'<div class="form-row"><fieldset class="lang"><legend>{_e(t["lang"])}</legend>{choices}</fieldset>'
        f'<button type="submit">{_e(t["again"] if compact else t["submit"])}</button></div>'
        f'<p class="privacy">{_e(t["privacy"])}</p></form></section>{checks}'
    )


def _nav(environ: dict[str, Any], lang: str) -> str:
    other = "en" if lang == "zh" else "zh"
    return f'<a href="{_e(_base(environ))}/?lang={other}" lang="{other}">{_e(_TEXT[lang]["switch"])}</a>'


def _form_page(environ: dict[str, Any], lang: str, body: str, title: str | None = None, version: str = "") -> str:
    """A page with the paste form: the language switch in its header, and the form's own styles
    (pages without a form, the error pages and the ``--format html`` reports, do without them)."""
    css = stylesheet("consumer/form.css")
    return page(body, lang, title=title, version=version, nav=_nav(environ, lang), extra_css=css)


def _message_page(status: int, lang: str, environ: dict[str, Any]) -> str:
    zh_title, en_title, zh_text, en_text = _MESSAGES[status]
    home = _e(_base(environ)) + "/"
    back = "返回首页" if lang == "zh" else "Back to the start page"
    body = (
        f'<section class="card"><h1>{_e(zh_title)} · {_e(en_title)}</h1>'
        f'<p lang="zh-CN">{_e(zh_text)}</p><p lang="en">{_e(en_text)}</p>'
        f'<p><a href="{home}">{_e(back)}</a></p></section>'
    )
    return page(body, lang, title=f"{status} {en_title}")


def make_app(checker: Checker | None = None, lang: str = "zh") -> WSGIApp:
    """A WSGI application serving the paste form and the HTML report."""
    if checker is None:
        from copycheck.checker import Checker

        checker = Checker()
    default_lang = _valid_lang(lang, "zh")

    def respond(
        start_response: Callable[..., Any],
        status: int,
        html: str,
        method: str,
        extra: Iterable[tuple[str, str]] = (),
    ) -> list[bytes]:
        data = html.encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(data))),
            *SECURITY_HEADERS,
            *extra,
        ]
        start_response(STATUS[status], headers)
        return [] if method == "HEAD" else [data]

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = (environ.get("REQUEST_METHOD") or "GET").upper()
        path = environ.get("PATH_INFO") or "/"
        try:
            query = parse_qs(environ.get("QUERY_STRING") or "", max_num_fields=10)
        except ValueError:  # more fields than any page of ours sends
            query = {}
        page_lang = _valid_lang((query.get("lang") or [None])[0], default_lang)

        def error(status: int, extra: Iterable[tuple[str, str]] = ()) -> list[bytes]:
            return respond(start_response, status, _message_page(status, page_lang, environ), method, extra)

        if path == "/":
            if method not in ("GET", "HEAD"):
                return error(405, [("Allow", "GET, HEAD")])
            body = form_html(environ, page_lang)
            return respond(start_response, 200, _form_page(environ, page_lang, body), method)
        if path != "/check":
            return error(404)
        if method != "POST":
            return error(405, [("Allow", "POST")])

        try:
            raw = read_body(environ)
        except BodyTooLarge:
            return error(413)
        except ValueError:
            return error(400)
        content_type = (environ.get("CONTENT_TYPE") or "").split(";", 1)[0].strip().lower()
        decoded = raw.decode("utf-8", errors="replace")
        if content_type in ("", "application/x-www-form-urlencoded"):
            try:
                fields = parse_qs(decoded, keep_blank_values=True, max_num_fields=10)
            except ValueError:
                return error(400)
            text = (fields.get("text") or [""])[0]
            page_lang = _valid_lang((fields.get("lang") or [None])[0], page_lang)
        elif content_type == "text/plain":
            text = decoded
        else:
            return error(415)
        text = text.replace("\r\n", "\n")

        if not text.strip():
            body = form_html(environ, page_lang, notice=_TEXT[page_lang]["empty"])
            return respond(start_response, 200, _form_page(environ, page_lang, body), method)
        try:
            report = checker.report([checker.check(text, PASTED, markup=None)])
            body = form_html(environ, page_lang, text=text, compact=True) + report_body(report, page_lang)
            title = _TEXT[page_lang]["result_title"] + " · " + labels(page_lang)["title"]
            html = _form_page(environ, page_lang, body, title, report.version)
        except Exception as exc:  # never let the text reach a traceback in the log
            sys.stderr.write(f"copycheck serve: internal error ({type(exc).__name__})\n")
            return error(500)
        return respond(start_response, 200, html, method)

    return app


def log_line(environ: dict[str, Any], status: str) -> str:
    """One log line for a request: method, path (never the query string or body) and status.
    Printable ASCII only, so a crafted path cannot forge log lines; long paths are cut."""
    path = urlsplit(str(environ.get("PATH_INFO") or "-")).path or "-"
    path = "".join(c if 32 < ord(c) < 127 else "?" for c in path)[:200]
    method = "".join(c for c in str(environ.get("REQUEST_METHOD") or "") if c.isalpha())[:16] or "-"
    code = status.split(" ", 1)[0] if status[:3].isdigit() else "-"
    return f"{method} {path} {code}\n"


def logged(app: WSGIApp) -> WSGIApp:
    """``app`` writing one ``log_line`` per request to standard error."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        seen: list[str] = []

        def recording(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen.append(status)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = app(environ, recording)
        sys.stderr.write(log_line(environ, seen[-1] if seen else ""))
        return result

    return wrapped


# Serving limits (see the module docstring). The channel timeout is checked every
# CLEANUP_SECONDS, so a stalled client is dropped within the sum of the two.
THREADS = 8
BACKLOG = 1024
CONNECTION_LIMIT = 512
CHANNEL_TIMEOUT_SECONDS = 10
CLEANUP_SECONDS = 2


class LocalServer:
    """waitress serving the app, with the small interface the command and the tests use."""

    def __init__(self, app: WSGIApp, host: str, port: int) -> None:
        from waitress.server import create_server

        # waitress logs queue depth and its own errors; neither carries request data, but the
        # page's log is one line per request.
        logging.getLogger("waitress").setLevel(logging.ERROR)
        self._server: Any = create_server(
            logged(app),
            host=host,
            port=port,
            threads=THREADS,
            backlog=BACKLOG,
            connection_limit=CONNECTION_LIMIT,
            channel_timeout=CHANNEL_TIMEOUT_SECONDS,
            cleanup_interval=CLEANUP_SECONDS,
            # The app refuses bodies over MAX_BODY with its own page; waitress stops far beyond.
            max_request_body_size=4 * MAX_BODY,
            max_request_header_size=65536,
            expose_tracebacks=False,
            ident="copycheck",
        )
        self.server_port: int = self._server.effective_port

    def serve_forever(self) -> None:
        self._server.run()

    def shutdown(self) -> None:
        """Stop serving (from another thread): close the listener and every open channel."""
        server = self._server
        for channel in list(server._map.values()):
            if channel is not server.trigger:
                channel.close()
        server.close()
        server.task_dispatcher.shutdown()

    def server_close(self) -> None:
        if self._server.socket is not None:
            self._server.close()


def make_local_server(
    host: str = "127.0.0.1", port: int = 8000, lang: str = "zh", app: WSGIApp | None = None
) -> LocalServer:
    return LocalServer(app or make_app(lang=lang), host, port)


def serve(host: str = "127.0.0.1", port: int = 8000, lang: str = "zh") -> None:
    """Serve the page until Ctrl+C. Binds to this computer only unless told otherwise."""
    server = make_local_server(host, port, lang)
    shown_host = f"[{host}]" if ":" in host else host
    print(f"copycheck serve: http://{shown_host}:{server.server_port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
