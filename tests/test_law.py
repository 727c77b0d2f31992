from __future__ import annotations

import yaml
from conftest import shared_path

from copycheck.ruleset.law import provisions


def test_provisions_are_verbatim_copies_of_the_shared_source() -> None:
    source = {p["id"]: p for p in yaml.safe_load(shared_path("law", "provisions.yaml").read_text(encoding="utf-8"))}
    for pid, provision in provisions().items():
        original = source[pid]
        assert provision.text == original["text"]
        assert provision.article == original["article"]
        assert provision.law == original["law"]


def test_2025_unfair_competition_numbering() -> None:
    assert provisions()["ucl-9"].article == "第九条"
    assert "虚假评价" in provisions()["ucl-9"].text


def test_item_text() -> None:
    item = provisions()["psr-7"].item_text("二")
    assert item.startswith("(二)") and "交纳费用" in item


def test_every_provision_has_one_citation_in_each_language() -> None:
    from copycheck.ruleset.law import provisions

    table = provisions()
    assert table["psr-7"].cite("二") == "禁止传销条例第七条（二）"
    assert table["psr-7"].cite("二", "en") == "Regulations on Prohibition of Pyramid Selling, Art. 7(2)"
    assert table["crim-224-1"].cite(lang="en") == "Criminal Law, Art. 224-1"
    for provision in table.values():
        english = provision.cite(lang="en")
        # Every law has an English name and every article an Arabic number: no Chinese left.
        assert not any("\u4e00" <= c <= "\u9fff" for c in english), english
        assert english.startswith(provision.law_name("en") + ", Art. ")


def test_english_output_names_the_law_in_english() -> None:
    from copycheck import Checker
    from copycheck.formatters.text import format_text

    report = Checker().report([Checker().check("诚招代理，代理费1980，直推奖20%")])
    english = format_text(report, lang="en")
    assert "Regulations on Prohibition of Pyramid Selling, Art. 7(2)" in english
    assert "禁止传销条例第七条" not in english


def test_citation_forms() -> None:
    psr, adl = provisions()["psr-7"], provisions()["adl-9"]
    assert psr.cite(("二", "三")) == "禁止传销条例第七条（二）（三）"
    assert psr.cite(["二", "三"], "en") == "Regulations on Prohibition of Pyramid Selling, Art. 7(2)(3)"
    assert adl.cite("三", form="full") == "中华人民共和国广告法第九条（三）"
    assert adl.cite("三", "en", "full") == "Advertising Law, Art. 9(3) (中华人民共和国广告法第九条（三）)"
    assert adl.cite(lang="en", form="full") == "Advertising Law, Art. 9 (中华人民共和国广告法第九条)"
    assert psr.cite("二", form="titled") == "《禁止传销条例》第七条（二）"
    assert psr.cite("二", "en", "titled") == "Regulations on Prohibition of Pyramid Selling (禁止传销条例), Art. 7(2)"
    assert psr.law_name("en", "titled") == "Regulations on Prohibition of Pyramid Selling (禁止传销条例)"
    assert adl.cite(["二", "三"], form="heading") == "中华人民共和国广告法 第九条（二、三）"
    assert adl.cite("三", "en", "heading") == "Advertising Law, Art. 9(3) (中华人民共和国广告法 第九条（三）)"


def test_no_formatter_builds_a_citation_by_hand() -> None:
    """Law name + article is Provision.cite's business: no other module reads both fields."""
    import re
    from pathlib import Path

    import copycheck

    package = Path(copycheck.__file__).parent
    for path in package.rglob("*.py"):
        if path.name == "law.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\.article\b", source), path
