from __future__ import annotations

import random

import pytest

from copycheck.view.normalise import NormalisedText, _build_line, compact_form


def mapping(text: str) -> list[tuple[str, str]]:
    """Each compact character with the original text it maps back to."""
    norm = NormalisedText(text)
    pairs = []
    for i, char in enumerate(norm.compact):
        start, end = norm.to_original(i, i + 1)
        pairs.append((char, text[start:end]))
    return pairs


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("月入１０万", "月入10万"),  # full-width digits
        ("ＶＸ", "微信"),  # full-width letters, then contact folding
        ("月入十萬", "月入十万"),  # traditional
        ("月 入 十 万", "月入十万"),  # spaces
        ("月*入*十*万", "月入十万"),  # symbols
        ("月🔥入十万", "月入十万"),  # emoji
        ("月\u200b入十万", "月入十万"),  # zero-width space
        ("網(wǎng)站建設(shè)", "网站建设"),  # pinyin debris
        ("招代理x0dx0a囤货", "招代理囤货"),  # literal CRLF debris
        ("加V信", "加微信"),
        ("➕v", "加微信"),
        ("薇信", "微信"),
        ("vx: abc", "微信abc"),
        ("1.5万", "1.5万"),  # decimal point kept
        ("10,000元", "10000元"),  # thousands comma dropped
        ("㎏", "kg"),  # compatibility expansion
    ],
)
def test_compact_view(text: str, compact: str) -> None:
    assert compact_form(text) == compact


def test_width_and_traditional_map_one_to_one() -> None:
    assert mapping("月入１０萬") == [("月", "月"), ("入", "入"), ("1", "１"), ("0", "０"), ("万", "萬")]


def test_separators_are_skipped_in_the_map() -> None:
    assert mapping("月 🔥入") == [("月", "月"), ("入", "入")]


def test_pinyin_debris_maps_to_the_character_before_it() -> None:
    assert mapping("網(wǎng)站") == [("网", "網"), ("站", "站")]


def test_contact_variant_maps_to_the_whole_variant() -> None:
    text = "详情➕ V了解"
    norm = NormalisedText(text)
    start, end = norm.to_original(2, 5)
    assert norm.compact[2:5] == "加微信"
    assert text[start:end] == "➕ V"


def test_multiline_offsets_are_absolute() -> None:
    text = "第一行\r\n第二行 月入十万"
    norm = NormalisedText(text)
    i = norm.compact.index("月入十万")
    start, end = norm.to_original(i, i + 4)
    assert text[start:end] == "月入十万"


def test_gaps_and_hard_breaks() -> None:
    norm = NormalisedText("月，入，十，万")
    assert norm.gaps_within(0, 4) == (3, 3)
    norm = NormalisedText("去年，入了")
    assert norm.gaps_within(0, 3) == (1, 1)
    norm = NormalisedText("月 入十万")
    assert norm.gaps_within(0, 4) == (1, 0)


def test_sentence_bounds() -> None:
    text = "你好。月入十万！再见"
    norm = NormalisedText(text)
    i = norm.compact.index("月")
    start, end = norm.sentence_bounds(i)
    assert norm.compact[start:end] == "月入十万"


ALPHABET = [*list("月入十万萬網站招代理 ，。！\n🔥*vV信薇➕１0.,(wǎng)x0dx0a\u200b"), "(wǎng)", "x0dx0a", "➕V"]


