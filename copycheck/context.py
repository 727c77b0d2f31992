"""Judge the context of a match: asserted, negated, or quoted to be criticised.

A consumer warning that says 警惕“月入十万”的骗局 contains the phrase but does
not promise anything. Such findings are kept (the phrase is there) but marked
``negated`` or ``quoted`` and downgraded to ``info`` so they do not raise the
post's risk. Cue words are matched on the compact view, so traditional
characters and split words are covered too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copycheck.normalise import NormalisedText

# Words that warn about or debunk what is near them.
WARNING_CUES = (
    "警惕",
    "谨防",
    "提防",
    "小心",
    "当心",
    "别信",
    "别相信",
    "不要信",
    "不要相信",
    "切勿",
    "切莫",
    "勿信",
    "千万别",
    "防骗",
    "识破",
    "揭秘",
    "曝光",
    "举报",
    "涉嫌",
    "所谓",
    "并不是",
    "并非",
    "号称",
    "声称",
    "宣称",
    "鼓吹",
    "吹嘘",
    "打着",
    "美其名曰",
    "误导",
    "投诉",
    "维权",
    "报警",
    "12315",
    "查处",
    "取缔",
    "破获",
    "依法",
    "不可信",
    "不靠谱",
    "别被",
    "不要被",
    "防止",
    "避免",
    "远离",
    "拒绝",
)
# Words that call the claim itself false; they reach across a whole sentence.
DEBUNK_CUES = (
    "骗局",
    "骗子",
    "诈骗",
    "骗钱",
    "骗人",
    "被骗",
    "受骗",
    "上当",
    "套路",
    "陷阱",
    "谎言",
    "忽悠",
    "话术",
    "虚假宣传",
    "智商税",
    "割韭菜",
    "韭菜",
    "圈钱",
    "伪命题",
    "神话",
    "传销",
    "非法",
    "违法",
    "坑人",
    "噱头",
    "鬼话",
    "天上不会掉馅饼",
    "都是假的",
)
# A warning heading that governs the lines below it (常见骗局话术：).
HEADING_CUES = WARNING_CUES + DEBUNK_CUES + ("以下", "常见", "这些")

_NEGATOR_BEFORE = re.compile(
    r"(?:不|无|没有|没|免|零|拒绝|杜绝|无需|无须|不需要|不用|不收|不要|不必|绝不|从不|从来不|无任何)"
    r"(?:任何|什么|太高的|高额的?|额外的?|一分钱的?|一分的?|一切)?的?$"
)
_OPEN_QUOTES = "“「『‘《"
_CLOSE_QUOTES = "”」』’》"
_QUOTE_REACH = 150
_CRITICAL_DOC_CUES = 2


# A cue that is itself denied (我们不是传销, 绝对不是骗局) is a pitch, not a warning.
_DENIAL = ("不是", "并非", "绝非", "不算", "不", "没", "无")


def _has_any(text: str, cues: tuple[str, ...]) -> bool:
    for cue in cues:
        position = text.find(cue)
        while position != -1:
            if not text[max(0, position - 2) : position].endswith(_DENIAL):
                return True
            position = text.find(cue, position + 1)
    return False


@dataclass
class ContextJudge:
    """Judges every finding of one text; built once per text."""

    norm: NormalisedText

    def __post_init__(self) -> None:
        compact = self.norm.compact
        distinct = {cue for cue in DEBUNK_CUES + WARNING_CUES if _has_any(compact, (cue,))}
        self.critical_document = len(distinct) >= _CRITICAL_DOC_CUES

    def judge(self, cstart: int, cend: int, ostart: int, oend: int) -> str | None:
        """``"negated"``, ``"quoted"`` or None (asserted) for one match."""
        compact = self.norm.compact
        if _NEGATOR_BEFORE.search(compact, max(0, cstart - 8), cstart):
            return "negated"
        sent_start, sent_end = self.norm.sentence_bounds(cstart)
        sentence = compact[sent_start : max(sent_end, cend)]
        if sent_end < len(compact) and self._is_question(sent_end):
            # 月入十万？都是骗局！ The answer to a rhetorical question debunks it.
            sentence += compact[slice(*self.norm.sentence_bounds(sent_end))]
        clause = self._clause(cstart, sent_start, sent_end)
        if _has_any(clause, WARNING_CUES + DEBUNK_CUES) or _has_any(sentence, DEBUNK_CUES):
            return "negated"
        if self._under_warning_heading(cstart):
            return "negated"
        if self._inside_quotes(ostart, oend) and (
            self.critical_document or _has_any(sentence, WARNING_CUES + DEBUNK_CUES)
        ):
            return "quoted"
        return None

    def _is_question(self, sent_end: int) -> bool:
        _, last_end = self.norm.to_original(sent_end - 1, sent_end)
        following = self.norm.original[last_end : last_end + 4].lstrip(" \t\u3000")
        return following.startswith(("?", "？"))

    def _clause(self, cpos: int, sent_start: int, sent_end: int) -> str:
        """The clause (between hard gaps) holding ``cpos`` inside its sentence."""
        hard = self.norm._collect(sent_start, sent_end + 1, "hard")
        start, end = sent_start, sent_end
        for position in hard:
            if position <= cpos:
                start = position
            elif position > cpos:
                end = position
                break
        return self.norm.compact[start:end]

    def _under_warning_heading(self, cpos: int) -> bool:
        """A line above in the same paragraph reads as a warning heading."""
        original = self.norm.original
        ostart, _ = self.norm.to_original(cpos, cpos + 1)
        line_start = original.rfind("\n", 0, ostart) + 1
        cursor = line_start - 1
        while cursor > 0:
            previous_start = original.rfind("\n", 0, cursor) + 1
            previous = original[previous_start:cursor].strip()
            if not previous:
                return False
            if previous.endswith((":", "：")) and _has_any(self._fold(previous), HEADING_CUES):
                return True
            cursor = previous_start - 1
        return False

    @staticmethod
    def _fold(text: str) -> str:
        return NormalisedText(text).compact

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
