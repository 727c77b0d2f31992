from __future__ import annotations

from conftest import make_rule
from hypothesis import given, settings
from hypothesis import strategies as st

from copycheck.engine import Engine
from copycheck.matchers import LiteralScan
from copycheck.matchers.amount import AmountMatcher, AmountSpec
from copycheck.matchers.compound import CompoundSpec
from copycheck.matchers.pattern import PatternMatcher
from copycheck.matchers.split import SplitSpec
from copycheck.matchers.terms import TermsMatcher
from copycheck.view.normalise import NormalisedText, compact_form


def spans(engine: Engine, text: str, rule_id: str | None = None) -> list[tuple[str, str, int, int]]:
    report = engine.check(text)
    return [
        (f.rule, f.location.text, f.location.line, f.location.column)
        for f in report.findings
        if rule_id is None or f.rule == rule_id
    ]


# -- terms ------------------------------------------------------------------
def test_terms_matcher_finds_every_occurrence() -> None:
    rule = make_rule(terms=["招代理", "加盟费"], boundary="never")
    hits = list(TermsMatcher([rule]).find(NormalisedText("招代理交加盟费再招代理")))
    assert [(h.start, h.end) for h in hits] == [(0, 3), (4, 7), (8, 11)]


def test_terms_span_survives_normalisation() -> None:
    engine = Engine([make_rule(terms=["招代理"])])
    assert spans(engine, "诚 招 代 理！") == [("TST001", "招 代 理", 1, 3)]
    assert spans(engine, "誠招代理") == [("TST001", "招代理", 1, 2)]


def test_short_terms_need_word_boundaries() -> None:
    engine = Engine([make_rule(terms=["级差", "代理"])])
    assert spans(engine, "服务超级差") == []
    assert spans(engine, "代理商大会") == []
    assert spans(engine, "级差奖励") == [("TST001", "级差", 1, 1)]


def test_unless_suppresses_overlapping_hits_only() -> None:
    engine = Engine([make_rule(terms=["加盟费"], unless=[compact_form("免加盟费")])])
    assert spans(engine, "免加盟费") == []
    assert spans(engine, "免加盟费，但要交加盟费") == [("TST001", "加盟费", 1, 9)]


def test_word_scope_rejects_a_single_clause_break() -> None:
    engine = Engine([make_rule(terms=["年入", "招代理"], boundary="never")])
    assert spans(engine, "去年，入了货") == []
    assert spans(engine, "年 入") == [("TST001", "年 入", 1, 1)]  # spaces are not clause breaks
    assert spans(engine, "招，代，理") == [("TST001", "招，代，理", 1, 1)]  # every character split: evasion
    assert spans(engine, "招，代理") == []


# -- pattern ----------------------------------------------------------------
def test_pattern_matcher() -> None:
    rule = make_rule(pattern="(?:发展|拉)下线")
    hits = list(PatternMatcher([rule]).find(NormalisedText("拉下线有奖发展下线")))
    assert [(h.start, h.end) for h in hits] == [(0, 3), (5, 9)]


def test_pattern_span_in_traditional_text() -> None:
    engine = Engine([make_rule(pattern="大代理抽取小代理的佣金")])
    text = "金字塔式的大代理抽取小代理的傭金。"
    assert spans(engine, text) == [("TST001", "大代理抽取小代理的傭金", 1, 6)]


# -- amount -----------------------------------------------------------------
AMOUNT = AmountSpec(
    subjects=(("月入", "month"), ("日赚", "day")),
    minimum=(("month", 10000.0), ("day", 300.0)),
    fillers=("轻松", "过"),
)


def test_amount_matcher_thresholds() -> None:
    matcher = AmountMatcher([make_rule(kind="amount", spec=AMOUNT, category="income-promise")])
    found = [
        compact[h.start : h.end]
        for compact in ("月入十万", "月入3000", "日赚500", "月入轻松过万")
        for h in matcher.find(NormalisedText(compact))
    ]
    assert found == ["月入十万", "日赚500", "月入轻松过万"]


