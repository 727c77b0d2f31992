"""One selector grammar for --select/--ignore, the config and compound rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_loader import GOOD

from copycheck.errors import ConfigError
from copycheck.inputs.config import Settings, settings_from_table
from copycheck.inputs.suppressions import META_RULES
from copycheck.ruleset.loader import RuleFileError, load_dir, load_rules, shipped_rules_dir
from copycheck.ruleset.model import CATEGORIES
from copycheck.ruleset.selectors import Selector, SelectorError, rule_keys

SHIPPED = [(rule.id, rule.category) for rule in (*load_dir(shipped_rules_dir()), *META_RULES)]


@pytest.mark.parametrize(
    "text", ["ALL", "evasion", "category:evasion", "INC001", "INC", "INC0", "IN", "I", "ZZZ", "INC0011"]
)
def test_well_formed_selectors_parse_to_themselves(text: str) -> None:
    selector = Selector.parse(text)
    assert selector == text and repr(selector) == repr(text) and isinstance(selector, str)


@pytest.mark.parametrize("raw", ["inc001", "", "category:spam", "spam", "A1", "INC-1", "all", 7, None, ["INC"]])
def test_malformed_selectors_are_refused_with_the_cli_wording(raw: object) -> None:
    with pytest.raises(SelectorError) as error:
        Selector.parse(raw)
    assert str(error.value) == f"{raw!r} is not a rule id, id prefix, category or ALL"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("ALL", True),
        ("income-promise", True),
        ("category:income-promise", True),
        ("evasion", False),
        ("category:evasion", False),
        ("INC001", True),
        ("INC002", False),
        ("INC", True),
        ("INC0", True),
        ("I", True),
        ("IN", True),
        ("INC1", False),
        ("INCX", False),
        ("REC", False),
    ],
)
def test_what_a_selector_names(text: str, named: bool) -> None:
    assert Selector.parse(text).names("INC001", "income-promise") is named


def _candidates() -> list[str]:
    """Every selector that names a shipped rule, and near misses of each."""
    names = {"ALL", "ZZZ", "Z", "AB", "INC0011", *CATEGORIES, *(f"category:{c}" for c in CATEGORIES)}
    for rule_id, _ in SHIPPED:
        names.update(rule_id[:n] for n in range(1, len(rule_id) + 1))
        names.update({rule_id[:-1] + "9", rule_id + "0", rule_id[:2] + "Q"})
    return sorted(n for n in names if _parses(n))


def _parses(text: str) -> bool:
    try:
        Selector.parse(text)
    except SelectorError:
        return False
    return True


@pytest.mark.parametrize("text", _candidates())
def test_the_compound_key_sets_answer_exactly_as_the_general_test(text: str) -> None:
    selector = Selector.parse(text)
    for rule_id, category in SHIPPED:
        assert (selector in rule_keys(rule_id, category)) is selector.names(rule_id, category), (text, rule_id)


@given(
    st.text(alphabet="ABCINPRSVZ0129", min_size=1, max_size=8),
    st.sampled_from(SHIPPED),
)
def test_key_sets_agree_with_the_general_test_on_any_selector(text: str, rule: tuple[str, str]) -> None:
    if not _parses(text):
        return
    selector = Selector.parse(text)
    assert (selector in rule_keys(*rule)) is selector.names(*rule)


def test_settings_hold_parsed_selectors_and_refuse_bad_ones() -> None:
    settings = Settings(ignore=("INC",), per_file_ignores=(("*.md", ("category:evasion",)),))
    assert isinstance(settings.ignore[0], Selector) and isinstance(settings.per_file_ignores[0][1][0], Selector)
    assert not settings.selects("INC001", "income-promise") and settings.selects("REC001", "recruitment")
    with pytest.raises(SelectorError, match="'inc' is not a rule id"):
        Settings(select=("inc",))


def test_the_config_names_the_key_of_a_bad_selector(tmp_path: Path) -> None:
    path = tmp_path / "copycheck.toml"
    with pytest.raises(ConfigError) as error:
        settings_from_table({"per-file-ignores": {"*.md": ["INC", "bad one"]}}, path, "copycheck.toml")
    assert str(error.value) == (
        f"{path}: copycheck.toml per-file-ignores.*.md: 'bad one' is not a rule id, id prefix, category or ALL"
    )


# test_loader's one-rule pack (TST001, 招代理), an income rule and a compound of the two.
PACK = (
    GOOD
    + """\
- id: TST002
  category: income-promise
  severity: high
  title: {zh: 测试, en: test}
  terms: [月入十万]
  message: {zh: "「{text}」", en: "“{text}”"}
  why: {zh: 原因, en: why}
  suggest: {zh: 建议, en: suggest}
  references: [psr-7(二)]
  examples: {fire: [月入十万], ok: [月入]}
- id: TST010
  category: recruitment
  severity: high
  title: {zh: 组合, en: compound}
  all: {rules: RULES}
  message: {zh: "「{text}」", en: "“{text}”"}
  why: {zh: 原因, en: why}
  suggest: {zh: 建议, en: suggest}
  references: [psr-7(二)]
  examples: {fire: [招代理月入十万], ok: [招代理]}
"""
)


@pytest.mark.parametrize("rules", ["[recruitment, income-promise]", "[TST001, TST00]", "[ALL, TST0]", "[TST001, T]"])
def test_a_compound_takes_every_selector_ignore_takes(tmp_path: Path, rules: str) -> None:
    from copycheck import Checker

    (tmp_path / "pack.yaml").write_text(PACK.replace("RULES", rules), encoding="utf-8")
    checker = Checker(rules=load_rules([tmp_path], include_shipped=False))
    report = checker.check("诚招代理，月入十万")
    assert "TST010" in {f.rule for f in report.findings}
    # An ignored rule feeds no compound, whichever selector the compound names it by.
    ignoring = Checker(rules=checker.rules, settings=Settings(ignore=("TST001",))).check("诚招代理，月入十万")
    assert "TST001" not in {name for f in ignoring.findings for name in (f.rule, *(p.rule for p in f.parts))}


def test_a_compound_refuses_a_bad_selector_in_the_cli_wording(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("RULES", "[TST001, tst002]"), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_rules([tmp_path], include_shipped=False)
    assert str(error.value) == f"{path}:25: TST010.all: 'tst002' is not a rule id, id prefix, category or ALL"
