"""Concept lexicons: named word classes in ``lexicons/`` folders beside the rule packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from copycheck.ruleset.lexicon import LexiconError, load_lexicon
from copycheck.ruleset.loader import RuleFileError, load_dir, load_rules, shipped_rules_dir

CLASSES = """\
- class: reward
  title: {zh: 奖励, en: rewards}
  members:
    - 提成
    - 返: [返还, 反]
  include: [cash]
  unless: [返回]
- class: cash
  title: {zh: 现金, en: cash}
  members: [現金, 红包]
  unless: [红包雨]
"""

FRAME_RULE = """\
- id: TST010
  category: pyramid-commission
  severity: high
  title: {zh: 测试, en: test}
  frame:
    parts: [recruiter, reward]
    gap: 4
  message: {zh: "「{text}」", en: "“{text}”"}
  why: {zh: 原因, en: why}
  suggest: {zh: 建议, en: suggest}
  references: [psr-7(一)]
  examples: {fire: [拉人提成, 拉人返现, 带人红包], ok: [拉面提成, 返回]}
"""


def write_lexicon(folder: Path, text: str, name: str = "words.yaml") -> Path:
    (folder / "lexicons").mkdir(parents=True, exist_ok=True)
    path = folder / "lexicons" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_members_variants_includes_and_lookalikes(tmp_path: Path) -> None:
    write_lexicon(tmp_path, CLASSES)
    lexicon = load_lexicon([tmp_path])
    reward = lexicon.get("reward")
    assert reward is not None
    # Variants count as members; included classes add theirs; traditional forms are folded.
    assert set(reward.members) == {"提成", "返", "返还", "反", "现金", "红包"}
    assert set(reward.unless) == {"返回", "红包雨"}
    assert reward.source.endswith("words.yaml:1")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- class: Bad Name\n  title: {zh: a, en: b}\n  members: [x]\n", "expected a lower-case name"),
        ("- class: a\n  title: {zh: a}\n  members: [x]\n", "a.title: expected a mapping"),
        ("- class: a\n  title: {zh: a, en: b}\n", "a.members: a class needs members or include"),
        ("- class: a\n  title: {zh: a, en: b}\n  members: [x]\n  colour: red\n", "a.colour: unknown field"),
        ("- class: a\n  title: {zh: a, en: b}\n  include: [nope]\n", "a.include: unknown class 'nope'"),
        (
            "- class: a\n  title: {zh: a, en: b}\n  include: [b]\n"
            "- class: b\n  title: {zh: a, en: b}\n  include: [a]\n",
            "includes itself",
        ),
        ("- class: a\n  title: {zh: a, en: b}\n  members: [x]\n" * 2, "duplicate class"),
        ("- class: a\n  title: {zh: a, en: b}\n  members: [' ，']\n", "empty once separators are removed"),
        ("class: a\n", "a lexicon file must be a YAML list"),
    ],
)
def test_bad_lexicons_name_file_line_and_field(tmp_path: Path, text: str, problem: str) -> None:
    path = write_lexicon(tmp_path, text)
    with pytest.raises(LexiconError) as error:
        load_lexicon([tmp_path])
    message = str(error.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_a_rule_folder_with_its_own_lexicon(tmp_path: Path) -> None:
    write_lexicon(tmp_path, "- class: recruiter\n  title: {zh: 拉人, en: recruiting}\n  members: [拉人, 带人]\n")
    write_lexicon(tmp_path, CLASSES, "more.yaml")
    (tmp_path / "pack.yaml").write_text(FRAME_RULE, encoding="utf-8")
    rules = {rule.id: rule for rule in load_rules([tmp_path])}
    assert rules["TST010"].kind == "frame"
    # The lexicon folder holds classes, not rules: its files are not read as rule packs.
    assert all(not rule.source.startswith(str(tmp_path / "lexicons")) for rule in rules.values())


def test_a_frame_naming_an_unknown_class_is_a_rule_file_error(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(FRAME_RULE, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"pack.yaml:\d+: TST010.frame: unknown word class 'recruiter'"):
        load_rules([tmp_path], include_shipped=False)


def test_a_later_folder_replaces_a_shipped_class(tmp_path: Path) -> None:
    write_lexicon(tmp_path, "- class: again\n  title: {zh: 再, en: again}\n  members: [再次]\n")
    shipped = load_lexicon([shipped_rules_dir()]).get("again")
    mine = load_lexicon([shipped_rules_dir(), tmp_path]).get("again")
    assert shipped is not None and mine is not None
    assert mine.members == ("再次",) and shipped.members != mine.members


def test_every_shipped_class_is_used_by_a_rule() -> None:
    from copycheck.matchers import kinds

    rules = load_dir(shipped_rules_dir())
    used = {name for rule in rules for name in kinds()[rule.kind].word_classes(rule)}
    assert set(load_lexicon([shipped_rules_dir()]).names()) == used
