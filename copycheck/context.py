"""Judge the context of a match: asserted, negated, or quoted to be criticised.

A consumer warning that says 警惕“月入十万”的骗局 contains the phrase but does
not promise anything. Such findings are kept (the phrase is there) but marked
``negated`` or ``quoted`` and downgraded to ``info`` so they do not raise the
post's risk. Cue words are matched on the compact view, so traditional
characters and split words are covered too.

How far a cue reaches depends on how strong it is:

* a negator right before the match (不收加盟费, 无需囤货) negates it;
* weak cues (所谓, 号称, 举报, 不得…) reach their own clause;
* strong warnings (警惕, 别信, 千万别…) and debunking words (骗局, 套路, 忽悠…)
  reach the whole sentence, and a short warning sentence (警惕！) or heading
  line (常见骗局话术：) reaches what follows it in the paragraph;
* a quotation is "quoted" when the text around it criticises it: a cue or a
  complaint (屏蔽, 退群, 被坑) in the sentence, a label after it (这种广告,
  之类的话术), or a critical document;
* reported speech and narration (据…介绍, 当事人…宣称, 经查, 执法人员, 不法分子…)
  describe a scheme rather than run it: a finding in such a section is
  "reported". A section is the whole text when it is short, else a block of
  lines between blank lines (each line of a very long block is its own
  section), so a cue in one review of a long file does not defuse the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from copycheck.view.normalise import NormalisedText


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CLAUSE_CUES = _words(
    """
    所谓 号称 声称 宣称 鼓吹 吹嘘 打着 喊着 美其名曰 误导 涉嫌 查处 取缔 破获 依法 不可信 不靠谱
    防止 避免 远离 拒绝 并不是 并非 揭秘 曝光 揭露 识破 违反 违规 处罚 罚款 法律规定 法规定 条例规定
    明确规定 国家规定
    """
)
SENTENCE_CUES = _words(
    """
    警惕 谨防 提防 小心 当心 别信 别相信 不要信 不要相信 切勿 切莫 勿信 千万别 千万不要 防骗 别被
    投诉 维权 举报 报警 12315
    不要被 别再被 别再信 别碰 不要碰 劝大家 长点心 擦亮眼睛 提高警惕 注意甄别 理性看待
    骗局 骗子 诈骗 骗钱 骗人 被骗 受骗 骗了 骗我 骗到 哄你 哄骗 上当 套路 请谨慎 要谨慎
    陷阱 谎言 忽悠 话术 虚假宣传 智商税 割韭菜 韭菜
    圈钱 伪命题 神话 传销 非法 违法 坑人 噱头 鬼话 天上不会掉馅饼 都是假的 金字塔
    """
)
# Complaints that show a quoted claim is being held up, not made.
COMPLAINT_CUES = _words(
    "屏蔽 拉黑 删了 退群 反感 恶心 无语 吐槽 被坑 坑了 骗了 长记性 刷屏 离谱 可笑 烦 反而 容易信 信这些"
)
# Only strong words make a heading a warning: 代理规定： or 拒绝死工资！ is not one.
HEADING_CUES = (*SENTENCE_CUES, *_words("提醒 辟谣"))
REPORTING_MARKERS = _words(
    """
    记者 受访者 采访 据了解 警方 公安 法院 判决 案件 涉案 犯罪嫌疑人 被告 市场监管 监管部门
    业内人士 消费者协会 消协 调查发现 律师 据悉 据介绍 执法 监管局 工商局 案例 通报
    """
)
# Narration that only a report, a court or a regulator writes: one is enough to make a section
# a report of a scheme rather than the scheme itself.
NARRATION_MARKERS = _words(
    """
    当事人 经查 经审理查明 审理查明 查明 执法人员 犯罪嫌疑人 被告人 涉案 案发 立案 行政处罚 处罚决定
    虚假广告案 违法广告 不法分子 诈骗分子 犯罪分子 违法分子 传销组织 传销人员 严正声明 警方提醒 公安机关
    反诈 防骗 消费警示 消费提示 风险提示 识别传销 辨别传销 传销的特征 传销特征 调查显示 数据显示 报告显示 研究显示
    统计显示 调查发现 据悉 据介绍 据了解 诱惑您 诱骗 骗取
    """
)
# A clause that reports what someone else said or did (据…介绍, 他们宣称, 以…为由骗取).
_REPORTED_SPEECH = re.compile(
    r"据[^|]{0,16}?(?:介绍|称|说|透露|反映|报道|了解|统计|调查)|(?:宣称|声称|号称|谎称|鼓吹|吹嘘|许以|诱骗|引诱|"
    r"诱导|骗取|蛊惑|欺骗|诈骗|以[^|]{1,12}?为由|打着[^|]{1,16}?(?:旗号|幌子))"
)
# Narration with a variable part: 据代理商小梁介绍, 据业内人士透露.
# An anonymised party (某饮品店, 某某公司) is how case reports write; 某宝 and 某音 are sellers' slang.
_NARRATION = re.compile(
    r"据[^|]{0,12}?(?:介绍|透露|反映|报道)|某某|某(?!宝|音|书|鱼|东|多多|手|猫|信)[^|]{0,3}?(?:公司|商家|店|企业|平台|网店|微商|男子|女子|商贸)"
)
# Longest block of lines judged as one section; longer blocks are judged line by line.
_SECTION_CHARS = 2000

# A cue that is itself denied (我们不是传销, 绝对不是骗局) is a pitch, not a warning.
_DENIAL = ("不是", "并非", "绝非", "不算", "不", "没", "无", "怕", "担心", "操心")
_NEGATOR_BEFORE = re.compile(
    r"(?:不|无|没有|没|免|零|拒绝|杜绝|无需|无须|不需要|不用|不收|不要|不必|绝不|从不|从来不|无任何|不接受|不支持|不允许|"
    r"谢绝|禁止|严禁|不是|并不是|并非|未必|不一定|非|不敢说|不敢说能|不能保证|不保证)"
    r"(?:任何|什么|太高的|高额的?|额外的?|一分钱的?|一分的?|一切)?的?$"
)
_LABEL_AFTER = re.compile(
    r"(?:的|之类的?|一类的?|这种|这类|此类|这样的|那种|等)+"
    r"(?:广告|话术|套路|骗局|说法|宣传|鬼话|文案|消息|帖子|朋友圈|标题|口号|谎言|噱头|段子|短信)"
)
# A buyer relaying what the seller said (商家说概不退换) reports the claim rather than makes it.
_SELLER_SAID = re.compile(
    r"(?:商家|卖家|店家|客服|团长|微商|上家|对方|那个人|那人)(?:还|就|都|却|竟然|居然|当时|一直|非)?"
    r"(?:说|称|讲|写着?|表示|声称|承诺|保证|告诉我|跟我说)[^|]{0,12}$"
)
# Someone else's question (有朋友问能不能做我家代理) is not the poster's offer.
_ASKED = re.compile(r"(?:有人|有朋友|朋友|网友|粉丝|顾客|很多人|不少人)(?:私信|留言|来)?问[^|]{0,12}$")
_OPEN_QUOTES = "“「『‘《"
_CLOSE_QUOTES = "”」』’》"
_QUOTE_REACH = 150
_CRITICAL_DOC_CUES = 2
_REPORT_MARKERS = 2
_SHORT_WARNING = 8  # compact characters: 警惕！ 注意啦！ 防骗提醒：
_CUE_REACH = 80  # compact characters either side of a match in which its sentence's cues count
_BEFORE_REACH = 48  # compact characters before a match in which a speaker (商家说, 据…介绍) counts


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether ``text`` holds a cue that is not itself denied."""
    return next(_cues_in(text, cues), None) is not None