def test_amount_rule_spans_and_boundaries() -> None:
    engine = Engine([make_rule(kind="amount", spec=AMOUNT, category="income-promise")])
    assert spans(engine, "宝妈月 入 １０ｗ") == [("TST001", "月 入 １０ｗ", 1, 3)]
    assert spans(engine, "8月入10万人次") != []  # 月入 + amount at word boundaries: fires
    assert spans(engine, "我们8月入住，住了10万晚") == []


# -- compound ---------------------------------------------------------------
def test_all_compound_fires_only_with_every_part() -> None:
    rec = make_rule("REC001", terms=["招代理"])
    fee = make_rule("FEE001", category="entry-fee", terms=["代理费"])
    both = make_rule(
        "PYR900",
        category="pyramid-commission",
        severity="critical",
        kind="all", spec=CompoundSpec("all", (("REC",), ("category:entry-fee",)), None),
    )
    engine = Engine([rec, fee, both])
    report = engine.check("招代理！\n代理费1980")
    combined = [f for f in report.findings if f.rule == "PYR900"]
    assert len(combined) == 1
    assert combined[0].parts[0].rule == "REC001" and combined[0].parts[1].rule == "FEE001"
    assert combined[0].location.text == "招代理"
    assert report.risk.level == "critical"
    assert not [f for f in engine.check("招代理").findings if f.rule == "PYR900"]


def test_compound_within_window() -> None:
    rec = make_rule("REC001", terms=["招代理"])
    fee = make_rule("FEE001", category="entry-fee", terms=["代理费"])
    near = make_rule("MIX001", kind="all", spec=CompoundSpec("all", (("REC001",), ("FEE001",)), 10))
    engine = Engine([rec, fee, near])
    assert [f for f in engine.check("招代理，代理费").findings if f.rule == "MIX001"]
    assert not [f for f in engine.check("招代理" + "。" * 30 + "代理费").findings if f.rule == "MIX001"]


def test_compound_ignores_negated_parts() -> None:
    rec = make_rule("REC001", terms=["招代理"])
    fee = make_rule("FEE001", category="entry-fee", terms=["代理费"])
    both = make_rule("PYR900", kind="all", spec=CompoundSpec("all", (("REC001",), ("FEE001",)), None))
    engine = Engine([rec, fee, both])
    assert not [f for f in engine.check("招代理，不收代理费").findings if f.rule == "PYR900"]


def test_any_compound() -> None:
    rec = make_rule("REC001", terms=["招代理"])
    anyone = make_rule("ANY001", kind="any", spec=CompoundSpec("any", (("REC001",),), None))
    assert [f.rule for f in Engine([rec, anyone]).check("招代理").findings] == ["ANY001", "REC001"]


def test_any_compound_with_at_least() -> None:
    low = make_rule("REC002", severity="low", terms=["零基础"])
    target = make_rule("REC003", severity="low", terms=["宝妈兼职"])
    call = make_rule("REC004", severity="low", terms=["名额有限"])
    spec = CompoundSpec("any", (("REC002",), ("REC003",), ("REC004",)), None, at_least=2)
    pitch = make_rule("REC900", kind="any", spec=spec)
    engine = Engine([low, target, call, pitch])
    assert [f for f in engine.check("零基础，宝妈兼职").findings if f.rule == "REC900"]
    assert not [f for f in engine.check("零基础也能学会").findings if f.rule == "REC900"]


def test_range_dash_between_digits_is_part_of_the_number() -> None:
    engine = Engine([make_rule(kind="amount", spec=AMOUNT, category="income-promise")])
    assert spans(engine, "平均月入7000-10000元") == []
    assert spans(engine, "月入3-5万") == [("TST001", "月入3-5万", 1, 1)]


# -- split ------------------------------------------------------------------
def test_split_rule_reports_the_dodge_on_the_span_of_the_other_match() -> None:
    fee = make_rule("FEE001", category="entry-fee", terms=["入门费"])
    split = make_rule("EVA009", category="evasion", severity="low", kind="split", spec=SplitSpec(min_chars=3))
    engine = Engine([fee, split])
    assert spans(engine, "入 门 费只要699", "EVA009") == [("EVA009", "入 门 费", 1, 1)]
    assert spans(engine, "入门🔥费", "EVA009") == [("EVA009", "入门🔥费", 1, 1)]
    assert spans(engine, "入门费 699", "EVA009") == []
    assert spans(engine, "入门 费", "EVA009") == []  # one stray space is not a dodge


