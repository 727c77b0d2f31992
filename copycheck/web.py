"""A local web page: paste a pitch, get the HTML report. Standard library only (WSGI, PEP 3333).

``GET /`` shows a form; ``POST /check`` checks the pasted text and returns the same report as
``--format html``, with the form again at the top. The submitted text is never logged or stored:
it lives in memory for one request. Bodies over 100 KB are refused with 413.

    python -c "from copycheck.web import serve; serve()"
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Iterable
from html import escape
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from copycheck.formatters.html import checked_categories, labels, page, report_body

if TYPE_CHECKING:
    from copycheck.checker import Checker

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


def _e(value: object) -> str:
    return escape(str(value), quote=True)


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
        query = parse_qs(environ.get("QUERY_STRING") or "", max_num_fields=10)
        page_lang = _valid_lang((query.get("lang") or [None])[0], default_lang)

        def error(status: int, extra: Iterable[tuple[str, str]] = ()) -> list[bytes]:
            return respond(start_response, status, _message_page(status, page_lang, environ), method, extra)

        if path == "/":
            if method not in ("GET", "HEAD"):
                return error(405, [("Allow", "GET, HEAD")])
            body = form_html(environ, page_lang)
            return respond(start_response, 200, page(body, page_lang, nav=_nav(environ, page_lang)), method)
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
            return respond(start_response, 200, page(body, page_lang, nav=_nav(environ, page_lang)), method)
        try:
            report = checker.report([checker.check(text, PASTED, markup=None)])
            body = form_html(environ, page_lang, text=text, compact=True) + report_body(report, page_lang)
            html = page(
                body,
                page_lang,
                title=_TEXT[page_lang]["result_title"] + " · " + labels(page_lang)["title"],
                version=report.version,
                nav=_nav(environ, page_lang),
            )
        except Exception as exc:  # never let the text reach a traceback in the log
            sys.stderr.write(f"copycheck serve: internal error ({type(exc).__name__})\n")
            return error(500)
        return respond(start_response, 200, html, method)

    return app


class QuietRequestHandler(WSGIRequestHandler):
    """Logs one line per request: method, path (without query string) and status. Never the body."""

    def _request_parts(self, args: tuple[Any, ...]) -> tuple[str, str]:
        method = getattr(self, "command", None)
        target = getattr(self, "path", None)
        if not method or target is None:
            line = getattr(self, "requestline", "") or (str(args[0]) if args else "")
            words = line.split()
            method = method or (words[0] if words else "-")
            target = target if target is not None else (words[1] if len(words) > 1 else "-")
        path = urlsplit(str(target)).path or "-"
        # Printable ASCII only, so a crafted path cannot forge log lines; long paths are cut.
        path = "".join(c if 32 < ord(c) < 127 else "?" for c in path)[:200]
        method = "".join(c for c in str(method) if c.isalpha())[:16] or "-"
        return method, path

    @staticmethod
    def _status(args: tuple[Any, ...]) -> str:
        for arg in args:
            value = str(arg)
            if len(value) == 3 and value.isdigit():
                return value
        return "-"

    def log_message(self, format: str, *args: Any) -> None:
        method, path = self._request_parts(args)
        sys.stderr.write(f"{method} {path} {self._status(args)}\n")


class LocalServer(ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per request, with a lingering close.

    After a response the server stops sending and discards (never stores) what the client is still
    sending, so a browser that posted more than the app read (a refused oversize body) still sees
    the 413 page instead of a reset connection.
    """

    daemon_threads = True
    linger_bytes = 8 * 1024 * 1024
    linger_seconds = 2.0

    def shutdown_request(self, request: Any) -> None:
        try:
            request.shutdown(socket.SHUT_WR)
            request.settimeout(self.linger_seconds)
            discarded = 0
            while discarded < self.linger_bytes:
                chunk = request.recv(65536)
                if not chunk:
                    break
                discarded += len(chunk)
        except OSError:
            pass
        self.close_request(request)


def make_local_server(host: str = "127.0.0.1", port: int = 8000, lang: str = "zh", app: WSGIApp | None = None):
    return make_server(
        host, port, app or make_app(lang=lang), server_class=LocalServer, handler_class=QuietRequestHandler
    )


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