def _cues_in(text: str, cues: tuple[str, ...]) -> Iterator[str]:
    if not cues or not text:
        return
    for _, position, end in _cue_automaton(cues).find_matches_as_indexes(text, overlapping=True):
        if not text[max(0, position - 2) : position].endswith(_DENIAL):
            yield text[position:end]


@lru_cache(maxsize=64)
def _cue_automaton(cues: tuple[str, ...]) -> Any:
    """One Aho-Corasick automaton per cue list: a judge looks for a hundred cues at once."""
    from ahocorasick_rs import AhoCorasick

    return AhoCorasick(list(cues))


def has_cue_word(text: str) -> bool:
    """Whether ``text`` holds any word that a context check after the negator looks for: a cue,
    a report marker, or a literal that one of the speaker patterns cannot match without. Most
    posts hold none, and are judged asserted (or negated) without the other checks."""
    return cue_words() is None or bool(vocabulary_in(text))


# What a word of the judge's vocabulary is, as bits: the lists a whole text or section is read for.
_SECTION_CUE, _HEADING, _REPORTING, _NARRATION_WORD = 1, 2, 4, 8


def vocabulary_in(text: str) -> list[tuple[int, int, int]]:
    """Every occurrence in ``text`` of a word the judge reads a whole text or section for (the
    cue lists, the report markers, the speaker patterns' literals): ``(word index, start, end)``
    ordered by end. One pass serves the quiet-text shortcut, warning headings and section kinds."""
    if not text:
        return []
    automaton, _bits = _vocabulary()
    return sorted(automaton.find_matches_as_indexes(text, overlapping=True), key=itemgetter(2))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[Any, tuple[int, ...]]:
    """The automaton of the judge's vocabulary, and per word its bits (see ``vocabulary_in``)."""
    lists = (
        (set(CLAUSE_CUES + SENTENCE_CUES), _SECTION_CUE),
        (set(HEADING_CUES), _HEADING),
        (set(REPORTING_MARKERS), _REPORTING),
        (set(NARRATION_MARKERS), _NARRATION_WORD),
    )
    words = cue_words() or tuple(
        sorted({*CLAUSE_CUES, *SENTENCE_CUES, *HEADING_CUES, *COMPLAINT_CUES, *REPORTING_MARKERS, *NARRATION_MARKERS})
    )
    bits = tuple(sum(bit for members, bit in lists if word in members) for word in words)
    return _cue_automaton(words), bits