# -- the shared literal scan ------------------------------------------------
class _Words:
    def __init__(self, words: dict[str, object]) -> None:
        self.words = words

    def literals(self) -> dict[str, object]:
        return self.words


def _naive_scan(words: dict[str, object], text: str) -> list[tuple[int, int, object]]:
    """Every occurrence of every word, by where it ends, the longer first at one end."""
    found = [
        (start + len(word) - 1, len(word), payload)
        for word, payload in words.items()
        for start in range(len(text))
        if text.startswith(word, start)
    ]
    return sorted(found, key=lambda item: (item[0], -item[1]))


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="天得最好第一微信ab🙂", min_size=1, max_size=4), min_size=1, max_size=8, unique=True
    ),
    text=st.text(alphabet="天得最好第一微信ab🙂，", max_size=40),
    repeat=st.sampled_from([1, 40]),
)
def test_literal_scan_reports_every_overlapping_word_in_end_order(words: list[str], text: str, repeat: int) -> None:
    # Matchers merge windows in the order the scan reports: by end, the longer word first. A
    # text of a few matches and one of hundreds are sorted out to their matchers differently.
    text *= repeat
    first = _Words({word: ("first", word) for word in words})
    second = _Words({word: ("second", word) for word in words[::2]})
    none = _Words({})
    found = LiteralScan([first, none, second]).scan(text)
    assert list(found[0]) == _naive_scan(first.words, text)
    assert list(found[1]) == []
    assert list(found[2]) == _naive_scan(second.words, text)


def test_literal_scan_offsets_are_code_points() -> None:
    scan = LiteralScan([_Words({"月入十万": 1, "🙂": 2})])
    assert scan.scan("🙂a月入十万")[0] == [(0, 1, 2), (5, 4, 1)]


def test_shipped_patterns_find_the_same_matches_with_re_and_regex() -> None:
    """Short windows are searched with ``re``, long ones with ``regex`` (for its timeout): every
    shipped pattern must read the same with both, on every rule example and its windows."""
    import regex

    from copycheck.matchers.pattern import plain_pattern
    from copycheck.ruleset.loader import load_rules

    rules = load_rules()
    texts = [compact_form(text) for rule in rules for text in (*rule.examples.fire, *rule.examples.ok)]
    texts.append("".join(texts))  # every example next to every other
    patterns = [rule for rule in rules if rule.kind == "pattern"]
    assert len(patterns) > 40
    for rule in patterns:
        plain, full = plain_pattern(rule.spec.regex), regex.compile(rule.spec.regex)
        assert plain is not None, f"{rule.id}: re cannot read its pattern"
        for text in texts:
            for lo in (0, len(text) // 3):
                ours = [m.span() for m in plain.finditer(text, lo, len(text))]
                theirs = [m.span() for m in full.finditer(text, lo, len(text))]
                assert ours == theirs, (rule.id, text[:40])


def test_a_pattern_only_regex_reads_still_matches_in_a_short_window() -> None:
    engine = Engine([make_rule(pattern=r"代理\p{Han}{2}")])
    assert spans(engine, "诚招代理加盟") == [("TST001", "代理加盟", 1, 3)]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="之一吗最爱a.", min_size=1, max_size=3), min_size=1, max_size=6),
    text=st.text(alphabet="之一吗最爱我a.", max_size=400),
    lo=st.integers(0, 400),
    width=st.integers(0, 400),
)
def test_sentence_exceptions_are_found_wholly_inside_the_span(words: list[str], text: str, lo: int, width: int) -> None:
    """One search of a short span and the index of a long one both answer: does one of the words
    lie wholly inside [lo, hi)?"""
    from copycheck.engine import _WordPositions

    hi = min(len(text), lo + width)
    expected = any(
        text.startswith(word, start) and start + len(word) <= hi for word in words for start in range(lo, hi)
    )
    assert _WordPositions(text).any_within(words, lo, hi) is expected
