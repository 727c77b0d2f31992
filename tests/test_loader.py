from __future__ import annotations

from pathlib import Path

import pytest

from copycheck.ruleset.law import provisions
from copycheck.ruleset.loader import (
    RuleFileError,
    load_dir,
    load_file,
    load_rules,
    load_ruleset,
    read_dir,
    read_file,
    shipped_rules_dir,
)

GOOD = """\
- id: TST001
  category: recruitment
  severity: medium
  title: {zh: 测试, en: test}
  terms: [招代理]
  message: {zh: "「{text}」", en: "“{text}”"}
  why: {zh: 原因, en: why}
  suggest: {zh: 建议, en: suggest}
  references: [psr-7(二)]
  examples: {fire: [招代理], ok: [招聘]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rule_loads(tmp_path: Path) -> None:
    (rule,) = load_file(write(tmp_path, GOOD))
    assert rule.id == "TST001" and rule.spec.terms == ("招代理",)
    assert str(rule.references[0]) == "psr-7(二)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  severity: medium\n", "  severity: hgih\n", ":3: TST001.severity: 'hgih' is not one of"),
        ("  category: recruitment\n", "  category: spam\n", ":2: TST001.category:"),
        ("  terms: [招代理]\n", "  terms: [招代理]\n  colour: red\n", ":6: TST001.colour: unknown field"),
        ("[psr-7(二)]", "[psr-99]", ":9: TST001.references: unknown provision 'psr-99'"),
        ("  terms: [招代理]\n", "  pattern: '招(代理'\n", ":5: TST001.pattern: bad regular expression"),
        ("  terms: [招代理]\n", "", ":1: TST001.id: a rule needs exactly one of"),
        ("{zh: 原因, en: why}", "{zh: 原因}", ":7: TST001.why: expected a mapping with exactly the keys zh and en"),
        ("ok: [招聘]", "ok: []", ":10: TST001.examples: ok must be a non-empty list"),
        ("id: TST001", "id: tst1", ":1: tst1.id: 'tst1' is not an id"),
        ('"「{text}」"', '"「{txt}」"', ":6: TST001.message: unknown placeholder"),
        ("fire: [招代理]", 'fire: ["[招代理"]', ":10: TST001.examples: fire: '[招代理' must mark one span"),
        ("fire: [招代理]", 'fire: ["招]代理"]', ":10: TST001.examples: fire: unpaired ']'"),
        ("fire: [招代理]", 'fire: ["[]招代理"]', ":10: TST001.examples: fire: '[]招代理' marks an empty span"),
        ("ok: [招聘]", 'ok: ["[招聘]"]', ":10: TST001.examples: ok: '[招聘]' marks a span"),
    ],
)
def test_bad_rule_names_file_line_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleFileError) as error:
        load_file(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "- id: [unclosed\n")
    with pytest.raises(RuleFileError, match=r"pack.yaml:\d+: invalid YAML"):
        load_file(path)


def test_duplicate_ids_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path, GOOD + GOOD)
    with pytest.raises(RuleFileError, match="duplicate id"):
        load_rules([tmp_path], include_shipped=False)


def test_user_rule_overrides_shipped_rule(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace("TST001", "REC001"))
    rules = {r.id: r for r in load_rules([tmp_path])}
    assert rules["REC001"].spec.terms == ("招代理",)


def test_compound_selector_must_name_a_rule(tmp_path: Path) -> None:
    compound = GOOD.replace("  terms: [招代理]\n", "  all: {rules: [TST001, ZZZ]}\n").replace("TST001\n", "TST002\n", 1)
    write(tmp_path, GOOD + compound)
    with pytest.raises(RuleFileError, match="selector 'ZZZ' names no rule"):
        load_rules([tmp_path], include_shipped=False)


def test_every_shipped_reference_is_a_copied_provision() -> None:
    known = provisions()
    for rule in load_dir(shipped_rules_dir()):
        for ref in rule.references:
            assert ref.id in known, f"{rule.id} cites {ref.id}"
            if ref.item:
                assert known[ref.id].item_text(ref.item) != known[ref.id].text.strip(), f"{rule.id}: no item {ref}"


# A rule whose pattern names forms the view never holds: 薇信 is read 微信, 單 is read 单.
DEAD = GOOD.replace("  terms: [招代理]\n", "  pattern: '加(?:微信|薇信)|刷單'\n  unless: [招代理]\n")


def test_a_literal_the_view_folds_away_is_a_warning_with_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, DEAD)
    found = read_file(path)
    assert [r.id for r in found.rules] == ["TST001"]  # a warning does not stop the load
    assert found.warnings == (
        f"{path}:5: TST001.pattern: literal '刷單' can never match: the view folds it to '刷单'",
        f"{path}:5: TST001.pattern: literal '薇信' can never match: the view folds it to '微信'",
    )
    assert load_ruleset([tmp_path], include_shipped=False).warnings == found.warnings


def test_a_literal_kept_in_some_context_is_not_a_warning(tmp_path: Path) -> None:
    # 加V is read 加微信, but not after 参 (参加V); a decimal point is kept between digits; terms
    # and exceptions are compacted before they are compared, so 薇信 there is 微信.
    kept = DEAD.replace("加(?:微信|薇信)|刷單", r"加v|\d\.\d").replace("unless: [招代理]", "unless: [薇信]")
    assert read_file(write(tmp_path, kept)).warnings == ()
    terms = GOOD.replace("terms: [招代理]", "terms: [招代理, 加薇信, 刷單]")
    assert read_file(write(tmp_path, terms)).warnings == ()


def test_the_shipped_packs_have_no_warnings() -> None:
    assert load_ruleset().warnings == ()
    assert read_dir(shipped_rules_dir()).warnings == ()


def test_sources_name_the_articles_the_why_draws_on(tmp_path: Path) -> None:
    why = "{zh: 来源文章指出代理压货, en: The source article notes stock piles up}"
    cited = GOOD.replace("{zh: 原因, en: why}", why)
    with pytest.raises(RuleFileError, match=r"pack.yaml:1: TST001.sources: the why cites the source articles"):
        load_file(write(tmp_path, cited))
    named = cited.replace("  references:", "  sources: [social-vs-weishang]\n  references:")
    (rule,) = load_file(write(tmp_path, named))
    assert rule.sources == ("social-vs-weishang",)
    unknown = named.replace("[social-vs-weishang]", "[social-vs-weishang, nope]")
    with pytest.raises(RuleFileError, match=r"pack.yaml:9: TST001.sources: unknown source article 'nope' \(known: "):
        load_file(write(tmp_path, unknown))
    # A why that draws on no article simply has no sources.
    (plain,) = load_file(write(tmp_path, GOOD))
    assert plain.sources == ()


def test_every_source_article_is_in_the_shared_folder() -> None:
    from conftest import shared_path

    from copycheck.ruleset.articles import articles

    folder = shared_path("sources")
    assert len(articles()) == 4
    for article in articles().values():
        assert (folder / article.file).is_file(), article.id
    used = {name for rule in load_dir(shipped_rules_dir()) for name in rule.sources}
    assert used == set(articles())  # every article backs some rule