@pytest.mark.parametrize("seed", range(40))
def test_random_text_invariants(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60)))
    norm = NormalisedText(text)
    previous_end = 0
    for i in range(len(norm.compact)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous_end or end == previous_end  # monotonic, shared only inside one segment
        previous_end = max(previous_end, end)
    # The lazily built exact map of each line agrees with the eager compact view.
    lines = text.split("\n")
    from copycheck.view.charfold import fold_chars

    rebuilt = "".join(_build_line(fold_chars(line), 0, False).compact for line in lines)
    assert rebuilt == norm.compact


def test_plain_line_map_equals_the_general_builder() -> None:
    """The fast builder for lines with nothing special gives the general builder's exact view."""
    import random
    from dataclasses import asdict

    from copycheck.view.normalise import _build_line, _build_plain_line

    rng = random.Random(11)
    alphabet = "月入十万，。！？、 ,.;…1234567890x-~_*#好的代理费5元\r➕+✚%"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        for after_newline in (False, True):
            general = asdict(_build_line(text, 5, after_newline, special=False))
            assert asdict(_build_plain_line(text, 5, after_newline)) == general, repr(text)


def test_a_nul_in_the_text_is_not_a_traditional_character() -> None:
    from copycheck.view.normalise import NormalisedText

    text = "月入十万\x000月 入 十 萬月 入 十 萬月 入 十 萬"
    norm = NormalisedText(text)
    for start, end in norm.mixed_script_runs():
        ostart, oend = norm.to_original(start, end)
        assert text[ostart:oend] == "萬"


def test_folding_past_the_basic_plane_is_the_one_table() -> None:
    """The fold runs as a table of the Basic Multilingual Plane plus a second pass for the few
    code points past it (𝐕, 🅥, extension-B characters): the same result as the one table."""
    from copycheck.view.charfold import fold_chars, tables

    one_to_one = tables()[0]
    beyond = sorted(chr(code) for code in one_to_one if code > 0xFFFF)
    inside = sorted(chr(code) for code in one_to_one if code <= 0xFFFF)
    assert beyond and inside
    rng = random.Random(7)
    alphabet = [*rng.sample(beyond, 40), *rng.sample(inside, 40), "月", "入", "a", "🔥", "，", "\n"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert fold_chars(text) == text.translate(one_to_one), repr(text)
    assert fold_chars("加𝐕𝐗") == "加vx"


def test_traditional_characters_are_placed_alike_by_translating_and_by_searching() -> None:
    """A process looks short texts up and translates long ones until it has read enough text to
    pay for compiling the search; the three ways must place the same characters, the
    extension-B ones and a NUL included."""
    from copycheck.view.charfold import _looked_up_positions, _scripts, _searched_positions, _translated_positions

    traditional, simplified = _scripts()
    beyond = sorted(c for c in traditional if ord(c) > 0xFFFF)
    inside = sorted(c for c in traditional if ord(c) <= 0xFFFF)
    assert beyond and inside
    rng = random.Random(5)
    alphabet = [*rng.sample(beyond, 20), *rng.sample(inside, 40), *rng.sample(sorted(simplified), 20)]
    alphabet += ["月", "入", "a", "🔥", "𠀾", "，", "\n", "\x00", "\x01"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = [i for i, c in enumerate(text) if c in traditional]
        for fewest in (1, 3):
            want = expected if len(expected) >= fewest else []
            assert _translated_positions(text, fewest) == want, repr(text)
            assert _searched_positions(text, fewest) == want, repr(text)
            assert _looked_up_positions(text, fewest) == want, repr(text)


def test_folding_by_search_is_folding_by_table() -> None:
    """A long run folds by search and replace instead of the translate table: the same result,
    the full-width marks replaced first and 薴 (which folds to a character that folds again)
    folded once."""
    from copycheck.view.charfold import _fold_sequence, _folded_by_search, tables

    plane = _fold_sequence()[0]
    folding = sorted(chr(code) for code in tables()[0] if code <= 0xFFFF)
    rng = random.Random(9)
    alphabet = [*rng.sample(folding, 60), "，", "！", "\u3000", "～", "薴", "苧", "月", "入", "a", "🔥", "\n", "𝐕"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _folded_by_search(text) == text.translate(plane), repr(text)
    assert _folded_by_search("薴，ＡＢ") == "苧,ab"


def test_folding_past_the_plane_by_search_is_the_table() -> None:
    """A long run folds the characters past the plane (𝐕, 🅥, extension B) by search as well;
    emoji, which do not fold, stay."""
    from copycheck.view.charfold import _beyond_search, _fold_sequence

    beyond = _fold_sequence()[1]
    rng = random.Random(13)
    alphabet = [*map(chr, rng.sample(sorted(beyond), 40)), "🔥", "😀", "𠀾", "月", "a"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _beyond_search().sub(lambda m: beyond[ord(m.group())], text) == text.translate(beyond), repr(text)


def test_lone_number_marks_are_those_not_between_digits() -> None:
    from copycheck.view.normalise import _LONE_NUMBER_MARKS

    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice("1.~-a５\n") for _ in range(rng.randint(0, 12)))
        lone = [
            i
            for i, c in enumerate(text)
            if c in ".~-" and not (0 < i < len(text) - 1 and text[i - 1].isdecimal() and text[i + 1].isdecimal())
        ]
        assert [m.start() for m in _LONE_NUMBER_MARKS.finditer(text)] == lone, repr(text)


def test_an_ellipsis_is_a_sentence_break_not_three_dots() -> None:
    """NFKC writes … as ... and ‼ as !!; marks alone are separators, not text of the view, so a
    word split by ellipses reads whole and … ends a sentence. An expansion with a letter or
    digit (㎏, ⑩) is still text."""
    from copycheck.view.normalise import NormalisedText

    norm = NormalisedText("月…入…十…万‼加我")
    assert norm.compact == "月入十万加我"
    assert norm.gaps_within(0, 4) == (3, 3)
    assert norm.sentence_bounds(0) == (0, 1)
    assert NormalisedText("5㎏装").compact == "5kg装"