@lru_cache(maxsize=1)
def cue_words() -> tuple[str, ...] | None:
    """Every word ``has_cue_word`` looks for; None when a speaker pattern has no literal it
    cannot match without (then no text is quiet)."""
    from copycheck.matchers.anchors import required_literals

    words = {*CLAUSE_CUES, *SENTENCE_CUES, *HEADING_CUES, *COMPLAINT_CUES, *REPORTING_MARKERS, *NARRATION_MARKERS}
    for pattern in (_REPORTED_SPEECH, _NARRATION, _LABEL_AFTER, _SELLER_SAID, _ASKED):
        anchors = required_literals(pattern.pattern)
        if not anchors:
            return None
        words.update(anchors)
    return tuple(sorted(words))


@dataclass
class ContextJudge:
    """Judges every finding of one text; built once per text."""

    norm: NormalisedText

    def __post_init__(self) -> None:
        self._kinds: dict[int, tuple[bool, bool, bool]] = {}
        self._headings: list[bool] | None = None
        self._sections: list[tuple[int, int]] | None = None
        self._section_of_line: list[int] = []
        self._quiet: bool | None = None
        self._found: list[tuple[int, int, int]] | None = None
        self._found_ends: list[int] | None = None

    def _vocabulary_found(self) -> list[tuple[int, int, int]]:
        """``vocabulary_in`` the whole compact text, found once."""
        if self._found is None:
            self._found = vocabulary_in(self.norm.compact)
        return self._found

    def _vocabulary_between(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """The occurrences of ``_vocabulary_found`` that end inside ``(lo, hi]``."""
        found = self._vocabulary_found()
        if lo == 0 and hi == len(self.norm.compact):
            return found
        if self._found_ends is None:
            self._found_ends = [end for _, _, end in found]
        return found[bisect_right(self._found_ends, lo) : bisect_right(self._found_ends, hi)]

    def _section(self, cpos: int) -> tuple[int, int]:
        """Compact bounds of the section holding ``cpos``.

        A short text is one section; a longer one is split at blank lines, and a block that is
        still long (a file of unrelated reviews, one per line) into its lines.
        """
        if self._sections is None:
            lines = self.norm.lines()
            if len(self.norm.compact) <= _SECTION_CHARS:
                self._sections = [(0, len(self.norm.compact))] * len(lines)
                return self._sections[self.norm.line_of(cpos)]
            sections: list[tuple[int, int]] = []
            blocks: list[list[tuple[int, int]]] = [[]]
            position = 0
            for original, compact in lines:
                if not original.strip():
                    blocks.append([])
                blocks[-1].append((position, position + len(compact)))
                position += len(compact)
            for block in blocks:
                if not block:
                    continue
                if block[-1][1] - block[0][0] <= _SECTION_CHARS:
                    sections.extend([(block[0][0], block[-1][1])] * len(block))
                else:
                    sections.extend(block)
            self._sections = sections
        return self._sections[self.norm.line_of(cpos)]

    def _section_kind(self, cpos: int) -> tuple[bool, bool, bool]:
        """``(critical, reporting, narrated)`` for the section holding ``cpos``, worked out once."""
        lo, hi = self._section(cpos)
        kind = self._kinds.get(lo)
        if kind is None:
            # The section's cues, report markers and narration markers, from the one pass over
            # the text; a cue is denied by what comes before it inside the section (不是骗局).
            compact, bits = self.norm.compact, _vocabulary()[1]
            distinct: set[int] = set()
            markers: set[int] = set()
            narrated = False
            for word, start, _end in self._vocabulary_between(lo, hi):
                kinds = bits[word]
                if not kinds or start < lo:
                    continue
                if kinds & _REPORTING:
                    markers.add(word)
                if kinds & (_SECTION_CUE | _NARRATION_WORD) and not compact[max(lo, start - 2) : start].endswith(
                    _DENIAL
                ):
                    if kinds & _SECTION_CUE:
                        distinct.add(word)
                    narrated = narrated or bool(kinds & _NARRATION_WORD)
            narrated = narrated or bool(_NARRATION.search(compact, lo, hi))
            kind = self._kinds[lo] = (
                len(distinct) >= _CRITICAL_DOC_CUES,
                len(markers) >= _REPORT_MARKERS and bool(distinct),
                narrated,
            )
        return kind

    def judge(self, cstart: int, cend: int, ostart: int, oend: int) -> str | None:
        """``"negated"``, ``"quoted"``, ``"reported"`` or None (asserted) for one match."""
        compact = self.norm.compact
        if _NEGATOR_BEFORE.search(compact, max(0, cstart - 8), cstart):
            return "negated"
        if self._quiet is None:
            self._quiet = cue_words() is not None and not self._vocabulary_found()
        if self._quiet:
            return None  # no cue, marker or speaker word anywhere: nothing below can apply
        sent_start, sent_end = self.norm.sentence_bounds(cstart)
        # Cues are looked for around the match, never inside it (远离三高 is a claim), and only
        # so far: a cue a paragraph away in an unpunctuated text does not govern this match, and
        # a bounded window keeps judging linear in the text.
        near_start, near_end = max(sent_start, cstart - _CUE_REACH), min(sent_end, cend + _CUE_REACH)
        sentence = compact[near_start:cstart] + "|" + compact[cend:near_end]
        if sent_end < len(compact) and self._is_question(sent_end):
            # 月入十万？都是骗局！ The answer to a rhetorical question debunks it.
            sentence += compact[slice(*self.norm.sentence_bounds(sent_end))]
        clause = self._clause(cstart, cend, near_start, near_end)
        if has_cue(clause, CLAUSE_CUES) or has_cue(sentence, SENTENCE_CUES):
            return "negated"
        if self._after_warning(cstart, sent_start) or self._under_warning_heading(cstart):
            return "negated"
        before = compact[max(sent_start, cstart - _BEFORE_REACH) : cstart]
        if _LABEL_AFTER.match(compact, cend) or _SELLER_SAID.search(before) or _ASKED.search(before):
            return "quoted"
        if _REPORTED_SPEECH.search(clause) or _REPORTED_SPEECH.search(before):
            return "reported"
        critical_document, reporting_document, narrated = self._section_kind(cstart)
        if narrated:
            return "reported"
        if reporting_document:
            return "quoted"
        if self._inside_quotes(ostart, oend) and (
            critical_document or has_cue(sentence, CLAUSE_CUES + SENTENCE_CUES + COMPLAINT_CUES)
        ):
            return "quoted"
        return None

    def _is_question(self, sent_end: int) -> bool:
        _, last_end = self.norm.to_original(sent_end - 1, sent_end)
        following = self.norm.original[last_end : last_end + 4].lstrip(" \t\u3000")
        return following.startswith(("?", "？"))

    def _clause(self, cstart: int, cend: int, near_start: int, near_end: int) -> str:
        """The clause (between hard gaps) around the match, without the match itself."""
        start = max(self.norm.clause_bounds(cstart)[0], near_start)
        end = min(self.norm.clause_bounds(max(cend - 1, cstart))[1], near_end)
        return self.norm.compact[start:cstart] + "|" + self.norm.compact[cend:end]

    def _after_warning(self, cpos: int, sent_start: int) -> bool:
        """A short warning sentence just before, on the same line (警惕！那些…)."""
        line_start, _ = self.norm.line_bounds(cpos)
        if sent_start <= line_start:
            return False
        previous_start, previous_end = self.norm.sentence_bounds(sent_start - 1)
        previous = self.norm.compact[previous_start:previous_end]
        return len(previous) <= _SHORT_WARNING and has_cue(previous, HEADING_CUES)

    def _under_warning_heading(self, cpos: int) -> bool:
        """A line above in the same paragraph reads as a warning heading."""
        return self._governing_heading()[self.norm.line_of(cpos)]

    def _governing_heading(self) -> list[bool]:
        """Per line: whether a warning heading above it governs it (one pass per text)."""
        if self._headings is None:
            norm, compact = self.norm, self.norm.compact
            starts = norm.line_starts()
            governed = [False] * len(starts)
            # Only a line holding a heading cue can be a heading (most texts have none); a heading
            # governs the lines below it up to a blank line.
            bits = _vocabulary()[1]
            found = self._vocabulary_found()
            candidates = sorted({norm.line_of(position) for word, position, _ in found if bits[word] & _HEADING})
            originals = norm.original.split("\n") if candidates else []
            settled = 0  # lines before this one are inside a governed stretch already seen
            for line in candidates:
                if line < settled:
                    continue
                stripped = originals[line].strip()
                words = compact[starts[line] : starts[line + 1] if line + 1 < len(starts) else len(compact)]
                heading = stripped.endswith((":", "：")) or len(words) <= _SHORT_WARNING
                if stripped and heading and has_cue(words, HEADING_CUES):
                    below = line + 1
                    while below < len(starts) and originals[below].strip():
                        governed[below] = True
                        below += 1
                    settled = below
            self._headings = governed
        return self._headings

    def _inside_quotes(self, ostart: int, oend: int) -> bool:
        original = self.norm.original
        before = original[max(0, ostart - _QUOTE_REACH) : ostart]
        after = original[oend : oend + _QUOTE_REACH]
        last_open = max(before.rfind(q) for q in _OPEN_QUOTES)
        last_close = max(before.rfind(q) for q in _CLOSE_QUOTES)
        if last_open > last_close:
            closes = [after.find(q) for q in _CLOSE_QUOTES if q in after]
            opens = [after.find(q) for q in _OPEN_QUOTES if q in after]
            return bool(closes) and (not opens or min(closes) < min(opens))
        if before.count('"') % 2 == 1 and '"' in after:
            return True
        return before.count("'") % 2 == 1 and "'" in after
