"""Hide Markdown and HTML markup from the matchers without moving any prose.

``mask_markup`` returns a string of exactly the length of its input in which
everything a reader does not see as prose is a space. Line breaks (``\\n`` and
the ``\\r`` of ``\\r\\n``) stay where they are, so line, column and offset of every
remaining character are unchanged and findings need no offset map. Spaces are
separators in the matching view (see ``normalise``), so ``月<b>入</b>十万``
still reads ``月入十万``.

Masked:

* both kinds: HTML comments, tags (attributes included, across lines), the
  contents of ``<script>`` and ``<style>``, ``<pre>`` and ``<code>`` elements,
  and character references (``&nbsp;``, ``&#26376;``, ``&#x6708;``). A reference
  is blanked, not decoded, because decoding would change the length and every
  offset after it; a CJK character written as a numeric reference is therefore
  invisible to the matchers (known limitation). ``alt``/``title`` attributes are
  part of their tag and are not checked either.
* Markdown: front matter (``---`` ... ``---`` or ``...`` at the very start);
  fenced code blocks (``` or ~~~, the fence lines too, to the end of the text
  when unclosed); indented code blocks (4+ columns after a blank line; never
  inside a list, where indentation usually means a continued item); code spans
  (matching backtick runs, within one paragraph); autolinks; reference
  definitions (one line with an ASCII or ``<...>`` destination, so that
  ``[注意]: 月入十万`` stays prose; a title on the next line is left); link
  syntax: in ``[text](url "title")``, ``![alt](src)`` and ``[text][id]`` the
  text is kept and ``[``, ``!`` and ``](url "title")``/``][id]`` are masked.
  Fences are found inside blockquotes and list items; emphasis markers are
  left (they are separators). This is a line-based approximation of
  CommonMark, not a full parser.

Should the lexer itself fail on some text (a bug), the text is checked as plain
text and the file's report says so (``FileReport.markup_fallback``).

Malformed markup never raises and is left as text: an unclosed comment, code
span, raw-text or code element, or a tag with no ``>`` (a tag with an unclosed
quote ends at its first ``>``). Scanning stays linear on such input. Tags are
masked to spaces, which are soft gaps, so a block boundary such as
``</p><p>`` is not a sentence break, while a line break inside a masked
multi-line tag still is.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

Span = tuple[int, int]

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
_ATTR = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_MD_HTML = re.compile(
    rf"<(?P<open>[A-Za-z][A-Za-z0-9-]*)(?:{_ATTR})*\s*(?P<close>/?)>|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9][A-Za-z0-9.-]*>"
)
_MD_INTEREST = re.compile(r"[\\`<&!\[\]]")
_HTML_INTEREST = re.compile(r"[<&]")
_BLANK = re.compile(r"^[ \t]*\r?$", re.M)
_QUOTE = re.compile(r" {0,3}> ?")
_LIST = re.compile(r"( *)(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_REF_DEF = re.compile(
    r""" {0,3}\[(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:<[^<>\n]*>|[!-~]+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*\r?"""
)
_REF_LABEL = re.compile(r"\[(?:[^\[\]\\]|\\.){0,999}\]")
_DEST_RUN = re.compile(r"[^\x00-\x20()\\\x7f]*")
_MAX_PARENS = 32
_ANGLE_DEST = re.compile(r"<(?:[^<>\n\\]|\\.)*>")
_HTML_BLOCK = re.compile(r"<(?:(!--)|(script|pre|style|textarea)(?=[\s>]|$))", re.I)
_TAG_MARK = re.compile("[>=]")
_TAG_NAME = re.compile(r"[^\s/>]+")
_RAW = ("script", "style")
_CODE = ("pre", "code")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _entities() -> dict[str, str]:
    from html.entities import html5  # a large table: loaded only for text that has an entity

    return html5


_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@lru_cache(maxsize=1024)  # called once per text checked, mostly with the same few names
def markup_kind(path: str) -> str | None:
    """``"markdown"``, ``"html"`` or ``None`` (plain text) from a file name."""
    return _KINDS.get(os.path.splitext(path)[1].lower())


class MarkupView(NamedTuple):
    text: str  # the input with its markup blanked: same length, line breaks in place
    failed: bool  # the lexer failed: ``text`` is the input as is, to be checked as plain text


def markup_view(text: str, kind: str) -> MarkupView:
    """``text`` as the matchers see it, and whether its markup could be read at all."""
    hidden, _, failed = _scan(text, kind)
    if not hidden:
        return MarkupView(text, failed)
    chars = list(text)
    for start, end in hidden:
        for i in range(start, end):
            if chars[i] != "\n" and not (chars[i] == "\r" and text.startswith("\n", i + 1)):
                chars[i] = " "
    return MarkupView("".join(chars), failed)


def mask_markup(text: str, kind: str) -> str:
    """``text`` with markup blanked to spaces; same length, line breaks in place."""
    return markup_view(text, kind).text


def visible_text(original: str, masked: str, decode: bool = False) -> str:
    """What a reader sees of ``original``, given ``masked``, its :func:`mask_markup` twin: the
    characters masking left in place. A masked character reference (``&amp;``, ``&#26376;``) is
    left out, as the matchers never saw it, or with ``decode`` shown as a browser shows it."""
    if not decode:
        return "".join(o for o, m in zip(original, masked, strict=True) if o == m)
    from html import unescape  # the html package loads the entity table: only for pages that show text

    out = []
    i, n = 0, len(original)
    while i < n:
        if masked[i] == original[i]:
            out.append(original[i])
            i += 1
            continue
        j = i
        while j < n and masked[j] != original[j]:
            j += 1
        if _ENTITY.fullmatch(original, i, j):
            out.append(unescape(original[i:j]))
        i = j
    return "".join(out)


def comment_spans(text: str, kind: str) -> list[tuple[int, int, str]]:
    """``(start, end, inner)`` of each real HTML comment, in order (not those in code); none
    when the lexer fails (``markup_view`` reports that)."""
    return _scan(text, kind)[1]


def _scan(text: str, kind: str) -> tuple[list[Span], list[tuple[int, int, str]], bool]:
    """Hidden spans, comments, and whether the lexer failed."""
    try:
        return (*_collect(text, kind), False)
    except Exception:  # a markup bug must never stop a check: the text as is, and a note says so
        return [], [], True


def _collect(text: str, kind: str) -> tuple[list[Span], list[tuple[int, int, str]]]:
    """Spans to hide and the comments found; may raise on a bug (``_scan`` guards it)."""
    hidden: list[Span] = []
    comments: list[tuple[int, int, str]] = []
    finder = _Finder(text)
    if kind == "markdown":
        prose = _markdown_blocks(finder, hidden)
        blanks = [m.start() for m in _BLANK.finditer(text)]
        for start, end in prose:
            _markdown_inline(finder, start, end, blanks, hidden, comments)
    elif kind == "html":
        _html(finder, hidden, comments)
    return hidden, comments


class _Finder:
    """Searches for closing delimiters that remember where one is known to be absent.

    A search that fails from ``start`` proves the needle absent from there to
    ``end``, so later searches answer at once and unclosed markup (a thousand
    stray ``<!--``) keeps the scan linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.absent: dict[tuple[str, int], int] = {}
        self.dead: set[int] = set()  # positions from which a start tag is known not to close

    def find(self, needle: str, start: int, end: int, pattern: re.Pattern[str] | None = None) -> Span | None:
        """Span of ``needle`` (or of ``pattern``, which ``needle`` then names) in ``[start, end)``."""
        key = (needle, end)
        if start >= self.absent.get(key, end + 1):
            return None
        if pattern is None:
            at = self.text.find(needle, start, end)
            span = (at, at + len(needle)) if at >= 0 else None
        else:
            match = pattern.search(self.text, start, end)
            span = match.span() if match else None
        if span is None:
            self.absent[key] = start
        return span


def _comment(finder: _Finder, i: int, end: int) -> tuple[int, str] | None:
    """End and inner text of the comment at ``i`` (``<!-->`` and ``<!--->`` included)."""
    text = finder.text
    for short in ("<!-->", "<!--->"):
        if text.startswith(short, i):
            return i + len(short), ""
    close = finder.find("-->", i + 4, end)
    return None if close is None else (close[1], text[i + 4 : close[0]])


def _entity(text: str, i: int, end: int) -> int | None:
    match = _ENTITY.match(text, i, end)
    if match and (match.group(1) is None or match.group(1) + ";" in _entities()):
        return match.end()
    return None


def _closing_tag(finder: _Finder, name: str, start: int, end: int) -> int | None:
    close = finder.find(f"</{name}", start, end, _closing_pattern(name))
    return close[1] if close else None


def _closing_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?=[\s/>])[^>]*>", re.I)


# -- Markdown ---------------------------------------------------------------


def _indent(line: str) -> tuple[int, int]:
    """(columns, characters) of leading white space, tabs to the next multiple of 4."""
    col = chars = 0
    for char in line:
        if char == " ":
            col += 1
        elif char == "\t":
            col += 4 - col % 4
        else:
            break
        chars += 1
    return col, chars


def _markdown_blocks(finder: _Finder, hidden: list[Span]) -> list[Span]:
    """Hide block-level code and front matter; return the remaining (prose) spans."""
    text = finder.text
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    masked = [False] * len(lines)
    first = 0
    if lines[0].rstrip(" \t\r") == "---":
        close = next((k for k in range(1, len(lines)) if lines[k].rstrip(" \t\r") in ("---", "...")), None)
        if close is not None:
            masked[: close + 1] = [True] * (close + 1)
            first = close + 1
    fence: tuple[str, int, int, int] | None = None  # char, length, quote depth, base column
    html_end: str | None = None  # what ends the HTML block we are in
    lists: list[int] = []
    prev_blank = can_indent = True  # an indented code block may start here
    for k in range(first, len(lines)):
        line = lines[k]
        depth, pos = 0, 0
        while match := _QUOTE.match(line, pos):
            depth, pos = depth + 1, match.end()
        rest = line[pos:]
        blank = not rest.strip()
        col, skip = _indent(rest)
        if fence is not None:
            char, length, fdepth, base = fence
            if depth < fdepth or (not blank and col < base):
                fence = None
            else:
                masked[k] = True
                if col - base <= 3 and re.fullmatch(rf"{re.escape(char)}{{{length},}}[ \t\r]*", rest[skip:]):
                    fence = None
                prev_blank, can_indent = False, True
                continue
        if html_end is not None:
            if html_end in line.lower():
                html_end = None
            prev_blank, can_indent = blank, False
            continue
        if blank:
            prev_blank = can_indent = True
            continue
        if can_indent and col >= 4 and not lists:
            masked[k] = True
            prev_blank = False
            continue
        if prev_blank:
            while lists and lists[-1] > col:
                lists.pop()
        base = lists[-1] if lists else 0
        while item := _LIST.match(rest, skip):
            while lists and lists[-1] > col:  # a marker closes the items indented deeper than it
                lists.pop()
            if col - (lists[-1] if lists else 0) > 3:
                break
            base = col + item.end() - skip
            lists.append(base)
            col, skip = base, item.end()
        can_indent = False
        content = rest[skip:]
        fence_open = _FENCE.match(content)
        if col - base <= 3 and fence_open and not (fence_open[1][0] == "`" and "`" in fence_open[2]):
            fence = (fence_open[1][0], len(fence_open[1]), depth, base)
            masked[k] = True
        elif col - base <= 3 and (block := _HTML_BLOCK.match(content)):
            html_end = "-->" if block[1] else f"</{block[2].lower()}"
            closing = None if block[1] else _closing_pattern(block[2].lower())
            after = starts[k] + pos + skip + 4
            if html_end in content[4:].lower() or not finder.find(html_end, after, len(text), closing):
                html_end = None  # closed on this line, or never (then the inline pass leaves it as text)
        elif _REF_DEF.fullmatch(line):
            masked[k] = True
        prev_blank = False
    prose: list[Span] = []
    for k, line in enumerate(lines):
        start, end = starts[k], starts[k] + len(line)
        if masked[k]:
            hidden.append((start, end))
        elif prose and prose[-1][1] == start - 1:
            prose[-1] = (prose[-1][0], end)
        else:
            prose.append((start, end))
    return prose


def _link_tail(finder: _Finder, i: int, end: int) -> int | None:
    """End of ``(destination "title")`` starting at ``text[i] == "("``, if well formed.

    Like cmark, a destination nests parentheses at most 32 deep, which keeps a
    long paragraph of stray ``](`` linear.
    """
    text = finder.text
    k = _skip_space(text, i + 1, end)
    if k < end and text[k] == "<":
        match = _ANGLE_DEST.match(text, k, end)
        if not match:
            return None
        k = match.end()
    else:
        depth = 0
        while (run := _DEST_RUN.match(text, k, end)) and (k := run.end()) < end:
            if text[k] == "(":
                depth += 1
                if depth > _MAX_PARENS:
                    return None
            elif text[k] == ")" and depth:
                depth -= 1
            elif text[k] != "\\":
                break  # white space, a control character or the closing parenthesis
            k += 2 if text[k] == "\\" else 1
        if depth:
            return None
    spaced = _skip_space(text, k, end)
    if k < spaced < end and text[spaced] in "\"'(":
        closer = ")" if text[spaced] == "(" else text[spaced]
        k = spaced + 1
        while (close := finder.find(closer, k, end)) and _escaped(text, close[0]):
            k = close[1]
        if close is None:
            return None
        spaced = _skip_space(text, close[1], end)
    return spaced + 1 if spaced < end and text[spaced] == ")" else None


def _escaped(text: str, at: int) -> bool:
    """Whether ``text[at]`` follows an odd number of backslashes."""
    count = 0
    while at - count > 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _skip_space(text: str, k: int, end: int) -> int:
    while k < end and text[k] in " \t\r\n":
        k += 1
    return k


def _markdown_inline(
    finder: _Finder, start: int, end: int, blanks: list[int], hidden: list[Span], comments: list[tuple[int, int, str]]
) -> None:
    text = finder.text
    openers: list[tuple[int, int, bool]] = []  # position, length, image
    para_end = -1
    i = start
    while (found := _MD_INTEREST.search(text, i, end)) is not None:
        i = found.start()
        if i >= para_end:  # brackets and code spans stay within one paragraph
            openers.clear()
            index = bisect_right(blanks, i)
            para_end = min(blanks[index], end) if index < len(blanks) else end
        char = text[i]
        if char == "\\":
            i += 2 if i + 1 < end and text[i + 1] in _PUNCT else 1
        elif char == "`":
            run = 1
            while i + run < para_end and text[i + run] == "`":
                run += 1
            close = finder.find("`" * run, i + run, para_end, re.compile(rf"(?<!`)`{{{run}}}(?!`)"))
            if close:
                hidden.append((i, close[1]))
                i = close[1]
            else:
                i += run
        elif char == "<":
            i = _markdown_angle(finder, i, end, para_end, hidden, comments)
        elif char == "&":
            stop = _entity(text, i, end)
            if stop:
                hidden.append((i, stop))
            i = stop or i + 1
        elif char == "[" or (char == "!" and text.startswith("[", i + 1)):
            openers.append((i, 1 if char == "[" else 2, char == "!"))
            i += 1 if char == "[" else 2
        elif char == "]" and openers:
            at, length, image = openers.pop()
            tail = None
            if text.startswith("(", i + 1):
                tail = _link_tail(finder, i + 1, para_end)
            elif match := _REF_LABEL.match(text, i + 1, para_end):
                tail = match.end()
            if tail:
                hidden.extend([(at, at + length), (i, tail)])
                if not image:  # links do not nest: outer brackets are plain text
                    openers = [opener for opener in openers if opener[2]]
            i = tail or i + 1
        else:
            i += 1


def _markdown_angle(
    finder: _Finder, i: int, end: int, para_end: int, hidden: list[Span], comments: list[tuple[int, int, str]]
) -> int:
    text = finder.text
    if text.startswith("<!--", i):
        comment = _comment(finder, i, end)
        if comment is None:
            return i + 1
        comments.append((i, comment[0], comment[1]))
        hidden.append((i, comment[0]))
        return comment[0]
    for opening, closing in (("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">")):
        if text.startswith(opening, i) and (opening != "<!" or text[i + 2 : i + 3].isalpha()):
            close = finder.find(closing, i + len(opening), para_end)
            if close:
                hidden.append((i, close[1]))
            return close[1] if close else i + 1
    match = _MD_HTML.match(text, i, para_end)
    if not match:
        return i + 1
    stop = match.end()
    name = (match["open"] or "").lower()
    if name in (*_RAW, *_CODE) and not match["close"]:
        stop = _closing_tag(finder, name, stop, end if name != "code" else para_end) or stop
    hidden.append((i, stop))
    return stop


# -- HTML -------------------------------------------------------------------


def _start_tag_end(finder: _Finder, k: int) -> int | None:
    """End of a start tag whose attributes begin at ``k``; quotes only count after ``=``.

    With an unclosed quote the tag ends at the first ``>``; with no ``>`` it is text.
    """
    text, n = finder.text, len(finder.text)
    first = finder.find(">", k, n)
    if first is None:
        return None
    visited: list[int] = []
    while (mark := _TAG_MARK.search(text, k)) is not None:
        k = mark.end()
        if mark[0] == ">":
            return k
        k = _skip_space(text, k, n)
        if k < n and text[k] in "\"'":
            close = finder.find(text[k], k + 1, n)
            if close is None or close[1] in finder.dead:
                break
            k = close[1]
            visited.append(k)
    finder.dead.update(visited)  # a later tag that reaches these positions will not close either
    return first[1]


def _html(finder: _Finder, hidden: list[Span], comments: list[tuple[int, int, str]]) -> None:
    text, n = finder.text, len(finder.text)
    code_depth, code_start = 0, 0
    i = 0
    while (found := _HTML_INTEREST.search(text, i)) is not None:
        i = found.start()
        stop: int | None = None
        if text[i] == "&":
            stop = _entity(text, i, n)
        elif text.startswith("<!--", i):
            comment = _comment(finder, i, n)
            if comment:
                stop = comment[0]
                comments.append((i, stop, comment[1]))
        elif text.startswith("<![CDATA[", i):
            close = finder.find("]]>", i, n)
            stop = close[1] if close else None
        elif text.startswith(("<!", "<?"), i) or (text.startswith("</", i) and text[i + 2 : i + 3].isalpha()):
            close = finder.find(">", i, n)
            stop = close[1] if close else None
            name = re.match(r"</([A-Za-z][^\s/>]*)", text[i:stop] if stop else "")
            if stop and name and name[1].lower() in _CODE and code_depth:
                code_depth -= 1
                if not code_depth:
                    hidden.append((code_start, stop))
        elif text[i + 1 : i + 2].isascii() and text[i + 1 : i + 2].isalpha():
            name_match = _TAG_NAME.match(text, i + 1)
            name = name_match[0].lower() if name_match else ""
            stop = _start_tag_end(finder, i + 1 + len(name))
            if stop and name in _RAW:
                stop = _closing_tag(finder, name, stop, n) or stop
            elif stop and name in _CODE and text[stop - 2] != "/":
                code_start = code_start if code_depth else i
                code_depth += 1
        if stop:
            hidden.append((i, stop))
        i = stop or i + 1
